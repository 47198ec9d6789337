#include "cli/release/clusterprobe.h"

#include "model/clusters/clustersources.h"
#include "model/workspace/workspaceloader.h"

#include <QFileInfo>
#include <cstdlib>

namespace gantry::cli {

namespace {

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

} // namespace

registry::Timestamp clockNow()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

nlohmann::json nullIfEmpty(const std::string& text)
{
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

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
    probed.reports = model::probeClusters(probed.sources, thresholds, clockNow(), context.cancelled);
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
    return { { "cluster", report.name }, { "site", nullIfEmpty(report.site) },
        { "environment", nullIfEmpty(report.environment) }, { "server", report.server },
        { "notAfter",
            leaf ? nlohmann::json(registry::formatRfc3339(leaf->certificate.notAfter)) : nlohmann::json(nullptr) },
        { "daysLeft", leaf ? nlohmann::json(leaf->verdict.daysLeft) : nlohmann::json(nullptr) },
        { "status", std::string(clusterStatusText(report.status)) }, { "reason", report.reason },
        { "issuer", leaf ? nlohmann::json(leaf->certificate.issuer) : nlohmann::json(nullptr) },
        { "clientCertNotAfter",
            report.clientCertificateNotAfter
                ? nlohmann::json(registry::formatRfc3339(*report.clientCertificateNotAfter))
                : nlohmann::json(nullptr) },
        { "trusted", report.trusted }, { "trustError", nullIfEmpty(report.trustError) },
        { "error", nullIfEmpty(report.error) }, { "certificates", certificates } };
}

} // namespace gantry::cli
