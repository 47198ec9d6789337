#include "tests/support/opensslhandles.h"

#include "tests/support/filebytes.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

namespace gantry::test {

namespace {

struct BioFree
{
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

QByteArray drain(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

} // namespace

QString lastOpenSslError()
{
    const unsigned long code = ERR_get_error();
    if (code == 0)
        return {};
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return QString::fromLatin1(text);
}

X509Ptr readCertificatePem(const QString& path)
{
    const QByteArray pem = fileBytes(path);
    BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

EvpPkeyPtr readPrivateKeyPem(const QString& path)
{
    const QByteArray pem = fileBytes(path);
    BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    return EvpPkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

QByteArray certificateToPem(X509* certificate)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509(bio.get(), certificate) != 1)
        return {};
    return drain(bio.get());
}

QByteArray certificateToDer(X509* certificate)
{
    const int size = i2d_X509(certificate, nullptr);
    if (size <= 0)
        return {};
    QByteArray der(size, Qt::Uninitialized);
    auto* cursor = reinterpret_cast<unsigned char*>(der.data());
    i2d_X509(certificate, &cursor);
    return der;
}

QByteArray privateKeyToPem(EVP_PKEY* key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    // PKCS#8, unencrypted: what Go's crypto/tls, curl and Qt all read.
    if (PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return drain(bio.get());
}

} // namespace gantry::test
