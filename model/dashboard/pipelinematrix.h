#pragma once

#include "model/dashboard/dashboardsnapshot.h"

#include <optional>
#include <string>
#include <vector>

namespace gantry::model {

/// What one stage holds for one version tag of a pipeline.
struct MatrixCell
{
    enum class State {
        Absent,
        Present,
        Drift, ///< the tag is here at another digest than in the earliest stage that has it
        Unknown, ///< the stage could not be read
    };
    State state = State::Absent;
    std::string digest;
    std::string expectedDigest; ///< for Drift: the digest in the earliest stage that has the tag
    std::optional<registry::Timestamp> created {};
    /// "stable" when `<tag>-stable` is here at the same digest, then the stage's floating tags on it.
    std::vector<std::string> badges {};
    std::string error; ///< for Unknown: why the stage could not be read

    bool hasTag() const { return state == State::Present || state == State::Drift; }
    bool operator==(const MatrixCell&) const = default;
};

/// A version tag across a pipeline's stages.
struct MatrixRow
{
    std::string tag;
    std::vector<MatrixCell> cells; ///< one per stage, in promotion order

    bool operator==(const MatrixRow&) const = default;
};

/// The pipeline's version tags (finals, patches, pre-releases) in any of its stages, newest release
/// first (tagLess, descending). `-stable`, floating and other tags make badges, not rows.
std::vector<MatrixRow> buildPipelineMatrix(const DashboardSnapshot& snapshot, const PipelineView& pipeline);

/// `ab12cd34`: the first 8 hex digits of a digest, as people say it aloud.
std::string digestHexPrefix(const std::string& digest);
/// `6 d`, `5 h`, `12 min`, `now`: how old something made at `created` is at `now`.
std::string formatAge(registry::Timestamp created, registry::Timestamp now);

} // namespace gantry::model
