#pragma once

#include "base/error.h"
#include "model/workspace/workspace.h"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace gantry::model {

/// The workspace file's form of `workspace`, as workspaceloader reads it: parseWorkspace gives back
/// the same registries, policies, pipelines, clusters and thresholds. CA files are written as the
/// absolute paths the workspace holds. There is nothing secret to leave out: a Workspace never holds
/// credentials.
nlohmann::json workspaceToJson(const Workspace& workspace);

/// Writes workspaceToJson(workspace) to `path`, creating its folder, atomically (a reader sees the
/// old file or the new one, never half of it). Io names the path and the reason.
registry::Status saveWorkspace(const Workspace& workspace, const std::string& path);

} // namespace gantry::model
