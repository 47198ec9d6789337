#pragma once

#include "model/clusters/clusterreport.h"
#include "model/workspace/kubeconfig.h"
#include "model/workspace/workspace.h"

#include <span>
#include <vector>

namespace gantry::model {

/// The clusters to check: the workspace's, then every kubeconfig context the workspace does not
/// name. A workspace cluster and a context of the same name are one cluster: the workspace gives
/// its site, environment and image, the kubeconfig its CA and client certificate where the
/// workspace has none. Workspace CA files are read here; an unreadable one is an error.
registry::Result<std::vector<ClusterSource>> collectClusters(
    const Workspace* workspace, std::span<const KubeCluster> contexts);

} // namespace gantry::model
