#include "model/clusters/clusterruns.h"
#include "model/clusters/clustersources.h"
#include "model/journal/journal.h"
#include "model/workspace/workspaceloader.h"
#include "cli/release/releasecommands.h"

#include <QFileInfo>
#include <chrono>
#include <cstdlib>

namespace gantry::cli {

namespace {

registry::Timestamp now()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

nlohmann::json orNull(const std::string& text)
{
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

// The workspace when the user has one: named, in $GANTRY_WORKSPACE, or at the default place.
// Certificates can be checked from kubeconfig alone, so a missing default is no error.
registry::Result<const model::Workspace*> workspaceIfAny(ReleaseContext& context)
{
    const char* fromEnvironment = std::getenv("GANTRY_WORKSPACE");
    const bool named = context.arguments.options.contains("workspace") || (fromEnvironment && *fromEnvironment);
    if (!named && !QFileInfo::exists(QString::fromStdString(model::defaultWorkspacePath())))
        return nullptr;
    return context.workspace();
}

struct ProbedClusters
{
    const model::Workspace* workspace = nullptr;
    std::vector<model::ClusterSource> sources;
    std::vector<model::ClusterReport> reports;
};

// Collects the clusters from the workspace and kubeconfig and probes them all at once.
std::expected<ProbedClusters, int> probeClusters(ReleaseContext& context)
{
    ProbedClusters probed;
    auto workspace = workspaceIfAny(context);
    if (!workspace)
        return std::unexpected(context.rejectInput(workspace.error()));
    probed.workspace = *workspace;
    const auto kubeconfig = context.arguments.option("kubeconfig");
    auto contexts = kubeconfig.empty()
        ? model::loadKubeconfigs(model::defaultKubeconfigPaths(), model::MissingKubeconfig::Skip)
        : model::loadKubeconfigs({ kubeconfig }, model::MissingKubeconfig::Fail);
    if (!contexts)
        return std::unexpected(context.rejectInput(contexts.error()));
    auto sources = model::collectClusters(probed.workspace, *contexts);
    if (!sources)
        return std::unexpected(context.failWith(sources.error()));
    probed.sources = std::move(*sources);
    if (probed.sources.empty()) {
        return std::unexpected(context.usage("no clusters to check: add clusters to the workspace, or give "
                                             "--kubeconfig FILE (default $KUBECONFIG, ~/.kube/config)"));
    }
    const model::CertificateThresholds thresholds
        = probed.workspace ? probed.workspace->certificateThresholds : model::CertificateThresholds {};
    probed.reports = model::probeClusters(probed.sources, thresholds, now(), context.cancelled);
    return probed;
}

nlohmann::json reportJson(const model::ClusterReport& report)
{
    const auto& leaf = report.servedLeaf;
    nlohmann::json certificates = nlohmann::json::array();
    for (const auto& check : report.checks) {
        certificates.push_back({ { "role", check.role }, { "subject", check.certificate.subject },
            { "issuer", check.certificate.issuer }, { "notAfter", registry::formatRfc3339(check.certificate.notAfter) },
            { "daysLeft", check.verdict.daysLeft },
            { "status", std::string(clusterStatusText(check.verdict.status)) } });
    }
    return { { "cluster", report.name }, { "site", orNull(report.site) }, { "environment", orNull(report.environment) },
        { "server", report.server },
        { "notAfter",
            leaf ? nlohmann::json(registry::formatRfc3339(leaf->certificate.notAfter)) : nlohmann::json(nullptr) },
        { "daysLeft", leaf ? nlohmann::json(leaf->verdict.daysLeft) : nlohmann::json(nullptr) },
        { "status", std::string(clusterStatusText(report.status)) }, { "reason", report.reason },
        { "issuer", leaf ? nlohmann::json(leaf->certificate.issuer) : nlohmann::json(nullptr) },
        { "clientCertNotAfter",
            report.clientCertificateNotAfter
                ? nlohmann::json(registry::formatRfc3339(*report.clientCertificateNotAfter))
                : nlohmann::json(nullptr) },
        { "trusted", report.trusted }, { "trustError", orNull(report.trustError) }, { "error", orNull(report.error) },
        { "certificates", certificates } };
}

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
            context.client(), **journal, *probed->workspace, probed->sources, now(), context.cancelled);
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
            siteList.push_back({ { "site", orNull(site.site) }, { "clusters", site.clusters },
                { "worst", std::string(clusterStatusText(site.worst)) }, { "atRisk", site.atRisk } });
        }
        nlohmann::json clusterList = nlohmann::json::array();
        for (const auto& report : probed->reports) {
            auto json = reportJson(report);
            json["image"] = orNull(report.image);
            if (const auto* running = runsOf(report.name)) {
                json["runs"] = { { "pipeline", orNull(running->pipeline) }, { "stage", orNull(running->stage) },
                    { "digest", orNull(running->digest) }, { "versions", running->versions },
                    { "flags", running->flags }, { "error", orNull(running->error) },
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
