#pragma once

// A real registry behind the fault proxy, for tests of what Gantry does when a registry lies or
// loses answers. Images are pushed to the registry itself and skopeo asks the registry itself what
// landed: neither goes through the proxy's faults.

#include "tests/support/faultproxy.h"
#include "tests/support/testregistry.h"

#include <QDateTime>
#include <QString>
#include <memory>
#include <utility>

namespace gantry::test {

class LyingRegistry
{
public:
    // The registry: once per test case.
    bool start();
    // A new proxy in front of it, without rules: once per test, so that no fault outlives its test.
    bool startProxy();
    void stopProxy();
    QString errorString() const;

    FaultProxy& proxy() { return *m_proxy; }
    const FaultProxy& proxy() const { return *m_proxy; }

    // An image pushed straight to the registry, made from `seed` (and created at `created`, when
    // valid); its digest, "" when the push failed.
    QString push(const QString& repository, const QString& tag, quint64 seed, const QDateTime& created = {});
    // Two images in the registry, `tagged` and `claimed` ("repository:tag" each, made from their
    // seeds), and the proxy answering every HEAD of `tagged` with `claimed`'s digest, as a stale
    // cache or proxy does. Their digests, `tagged`'s first; "" for one whose push failed.
    std::pair<QString, QString> pushWithStaleHead(const QString& tagged, quint64 taggedSeed, const QString& claimed,
        quint64 claimedSeed, const QDateTime& created = {});
    // Where `reference` ("repository:tag" on the registry) points, as skopeo sees it; "" when absent.
    QString digestIn(const QString& reference) const;

private:
    TestRegistry m_registry { TestRegistry::Mode::Plain };
    std::unique_ptr<FaultProxy> m_proxy;
    QString m_error;
};

} // namespace gantry::test
