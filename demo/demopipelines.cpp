#include "demo/demopipelines.h"

namespace gantry::test {

namespace {

const QString fastFeedback = QStringLiteral("shop/fast-feedback/checkout");
const QString extendedTest = QStringLiteral("shop/extended-test/checkout");
const QString prod = QStringLiteral("shop/prod/checkout");
const QString candidate = QStringLiteral("shop/candidate/search");
const QString live = QStringLiteral("shop/live/search");

// `version` in each of `repositories`, as itself.
QList<DemoPlacement> everywhere(TestRegistry& registry, const QStringList& repositories, const QStringList& versions)
{
    QList<DemoPlacement> placements;
    for (const auto& repository : repositories) {
        for (const auto& version : versions)
            placements.append({ &registry, repository, version, {}, false });
    }
    return placements;
}

} // namespace

QList<DemoVersion> demoVersions()
{
    return {
        { QStringLiteral("2.1.0"), 120, true },
        { QStringLiteral("2.2.3"), 60, false },
        { QStringLiteral("2.2.4rc1"), 30, false },
        { QStringLiteral("2.2.4"), 24, true },
        { QStringLiteral("2.2.4.1"), 12, true },
        { QStringLiteral("2.3.0rc1"), 8, false },
        { QStringLiteral("2.3.0"), 4, true },
        { QStringLiteral("2.3.1rc1"), 0, false },
        { QStringLiteral("2.3.1rc2"), 0, false },
        { QStringLiteral("2.3.1"), 0, true },
        { QStringLiteral("1.4.0"), 50, false },
        { QStringLiteral("1.4.1"), 20, false },
        { QStringLiteral("1.5.0rc1"), 6, false },
        { QStringLiteral("1.5.0"), 2, false },
    };
}

QList<DemoPlacement> demoFirstWave(TestRegistry& staging, TestRegistry& production)
{
    QList<DemoPlacement> wave = everywhere(staging, { fastFeedback },
        { QStringLiteral("2.2.3"), QStringLiteral("2.2.4rc1"), QStringLiteral("2.2.4"), QStringLiteral("2.2.4.1"),
            QStringLiteral("2.3.0rc1"), QStringLiteral("2.3.0") });
    // extended-test's candidates are gone already; its 2.2.3 was rebuilt in place (drift).
    wave.append({ &staging, extendedTest, QStringLiteral("2.2.3"), {}, true });
    wave += everywhere(
        staging, { extendedTest }, { QStringLiteral("2.2.4"), QStringLiteral("2.2.4.1"), QStringLiteral("2.3.0") });
    wave += everywhere(production, { prod },
        { QStringLiteral("2.1.0"), QStringLiteral("2.2.3"), QStringLiteral("2.2.4"), QStringLiteral("2.2.4.1") });
    for (const auto& stable : { QStringLiteral("2.1.0"), QStringLiteral("2.2.3"), QStringLiteral("2.2.4") })
        wave.append({ &production, prod, stable, stable + QStringLiteral("-stable"), false });
    wave.append({ &production, prod, QStringLiteral("2.2.4"), QStringLiteral("prod"), false });
    wave += everywhere(
        staging, { candidate }, { QStringLiteral("1.4.1"), QStringLiteral("1.5.0rc1"), QStringLiteral("1.5.0") });
    wave += everywhere(production, { live }, { QStringLiteral("1.4.0"), QStringLiteral("1.4.1") });
    wave.append({ &production, live, QStringLiteral("1.4.1"), QStringLiteral("latest"), false });
    return wave;
}

QList<DemoPlacement> demoSecondWave(TestRegistry& staging, TestRegistry& production)
{
    QList<DemoPlacement> wave = everywhere(
        staging, { fastFeedback }, { QStringLiteral("2.3.1rc1"), QStringLiteral("2.3.1rc2"), QStringLiteral("2.3.1") });
    // Someone deployed the patch by hand: `prod` moves from 2.2.4 to 2.2.4.1 outside Gantry.
    wave.append({ &production, prod, QStringLiteral("2.2.4.1"), QStringLiteral("prod"), false });
    return wave;
}

} // namespace gantry::test
