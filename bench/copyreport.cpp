#include "bench/copyreport.h"

#include "bench/statistics.h"

#include <cstdio>
#include <functional>

namespace gantry::bench {

namespace {

constexpr double mebibyte = 1024.0 * 1024.0;
const QList<Scenario> scenarios { Scenario::SameRegistry, Scenario::CrossRegistry, Scenario::NoOp };
const QList<Tool> tools { Tool::Gantryctl, Tool::SkopeoWarm, Tool::SkopeoCold };

Spread spreadOf(const QList<Measurement>& runs, const std::function<double(const Measurement&)>& value)
{
    QList<double> values;
    for (const Measurement& run : runs)
        values << value(run);
    return bench::spreadOf(values);
}

double wallMs(const Measurement& run)
{
    return run.run.wallMs();
}
double cpuMs(const Measurement& run)
{
    return run.run.userMs + run.run.systemMs;
}
double registryCpuMs(const Measurement& run)
{
    return run.registryCpuMs;
}
double requests(const Measurement& run)
{
    return run.traffic.requests;
}
double uploadedBytes(const Measurement& run)
{
    return static_cast<double>(run.traffic.bytesUploaded);
}
double peakRssKiB(const Measurement& run)
{
    return static_cast<double>(run.run.peakRssKiB);
}
double mounts(const Measurement& run)
{
    return run.traffic.mounts;
}
double notFound(const Measurement& run)
{
    return run.traffic.notFound;
}

// "9", or "9-11" when runs differed: a request count that varies is itself a finding.
QString countRange(const Spread& spread)
{
    if (spread.min == spread.max)
        return QString::number(spread.min, 'f', 0);
    return QStringLiteral("%1-%2").arg(spread.min, 0, 'f', 0).arg(spread.max, 0, 'f', 0);
}

QString mib(double bytes)
{
    return QStringLiteral("%1 MiB").arg(bytes / mebibyte, 0, 'f', 1);
}

void printTable(const BenchmarkResults& results)
{
    std::printf("%-15s %-12s %9s %9s %9s %8s %8s %8s %8s %4s %6s %11s %10s  %s\n", "scenario", "tool", "median ms",
        "min ms", "max ms", "g/tool", "cpu ms", "reg cpu", "requests", "404", "mounts", "uploaded", "peak RSS",
        "methods (first run)");
    for (const Scenario scenario : scenarios) {
        const Spread gantry = spreadOf(results.runs(scenario, Tool::Gantryctl), wallMs);
        for (const Tool tool : tools) {
            const QList<Measurement>& runs = results.runs(scenario, tool);
            const QString label = tool == Tool::Gantryctl ? scenarioName(scenario) : QString();
            if (runs.isEmpty()) {
                std::printf("%-15s %-12s   no successful run\n", qPrintable(label), qPrintable(toolName(tool)));
                continue;
            }
            const Spread wall = spreadOf(runs, wallMs);
            const QString ratio = tool == Tool::Gantryctl || gantry.count == 0 || wall.median <= 0
                ? QString()
                : QStringLiteral("%1x").arg(gantry.median / wall.median, 0, 'f', 2);
            std::printf("%-15s %-12s %9.1f %9.1f %9.1f %8s %8.1f %8.0f %8s %4s %6s %11s %10s  %s\n", qPrintable(label),
                qPrintable(toolName(tool)), wall.median, wall.min, wall.max, qPrintable(ratio),
                spreadOf(runs, cpuMs).median, spreadOf(runs, registryCpuMs).median,
                qPrintable(countRange(spreadOf(runs, requests))), qPrintable(countRange(spreadOf(runs, notFound))),
                qPrintable(countRange(spreadOf(runs, mounts))), qPrintable(mib(spreadOf(runs, uploadedBytes).median)),
                qPrintable(mib(spreadOf(runs, peakRssKiB).max * 1024.0)), qPrintable(runs.first().traffic.methods()));
        }
    }
    std::printf("\nms: wall time from fork to exit of one process; cpu: user+system of that process; g/tool: "
                "gantryctl's median over this row's;\nreg cpu: user+system "
                "both registries spent during the run (10 ms ticks; on few cores it bounds the copy);\nrequests: HTTP "
                "requests in both registries' access logs "
                "(a TLS probe of a plain-HTTP port is not one); uploaded: sizes of the blob uploads completed "
                "(median);\npeak RSS: the largest ru_maxrss of any run.\n");
}

// Prints one target line; returns 1 when it is missed.
int target(bool met, const QString& what, const QString& figures)
{
    std::printf("  %-4s  %s: %s\n", met ? "PASS" : "FAIL", qPrintable(what), qPrintable(figures));
    return met ? 0 : 1;
}

int noData(const QString& what)
{
    return target(false, what, QStringLiteral("no successful run to judge"));
}

} // namespace

int printReport(const BenchmarkResults& results)
{
    const ImageFacts& image = results.image;
    std::printf("\nCopy of a %d x %s image (%d blobs, %s, %s), %d rounds, every run a new process\n", image.layerCount,
        qPrintable(mib(static_cast<double>(image.layerSize))), image.blobCount,
        qPrintable(mib(static_cast<double>(image.blobBytes))), qPrintable(image.digest), results.rounds);
    std::printf("gantryctl: %s\n%s: copy --all --preserve-digests; warm = blob-info cache primed by one copy and "
                "restored before each run, cold = empty cache\n\n",
        qPrintable(results.gantryctl), qPrintable(results.skopeoVersion));
    printTable(results);

    std::printf("\nTargets:\n");
    int missed = 0;
    const int requestLimit = image.blobCount + 3;
    const QList<Measurement>& same = results.runs(Scenario::SameRegistry, Tool::Gantryctl);
    const QList<Measurement>& sameWarm = results.runs(Scenario::SameRegistry, Tool::SkopeoWarm);
    const QList<Measurement>& cross = results.runs(Scenario::CrossRegistry, Tool::Gantryctl);

    const QString noBytes = QStringLiteral("same-registry, gantryctl moves no blob byte (mounts only)");
    const QString fewRequests = QStringLiteral("same-registry, gantryctl requests <= blobs+3 = %1").arg(requestLimit);
    if (same.isEmpty()) {
        missed += noData(noBytes) + noData(fewRequests);
    } else {
        const Spread uploaded = spreadOf(same, uploadedBytes);
        const Spread mounted = spreadOf(same, mounts);
        missed += target(uploaded.max == 0 && mounted.min == image.blobCount, noBytes,
            QStringLiteral("at most %1 uploaded, %2 of %3 blobs mounted")
                .arg(mib(uploaded.max), countRange(mounted))
                .arg(image.blobCount));
        const Spread counted = spreadOf(same, requests);
        missed += target(counted.max <= requestLimit, fewRequests,
            QStringLiteral("%1 (%2)").arg(countRange(counted), same.first().traffic.methods()));
    }

    const QString halfOfSkopeo = QStringLiteral("same-registry, gantryctl median <= 0.5 x skopeo warm");
    if (same.isEmpty() || sameWarm.isEmpty()) {
        missed += noData(halfOfSkopeo);
    } else {
        const double gantry = spreadOf(same, wallMs).median;
        const double skopeo = spreadOf(sameWarm, wallMs).median;
        missed += target(gantry <= 0.5 * skopeo, halfOfSkopeo,
            QStringLiteral("%1 ms vs %2 ms = %3x")
                .arg(gantry, 0, 'f', 1)
                .arg(skopeo, 0, 'f', 1)
                .arg(gantry / skopeo, 0, 'f', 2));
    }

    // Both skopeo modes move every byte across registries; the faster one is the bar.
    const QString crossTime
        = QStringLiteral("cross-registry, gantryctl median <= 0.8 x skopeo (the faster of warm and cold)");
    const Spread crossWarm = spreadOf(results.runs(Scenario::CrossRegistry, Tool::SkopeoWarm), wallMs);
    const Spread crossCold = spreadOf(results.runs(Scenario::CrossRegistry, Tool::SkopeoCold), wallMs);
    if (cross.isEmpty() || (crossWarm.count == 0 && crossCold.count == 0)) {
        missed += noData(crossTime);
    } else {
        const bool warmIsBar = crossWarm.count > 0 && (crossCold.count == 0 || crossWarm.median <= crossCold.median);
        const double skopeo = warmIsBar ? crossWarm.median : crossCold.median;
        const double gantry = spreadOf(cross, wallMs).median;
        missed += target(gantry <= 0.8 * skopeo, crossTime,
            QStringLiteral("%1 ms vs %2 ms (skopeo %3) = %4x")
                .arg(gantry, 0, 'f', 1)
                .arg(skopeo, 0, 'f', 1)
                .arg(warmIsBar ? QStringLiteral("warm") : QStringLiteral("cold"))
                .arg(gantry / skopeo, 0, 'f', 2));
    }

    const QString memory = QStringLiteral("cross-registry, gantryctl peak RSS < 64 MiB");
    if (cross.isEmpty())
        missed += noData(memory);
    else {
        const double peak = spreadOf(cross, peakRssKiB).max * 1024.0;
        missed += target(peak < 64.0 * mebibyte, memory, QStringLiteral("at most %1").arg(mib(peak)));
    }
    std::printf("  info  requests of every tool and scenario: the requests and methods columns above\n");

    if (!results.failures.isEmpty()) {
        std::printf(
            "\n%lld run(s) failed and are left out of the figures:\n", static_cast<long long>(results.failures.size()));
        for (const QString& failure : results.failures)
            std::printf("  %s\n", qPrintable(failure));
    }
    std::printf("\n%d of 5 targets missed\n", missed);
    return missed;
}

} // namespace gantry::bench
