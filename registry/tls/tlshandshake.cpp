#include "registry/tls/tlshandshake.h"

#include "registry/tls/hostlookup.h"
#include "registry/tls/socketbio.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <openssl/err.h>
#include <poll.h>

namespace gantry::registry {

namespace {

constexpr std::string_view handshakeAction = "complete the TLS handshake";

// One context for every probe: building one loads OpenSSL's providers, which costs more than a
// handshake. Clients cache no sessions by default, so each probe sees the chain served anew.
SSL_CTX* clientContext()
{
    static const SslContextPtr context = [] {
        SslContextPtr created(SSL_CTX_new(TLS_client_method()));
        if (created && SSL_CTX_set_min_proto_version(created.get(), TLS1_2_VERSION) == 1) {
            SSL_CTX_set_verify(created.get(), SSL_VERIFY_NONE, nullptr);
            return created;
        }
        return SslContextPtr();
    }();
    return context.get();
}

std::string openSslReason(unsigned long error)
{
    const char* reason = ERR_reason_error_string(error);
    return reason ? reason : "error " + std::to_string(ERR_GET_REASON(error));
}

// What OpenSSL's record layer says when the first bytes back are not a TLS record: an HTTP
// status line reads as a bad version, other bytes as an absurd length or a record out of place.
bool meansNotTls(unsigned long error)
{
    constexpr std::array reasons { SSL_R_WRONG_VERSION_NUMBER, SSL_R_PACKET_LENGTH_TOO_LONG, SSL_R_UNEXPECTED_RECORD,
        SSL_R_HTTP_REQUEST, SSL_R_HTTPS_PROXY_REQUEST, SSL_R_UNKNOWN_PROTOCOL };
    return ERR_GET_LIB(error) == ERR_LIB_SSL && std::ranges::find(reasons, ERR_GET_REASON(error)) != reasons.end();
}

ProbeError handshakeError(int sslError, int systemError)
{
    const unsigned long error = ERR_peek_error();
    ERR_clear_error();
    const bool closed = sslError == SSL_ERROR_ZERO_RETURN
        || (sslError == SSL_ERROR_SYSCALL && error == 0 && systemError == 0)
        || (ERR_GET_LIB(error) == ERR_LIB_SSL && ERR_GET_REASON(error) == SSL_R_UNEXPECTED_EOF_WHILE_READING);
    if (closed)
        return { ProbeFailure::HandshakeFailed, "closed the connection during the TLS handshake" };
    if (sslError == SSL_ERROR_SYSCALL && error == 0) {
        if (systemError == ECONNRESET)
            return { ProbeFailure::HandshakeFailed, "reset the connection during the TLS handshake" };
        return { ProbeFailure::Network, "broke the connection (" + std::string(std::strerror(systemError)) + ")" };
    }
    if (meansNotTls(error))
        return { ProbeFailure::NotTls, "does not speak TLS (" + openSslReason(error) + ")" };
    return { ProbeFailure::HandshakeFailed, "failed the TLS handshake (" + openSslReason(error) + ")" };
}

bool setServerNameIndication(SSL* ssl, const std::string& serverName)
{
    // RFC 6066 allows only host names as SNI, never addresses.
    if (isIpAddress(serverName))
        return true;
    // What the SSL_set_tlsext_host_name macro expands to, minus its old-style cast.
    return SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(serverName.c_str()))
        == 1;
}

} // namespace

HandshakeOutcome tlsHandshake(
    const FileDescriptor& socket, const std::string& serverName, const ProbeDeadline& deadline)
{
    HandshakeOutcome outcome;
    SSL_CTX* context = clientContext();
    outcome.ssl.reset(context ? SSL_new(context) : nullptr);
    BioPtr bio = outcome.ssl ? makeNoSignalSocketBio(socket.get()) : nullptr;
    if (!bio || !setServerNameIndication(outcome.ssl.get(), serverName)) {
        ERR_clear_error();
        outcome.error = ProbeError { ProbeFailure::HandshakeFailed, "could not be probed: TLS could not be set up" };
        return outcome;
    }
    BIO* transport = bio.release();
    SSL_set_bio(outcome.ssl.get(), transport, transport);
    for (;;) {
        ERR_clear_error();
        errno = 0; // a stale EAGAIN would otherwise explain a clean close
        const int done = SSL_connect(outcome.ssl.get());
        const int systemError = errno;
        if (done == 1)
            return outcome;
        const int sslError = SSL_get_error(outcome.ssl.get(), done);
        if (sslError != SSL_ERROR_WANT_READ && sslError != SSL_ERROR_WANT_WRITE) {
            outcome.error = handshakeError(sslError, systemError);
            return outcome;
        }
        const short events = sslError == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
        if (auto ready = deadline.waitFor(socket.get(), events, handshakeAction); !ready) {
            outcome.error = ready.error();
            return outcome;
        }
    }
}

} // namespace gantry::registry
