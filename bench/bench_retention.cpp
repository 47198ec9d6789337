// Retention benchmark: evaluateRetention on a stage of 2,000 tags, under the CERN registry's policy and a
// four-rule policy with heavier patterns. A report, not a test: it exits 0 when the target is missed and
// non-zero only when it cannot run.

#include "bench/statistics.h"
#include "model/policy/retention.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <array>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

using namespace gantry;

namespace {

constexpr int exitCannotRun = 2;
constexpr std::size_t stageTags = 2000;
constexpr double targetMs = 100;

constexpr const char* fourRules = R"({"rules": [
    {"keep": "pushedWithinDays", "days": 365, "tags": "[0-9]+\\.[0-9]+\\.[0-9]+(\\.[0-9]+)?-stable"},
    {"keep": "latest", "count": 10, "tags": "[0-9]+\\.[0-9]+\\.[0-9]+rc[0-9]+"},
    {"keep": "pushedWithinDays", "days": 30},
    {"keep": "always", "tags": "1\\.0\\.0(-stable)?"}]})";

std::string commitTag(std::size_t index)
{
    std::array<char, 16> text {};
    std::snprintf(text.data(), text.size(), "%07zx", (index * 2654435761u) & 0xfffffffu);
    return text.data();
}

// A release train as a stage collects it, one push every 12 hours: per release two candidates, the final
// and a patch with -stable, a patch without; each artifact also has its commit tag, the newest `latest`.
// Every 50th push time is unknown, as for an image whose config carries no date.
std::vector<model::ArtifactFacts> releaseStage(registry::Timestamp now)
{
    std::vector<model::ArtifactFacts> stage;
    std::size_t tags = 0;
    for (int release = 0; tags < stageTags; ++release) {
        const std::string version = std::to_string(1 + release / 100) + "." + std::to_string(release / 10 % 10) + "."
            + std::to_string(release % 10);
        for (std::vector<std::string> names : { std::vector { version + "rc1" }, { version + "rc2" },
                 { version, version + "-stable" }, { version + ".1", version + ".1-stable" }, { version + ".2" } }) {
            names.push_back(commitTag(stage.size()));
            names.resize(std::min(names.size(), stageTags - tags));
            tags += names.size();
            if (!names.empty())
                stage.push_back({ "sha256:" + commitTag(stage.size()), std::move(names), std::nullopt });
        }
    }
    stage.back().tags.back() = "latest";
    for (std::size_t i = 0; i < stage.size(); ++i) {
        if (i % 50 != 49)
            stage[i].pushed = now - std::chrono::hours(12) * static_cast<int>(stage.size() - i);
    }
    return stage;
}

void printRow(const model::RetentionPolicy& policy, std::span<const model::ArtifactFacts> stage,
    registry::Timestamp now, int runs, double& worstMs)
{
    QList<double> times;
    std::vector<model::ArtifactRetention> results;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        results = model::evaluateRetention(policy, stage, now);
        times << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }
    std::array<int, 5> counts {};
    for (const auto& result : results)
        ++counts[static_cast<std::size_t>(result.status)];
    const bench::Spread spread = bench::spreadOf(times);
    worstMs = std::max(worstMs, spread.max);
    std::printf("%-12s %5zu %9.2f %9.2f %9.2f %8d %8d %8d %8d %8d\n", policy.name.c_str(), policy.rules.size(),
        spread.median, spread.min, spread.max, counts[0], counts[1], counts[2], counts[3], counts[4]);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times evaluateRetention on a stage of 2,000 tags."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per policy (default 50)."),
        QStringLiteral("N"), QStringLiteral("50"));
    parser.addOption(runsOption);
    parser.process(app);
    bool isNumber = false;
    const int runs = parser.value(runsOption).toInt(&isNumber);
    const auto four = model::parseRetentionPolicy("four rules", nlohmann::json::parse(fourRules), "fourRules");
    if (!isNumber || runs < 1 || !four) {
        std::fprintf(
            stderr, "bench_retention: %s\n", four ? "--runs wants a positive number" : four.error().message.c_str());
        return exitCannotRun;
    }

    const registry::Timestamp now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto stage = releaseStage(now);
    const auto unknown = std::ranges::count_if(stage, [](const auto& artifact) { return !artifact.pushed; });
    std::printf("Retention of a stage of %zu tags on %zu artifacts (%td push times unknown), %d runs per policy\n\n",
        stageTags, stage.size(), unknown, runs);
    std::printf("%-12s %5s %9s %9s %9s %8s %8s %8s %8s %8s\n", "policy", "rules", "median ms", "min ms", "max ms",
        "forever", "newest", "until", "unknown", "expired");
    double worstMs = 0;
    printRow(model::cernRegistryPolicy(), stage, now, runs, worstMs);
    printRow(*four, stage, now, runs, worstMs);
    std::printf("\nms: wall time of one evaluateRetention call (patterns compiled beforehand, as the workspace "
                "does);\nforever..expired: how many artifacts got each status. A push time that is unknown "
                "could be among the newest,\nso with more unknown push times than a latest-rule's count that "
                "rule keeps no artifact for sure (newest 0).\n");
    std::printf("\nTargets:\n  %-4s  every run under %.0f ms: the slowest took %.2f ms\n",
        worstMs < targetMs ? "PASS" : "FAIL", targetMs, worstMs);
    return 0;
}
