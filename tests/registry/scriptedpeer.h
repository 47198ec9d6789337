#pragma once

// Clients and answers for tests that face a scripted peer (LoopbackHttpServer) instead of a
// registry: no credentials, no machine configuration, and limits the test chooses.

#include "registry/image/registryclient.h"
#include "tests/support/loopbackhttpserver.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace gantry::test {

inline bool mentions(const registry::Error& error, const QString& text)
{
    return QString::fromStdString(error.message).contains(text);
}

inline QByteArray registryErrorBody(const char* code, const char* message)
{
    return QByteArrayLiteral("{\"errors\":[{\"code\":\"") + code + QByteArrayLiteral("\",\"message\":\"") + message
        + QByteArrayLiteral("\"}]}");
}

inline ServedResponse jsonAnswer(const QByteArray& body, QList<QPair<QByteArray, QByteArray>> headers = {})
{
    headers.append(qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")));
    return ServedResponse { 200, headers, body };
}

/// A client that knows no credentials and trusts no extra CA, with quick retries by default.
inline std::unique_ptr<registry::RegistryClient> scriptedPeerClient(
    registry::RetryPolicy retry = { .firstBackoff = std::chrono::milliseconds(20) },
    registry::TransferLimits limits = {}, registry::ListingLimits listing = {})
{
    registry::ClientOptions options;
    options.tls = registry::TlsSettings();
    options.credentials = registry::CredentialSources {};
    options.retry = retry;
    options.limits = limits;
    options.listing = listing;
    return std::make_unique<registry::RegistryClient>(std::move(options));
}

/// "127.0.0.1:PORT/<path>" of a scripted peer, as a reference.
inline registry::Reference referenceOn(const LoopbackHttpServer& peer, const QString& path)
{
    auto parsed
        = registry::Reference::parse(QStringLiteral("127.0.0.1:%1/%2").arg(peer.port()).arg(path).toStdString());
    return parsed ? *parsed : registry::Reference {};
}

} // namespace gantry::test
