#pragma once

#include "promotionplan.h"
#include "registry/imagecopier.h"
#include "stabletagging.h"

#include <atomic>

namespace gantry::registry {
class RegistryClient;
}

namespace gantry::model {

class Journal;

/// Asks the registries and the journal what planning needs: where the tag points in every stage
/// (HEADs, concurrently), the destination's -stable tag, and how long the artifact has been in
/// the stage it leaves (the journal's first sighting, else its creation time).
registry::Result<PromotionFacts> gatherPromotionFacts(registry::RegistryClient& client, Journal& journal,
    const PipelineConfig& pipeline, const PromotionRequest& request, registry::Timestamp now,
    const std::atomic_bool* cancelled = nullptr);

struct PromotionResult
{
    registry::CopyReport copy;
    bool copied = false; ///< false when the destination had the tag at the digest already
    bool stableWritten = false;
};

/// Runs an allowed plan: the copy (digest kept, manifest last), then the -stable tag. Tags that
/// changed since the plan are not overwritten. Every write is journaled whatever its outcome, with
/// the registry user (else the OS user) as actor; forced guards are named in the entry. A refused
/// plan is an error and writes nothing.
registry::Result<PromotionResult> executePromotion(
    registry::RegistryClient& client, Journal& journal, const PromotionPlan& plan, registry::CopyOptions options = {});

} // namespace gantry::model
