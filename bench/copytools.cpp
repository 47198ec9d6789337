#include "bench/copytools.h"

#include "bench/childprocess.h"
#include "tests/support/skopeo.h"
#include "tests/support/testregistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <unistd.h>

namespace gantry::bench {

namespace {

constexpr int copyTimeoutMs = 300000;

QString dockerReference(const test::TestRegistry& registry, const QString& reference)
{
    return QStringLiteral("docker://%1/%2").arg(registry.host(), reference);
}

} // namespace

QString toolName(Tool tool)
{
    switch (tool) {
    case Tool::Gantryctl:
        return QStringLiteral("gantryctl");
    case Tool::SkopeoWarm:
        return QStringLiteral("skopeo warm");
    case Tool::SkopeoCold:
        return QStringLiteral("skopeo cold");
    }
    return {};
}

CopyTools::CopyTools(QString gantryctl, QString skopeo, QString scratchDirectory)
    : m_gantryctl(std::move(gantryctl))
    , m_skopeo(std::move(skopeo))
    , m_scratch(std::move(scratchDirectory))
    , m_warmDataHome(QDir(m_scratch).filePath(QStringLiteral("skopeo-warm")))
    , m_coldDataHome(QDir(m_scratch).filePath(QStringLiteral("skopeo-cold")))
    , m_warmSnapshot(QDir(m_scratch).filePath(QStringLiteral("skopeo-warm-cache.boltdb")))
{
    QDir(m_scratch).mkpath(QStringLiteral("home"));
}

QProcessEnvironment CopyTools::baseEnvironment() const
{
    // Both tools see the same empty home: no credentials, helpers or certs.d of the user's
    // (a credential helper alone could cost more than a mount).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QDir scratch(m_scratch);
    environment.insert(QStringLiteral("HOME"), scratch.filePath(QStringLiteral("home")));
    environment.insert(QStringLiteral("DOCKER_CONFIG"), scratch.filePath(QStringLiteral("home/.docker")));
    environment.insert(QStringLiteral("REGISTRY_AUTH_FILE"), scratch.filePath(QStringLiteral("auth.json")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), scratch.filePath(QStringLiteral("run")));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), scratch.filePath(QStringLiteral("home/.config")));
    return environment;
}

QProcessEnvironment CopyTools::skopeoEnvironment(const QString& dataHome) const
{
    QProcessEnvironment environment = baseEnvironment();
    const uid_t uid = ::geteuid();
    environment.insert(QStringLiteral("_CONTAINERS_ROOTLESS_UID"), QString::number(uid == 0 ? 65534 : uid));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    return environment;
}

QString CopyTools::cacheFile(const QString& dataHome) const
{
    return QDir(dataHome).filePath(QStringLiteral("containers/cache/blob-info-cache-v1.boltdb"));
}

test::Outcome<void> CopyTools::primeSkopeoCache(
    const test::TestRegistry& registry, const QString& source, const QString& primeReference)
{
    QDir(m_warmDataHome).removeRecursively();
    QFile::remove(m_warmSnapshot);
    const QStringList arguments = QStringList { QStringLiteral("--insecure-policy"), QStringLiteral("copy"),
        QStringLiteral("--quiet"), QStringLiteral("--all"), QStringLiteral("--preserve-digests") }
        + test::Skopeo::registryFlags(registry, QStringLiteral("src-"))
        + test::Skopeo::registryFlags(registry, QStringLiteral("dest-"))
        + QStringList { dockerReference(registry, source), dockerReference(registry, primeReference) };
    const ChildRun run = runChild(m_skopeo, arguments, skopeoEnvironment(m_warmDataHome), m_scratch, copyTimeoutMs);
    if (!run.ok())
        return test::failure(run.errorString);
    if (!QFile::exists(cacheFile(m_warmDataHome)))
        return test::failure(QStringLiteral("skopeo wrote no blob-info cache at %1: the _CONTAINERS_ROOTLESS_UID/"
                                            "XDG_DATA_HOME redirection does not work with this skopeo")
                                 .arg(cacheFile(m_warmDataHome)));
    if (!QFile::copy(cacheFile(m_warmDataHome), m_warmSnapshot))
        return test::failure(QStringLiteral("cannot copy %1 to %2").arg(cacheFile(m_warmDataHome), m_warmSnapshot));
    return {};
}

test::Outcome<Invocation> CopyTools::prepare(Tool tool, const test::TestRegistry& from, const QString& source,
    const test::TestRegistry& to, const QString& destination) const
{
    Invocation invocation;
    if (tool == Tool::Gantryctl) {
        invocation.program = m_gantryctl;
        invocation.arguments = { QStringLiteral("--json"), QStringLiteral("copy"),
            QStringLiteral("%1/%2").arg(from.host(), source), QStringLiteral("%1/%2").arg(to.host(), destination) };
        invocation.environment = baseEnvironment();
        return invocation;
    }

    // Warm runs all start from the primed state: a cache that kept growing would let later
    // rounds mount from earlier rounds' copies, and a cross-registry copy would move nothing.
    const QString dataHome = tool == Tool::SkopeoWarm ? m_warmDataHome : m_coldDataHome;
    QDir(dataHome).removeRecursively();
    if (tool == Tool::SkopeoWarm) {
        const QString cache = cacheFile(dataHome);
        QDir().mkpath(QFileInfo(cache).path());
        if (!QFile::copy(m_warmSnapshot, cache))
            return test::failure(QStringLiteral("cannot restore the primed skopeo cache to %1").arg(cache));
    }
    invocation.program = m_skopeo;
    invocation.arguments = QStringList { QStringLiteral("--insecure-policy"), QStringLiteral("copy"),
        QStringLiteral("--quiet"), QStringLiteral("--all"), QStringLiteral("--preserve-digests") }
        + test::Skopeo::registryFlags(from, QStringLiteral("src-"))
        + test::Skopeo::registryFlags(to, QStringLiteral("dest-"))
        + QStringList { dockerReference(from, source), dockerReference(to, destination) };
    invocation.environment = skopeoEnvironment(dataHome);
    return invocation;
}

} // namespace gantry::bench
