#include "tests/support/jwtsigner.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gantry::test {

namespace {

QByteArray base64Url(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

struct MdContextFree
{
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

} // namespace

JwtSigner::JwtSigner(const QString& certificatePath, const QString& keyPath)
    : m_key(readPrivateKeyPem(keyPath))
{
    const X509Ptr certificate = readCertificatePem(certificatePath);
    if (certificate)
        m_certificateDer = certificateToDer(certificate.get());
    if (!m_key || m_certificateDer.isEmpty())
        m_errorString
            = QStringLiteral("JwtSigner: cannot load %1 / %2 %3").arg(certificatePath, keyPath, lastOpenSslError());
    else if (EVP_PKEY_get_base_id(m_key.get()) != EVP_PKEY_RSA)
        m_errorString = QStringLiteral("JwtSigner: RS256 needs an RSA key, %1 is not one").arg(keyPath);
    if (!m_errorString.isEmpty())
        m_key.reset();
}

QByteArray JwtSigner::sign(const QJsonObject& claims) const
{
    if (!isValid())
        return {};
    const QJsonObject header {
        { QStringLiteral("typ"), QStringLiteral("JWT") },
        { QStringLiteral("alg"), QStringLiteral("RS256") },
        // x5c is plain base64 (RFC 7515 4.1.6), unlike the rest of the token.
        { QStringLiteral("x5c"), QJsonArray { QString::fromLatin1(m_certificateDer.toBase64()) } },
    };
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));

    std::unique_ptr<EVP_MD_CTX, MdContextFree> context(EVP_MD_CTX_new());
    size_t size = 0;
    const auto* input = reinterpret_cast<const unsigned char*>(signingInput.constData());
    if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1
        || EVP_DigestSign(context.get(), nullptr, &size, input, static_cast<size_t>(signingInput.size())) != 1)
        return {};
    QByteArray signature(static_cast<qsizetype>(size), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, input,
            static_cast<size_t>(signingInput.size()))
        != 1)
        return {};
    signature.truncate(static_cast<qsizetype>(size));
    return signingInput + '.' + base64Url(signature);
}

} // namespace gantry::test
