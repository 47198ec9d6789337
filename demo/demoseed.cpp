#include "demo/demoseed.h"

#include "tests/support/imagefixture.h"
#include "tests/support/testregistry.h"

#include <cstdio>
#include <future>
#include <map>
#include <vector>

namespace gantry::test {

DemoSeeder::DemoSeeder(QList<DemoVersion> versions, QDateTime now)
    : m_versions(std::move(versions))
    , m_now(std::move(now))
{
}

bool DemoSeeder::push(const QList<DemoPlacement>& placements)
{
    // One thread per repository, in order within each (a floating tag goes on after its version):
    // pushes are mostly skopeo starting up, so this is what keeps seeding fast.
    std::map<std::pair<TestRegistry*, QString>, QList<DemoPlacement>> byRepository;
    for (const auto& placement : placements)
        byRepository[{ placement.registry, placement.repository }].append(placement);
    std::vector<std::future<bool>> pushes;
    for (const auto& entry : byRepository)
        pushes.push_back(std::async(std::launch::async, [this, &entry] { return pushInOrder(entry.second); }));
    bool ok = true;
    for (auto& pushed : pushes)
        ok = pushed.get() && ok;
    return ok;
}

bool DemoSeeder::pushInOrder(const QList<DemoPlacement>& placements) const
{
    for (const auto& placement : placements) {
        qsizetype index = 0;
        while (index < m_versions.size() && m_versions[index].version != placement.version)
            ++index;
        if (index == m_versions.size()) {
            std::fprintf(stderr, "demo: no version %s in the seed\n", qPrintable(placement.version));
            return false;
        }
        const DemoVersion& version = m_versions[index];
        ImageSpec spec;
        spec.layerCount = 2;
        spec.layerSize = 32 * 1024;
        if (version.multiArch)
            spec.platforms = { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64") };
        // A rebuild an hour later: same version, other bytes, other digest.
        spec.created = m_now.addDays(-version.ageDays).addSecs(placement.drifted ? 3600 : 0);
        spec.seed = static_cast<quint64>(index + 1) + (placement.drifted ? 1000 : 0);
        spec.labels = { { QStringLiteral("org.opencontainers.image.version"), version.version } };
        const QString tag = placement.tag.isEmpty() ? placement.version : placement.tag;
        auto pushed = ImageFixture(*placement.registry).push(placement.repository, tag, spec);
        if (!pushed) {
            std::fprintf(stderr, "demo: pushing %s:%s failed: %s\n", qPrintable(placement.repository), qPrintable(tag),
                qPrintable(pushed.error()));
            return false;
        }
    }
    return true;
}

} // namespace gantry::test
