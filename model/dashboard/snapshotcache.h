#pragma once

#include "base/error.h"
#include "model/dashboard/dashboardsnapshot.h"

#include <string>

namespace gantry::model {

/// Keeps the last snapshot between runs so the window shows it at once, before the first refresh.
/// A JSON file in the user's cache location; it holds what the dashboard shows and nothing secret
/// (the snapshot has no credentials). A file from another format version, or a damaged one, is an
/// error the caller treats as "no cache".
registry::Status saveSnapshot(const DashboardSnapshot& snapshot, const std::string& path);
registry::Result<DashboardSnapshot> loadSnapshot(const std::string& path);

/// Where the cache of a workspace lives: one file per workspace path, in the per-user cache location.
std::string defaultSnapshotCachePath(const std::string& workspacePath);

} // namespace gantry::model
