#include "cli/release/certscommand.h"

#include "cli/release/clusterprobe.h"
#include "cli/release/releasecontext.h"

namespace gantry::cli {

namespace {

void printReports(const std::vector<model::ClusterReport>& reports)
{
    std::printf("%-20s %-14s %-12s %-11s %-10s %5s %-7s %s\n", "CLUSTER", "SITE", "ENVIRONMENT", "STATUS", "NOT AFTER",
        "DAYS", "TRUSTED", "REASON");
    for (const auto& report : reports) {
        const auto& leaf = report.servedLeaf;
        std::printf("%-20s %-14s %-12s %-11s %-10s %5s %-7s %s\n", printable(report.name).c_str(),
            printable(report.site).c_str(), printable(report.environment).c_str(),
            std::string(clusterStatusText(report.status)).c_str(),
            leaf ? registry::formatRfc3339(leaf->certificate.notAfter).substr(0, 10).c_str() : "-",
            leaf ? std::to_string(leaf->verdict.daysLeft).c_str() : "-", report.trusted ? "yes" : "no",
            printable(report.reason).c_str());
    }
}

} // namespace

int runCerts(ReleaseContext& context)
{
    if (!context.arguments.positional.empty())
        return context.usage("takes no arguments");
    const auto failOn = context.arguments.option("fail-on");
    if (!failOn.empty() && failOn != "warning" && failOn != "critical")
        return context.usage("--fail-on takes warning or critical, not \"" + failOn + "\"");
    auto probed = probeClusters(context);
    if (!probed)
        return probed.error();
    if (context.json) {
        nlohmann::json clusters = nlohmann::json::array();
        for (const auto& report : probed->reports)
            clusters.push_back(reportJson(report));
        context.printJson(clusters);
    } else {
        printReports(probed->reports);
    }
    if (failOn.empty())
        return ExitOk;
    const auto threshold = failOn == "warning" ? model::Severity::Warning : model::Severity::Critical;
    for (const auto& report : probed->reports) {
        if (report.status >= threshold)
            return ExitFailed;
    }
    return ExitOk;
}

} // namespace gantry::cli
