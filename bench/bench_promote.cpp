// Promote benchmark: what the guards and the journal cost. `gantryctl promote` of a 5×20 MiB
// image within one registry against `gantryctl copy` of the same image, every run a new process,
// the two taking turns. promote runs in gantryctl-release, the helper gantryctl execs for it (and
// never for copy): its start-up (`workspace check` against `--help`) is measured too and not
// counted as the guards'. A report, not a test: exit 0 when the target is missed, non-zero only
// when something could not run.

#include "bench/statistics.h"
#include "tests/support/imagefixture.h"
#include "tests/support/testregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>

using namespace gantry;

namespace {

constexpr double targetOverheadMs = 20.0;

int cannotRun(const QString& why)
{
    std::fprintf(stderr, "bench_promote: %s\n", qPrintable(why));
    return 2;
}

// One pipeline per round, each with a destination of its own, so every promotion really copies.
QJsonObject workspaceFor(const QString& host, int rounds)
{
    QJsonArray pipelines;
    for (int round = 0; round < rounds; ++round) {
        const QString name = QStringLiteral("p%1").arg(round);
        pipelines.append(QJsonObject { { QStringLiteral("name"), name },
            { QStringLiteral("stages"),
                QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("ff") },
                                 { QStringLiteral("registry"), QStringLiteral("local") },
                                 { QStringLiteral("repository"), QStringLiteral("bench/ff") },
                                 { QStringLiteral("minimumSoak"), QStringLiteral("1s") } },
                    QJsonObject { { QStringLiteral("name"), QStringLiteral("et") },
                        { QStringLiteral("registry"), QStringLiteral("local") },
                        { QStringLiteral("repository"), QStringLiteral("bench/promoted-") + name } } } } });
    }
    return { { QStringLiteral("registries"),
                 QJsonArray { QJsonObject {
                     { QStringLiteral("name"), QStringLiteral("local") }, { QStringLiteral("url"), host } } } },
        { QStringLiteral("pipelines"), pipelines } };
}

// Runs gantryctl once; the wall time in milliseconds, or a negative number when it failed.
double timedRun(const QString& gantryctl, const QStringList& arguments, const QProcessEnvironment& environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QElapsedTimer timer;
    timer.start();
    process.start(gantryctl, arguments);
    if (!process.waitForFinished(120000) || process.exitCode() != 0) {
        std::fprintf(stderr, "failed: gantryctl %s\n%s", qPrintable(arguments.join(QLatin1Char(' '))),
            process.readAllStandardError().constData());
        return -1;
    }
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Times gantryctl promote against gantryctl copy within one registry."));
    parser.addHelpOption();
    const QCommandLineOption roundsOption(
        QStringLiteral("rounds"), QStringLiteral("Rounds (default 9)."), QStringLiteral("N"), QStringLiteral("9"));
    const QCommandLineOption gantryctlOption(QStringLiteral("gantryctl"), QStringLiteral("The gantryctl to measure."),
        QStringLiteral("PATH"),
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../app/gantryctl")));
    parser.addOptions({ roundsOption, gantryctlOption });
    parser.process(app);
    const int rounds = parser.value(roundsOption).toInt();
    if (rounds < 1)
        return cannotRun(QStringLiteral("--rounds wants a positive number"));
    const QString gantryctl = QFileInfo(parser.value(gantryctlOption)).canonicalFilePath();
    if (gantryctl.isEmpty())
        return cannotRun(QStringLiteral("no gantryctl at %1").arg(parser.value(gantryctlOption)));

    test::TestRegistry registry;
    if (!registry.start())
        return cannotRun(registry.errorString());
    test::ImageSpec spec;
    spec.layerCount = 5;
    spec.layerSize = 20 * 1024 * 1024;
    std::fprintf(stderr, "pushing a 5×20 MiB image...\n");
    if (auto image = test::ImageFixture(registry).push(QStringLiteral("bench/ff"), QStringLiteral("1.0.0"), spec);
        !image)
        return cannotRun(image.error());

    QTemporaryDir scratch;
    const QString workspace = scratch.filePath(QStringLiteral("workspace.json"));
    QFile file(workspace);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(workspaceFor(registry.host(), rounds + 1)).toJson()) < 0)
        return cannotRun(QStringLiteral("cannot write %1").arg(workspace));
    file.close();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), scratch.path());
    environment.insert(QStringLiteral("DOCKER_CONFIG"), scratch.filePath(QStringLiteral("docker")));
    const QStringList global { QStringLiteral("--workspace"), workspace, QStringLiteral("--journal"),
        scratch.filePath(QStringLiteral("journal.sqlite")) };
    const QString source = registry.host() + QStringLiteral("/bench/ff:1.0.0");

    // The journal's first sighting of the source starts et's soak clock; the first (unmeasured)
    // promotion also warms the page cache and creates the journal.
    timedRun(gantryctl, global + QStringList { QStringLiteral("refresh"), QStringLiteral("p0") }, environment);
    QThread::sleep(1);
    if (timedRun(gantryctl,
            global + QStringList { QStringLiteral("promote"), QStringLiteral("p0"), QStringLiteral("1.0.0") },
            environment)
        < 0)
        return 1;

    QList<double> copies;
    QList<double> promotions;
    QList<double> plans;
    QList<double> helperStarts;
    for (int round = 1; round <= rounds; ++round) {
        const QString pipeline = QStringLiteral("p%1").arg(round);
        const QStringList copy { QStringLiteral("copy"), source,
            registry.host() + QStringLiteral("/bench/copied-") + pipeline };
        const QStringList promote
            = global + QStringList { QStringLiteral("promote"), pipeline, QStringLiteral("1.0.0") };
        const QStringList plan = promote + QStringList { QStringLiteral("--dry-run") };
        // Take turns, so neither always follows the other.
        const bool copyFirst = round % 2 == 0;
        const double first = timedRun(gantryctl, copyFirst ? copy : plan, environment);
        const double second = timedRun(gantryctl, copyFirst ? plan : copy, environment);
        const double promoted = timedRun(gantryctl, promote, environment);
        const double bare = timedRun(gantryctl, { QStringLiteral("--help") }, environment);
        const double withHelper = timedRun(
            gantryctl, global + QStringList { QStringLiteral("workspace"), QStringLiteral("check") }, environment);
        if (first < 0 || second < 0 || promoted < 0 || bare < 0 || withHelper < 0)
            return 1;
        helperStarts.append(withHelper - bare);
        copies.append(copyFirst ? first : second);
        plans.append(copyFirst ? second : first);
        promotions.append(promoted);
    }
    const double copyMedian = bench::spreadOf(copies).median;
    const double promoteMedian = bench::spreadOf(promotions).median;
    const double helperStart = bench::spreadOf(helperStarts).median;
    const double overhead = promoteMedian - copyMedian - helperStart;
    std::printf("promote within one registry, 5×20 MiB, %d rounds (median ms)\n", rounds);
    std::printf("  gantryctl copy                      %8.1f\n", copyMedian);
    std::printf("  gantryctl promote --dry-run         %8.1f   (the guards: HEADs and the journal, no write)\n",
        bench::spreadOf(plans).median);
    std::printf("  gantryctl promote                   %8.1f\n", promoteMedian);
    std::printf("  release helper start-up             %8.1f   (Qt and the workspace: workspace check - --help)\n",
        helperStart);
    std::printf("  guards and journal add              %8.1f   target < %.0f: %s\n", overhead, targetOverheadMs,
        overhead < targetOverheadMs ? "met" : "MISSED");
    return 0;
}
