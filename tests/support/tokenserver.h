#pragma once

#include "tests/support/jwtsigner.h"
#include "tests/support/loopbackhttpserver.h"
#include "tests/support/testpki.h"

#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace gantry::test {

// One request the token server answered, for assertions about how a client authenticated.
struct TokenRequestRecord
{
    QByteArray method {}; // GET or POST
    QString grant {}; // "basic", "anonymous", "password", "refresh_token" or what the client sent
    QString service {};
    QString clientId {};
    QStringList scopes {}; // as sent, split on spaces
    int status = 0; // 200, 400 or 401
};

// A Docker token service (https://distribution.github.io/distribution/spec/auth/token/) on
// http://127.0.0.1:<free port>/token, serving from its own thread so it answers while the test
// thread is blocked in a synchronous client call. Started by the constructor.
//
//   GET  /token?service=…&scope=…&scope=…           Basic auth or anonymous
//   POST /token  grant_type=password&username=…&password=…&service=…&scope=…&client_id=…
//   POST /token  grant_type=refresh_token&refresh_token=…&service=…&scope=…&client_id=…
//
// Answers {"token","access_token","expires_in","issued_at"} (plus "scope", and
// "refresh_token" when asked for offline access and one is configured); wrong credentials get
// 401. Tokens are RS256 JWTs carrying the signing certificate in x5c; point the registry's
// auth.token at realm(), service(), issuer() and rootCertBundlePath().
//
// Policy: every requested action is granted; with setReadOnly(true) only "pull". When
// credentials are configured an anonymous request gets a token with no access at all
// (as Docker Hub does for a private repository); without them everybody gets everything.
// All members are thread-safe.
class TokenServer
{
public:
    explicit TokenServer(const QString& service = QStringLiteral("gantry-test-registry"),
        const QString& issuer = QStringLiteral("gantry-test-token-server"));
    ~TokenServer();
    TokenServer(const TokenServer&) = delete;
    TokenServer& operator=(const TokenServer&) = delete;

    bool isListening() const { return m_http.isListening(); }
    QString errorString() const { return m_errorString; }

    QString realm() const; // "http://127.0.0.1:PORT/token"
    quint16 port() const { return m_http.port(); }
    QString service() const { return m_service; }
    QString issuer() const { return m_issuer; }
    QString rootCertBundlePath() const { return m_pki.caCertificatePath(); }

    void setCredentials(const QString& username, const QString& password); // empty username: no check
    void setRefreshToken(const QString& refreshToken); // the identity token for grant_type=refresh_token
    void setReadOnly(bool readOnly);
    void setLifetimeSeconds(int seconds); // expires_in and exp - iat; default 300
    // The next `count` tokens carry exp an hour in the past (far beyond the registry's
    // 60 s leeway) while the answer still claims the configured expires_in.
    void expireNextTokens(int count);

    int tokensIssued() const;
    QStringList requestedScopes() const; // every scope seen, in order
    QList<TokenRequestRecord> requests() const;
    bool lastAuthorizationWasBasic() const;
    void resetCounters();

private:
    struct Grant
    {
        QString subject;
        bool allowed = false; // credentials accepted
        bool anyAccess = false; // false: anonymous while credentials are configured
    };

    ServedResponse answer(const ServedRequest& request);
    Grant checkBasic(const QByteArray& authorization) const;
    QByteArray mintToken(
        const QString& subject, const QString& audience, const QStringList& scopes, bool anyAccess, qint64 issuedAt);
    ServedResponse record(TokenRequestRecord record, ServedResponse response);

    TestPki m_pki; // its RSA root signs the tokens and is the registry's rootcertbundle
    JwtSigner m_signer;
    const QString m_service;
    const QString m_issuer;
    QString m_errorString;

    mutable QMutex m_mutex; // guards everything below: the HTTP thread and the test thread share it
    QString m_username;
    QString m_password;
    QString m_refreshToken;
    bool m_readOnly = false;
    int m_lifetimeSeconds = 300;
    int m_expireNext = 0;
    int m_tokensIssued = 0;
    QList<TokenRequestRecord> m_requests;

    LoopbackHttpServer m_http; // last: it stops, and its handler stops running, before the rest goes
};

} // namespace gantry::test
