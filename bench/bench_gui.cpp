// The dashboard's responsiveness, as figures: with a real registry holding a stage of 2,000 tags,
// (1) the longest stall of the GUI event loop while the window refreshes it, and (2) the time from
// start (dashboard and window made) to the first painted window showing the cached snapshot.
// A report, not a test: it exits 0 when a target is missed and non-zero only when it cannot run.
#include "bench/statistics.h"
#include "model/dashboard/dashboard.h"
#include "model/workspace/workspaceloader.h"
#include "tests/support/eventloopstall.h"
#include "tests/support/manytags.h"
#include "tests/support/testregistry.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace gantry;

namespace {

constexpr int exitCannotRun = 2;

// Notes the first paint of any widget of the window.
class FirstPaint : public QObject
{
public:
    bool painted = false;
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            painted = true;
        return QObject::eventFilter(watched, event);
    }
};

bool waitFor(model::Dashboard& dashboard, int timeoutMs)
{
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    QObject::connect(&dashboard, &model::Dashboard::busyChanged, &loop, [&loop](bool busy) {
        if (!busy)
            loop.quit();
    });
    loop.exec();
    return !dashboard.isBusy();
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QTemporaryDir scratch;
    qputenv("DOCKER_CONFIG", scratch.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", scratch.path().toUtf8());
    test::TestRegistry registry;
    if (!registry.start()) {
        std::fprintf(stderr, "bench_gui: %s\n", qPrintable(registry.errorString()));
        return exitCannotRun;
    }
    std::printf("seeding 2,000 tags on 100 images…\n");
    if (auto seeded = test::pushManyTags(registry, QStringLiteral("many/ff"), 100, 2000); !seeded) {
        std::fprintf(stderr, "bench_gui: %s\n", qPrintable(seeded.error()));
        return exitCannotRun;
    }
    const std::string text = R"({ "registries": [ { "name": "r", "url": ")" + registry.host().toStdString()
        + R"(" } ], "pipelines": [ { "name": "many", "stages": [
          { "name": "ff", "registry": "r", "repository": "many/ff" },
          { "name": "prod", "registry": "r", "repository": "many/prod" } ] } ] })";
    auto workspace = model::parseWorkspace(text, "many.json");
    if (!workspace)
        return exitCannotRun;
    const auto journal = scratch.filePath(QStringLiteral("journal.sqlite")).toStdString();
    const auto cache = scratch.filePath(QStringLiteral("snapshot.json")).toStdString();

    QList<double> stalls;
    for (int run = 0; run < 3; ++run) {
        model::Dashboard dashboard(*workspace, journal, cache);
        ui::MainWindow window(dashboard);
        window.showPage(QStringLiteral("tags"));
        window.show();
        test::EventLoopStall stall;
        stall.start();
        dashboard.refresh();
        if (!waitFor(dashboard, 180000))
            return exitCannotRun;
        stall.stop();
        stalls << stall.longestStallMs();
        std::printf("refresh %d: longest GUI stall %.1f ms (99th percentile %.1f ms, %d ticks)\n", run + 1,
            stall.longestStallMs(), stall.stallPercentileMs(0.99), stall.ticks());
    }

    QList<double> starts;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer clock;
        clock.start();
        model::Dashboard dashboard(*workspace, journal, cache);
        ui::MainWindow window(dashboard);
        window.showPage(QStringLiteral("tags"));
        FirstPaint paint;
        window.installEventFilter(&paint);
        for (auto* child : window.findChildren<QWidget*>())
            child->installEventFilter(&paint);
        window.show();
        while (!paint.painted && clock.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        starts << static_cast<double>(clock.nsecsElapsed()) / 1e6;
        std::printf("start %d: painted with %zu cached stages in %.1f ms\n", run + 1,
            dashboard.snapshot().stages.size(), starts.last());
    }
    const auto stall = bench::spreadOf(stalls);
    const auto start = bench::spreadOf(starts);
    std::printf(
        "\nlongest GUI stall during a 2,000-tag refresh: max %.1f ms over %lld refreshes (target < 50 ms: %s)\n",
        stall.max, static_cast<long long>(stalls.size()), stall.max < 50 ? "met" : "MISSED");
    std::printf(
        "start to painted window with the cached snapshot: median %.1f ms, max %.1f ms (target < 1000 ms: %s)\n",
        start.median, start.max, start.max < 1000 ? "met" : "MISSED");
    return 0;
}
