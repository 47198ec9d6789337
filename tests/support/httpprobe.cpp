#include "tests/support/httpprobe.h"

#include <QEventLoop>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTimer>

namespace gantry::test {

QByteArray HttpReply::header(const QByteArray& name) const
{
    return headerValue(headers, name);
}

HttpProbe::HttpProbe(const QString& caCertificatePath)
    : m_caCertificatePath(caCertificatePath)
{
    // Loopback servers only: a proxy from the environment must never sit in between.
    m_manager.setProxy(QNetworkProxy::NoProxy);
}

HttpReply HttpProbe::request(
    const QByteArray& method, const QUrl& url, const HttpHeaders& headers, const QByteArray& body, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    if (url.scheme() == QLatin1String("https") && !m_caCertificatePath.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_caCertificatePath);
        request.setSslConfiguration(tls);
    }

    // HEAD must go through head(): as a custom verb Qt would wait for the body Content-Length announces.
    QNetworkReply* reply = method == "HEAD" ? m_manager.head(request)
        : method == "GET" && body.isEmpty() ? m_manager.get(request)
                                            : m_manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);

    HttpReply result;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        result.status = status.toInt();
        result.headers = reply->rawHeaderPairs();
        result.body = reply->readAll();
    } else {
        result.errorString = timer.isActive() ? reply->errorString()
                                              : QStringLiteral("%1 %2: no answer within %3 ms")
                                                    .arg(QString::fromLatin1(method), url.toString())
                                                    .arg(timeoutMs);
    }
    delete reply; // finished (or aborted): safe to delete outside its own slots
    return result;
}

QByteArray HttpProbe::basicAuthorization(const QString& username, const QString& password)
{
    return QByteArrayLiteral("Basic ") + (username + QLatin1Char(':') + password).toUtf8().toBase64();
}

QByteArray HttpProbe::bearerAuthorization(const QByteArray& token)
{
    return QByteArrayLiteral("Bearer ") + token;
}

} // namespace gantry::test
