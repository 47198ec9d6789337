#pragma once

#include "tests/support/opensslhandles.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace gantry::test {

// Signs JWTs the way distribution's token auth expects them: RS256, with the signing
// certificate in the header's x5c so the registry can check it against its rootcertbundle.
// sign() is const and safe to call from several threads at once.
class JwtSigner
{
public:
    // An RSA key and its certificate, both PEM.
    JwtSigner(const QString& certificatePath, const QString& keyPath);

    bool isValid() const { return m_key && !m_certificateDer.isEmpty(); }
    QString errorString() const { return m_errorString; }

    // header.claims.signature, each part base64url without padding; empty on failure.
    QByteArray sign(const QJsonObject& claims) const;

private:
    EvpPkeyPtr m_key;
    QByteArray m_certificateDer;
    QString m_errorString;
};

} // namespace gantry::test
