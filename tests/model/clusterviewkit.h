#pragma once

// ClusterViews for model tests, judged by the real assessCluster over a chain of made-up dates.

#include "model/clusters/clusterreport.h"
#include "model/dashboard/dashboardsnapshot.h"

#include <string>

namespace gantry::test {

inline const registry::Timestamp clusterTestNow = *registry::parseRfc3339("2026-11-23T12:00:00Z");

// A served certificate issued `ageDays` before `at` that lives `lifetimeDays`, plus an hour so
// that whole days left do not hang on a second.
inline registry::CertificateInfo servedCertificate(
    int ageDays, int lifetimeDays, registry::Timestamp at = clusterTestNow)
{
    registry::CertificateInfo info;
    info.subject = "CN=api";
    info.issuer = "CN=cluster-ca";
    info.notBefore = at - std::chrono::days(ageDays);
    info.notAfter = info.notBefore + std::chrono::days(lifetimeDays) + std::chrono::hours(1);
    return info;
}

// ageDays < 0: the endpoint refused the connection and served nothing.
inline model::ClusterView clusterView(const std::string& name, const std::string& site, int ageDays,
    int lifetimeDays = 90, registry::Timestamp at = clusterTestNow)
{
    model::ClusterSource source;
    source.name = name;
    source.site = site;
    source.environment = "training";
    source.server = "https://" + name + ".example.org:6443";
    registry::ProbeResult probe;
    if (ageDays >= 0) {
        probe.trusted = true;
        probe.chain = { servedCertificate(ageDays, lifetimeDays, at) };
    } else {
        probe.failure = registry::ProbeFailure::Refused;
        probe.error = name + ".example.org:6443 refused the connection";
    }
    return { model::assessCluster(source, probe, at, model::CertificateThresholds {}), std::nullopt };
}

} // namespace gantry::test
