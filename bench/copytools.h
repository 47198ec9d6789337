#pragma once

#include "tests/support/outcome.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace gantry::test {
class TestRegistry;
}

namespace gantry::bench {

// The copiers compared. skopeo mounts within a registry only when its blob-info cache
// already knows where the blobs are, so it is measured both ways.
enum class Tool {
    Gantryctl,
    SkopeoWarm, // a cache primed by one earlier copy of the image, restored before every run
    SkopeoCold, // an empty cache file, as on a fresh CI runner
};

QString toolName(Tool tool);

struct Invocation
{
    QString program {};
    QStringList arguments {};
    QProcessEnvironment environment {};
};

// Builds the command line and environment of each tool, all in one scratch directory: an
// empty HOME, no credentials files, and skopeo's blob-info cache pointed at a file of ours.
//
// skopeo 1.9.3 has no option for that cache's location: containers/image puts it in
// /var/lib/containers/cache when the effective uid is 0, else in
// $XDG_DATA_HOME/containers/cache. It takes the uid from _CONTAINERS_ROOTLESS_UID when set,
// so that variable plus XDG_DATA_HOME moves the cache even for root, without touching the
// machine's own cache file.
class CopyTools
{
public:
    CopyTools(QString gantryctl, QString skopeo, QString scratchDirectory);

    // One skopeo copy (source → primeReference, both in `registry`) with the warm cache, which
    // then knows the source's blobs; the cache file is kept as the state every warm run starts from.
    test::Outcome<void> primeSkopeoCache(
        const test::TestRegistry& registry, const QString& source, const QString& primeReference);

    // Resets the tool's cache as its mode demands and returns what to run. References are
    // relative to their registry ("bench/app:1.0").
    test::Outcome<Invocation> prepare(Tool tool, const test::TestRegistry& from, const QString& source,
        const test::TestRegistry& to, const QString& destination) const;

private:
    QProcessEnvironment baseEnvironment() const;
    QProcessEnvironment skopeoEnvironment(const QString& dataHome) const;
    QString cacheFile(const QString& dataHome) const;

    QString m_gantryctl;
    QString m_skopeo;
    QString m_scratch;
    QString m_warmDataHome;
    QString m_coldDataHome;
    QString m_warmSnapshot;
};

} // namespace gantry::bench
