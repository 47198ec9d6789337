#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace gantry::test {

class TestRegistry;

// Where one demo image goes. `version` picks the image (its layers and creation date: the same
// version gives the same digest everywhere); `tag` is what it is pushed as, the version itself
// unless given (a `-stable` tag, a floating tag). `drifted` pushes another build under the same
// tag: the pipelines page shows it red.
struct DemoPlacement
{
    TestRegistry* registry = nullptr;
    QString repository {};
    QString version {};
    QString tag {};
    bool drifted = false;
};

// One release of the demo: how old its image is and whether it is multi-platform.
struct DemoVersion
{
    QString version {};
    int ageDays = 0;
    bool multiArch = false;
};

// Pushes demo images fast (two small layers each). Digests depend on the version and `now` only,
// so a version pushed to three stages is one artifact there.
class DemoSeeder
{
public:
    DemoSeeder(QList<DemoVersion> versions, QDateTime now);

    // Pushes every placement, in order within each repository; false after printing why on stderr.
    bool push(const QList<DemoPlacement>& placements);

private:
    bool pushInOrder(const QList<DemoPlacement>& placements) const;

    QList<DemoVersion> m_versions;
    QDateTime m_now;
};

} // namespace gantry::test
