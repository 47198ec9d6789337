#include "registry/tls/socketbio.h"

#include <cerrno>
#include <cstdint>
#include <sys/socket.h>

namespace gantry::registry {

namespace {

int socketOf(BIO* bio)
{
    return static_cast<int>(reinterpret_cast<std::intptr_t>(BIO_get_data(bio)));
}

bool isTransient(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

int writeBytes(BIO* bio, const char* data, std::size_t size, std::size_t* written)
{
    BIO_clear_retry_flags(bio);
    const ssize_t sent = ::send(socketOf(bio), data, size, MSG_NOSIGNAL);
    if (sent >= 0) {
        *written = static_cast<std::size_t>(sent);
        return 1;
    }
    if (isTransient(errno))
        BIO_set_retry_write(bio);
    return 0;
}

int readBytes(BIO* bio, char* data, std::size_t size, std::size_t* read)
{
    BIO_clear_retry_flags(bio);
    const ssize_t received = ::recv(socketOf(bio), data, size, 0);
    if (received > 0) {
        *read = static_cast<std::size_t>(received);
        return 1;
    }
    // 0 is end of stream: no retry flag, so OpenSSL reports the peer's close.
    if (received < 0 && isTransient(errno))
        BIO_set_retry_read(bio);
    return 0;
}

long control(BIO*, int command, long, void*)
{
    // TLS asks the transport only to flush; everything else (KTLS, MTU…) is "not supported".
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

using BioMethodPtr = std::unique_ptr<BIO_METHOD, OpenSslFree<BIO_meth_free>>;

const BIO_METHOD* noSignalMethod()
{
    static const BioMethodPtr method = [] {
        BioMethodPtr created(BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "gantry no-SIGPIPE socket"));
        if (created && BIO_meth_set_write_ex(created.get(), writeBytes) == 1
            && BIO_meth_set_read_ex(created.get(), readBytes) == 1 && BIO_meth_set_ctrl(created.get(), control) == 1)
            return created;
        return BioMethodPtr();
    }();
    return method.get();
}

} // namespace

BioPtr makeNoSignalSocketBio(int fd)
{
    const BIO_METHOD* method = noSignalMethod();
    if (!method)
        return {};
    BioPtr bio(BIO_new(method));
    if (bio) {
        BIO_set_data(bio.get(), reinterpret_cast<void*>(static_cast<std::intptr_t>(fd)));
        BIO_set_init(bio.get(), 1);
    }
    return bio;
}

} // namespace gantry::registry
