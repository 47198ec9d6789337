#pragma once

#include "base/error.h"
#include "model/policy/promotionplan.h"
#include "registry/image/digest.h"
#include "registry/image/reference.h"

#include <atomic>
#include <string>

namespace gantry::registry {
class RegistryClient;
}

namespace gantry::model {

/// What `gantryctl stable` and the Tags page's "Apply -stable" will do for one version tag.
struct StablePlan
{
    registry::Reference version; ///< `host/repo:2.2.4`
    registry::Reference stable; ///< `host/repo:2.2.4-stable`
    registry::Digest digest; ///< where the version tag points
    StableStep step = StableStep::None;
    std::optional<registry::Digest> existing; ///< where the -stable tag points already, if anywhere
    std::string refusal; ///< for None and Conflict: why, and what to do instead
};

/// Checks eligibility first (no request for a tag that is not a final or patch), then where the
/// version and its -stable tag point. Registry failures are errors; policy answers are plans.
registry::Result<StablePlan> planStableTag(
    registry::RegistryClient& client, const registry::Reference& version, const std::atomic_bool* cancelled = nullptr);

/// Writes the plan's -stable tag (a manifest PUT: the blobs are there already) and checks that
/// the registry stored the same digest.
registry::Status applyStableTag(
    registry::RegistryClient& client, const StablePlan& plan, const std::atomic_bool* cancelled = nullptr);

/// Gives the image at `source` (by digest) the tag `tag` in the same repository; no blob moves.
registry::Result<registry::Digest> tagImage(registry::RegistryClient& client, const registry::Reference& source,
    const std::string& tag, const std::atomic_bool* cancelled = nullptr);

} // namespace gantry::model
