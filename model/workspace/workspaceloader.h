#pragma once

#include "base/error.h"
#include "model/workspace/workspace.h"

#include <string>
#include <string_view>

namespace gantry::model {

/// `$GANTRY_WORKSPACE`, else `$XDG_CONFIG_HOME/gantry/workspace.json` (`~/.config/gantry/…`).
std::string defaultWorkspacePath();

/// Reads and checks a workspace file. Every problem is reported at once, each with the path of
/// its field (`pipelines[0].stages[1].registry: no registry named "cern" (known: a, b)`); unknown
/// keys are problems too, since a misspelt policy key would silently drop a guard. Relative CA
/// paths are resolved against the file's folder.
registry::Result<Workspace> loadWorkspace(const std::string& path);
/// The same for text already read; `path` names it in messages and anchors relative paths.
registry::Result<Workspace> parseWorkspace(std::string_view text, const std::string& path);

} // namespace gantry::model
