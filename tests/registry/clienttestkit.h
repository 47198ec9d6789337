#pragma once

// Builds RegistryClients for tests that see only what the test gives them: a Docker config and
// certs.d folder in a temporary directory, never the machine's own.

#include "base/base64.h"
#include "registry/image/reference.h"
#include "registry/image/registryclient.h"
#include "tests/support/errornames.h"
#include "tests/support/outcome.h"
#include "tests/support/testregistry.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace gantry::test {

inline std::string toStd(const QString& text)
{
    return text.toStdString();
}

/// "host:port/repo:tag" → "repo:tag", the form the Skopeo witness takes.
inline QString pathOf(const QString& fullReference)
{
    return fullReference.mid(fullReference.indexOf(QLatin1Char('/')) + 1);
}

inline registry::Reference referenceTo(const QString& text)
{
    auto parsed = registry::Reference::parse(text.toStdString());
    return parsed ? *parsed : registry::Reference {};
}

inline registry::Reference referenceTo(const TestRegistry& registry, const QString& pathAndTag)
{
    return referenceTo(registry.host() + QLatin1Char('/') + pathAndTag);
}

/// A client isolated in its own folder. `auths` maps registry host to "user:password" (empty:
/// no entry); every TLS registry's CA goes into the folder's certs.d.
class IsolatedClient
{
public:
    explicit IsolatedClient(
        const QList<const TestRegistry*>& registries, bool withCredentials = true, const QJsonObject& extraConfig = {})
    {
        QJsonObject auths;
        for (const auto* registry : registries) {
            if (registry->usesTls())
                registry->installCaCertificate(certsDirectory());
            if (withCredentials && registry->requiresCredentials()) {
                const auto pair = registry->username() + QLatin1Char(':') + registry->password();
                auths.insert(registry->host(),
                    QJsonObject { { QStringLiteral("auth"),
                        QString::fromStdString(registry::base64Encode(pair.toStdString())) } });
            }
        }
        QJsonObject config = extraConfig;
        if (!config.contains(QStringLiteral("auths")))
            config.insert(QStringLiteral("auths"), auths);
        writeDockerConfig(config);
        rebuild();
    }

    void writeDockerConfig(const QJsonObject& config)
    {
        QFile file(m_home.filePath(QStringLiteral("config.json")));
        file.open(QIODevice::WriteOnly);
        file.write(QJsonDocument(config).toJson());
    }

    /// A new client (fresh sessions and token cache) over the same folder.
    void rebuild()
    {
        registry::ClientOptions options;
        options.tls = registry::TlsSettings();
        options.tls.addCertsDirectory(toStd(certsDirectory()));
        options.credentials = registry::CredentialSources {};
        options.credentials.files = { { toStd(m_home.filePath(QStringLiteral("config.json"))),
            registry::CredentialFileFormat::DockerConfig } };
        options.retry.firstBackoff = std::chrono::milliseconds(50);
        m_client = std::make_unique<registry::RegistryClient>(std::move(options));
    }

    QString certsDirectory() const { return m_home.filePath(QStringLiteral("certs.d")); }
    QString path() const { return m_home.path(); }
    registry::RegistryClient& client() { return *m_client; }
    registry::RegistryClient* operator->() { return m_client.get(); }

private:
    QTemporaryDir m_home;
    std::unique_ptr<registry::RegistryClient> m_client;
};

} // namespace gantry::test
