#pragma once

#include "model/dashboard/dashboard.h"
#include "model/dashboard/dashboardsnapshot.h"
#include "model/journal/journalentry.h"
#include "model/workspace/workspace.h"

#include <optional>

namespace gantry::model {

/// The tag as the snapshot shows it now; nullptr when the stage has no such tag or was not read.
const TagRow* findTag(
    const DashboardSnapshot& snapshot, const std::string& pipeline, const std::string& stage, const std::string& tag);

/// Whether the History page may offer "point it back here" on `entry`, and the retarget it would
/// ask for. Yes when the entry put one of its stage's floating tags on a digest (an observed
/// "appeared" or "moved", or a "retarget" or "promote" that went through) and the snapshot shows
/// the tag somewhere else now, or gone. No when the workspace no longer has the stage, the tag is
/// not floating there, the stage now lives in another repository, or the snapshot could not read
/// the stage (where the tag points now is then unknown).
std::optional<RetargetRequest> retargetFor(
    const JournalEntry& entry, const Workspace& workspace, const DashboardSnapshot& snapshot);

} // namespace gantry::model
