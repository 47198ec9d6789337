#pragma once

#include "tests/support/httpwire.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

namespace gantry::test {

struct HttpReply
{
    int status = 0; // 0 when no HTTP answer arrived (refused, TLS failure, timeout)
    HttpHeaders headers {};
    QByteArray body {};
    QString errorString {}; // transport failure only; an HTTP 4xx/5xx is not an error here

    // Case-insensitive: over TLS the registry speaks HTTP/2 and names arrive lower-case.
    QByteArray header(const QByteArray& name) const;
};

// A synchronous HTTP client for tests and for the support code itself (readiness checks,
// the access-log marker), independent of Gantry's own HTTP stack. Redirects are not followed
// and 401 is returned as is. Spins a local event loop; use it from the thread that made it.
class HttpProbe
{
public:
    // caCertificatePath, when given, is trusted in addition to the system store.
    explicit HttpProbe(const QString& caCertificatePath = {});

    HttpReply request(const QByteArray& method, const QUrl& url, const HttpHeaders& headers = {},
        const QByteArray& body = {}, int timeoutMs = 10000);
    HttpReply get(const QUrl& url, const HttpHeaders& headers = {}, int timeoutMs = 10000)
    {
        return request(QByteArrayLiteral("GET"), url, headers, {}, timeoutMs);
    }

    static QByteArray basicAuthorization(const QString& username, const QString& password);
    static QByteArray bearerAuthorization(const QByteArray& token);

private:
    QNetworkAccessManager m_manager;
    QString m_caCertificatePath;
};

} // namespace gantry::test
