#include "tests/support/skopeo.h"

#include "tests/support/processrunner.h"
#include "tests/support/testregistry.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace gantry::test {

namespace {

const QString skopeoProgram = QStringLiteral("skopeo");
constexpr int skopeoTimeoutMs = 120000;

} // namespace

Skopeo::Skopeo(const TestRegistry& registry)
    : m_registry(registry)
    , m_environment(isolatedEnvironment(m_scratch.path()))
{
}

QStringList Skopeo::registryFlags(const TestRegistry& registry, const QString& prefix)
{
    QStringList flags;
    // Only plain HTTP turns verification off; TLS registries are verified against their CA.
    if (registry.usesTls())
        flags << QStringLiteral("--%1cert-dir").arg(prefix) << registry.certificateDirectory();
    else
        flags << QStringLiteral("--%1tls-verify=false").arg(prefix);
    if (registry.requiresCredentials())
        flags << QStringLiteral("--%1creds").arg(prefix)
              << registry.username() + QLatin1Char(':') + registry.password();
    return flags;
}

QProcessEnvironment Skopeo::isolatedEnvironment(const QString& scratchDirectory)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Files that do not exist: containers/image then knows no credentials at all.
    environment.insert(
        QStringLiteral("REGISTRY_AUTH_FILE"), QDir(scratchDirectory).filePath(QStringLiteral("auth.json")));
    environment.insert(QStringLiteral("DOCKER_CONFIG"), QDir(scratchDirectory).filePath(QStringLiteral("docker")));
    return environment;
}

QString Skopeo::dockerReference(const QString& reference) const
{
    return QStringLiteral("docker://%1/%2").arg(m_registry.host(), reference);
}

Outcome<QByteArray> Skopeo::inspectRaw(const QString& reference) const
{
    const ProcessResult result = runProcess(skopeoProgram,
        QStringList { QStringLiteral("inspect"), QStringLiteral("--raw") } + registryFlags(m_registry)
            + QStringList { dockerReference(reference) },
        skopeoTimeoutMs, m_environment);
    if (!result.ok())
        return failure(result.errorString);
    return result.standardOutput;
}

Outcome<QString> Skopeo::digestOf(const QString& reference) const
{
    const Outcome<QByteArray> raw = inspectRaw(reference);
    if (!raw)
        return failure(raw.error());
    return QStringLiteral("sha256:")
        + QString::fromLatin1(QCryptographicHash::hash(*raw, QCryptographicHash::Sha256).toHex());
}

Outcome<QStringList> Skopeo::listTags(const QString& repository) const
{
    const ProcessResult result = runProcess(skopeoProgram,
        QStringList { QStringLiteral("list-tags") } + registryFlags(m_registry)
            + QStringList { dockerReference(repository) },
        skopeoTimeoutMs, m_environment);
    if (!result.ok())
        return failure(result.errorString);
    // {"Repository": "127.0.0.1:PORT/team/app", "Tags": ["1.0", …]}
    QStringList tags;
    const QJsonArray array
        = QJsonDocument::fromJson(result.standardOutput).object().value(QLatin1String("Tags")).toArray();
    for (const QJsonValue& tag : array)
        tags << tag.toString();
    tags.sort();
    return tags;
}

Outcome<bool> Skopeo::exists(const QString& reference) const
{
    const Outcome<QByteArray> raw = inspectRaw(reference);
    if (raw)
        return true;
    // A missing tag is "manifest unknown"; a repository never pushed to is "name unknown".
    if (raw.error().contains(QLatin1String("manifest unknown")) || raw.error().contains(QLatin1String("name unknown")))
        return false;
    return failure(raw.error());
}

Outcome<void> Skopeo::copyTo(
    const QString& reference, const TestRegistry& destination, const QString& destinationReference) const
{
    const ProcessResult result = runProcess(skopeoProgram,
        QStringList { QStringLiteral("--insecure-policy"), QStringLiteral("copy"), QStringLiteral("--quiet"),
            QStringLiteral("--all"), QStringLiteral("--preserve-digests") }
            + registryFlags(m_registry, QStringLiteral("src-")) + registryFlags(destination, QStringLiteral("dest-"))
            + QStringList { dockerReference(reference),
                QStringLiteral("docker://%1/%2").arg(destination.host(), destinationReference) },
        skopeoTimeoutMs, m_environment);
    if (!result.ok())
        return failure(result.errorString);
    return {};
}

} // namespace gantry::test
