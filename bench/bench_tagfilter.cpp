// Tags page benchmark: 100,000 synthetic tag rows (50 stages of 2,000 tags: releases, candidates, patches,
// -stable tags, commit tags, retention verdicts) in TagTableModel behind a sorted TagFilterProxy. Prints
// the time to apply and to clear several filters and the process's resident memory. A report, not a
// test: it exits 0 when a target is missed and non-zero only when it cannot run.

#include "bench/statistics.h"
#include "model/tables/tagfilterproxy.h"
#include "model/tables/tagtablemodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <array>
#include <chrono>
#include <cstdio>
#include <random>
#include <time.h>

using namespace gantry;

namespace {

constexpr int exitCannotRun = 2;
constexpr int pipelines = 10;
constexpr int stagesPerPipeline = 5;
constexpr int tagsPerStage = 2000;
constexpr double targetMs = 100;
constexpr double targetMiB = 200;

// Resident memory of this process, from /proc/self/status.
double residentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

class StageWriter
{
public:
    explicit StageWriter(registry::Timestamp now)
        : m_now(now)
    {
    }

    // A release train as a stage collects it: per release two candidates, the final with -stable, a patch
    // with -stable and one without; each artifact also carries its commit tag, pushed 12 hours apart.
    model::StageView stage(const std::string& pipeline, const std::string& stage)
    {
        model::StageView view { pipeline, stage,
            "registry" + std::to_string(m_stages++ % 2) + ".example.com/" + pipeline + "/" + stage, true, {}, {} };
        for (int release = 0; static_cast<int>(view.tags.size()) < tagsPerStage; ++release) {
            const std::string version = std::to_string(1 + release / 100) + "." + std::to_string(release / 10 % 10)
                + "." + std::to_string(release % 10);
            for (std::vector<std::string> names :
                { std::vector { version + "rc1" }, { version + "rc2" }, { version, version + "-stable" },
                    { version + ".1", version + ".1-stable" }, { version + ".2" } }) {
                names.push_back(commitTag());
                const std::string digest = "sha256:" + hex(64);
                const auto pushed = m_now - std::chrono::hours(12) * (tagsPerStage - release * 5);
                for (const std::string& name : names) {
                    if (static_cast<int>(view.tags.size()) < tagsPerStage)
                        view.tags.push_back(row(view, name, digest, pushed));
                }
            }
        }
        return view;
    }

private:
    model::TagRow row(
        const model::StageView& view, const std::string& tag, const std::string& digest, registry::Timestamp pushed)
    {
        model::TagRow row { view.pipeline, view.stage, view.repository, tag, model::classifyTag(tag), digest, pushed,
            static_cast<std::int64_t>(m_random() % 900'000'000), { "linux/amd64", "linux/arm64" }, std::nullopt, {} };
        const int daysLeft = 30 - static_cast<int>((m_now - pushed) / std::chrono::days(1));
        model::ArtifactRetention retention { digest, { tag }, model::RetentionStatus::KeptUntil, 2,
            "any tag: pushed within 30 days", tag, pushed + std::chrono::days(30), daysLeft, {}, {} };
        if (tag.ends_with("-stable")) {
            retention.keptBy = "tags matching .*-stable: pushed within 365 days";
            retention.expires = pushed + std::chrono::days(365);
            retention.daysLeft = daysLeft + 335;
        } else if (daysLeft < 0) {
            retention.status = model::RetentionStatus::Expired;
            retention.keptBy.clear();
        }
        retention.reason = retention.status == model::RetentionStatus::Expired
            ? "not kept by any rule; was kept until " + registry::formatRfc3339(*retention.expires)
            : "kept until " + registry::formatRfc3339(*retention.expires) + " (" + retention.keptBy + ")";
        row.retention = std::move(retention);
        return row;
    }

    // Distinct within a stage: multiplying by an odd number is a bijection modulo 2^28.
    std::string commitTag()
    {
        std::array<char, 16> text {};
        std::snprintf(text.data(), text.size(), "%07llx", (m_commits++ * 2654435761ull) & 0xfffffffull);
        return text.data();
    }

    std::string hex(int digits)
    {
        static constexpr char alphabet[] = "0123456789abcdef";
        std::string text(static_cast<std::size_t>(digits), '0');
        for (char& c : text)
            c = alphabet[m_random() % 16];
        return text;
    }

    registry::Timestamp m_now;
    std::mt19937_64 m_random { 42 };
    int m_stages = 0;
    unsigned long long m_commits = 0;
};

struct Filter
{
    const char* text;
    bool regularExpression;
};

double millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// CPU time of this thread: on a busy machine wall time also counts the waits for a core.
double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

QByteArray loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().split(' ').first() : QByteArray("?");
}

// Wall and CPU time of one call, in ms.
template<typename Work> void timeOnce(Work work, QList<double>& wall, QList<double>& cpu)
{
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = threadCpuMs();
    work();
    cpu << threadCpuMs() - cpuStart;
    wall << millisecondsSince(start);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times filtering 100,000 tag rows and reports their memory."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per filter (default 10)."),
        QStringLiteral("N"), QStringLiteral("10"));
    parser.addOption(runsOption);
    parser.process(app);
    bool isNumber = false;
    const int runs = parser.value(runsOption).toInt(&isNumber);
    if (!isNumber || runs < 1) {
        std::fprintf(stderr, "bench_tagfilter: --runs wants a positive number\n");
        return exitCannotRun;
    }

    const QByteArray load = loadAverage();
    const double startMiB = residentMiB();
    const registry::Timestamp now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    StageWriter writer(now);
    auto snapshot = std::make_unique<model::DashboardSnapshot>();
    for (int pipeline = 0; pipeline < pipelines; ++pipeline) {
        for (const char* stage : { "fast-feedback", "extended-test", "staging", "canary", "prod" })
            snapshot->stages.push_back(writer.stage("app-" + std::to_string(pipeline), stage));
    }
    static_assert(stagesPerPipeline == 5);
    const double snapshotMiB = residentMiB();

    model::TagTableModel model;
    model::TagFilterProxy proxy;
    proxy.setSourceModel(&model);
    auto start = std::chrono::steady_clock::now();
    model.setSnapshot(*snapshot);
    const double fillMs = millisecondsSince(start);
    start = std::chrono::steady_clock::now();
    proxy.sort(model::TagTableModel::Tag, Qt::DescendingOrder); // newest first, as the page opens
    const double sortMs = millisecondsSince(start);
    start = std::chrono::steady_clock::now();
    model.setSnapshot(*snapshot);
    const double mergeMs = millisecondsSince(start);
    const double filledMiB = residentMiB();

    std::printf("Tags page: %d rows (%d stages of %d tags) in TagTableModel behind TagFilterProxy sorted by tag,\n"
                "%d runs per filter\n\n",
        model.rowCount(), pipelines * stagesPerPipeline, tagsPerStage, runs);
    std::printf(
        "first fill %.1f ms, sort by tag %.1f ms, merge of an unchanged snapshot %.1f ms\n\n", fillMs, sortMs, mergeMs);
    std::printf("%-22s %-9s %6s %10s %7s %8s %10s %7s %8s\n", "filter", "mode", "rows", "apply wall", "max", "cpu",
        "clear wall", "max", "cpu");
    const Filter filters[] = { { "2.2.1", false }, { "rc", false }, { "app-3/prod", false }, { "sha256:ab", false },
        { "-STABLE", false }, { "no such tag", false }, { "^2\\.\\d+\\.0$", true }, { "rc\\d+$", true },
        { "^registry1.*/canary$", true }, { "^sha256:ab", true } };
    double worstMedianMs = 0;
    double worstCpuMs = 0;
    for (const Filter& filter : filters) {
        proxy.setRegularExpression(filter.regularExpression);
        QList<double> apply;
        QList<double> applyCpu;
        QList<double> clear;
        QList<double> clearCpu;
        int shown = 0;
        for (int run = 0; run < runs; ++run) {
            // rowCount(): a proxy may defer its work to the first question, which a view asks at once.
            timeOnce([&] { proxy.setFilterText(QString::fromUtf8(filter.text)), shown = proxy.rowCount(); }, apply,
                applyCpu);
            timeOnce([&] { proxy.setFilterText({}), proxy.rowCount(); }, clear, clearCpu);
        }
        const bench::Spread applied = bench::spreadOf(apply);
        const bench::Spread cleared = bench::spreadOf(clear);
        worstMedianMs = std::max({ worstMedianMs, applied.median, cleared.median });
        worstCpuMs = std::max({ worstCpuMs, bench::spreadOf(applyCpu).median, bench::spreadOf(clearCpu).median });
        std::printf("%-22s %-9s %6d %10.1f %7.1f %8.1f %10.1f %7.1f %8.1f\n", filter.text,
            filter.regularExpression ? "regex" : "substring", shown, applied.median, applied.max,
            bench::spreadOf(applyCpu).median, cleared.median, cleared.max, bench::spreadOf(clearCpu).median);
    }
    snapshot.reset();
    const double modelOnlyMiB = residentMiB();

    std::printf("\nResident memory (VmRSS): %.1f MiB at start, %.1f MiB with the snapshot built, %.1f MiB with the\n"
                "model and proxy filled too (the dashboard holds both), %.1f MiB once the snapshot is freed\n"
                "(freed heap is not always returned to the system).\n",
        startMiB, snapshotMiB, filledMiB, modelOnlyMiB);
    std::printf("apply: from no filter to the filter; clear: back to all rows (re-sorting them); medians and\n"
                "maxima in ms; cpu: the median CPU time of the GUI thread. Load average at the start: %s.\n",
        load.constData());
    std::printf("\nTargets:\n  %-4s  every filter's median under %.0f ms: the slowest median took %.1f ms\n",
        worstMedianMs < targetMs ? "PASS" : "FAIL", targetMs, worstMedianMs);
    std::printf(
        "        (its CPU time, what an idle machine would take: the slowest median took %.1f ms)\n", worstCpuMs);
    std::printf("  %-4s  process memory with %d rows under %.0f MiB: %.1f MiB\n",
        filledMiB < targetMiB ? "PASS" : "FAIL", model.rowCount(), targetMiB, filledMiB);
    return 0;
}
