#include "tests/support/testpki.h"

#include "tests/support/filebytes.h"
#include "tests/support/opensslhandles.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <openssl/bn.h>
#include <openssl/x509v3.h>

namespace gantry::test {

namespace {

EvpPkeyPtr generateKey(TestPki::KeyType keyType)
{
    if (keyType == TestPki::KeyType::Rsa2048)
        return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
    return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

bool addExtension(X509* certificate, X509V3_CTX* context, int nid, const QString& value)
{
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, context, nid, value.toUtf8().constData());
    if (!extension)
        return false;
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

bool setRandomSerial(X509* certificate)
{
    // Random, positive, 63 bits: unique enough that no client's session cache confuses two test certificates.
    BIGNUM* number = BN_new();
    const bool ok = BN_rand(number, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1
        && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) != nullptr;
    BN_free(number);
    return ok;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

TestPki::TestPki(KeyType keyType)
    : m_keyType(keyType)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_root = create(
        Kind::Root, QStringLiteral("Gantry Test Root CA"), {}, now.addYears(-10), now.addYears(10), nullptr, true);
}

TestPki::~TestPki() = default;

QStringList TestPki::defaultSubjectAltNames()
{
    return { QStringLiteral("IP:127.0.0.1"), QStringLiteral("DNS:localhost") };
}

IssuedCertificate TestPki::issue(const QString& commonName, const QStringList& subjectAltNames,
    const QDateTime& notBefore, const QDateTime& notAfter, const IssuedCertificate* issuer, bool isCa)
{
    return create(Kind::Issued, commonName, subjectAltNames, notBefore, notAfter, issuer ? issuer : &m_root, isCa);
}

IssuedCertificate TestPki::selfSigned(const QString& commonName, const QStringList& subjectAltNames,
    const QDateTime& notBefore, const QDateTime& notAfter)
{
    return create(Kind::SelfSigned, commonName, subjectAltNames, notBefore, notAfter, nullptr, false);
}

IssuedCertificate TestPki::create(Kind kind, const QString& commonName, const QStringList& subjectAltNames,
    const QDateTime& notBefore, const QDateTime& notAfter, const IssuedCertificate* issuer, bool isCa)
{
    const auto fail = [this](const QString& what) {
        const QString openSsl = lastOpenSslError();
        m_errorString
            = QStringLiteral("TestPki: ") + what + (openSsl.isEmpty() ? QString() : QStringLiteral(": ") + openSsl);
        qWarning("%s", qPrintable(m_errorString));
        return IssuedCertificate {};
    };
    if (!m_directory.isValid())
        return fail(QStringLiteral("no temporary directory"));

    X509Ptr issuerCertificate;
    EvpPkeyPtr issuerKey;
    if (kind == Kind::Issued) {
        if (!issuer || issuer->isNull() || !issuer->isCa)
            return fail(QStringLiteral("the issuer of \"%1\" is not a CA of this PKI").arg(commonName));
        issuerCertificate = readCertificatePem(issuer->certificatePath);
        issuerKey = readPrivateKeyPem(issuer->keyPath);
        if (!issuerCertificate || !issuerKey)
            return fail(QStringLiteral("cannot read the issuer %1").arg(issuer->certificatePath));
    }

    EvpPkeyPtr key = generateKey(m_keyType);
    X509Ptr certificate(X509_new());
    if (!key || !certificate)
        return fail(QStringLiteral("key generation"));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    IssuedCertificate result;
    result.commonName = commonName;
    result.notBefore = notBefore.isValid() ? notBefore.toUTC() : now.addSecs(-3600);
    result.notAfter = notAfter.isValid() ? notAfter.toUTC() : now.addDays(30);
    result.isCa = isCa;

    X509* cert = certificate.get();
    X509_NAME* subject = X509_get_subject_name(cert);
    const QByteArray cn = commonName.toUtf8();
    const bool built = X509_set_version(cert, X509_VERSION_3) == 1 && setRandomSerial(cert)
        && ASN1_TIME_set(X509_getm_notBefore(cert), result.notBefore.toSecsSinceEpoch()) != nullptr
        && ASN1_TIME_set(X509_getm_notAfter(cert), result.notAfter.toSecsSinceEpoch()) != nullptr
        && X509_NAME_add_entry_by_txt(
               subject, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Gantry tests"), -1, -1, 0)
            == 1
        && X509_NAME_add_entry_by_txt(
               subject, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.constData()), -1, -1, 0)
            == 1
        && X509_set_issuer_name(cert, issuerCertificate ? X509_get_subject_name(issuerCertificate.get()) : subject) == 1
        && X509_set_pubkey(cert, key.get()) == 1;
    if (!built)
        return fail(QStringLiteral("certificate fields of \"%1\"").arg(commonName));

    X509V3_CTX context;
    X509V3_set_ctx(&context, issuerCertificate ? issuerCertificate.get() : cert, cert, nullptr, nullptr, 0);
    // A self-signed leaf also gets keyCertSign: OpenSSL only treats a certificate as its own
    // issuer (and so as a usable trust anchor) when its key may sign certificates.
    const bool selfSignedLeaf = kind == Kind::SelfSigned;
    QString keyUsage = isCa ? QStringLiteral("critical,keyCertSign,cRLSign,digitalSignature")
                            : QStringLiteral("critical,digitalSignature,keyEncipherment");
    if (selfSignedLeaf)
        keyUsage += QStringLiteral(",keyCertSign");
    bool extended
        = addExtension(cert, &context, NID_basic_constraints,
              isCa || selfSignedLeaf ? QStringLiteral("critical,CA:TRUE") : QStringLiteral("critical,CA:FALSE"))
        && addExtension(cert, &context, NID_key_usage, keyUsage)
        && addExtension(cert, &context, NID_subject_key_identifier, QStringLiteral("hash"))
        && addExtension(cert, &context, NID_authority_key_identifier, QStringLiteral("keyid:always"));
    if (extended && !isCa)
        extended = addExtension(cert, &context, NID_ext_key_usage, QStringLiteral("serverAuth,clientAuth"));
    if (extended && !subjectAltNames.isEmpty())
        extended = addExtension(cert, &context, NID_subject_alt_name, subjectAltNames.join(QLatin1Char(',')));
    if (!extended)
        return fail(QStringLiteral("extensions of \"%1\"").arg(commonName));

    EVP_PKEY* signingKey = issuerKey ? issuerKey.get() : key.get();
    if (X509_sign(cert, signingKey, EVP_sha256()) <= 0)
        return fail(QStringLiteral("signing \"%1\"").arg(commonName));

    // Numbered file names: tests may issue several certificates with the same common name.
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    QString stem = commonName;
    stem.replace(unsafe, QStringLiteral("_"));
    const QString base = QDir(m_directory.path()).filePath(QStringLiteral("%1-%2").arg(++m_serialFiles).arg(stem));
    result.certificatePath = base + QStringLiteral(".crt");
    result.keyPath = base + QStringLiteral(".key");
    result.chainPath = base + QStringLiteral("-chain.crt");

    const QByteArray pem = certificateToPem(cert);
    QByteArray chain = pem;
    if (kind == Kind::Issued && issuer->certificatePath != m_root.certificatePath)
        chain += fileBytes(issuer->chainPath);
    if (pem.isEmpty() || !writeFile(result.certificatePath, pem)
        || !writeFile(result.keyPath, privateKeyToPem(key.get())) || !writeFile(result.chainPath, chain))
        return fail(QStringLiteral("writing %1").arg(base));
    return result;
}

} // namespace gantry::test
