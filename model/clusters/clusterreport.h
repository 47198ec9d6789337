#pragma once

#include "model/clusters/certificatestatus.h"
#include "registry/tls/tlsprobe.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gantry::model {

/// A cluster to check: from the workspace, a kubeconfig context, or both (merged by name).
struct ClusterSource
{
    std::string name;
    std::string site;
    std::string environment;
    std::string server; ///< "https://api.example.org:6443"
    std::string tlsServerName; ///< the name the certificate must carry, when not the server's host
    std::string caPem; ///< the CAs to trust it with; empty: the system's
    std::string clientCertificatePem; ///< only its dates are read; the key is never touched
    std::string image; ///< the reference it runs, if the workspace says
    std::string origin; ///< "workspace", or the kubeconfig file
};

/// Copies what names and places a cluster: the workspace's clusters, kubeconfig contexts, sources
/// and reports all carry it under the same four names.
template<typename To, typename From> void copyClusterPlace(To& to, const From& from)
{
    to.name = from.name;
    to.site = from.site;
    to.environment = from.environment;
    to.server = from.server;
}

/// One certificate of a cluster and its verdict.
struct CertificateCheck
{
    std::string role; ///< "served", "served intermediate", "client", "CA"
    registry::CertificateInfo certificate;
    CertificateVerdict verdict;
};

/// What the probe found for one cluster, judged.
struct ClusterReport
{
    std::string name;
    std::string site;
    std::string environment;
    std::string server;
    std::string image;
    std::vector<CertificateCheck> checks;
    Severity status = Severity::Ok; ///< the worst check, or unreachable
    std::string reason; ///< why that status: the worst certificate's reason or the probe's error
    std::optional<CertificateCheck> servedLeaf;
    std::optional<registry::Timestamp> clientCertificateNotAfter;
    bool trusted = false;
    std::string trustError;
    std::string error; ///< why it is unreachable; empty otherwise
};

/// Judges every certificate of a cluster: the chain it served, its client certificate and its CA.
ClusterReport assessCluster(const ClusterSource& source, const registry::ProbeResult& probe, registry::Timestamp now,
    const CertificateThresholds& thresholds);

/// A site and the clusters that back it.
struct SiteReport
{
    std::string site; ///< empty for clusters that name none
    std::vector<std::string> clusters;
    Severity worst = Severity::Ok;
    /// Every cluster backing it is critical, expired or unreachable: the site goes down with them.
    bool atRisk = false;
};
std::vector<SiteReport> rollUpSites(std::span<const ClusterReport> clusters);

/// What to probe for a cluster; InvalidInput when its server is not an https URL.
registry::Result<registry::ProbeTarget> probeTargetFor(
    const ClusterSource& source, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

/// Probes every cluster at once (a server that is no https URL is unreachable with that reason)
/// and judges each: the reports in the sources' order.
std::vector<ClusterReport> probeClusters(std::span<const ClusterSource> sources,
    const CertificateThresholds& thresholds, registry::Timestamp now, const std::atomic_bool* cancelled = nullptr);

} // namespace gantry::model
