#include "tests/support/tokenserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QUrl>
#include <QUrlQuery>

namespace gantry::test {

namespace {

// Splits the values of every `scope` parameter on spaces (OAuth2 sends one space-separated value).
QStringList scopesOf(const QUrlQuery& query)
{
    QStringList scopes;
    for (const QString& value : query.allQueryItemValues(QStringLiteral("scope"), QUrl::FullyDecoded))
        scopes += value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return scopes;
}

// "repository:team/app:pull,push" → {type, name, actions}; the name may itself contain ':'.
QJsonArray accessFor(const QStringList& scopes, bool readOnly)
{
    QList<QJsonObject> entries;
    for (const QString& scope : scopes) {
        const qsizetype first = scope.indexOf(QLatin1Char(':'));
        const qsizetype last = scope.lastIndexOf(QLatin1Char(':'));
        if (first <= 0 || last <= first)
            continue;
        const QString type = scope.left(first);
        const QString name = scope.mid(first + 1, last - first - 1);
        QStringList actions = scope.mid(last + 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (readOnly) {
            const bool pull = actions.contains(QLatin1String("pull")) || actions.contains(QLatin1String("*"));
            actions = pull ? QStringList { QStringLiteral("pull") } : QStringList {};
        }
        auto same = std::find_if(entries.begin(), entries.end(), [&](const QJsonObject& entry) {
            return entry.value(QLatin1String("type")).toString() == type
                && entry.value(QLatin1String("name")).toString() == name;
        });
        if (same == entries.end()) {
            entries.append(QJsonObject { { QStringLiteral("type"), type }, { QStringLiteral("name"), name },
                { QStringLiteral("actions"), QJsonArray {} } });
            same = entries.end() - 1;
        }
        QJsonArray merged = same->value(QLatin1String("actions")).toArray();
        for (const QString& action : std::as_const(actions)) {
            if (!merged.contains(action))
                merged.append(action);
        }
        same->insert(QStringLiteral("actions"), merged);
    }
    QJsonArray access;
    for (const QJsonObject& entry : std::as_const(entries)) {
        if (!entry.value(QLatin1String("actions")).toArray().isEmpty())
            access.append(entry);
    }
    return access;
}

ServedResponse jsonResponse(int status, const QJsonObject& body)
{
    ServedResponse response;
    response.status = status;
    response.headers.emplaceBack("Content-Type", "application/json");
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

ServedResponse unauthorized(const QString& realm)
{
    ServedResponse response = jsonResponse(
        401, QJsonObject { { QStringLiteral("details"), QStringLiteral("incorrect username or password") } });
    response.headers.emplaceBack("WWW-Authenticate", "Basic realm=\"" + realm.toUtf8() + '"');
    return response;
}

} // namespace

TokenServer::TokenServer(const QString& service, const QString& issuer)
    : m_pki(TestPki::KeyType::Rsa2048)
    , m_signer(m_pki.root().certificatePath, m_pki.root().keyPath)
    , m_service(service)
    , m_issuer(issuer)
    , m_http([this](const ServedRequest& request) { return answer(request); })
{
    if (!m_pki.isValid())
        m_errorString = m_pki.errorString();
    else if (!m_signer.isValid())
        m_errorString = m_signer.errorString();
    else if (!m_http.start())
        m_errorString = QStringLiteral("TokenServer cannot listen: %1").arg(m_http.errorString());
    if (!m_errorString.isEmpty())
        qWarning("%s", qPrintable(m_errorString));
}

TokenServer::~TokenServer()
{
    m_http.stop();
}

QString TokenServer::realm() const
{
    return m_http.url() + QStringLiteral("/token");
}

void TokenServer::setCredentials(const QString& username, const QString& password)
{
    QMutexLocker lock(&m_mutex);
    m_username = username;
    m_password = password;
}

void TokenServer::setRefreshToken(const QString& refreshToken)
{
    QMutexLocker lock(&m_mutex);
    m_refreshToken = refreshToken;
}

void TokenServer::setReadOnly(bool readOnly)
{
    QMutexLocker lock(&m_mutex);
    m_readOnly = readOnly;
}

void TokenServer::setLifetimeSeconds(int seconds)
{
    QMutexLocker lock(&m_mutex);
    m_lifetimeSeconds = seconds;
}

void TokenServer::expireNextTokens(int count)
{
    QMutexLocker lock(&m_mutex);
    m_expireNext = count;
}

int TokenServer::tokensIssued() const
{
    QMutexLocker lock(&m_mutex);
    return m_tokensIssued;
}

QStringList TokenServer::requestedScopes() const
{
    QMutexLocker lock(&m_mutex);
    QStringList scopes;
    for (const TokenRequestRecord& request : m_requests)
        scopes += request.scopes;
    return scopes;
}

QList<TokenRequestRecord> TokenServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

bool TokenServer::lastAuthorizationWasBasic() const
{
    QMutexLocker lock(&m_mutex);
    return !m_requests.isEmpty() && m_requests.constLast().grant == QLatin1String("basic");
}

void TokenServer::resetCounters()
{
    QMutexLocker lock(&m_mutex);
    m_tokensIssued = 0;
    m_requests.clear();
}

TokenServer::Grant TokenServer::checkBasic(const QByteArray& authorization) const
{
    const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    const QString username = QString::fromUtf8(decoded.left(colon));
    const QString password = QString::fromUtf8(decoded.mid(colon + 1));
    QMutexLocker lock(&m_mutex);
    const bool allowed = colon >= 0 && (m_username.isEmpty() || (username == m_username && password == m_password));
    return { username, allowed, true };
}

ServedResponse TokenServer::answer(const ServedRequest& request)
{
    const QUrl url(QString::fromUtf8(request.target));
    if (url.path() != QLatin1String("/token"))
        return jsonResponse(404, QJsonObject { { QStringLiteral("error"), QStringLiteral("not found") } });

    TokenRequestRecord entry;
    entry.method = request.method;
    QUrlQuery parameters;
    Grant grant;
    QString configuredUser;
    QString refreshToken;
    {
        QMutexLocker lock(&m_mutex);
        configuredUser = m_username;
        refreshToken = m_refreshToken;
    }

    if (request.method == "GET") {
        parameters = QUrlQuery(url);
        const QByteArray authorization = request.header("Authorization");
        if (authorization.startsWith("Basic ")) {
            entry.grant = QStringLiteral("basic");
            grant = checkBasic(authorization);
        } else {
            entry.grant = QStringLiteral("anonymous");
            grant = { QString(), true, configuredUser.isEmpty() };
        }
    } else if (request.method == "POST") {
        // application/x-www-form-urlencoded writes spaces as '+', which QUrlQuery does not decode.
        QByteArray form = request.body;
        form.replace('+', "%20");
        parameters = QUrlQuery(QString::fromUtf8(form));
        entry.grant = parameters.queryItemValue(QStringLiteral("grant_type"));
        if (entry.grant == QLatin1String("password")) {
            const QString username = parameters.queryItemValue(QStringLiteral("username"), QUrl::FullyDecoded);
            const QString password = parameters.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded);
            grant = checkBasic("Basic " + (username + QLatin1Char(':') + password).toUtf8().toBase64());
        } else if (entry.grant == QLatin1String("refresh_token")) {
            const QString presented = parameters.queryItemValue(QStringLiteral("refresh_token"), QUrl::FullyDecoded);
            const bool allowed = !refreshToken.isEmpty() && presented == refreshToken;
            grant = { configuredUser.isEmpty() ? QStringLiteral("refresh-token-user") : configuredUser, allowed, true };
        } else {
            entry.service = parameters.queryItemValue(QStringLiteral("service"), QUrl::FullyDecoded);
            entry.status = 400;
            return record(entry,
                jsonResponse(
                    400, QJsonObject { { QStringLiteral("error"), QStringLiteral("unsupported_grant_type") } }));
        }
    } else {
        entry.status = 405;
        return record(entry, jsonResponse(405, QJsonObject {}));
    }

    entry.service = parameters.queryItemValue(QStringLiteral("service"), QUrl::FullyDecoded);
    entry.clientId = parameters.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded);
    entry.scopes = scopesOf(parameters);
    if (!grant.allowed) {
        entry.status = 401;
        return record(entry, unauthorized(realm()));
    }

    // The audience is what the client asked for, so a client naming the wrong service gets a
    // token the registry refuses, as a real token service would do.
    const QString audience = entry.service.isEmpty() ? m_service : entry.service;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray token = mintToken(grant.subject, audience, entry.scopes, grant.anyAccess, now);
    if (token.isEmpty()) {
        entry.status = 500;
        return record(entry, jsonResponse(500, QJsonObject { { QStringLiteral("error"), QStringLiteral("signing") } }));
    }
    int lifetime = 0;
    {
        QMutexLocker lock(&m_mutex);
        lifetime = m_lifetimeSeconds;
    }
    QJsonObject body {
        { QStringLiteral("token"), QString::fromLatin1(token) },
        { QStringLiteral("access_token"), QString::fromLatin1(token) },
        { QStringLiteral("expires_in"), lifetime },
        { QStringLiteral("issued_at"), QDateTime::fromSecsSinceEpoch(now, Qt::UTC).toString(Qt::ISODate) },
    };
    if (request.method == "POST")
        body.insert(QStringLiteral("scope"), entry.scopes.join(QLatin1Char(' ')));
    const bool offline = parameters.queryItemValue(QStringLiteral("offline_token")) == QLatin1String("true")
        || parameters.queryItemValue(QStringLiteral("access_type")) == QLatin1String("offline");
    if (offline && !refreshToken.isEmpty())
        body.insert(QStringLiteral("refresh_token"), refreshToken);
    entry.status = 200;
    return record(entry, jsonResponse(200, body));
}

QByteArray TokenServer::mintToken(
    const QString& subject, const QString& audience, const QStringList& scopes, bool anyAccess, qint64 issuedAt)
{
    bool readOnly = false;
    bool expired = false;
    int lifetime = 0;
    {
        QMutexLocker lock(&m_mutex);
        readOnly = m_readOnly;
        lifetime = m_lifetimeSeconds;
        expired = m_expireNext > 0;
        if (expired)
            --m_expireNext;
    }
    // distribution allows 60 s of clock skew on exp and nbf; an hour is unmistakably expired.
    const qint64 iat = expired ? issuedAt - 7200 : issuedAt;
    const qint64 exp = expired ? issuedAt - 3600 : issuedAt + lifetime;
    const QJsonObject claims {
        { QStringLiteral("iss"), m_issuer },
        { QStringLiteral("sub"), subject },
        { QStringLiteral("aud"), audience },
        { QStringLiteral("exp"), exp },
        { QStringLiteral("nbf"), iat },
        { QStringLiteral("iat"), iat },
        { QStringLiteral("jti"), QString::number(QRandomGenerator::global()->generate64(), 16) },
        { QStringLiteral("access"), anyAccess ? accessFor(scopes, readOnly) : QJsonArray {} },
    };
    return m_signer.sign(claims);
}

ServedResponse TokenServer::record(TokenRequestRecord entry, ServedResponse response)
{
    QMutexLocker lock(&m_mutex);
    if (response.status == 200)
        ++m_tokensIssued;
    m_requests.append(std::move(entry));
    return response;
}

} // namespace gantry::test
