#pragma once

#include "base/timestamps.h"
#include "cli/release/releasecontext.h"
#include "model/clusters/clusterreport.h"
#include "model/clusters/clustersources.h"

#include <expected>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

// What the cluster commands (certs, clusters) share: the clusters found and probed, as JSON.
namespace gantry::cli {

/// The clusters of the workspace (when the user has one) and of kubeconfig, probed.
struct ProbedClusters
{
    const model::Workspace* workspace = nullptr;
    std::vector<model::ClusterSource> sources;
    std::vector<model::ClusterReport> reports;
};

/// Collects the clusters from the workspace and kubeconfig and probes them all at once; on
/// failure the error is printed and the exit status to return is the unexpected value.
std::expected<ProbedClusters, int> probeClusters(ReleaseContext& context);

/// One cluster's report as `certs --json` prints it (`clusters --json` adds to it).
nlohmann::json reportJson(const model::ClusterReport& report);

/// The time now, to the second.
registry::Timestamp clockNow();
/// `text`, or JSON null when it is empty.
nlohmann::json nullIfEmpty(const std::string& text);

} // namespace gantry::cli
