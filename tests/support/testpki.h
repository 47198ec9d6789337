#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace gantry::test {

// Files of one certificate made by TestPki. Everything is PEM; keys are unencrypted PKCS#8.
struct IssuedCertificate
{
    QString commonName {};
    QString certificatePath {}; // this certificate only
    QString keyPath {}; // its private key
    QString chainPath {}; // this certificate, then its intermediates up to (not including) the root
    QDateTime notBefore {};
    QDateTime notAfter {};
    bool isCa = false;

    bool isNull() const { return certificatePath.isEmpty(); }
};

// A throw-away certificate authority made with the OpenSSL C API, living in its own
// temporary directory (deleted with the object).
//
//   TestPki pki;                                        // root CA, EC P-256
//   auto server = pki.issue(QStringLiteral("registry")); // leaf for 127.0.0.1 and localhost, valid now-1h … now+30d
//   auto soon = pki.issue(u"x"_s, {}, now.addDays(-85), now.addDays(5));   // expires in 5 days
//   auto inter = pki.issue(u"inter"_s, {}, {}, {}, nullptr, true);          // intermediate CA
//   auto leaf = pki.issue(u"leaf"_s, TestPki::defaultSubjectAltNames(), {}, {}, &inter);
//
// Any dates work, also already expired ones. A null notBefore means now - 1 hour, a null
// notAfter now + 30 days. Subject alternative names use OpenSSL's syntax ("IP:…", "DNS:…").
// Failures return a null IssuedCertificate and set errorString().
class TestPki
{
public:
    enum class KeyType { EcP256, Rsa2048 };

    // EC keys are the default because an RSA 2048 key costs ~0.3 s to generate here.
    explicit TestPki(KeyType keyType = KeyType::EcP256);
    ~TestPki();
    TestPki(const TestPki&) = delete;
    TestPki& operator=(const TestPki&) = delete;

    static QStringList defaultSubjectAltNames();

    bool isValid() const { return !m_root.isNull(); }
    QString errorString() const { return m_errorString; }
    QString directory() const { return m_directory.path(); }
    KeyType keyType() const { return m_keyType; }

    // The self-signed root CA (valid 10 years either side of now); trust this file.
    const IssuedCertificate& root() const { return m_root; }
    QString caCertificatePath() const { return m_root.certificatePath; }

    // Issued by `issuer` (a CA made by this PKI), or by the root when null.
    IssuedCertificate issue(const QString& commonName, const QStringList& subjectAltNames = defaultSubjectAltNames(),
        const QDateTime& notBefore = {}, const QDateTime& notAfter = {}, const IssuedCertificate* issuer = nullptr,
        bool isCa = false);

    // Signed by its own key, chained to nothing; its chainPath holds just itself.
    IssuedCertificate selfSigned(const QString& commonName,
        const QStringList& subjectAltNames = defaultSubjectAltNames(), const QDateTime& notBefore = {},
        const QDateTime& notAfter = {});

private:
    enum class Kind { Root, Issued, SelfSigned };
    IssuedCertificate create(Kind kind, const QString& commonName, const QStringList& subjectAltNames,
        const QDateTime& notBefore, const QDateTime& notAfter, const IssuedCertificate* issuer, bool isCa);

    QTemporaryDir m_directory;
    KeyType m_keyType;
    IssuedCertificate m_root;
    QString m_errorString;
    int m_serialFiles = 0;
};

} // namespace gantry::test
