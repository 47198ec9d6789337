#pragma once

#include "tests/support/outcome.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace gantry::test {

class TestRegistry;

// skopeo 1.9.3 as an independent witness of what is in a TestRegistry. References are
// relative to the registry ("team/app:1.0", "team/app@sha256:…"). Every call runs skopeo
// with the flags the registry needs (plain HTTP: --tls-verify=false; TLS: --cert-dir with
// its CA; credentials: --creds) and with no auth file of the user's, so nothing leaks in.
//
//   Skopeo skopeo(registry);
//   const auto digest = skopeo.digestOf(u"team/app:1.0"_s);
//   QVERIFY2(digest, why(digest));
class Skopeo
{
public:
    explicit Skopeo(const TestRegistry& registry);

    // The flags for `registry`; prefix is "", "src-" or "dest-" as the skopeo command wants.
    static QStringList registryFlags(const TestRegistry& registry, const QString& prefix = {});
    // An environment in which skopeo reads no credentials of the user (auth.json, Docker config).
    static QProcessEnvironment isolatedEnvironment(const QString& scratchDirectory);

    Outcome<QByteArray> inspectRaw(const QString& reference) const; // the top manifest's bytes
    Outcome<QString> digestOf(const QString& reference) const; // "sha256:<hex>" of those bytes
    Outcome<QStringList> listTags(const QString& repository) const; // sorted
    Outcome<bool> exists(const QString& reference) const; // false on "manifest unknown" / "name unknown"
    // `skopeo copy --all --preserve-digests` from this registry to `destination`.
    Outcome<void> copyTo(
        const QString& reference, const TestRegistry& destination, const QString& destinationReference) const;

private:
    QString dockerReference(const QString& reference) const;

    const TestRegistry& m_registry;
    QTemporaryDir m_scratch;
    QProcessEnvironment m_environment;
};

} // namespace gantry::test
