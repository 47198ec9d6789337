#include "cli/release/clusterscommand.h"

#include "cli/release/clusterprobe.h"
#include "cli/release/releasecontext.h"
#include "model/clusters/clusterruns.h"
#include "model/journal/journal.h"

namespace gantry::cli {

int runClusters(ReleaseContext& context)
{
    if (!context.arguments.positional.empty())
        return context.usage("takes no arguments");
    auto probed = probeClusters(context);
    if (!probed)
        return probed.error();
    const auto sites = model::rollUpSites(probed->reports);
    std::vector<model::ClusterRuns> runs;
    if (probed->workspace) {
        auto journal = context.journal();
        if (!journal)
            return context.failWith(journal.error());
        auto resolved = model::resolveWhatRuns(
            context.client(), **journal, *probed->workspace, probed->sources, clockNow(), context.cancelled);
        if (!resolved)
            return context.failWith(resolved.error());
        runs = std::move(*resolved);
    }
    const auto runsOf = [&](const std::string& cluster) -> const model::ClusterRuns* {
        for (const auto& entry : runs) {
            if (entry.cluster == cluster)
                return &entry;
        }
        return nullptr;
    };
    if (context.json) {
        nlohmann::json siteList = nlohmann::json::array();
        for (const auto& site : sites) {
            siteList.push_back({ { "site", nullIfEmpty(site.site) }, { "clusters", site.clusters },
                { "worst", std::string(clusterStatusText(site.worst)) }, { "atRisk", site.atRisk } });
        }
        nlohmann::json clusterList = nlohmann::json::array();
        for (const auto& report : probed->reports) {
            auto json = reportJson(report);
            json["image"] = nullIfEmpty(report.image);
            if (const auto* running = runsOf(report.name)) {
                json["runs"]
                    = { { "pipeline", nullIfEmpty(running->pipeline) }, { "stage", nullIfEmpty(running->stage) },
                          { "digest", nullIfEmpty(running->digest) }, { "versions", running->versions },
                          { "flags", running->flags }, { "error", nullIfEmpty(running->error) },
                          { "retention",
                              running->retention ? nlohmann::json(std::string(toString(running->retention->status)))
                                                 : nlohmann::json(nullptr) } };
            }
            clusterList.push_back(json);
        }
        context.printJson({ { "sites", siteList }, { "clusters", clusterList } });
        return ExitOk;
    }
    for (const auto& site : sites) {
        std::printf("site %s: %s%s (%zu clusters)\n", site.site.empty() ? "(none)" : printable(site.site).c_str(),
            std::string(clusterStatusText(site.worst)).c_str(), site.atRisk ? ", AT RISK: no healthy cluster left" : "",
            site.clusters.size());
        for (const auto& name : site.clusters) {
            const auto report = std::ranges::find(probed->reports, name, &model::ClusterReport::name);
            std::printf("  %-20s %-11s %s\n", printable(name).c_str(),
                std::string(clusterStatusText(report->status)).c_str(), printable(report->reason).c_str());
            if (const auto* running = runsOf(name)) {
                std::string versions;
                for (const auto& version : running->versions)
                    versions += (versions.empty() ? "" : ", ") + version;
                std::printf("      runs %s = %s%s\n", printable(running->image).c_str(),
                    running->digest.empty() ? "?" : running->digest.substr(0, 19).c_str(),
                    versions.empty() ? "" : (" (" + printable(versions) + ")").c_str());
                for (const auto& flag : running->flags)
                    std::printf("      WARNING: %s\n", printable(flag).c_str());
                if (!running->error.empty())
                    std::printf("      error: %s\n", printable(running->error).c_str());
            }
        }
    }
    return ExitOk;
}

} // namespace gantry::cli
