#include "model/clusters/clusterreport.h"

#include <map>

namespace gantry::model {

namespace {

void addChecks(ClusterReport& report, const std::string& role,
    const std::vector<registry::CertificateInfo>& certificates, registry::Timestamp now,
    const CertificateThresholds& thresholds)
{
    for (const auto& certificate : certificates)
        report.checks.push_back({ role, certificate, judgeCertificate(certificate, now, thresholds) });
}

} // namespace

ClusterReport assessCluster(const ClusterSource& source, const registry::ProbeResult& probe, registry::Timestamp now,
    const CertificateThresholds& thresholds)
{
    ClusterReport report;
    copyClusterPlace(report, source);
    report.image = source.image;
    report.trusted = probe.trusted;
    report.trustError = probe.trustError;

    for (std::size_t i = 0; i < probe.chain.size(); ++i)
        addChecks(report, i == 0 ? "served" : "served intermediate", { probe.chain[i] }, now, thresholds);
    if (!report.checks.empty())
        report.servedLeaf = report.checks.front();
    // The kubeconfig's own certificates expire too; an expired client certificate locks kubectl out
    // as surely as an expired server one. Unreadable PEM is reported, not guessed around.
    if (!source.clientCertificatePem.empty()) {
        if (auto client = registry::readPemCertificates(source.clientCertificatePem); client && !client->empty()) {
            addChecks(report, "client", { client->front() }, now, thresholds);
            report.clientCertificateNotAfter = client->front().notAfter;
        } else {
            report.error = "the client certificate is not PEM";
        }
    }
    if (!source.caPem.empty()) {
        if (auto cas = registry::readPemCertificates(source.caPem))
            addChecks(report, "CA", *cas, now, thresholds);
        else
            report.error = "the CA is not PEM";
    }

    for (const auto& check : report.checks) {
        if (report.reason.empty() || check.verdict.status > report.status) {
            report.status = worst(report.status, check.verdict.status);
            report.reason = check.role + " certificate " + check.verdict.reason;
        }
    }
    if (probe.failure != registry::ProbeFailure::None) {
        report.error = probe.error.empty() ? std::string(registry::toString(probe.failure)) : probe.error;
        report.status = worst(report.status, Severity::Unknown);
        if (report.status == Severity::Unknown)
            report.reason = report.error;
    }
    return report;
}

std::vector<SiteReport> rollUpSites(std::span<const ClusterReport> clusters)
{
    std::map<std::string, SiteReport> sites;
    std::map<std::string, bool> anyHealthy;
    for (const auto& cluster : clusters) {
        auto& site = sites[cluster.site];
        site.site = cluster.site;
        site.clusters.push_back(cluster.name);
        site.worst = worst(site.worst, cluster.status);
        if (cluster.status == Severity::Ok || cluster.status == Severity::Warning)
            anyHealthy[cluster.site] = true;
    }
    std::vector<SiteReport> result;
    for (auto& [name, site] : sites) {
        site.atRisk = !anyHealthy[name];
        result.push_back(std::move(site));
    }
    return result;
}

registry::Result<registry::ProbeTarget> probeTargetFor(const ClusterSource& source, std::chrono::milliseconds timeout)
{
    auto target = registry::probeTargetForUrl(source.server);
    if (!target)
        return std::unexpected(registry::withContext(target.error(), "cluster " + source.name));
    if (!source.tlsServerName.empty())
        target->serverName = source.tlsServerName;
    target->caPem = source.caPem;
    target->timeout = timeout;
    return target;
}

std::vector<ClusterReport> probeClusters(std::span<const ClusterSource> sources,
    const CertificateThresholds& thresholds, registry::Timestamp now, const std::atomic_bool* cancelled)
{
    std::vector<registry::ProbeTarget> targets;
    std::vector<std::string> targetErrors;
    for (const auto& source : sources) {
        auto target = probeTargetFor(source);
        targetErrors.push_back(target ? std::string() : target.error().message);
        targets.push_back(target.value_or(registry::ProbeTarget {}));
    }
    const auto results = registry::probeAll(targets, 32, cancelled);
    std::vector<ClusterReport> reports;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        registry::ProbeResult result = results[i];
        if (!targetErrors[i].empty()) {
            result = {};
            result.failure = registry::ProbeFailure::Network;
            result.error = targetErrors[i];
        }
        reports.push_back(assessCluster(sources[i], result, now, thresholds));
    }
    return reports;
}

} // namespace gantry::model
