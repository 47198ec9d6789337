#pragma once

#include "model/dashboard/dashboardsnapshot.h"
#include "model/workspace/workspace.h"
#include "registry/image/imageinspector.h"

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace gantry::registry {
class RegistryClient;
}

namespace gantry::model {

class Journal;

/// What one refresh needs besides the workspace.
struct DashboardSources
{
    registry::RegistryClient* client = nullptr;
    Journal* journal = nullptr;
    std::vector<std::string> kubeconfigPaths; ///< missing files are skipped, as kubectl does
    /// Image details by `repository@digest`, kept across refreshes (digests never change).
    std::map<std::string, registry::ImageDetails>* detailsCache = nullptr;
    const std::atomic_bool* cancelled = nullptr;
    /// Called on the reading thread: what is being read, and how far.
    std::function<void(const std::string& what, int done, int total)> progress;
};

/// Reads every stage of every pipeline (recording tag movements in the journal, as
/// `gantryctl refresh` does), inspects each artifact once, evaluates retention, probes every
/// cluster's certificates, resolves what each runs and takes the journal's newest entries.
/// A registry or cluster that fails is a problem in the snapshot, not a failed refresh; only a
/// cancellation is an error.
registry::Result<DashboardSnapshot> readDashboard(const Workspace& workspace, const DashboardSources& sources);

} // namespace gantry::model
