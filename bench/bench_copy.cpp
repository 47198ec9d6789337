// Copy benchmark: gantryctl against `skopeo copy --all --preserve-digests` on the same two
// real registries, in one run. A report, not a test: it exits 0 when a target is missed and
// non-zero only when something could not run (1: some copies failed, 2: no benchmark at all).

#include "bench/copybenchmark.h"
#include "bench/copyreport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <cstdio>

using namespace gantry::bench;

namespace {

constexpr int exitSomeRunsFailed = 1;
constexpr int exitCannotRun = 2;

int cannotRun(const QString& why)
{
    std::fprintf(stderr, "bench_copy: %s\n", qPrintable(why));
    return exitCannotRun;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Times gantryctl copy against skopeo copy on two local registries."));
    parser.addHelpOption();
    const QCommandLineOption rounds(QStringLiteral("rounds"), QStringLiteral("Rounds of copies (default 7)."),
        QStringLiteral("N"), QStringLiteral("7"));
    // Next to the benchmark in the same build tree: <build>/bench/bench_copy and <build>/app/gantryctl.
    const QCommandLineOption gantryctl(QStringLiteral("gantryctl"), QStringLiteral("The gantryctl to measure."),
        QStringLiteral("PATH"),
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../app/gantryctl")));
    const QCommandLineOption verbose(QStringLiteral("verbose"), QStringLiteral("A line per run on stderr."));
    parser.addOptions({ rounds, gantryctl, verbose });
    parser.process(app);

    BenchmarkOptions options;
    bool isNumber = false;
    options.rounds = parser.value(rounds).toInt(&isNumber);
    if (!isNumber || options.rounds < 1)
        return cannotRun(QStringLiteral("--rounds wants a positive number, not \"%1\"").arg(parser.value(rounds)));
    const QFileInfo gantryctlFile(parser.value(gantryctl));
    if (!gantryctlFile.isFile() || !gantryctlFile.isExecutable())
        return cannotRun(
            QStringLiteral("no gantryctl at %1 (build it, or pass --gantryctl PATH)").arg(gantryctlFile.filePath()));
    options.gantryctl = gantryctlFile.canonicalFilePath();
    options.skopeo = QStandardPaths::findExecutable(QStringLiteral("skopeo"));
    if (options.skopeo.isEmpty())
        return cannotRun(QStringLiteral("skopeo is not installed"));
    options.verbose = parser.isSet(verbose);

    CopyBenchmark benchmark(options);
    std::fprintf(stderr, "starting two registries and pushing the image...\n");
    if (auto ready = benchmark.setUp(); !ready)
        return cannotRun(ready.error());
    benchmark.run();
    printReport(benchmark.results());
    return benchmark.results().failures.isEmpty() ? 0 : exitSomeRunsFailed;
}
