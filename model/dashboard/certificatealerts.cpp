#include "model/dashboard/certificatealerts.h"

#include <map>

namespace gantry::model {

namespace {

struct CertificateLevel
{
    Severity status = Severity::Ok;
    std::string reason;
};

// nullopt when no certificate was read, so there is nothing to compare.
std::optional<CertificateLevel> levelOf(
    const ClusterReport& report, registry::Timestamp at, const CertificateThresholds& thresholds)
{
    std::optional<CertificateLevel> level;
    for (const auto& check : report.checks) {
        const auto verdict = judgeCertificate(check.certificate, at, thresholds);
        if (!level || verdict.status > level->status)
            level = CertificateLevel { verdict.status, check.role + " certificate " + verdict.reason };
    }
    return level;
}

} // namespace

std::vector<CertificateAlert> certificateAlerts(
    const DashboardSnapshot& before, const DashboardSnapshot& after, const CertificateThresholds& thresholds)
{
    std::map<std::string, Severity> earlier;
    for (const auto& cluster : before.clusters) {
        if (const auto level = levelOf(cluster.report, before.taken, thresholds))
            earlier[cluster.report.name] = level->status;
    }
    std::vector<CertificateAlert> alerts;
    for (const auto& cluster : after.clusters) {
        const auto previous = earlier.find(cluster.report.name);
        const auto level = levelOf(cluster.report, after.taken, thresholds);
        if (previous == earlier.end() || !level || level->status <= previous->second)
            continue;
        alerts.push_back({ cluster.report.name, previous->second, level->status, level->reason });
    }
    return alerts;
}

std::vector<CertificateAlert> CertificateAlertWatch::observe(
    const DashboardSnapshot& snapshot, const CertificateThresholds& thresholds)
{
    std::vector<CertificateAlert> alerts;
    if (m_seen)
        alerts = certificateAlerts(*m_seen, snapshot, thresholds);
    // Only what the comparison reads: a snapshot's tags and journal can be large.
    DashboardSnapshot seen;
    seen.taken = snapshot.taken;
    seen.clusters = snapshot.clusters;
    m_seen = std::move(seen);
    return alerts;
}

} // namespace gantry::model
