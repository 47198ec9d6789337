#pragma once

#include <QByteArray>
#include <QString>
#include <memory>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace gantry::test {

// RAII owners for the OpenSSL objects the PKI and the token signer juggle.
struct EvpPkeyFree
{
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free
{
    void operator()(X509* certificate) const { X509_free(certificate); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

// The most recent OpenSSL error as text (empty if none), so a failed call explains itself in a test log.
QString lastOpenSslError();

X509Ptr readCertificatePem(const QString& path);
EvpPkeyPtr readPrivateKeyPem(const QString& path);
QByteArray certificateToPem(X509* certificate);
QByteArray certificateToDer(X509* certificate);
QByteArray privateKeyToPem(EVP_PKEY* key);

} // namespace gantry::test
