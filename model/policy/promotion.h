#pragma once

#include "model/journal/journal.h"
#include "model/policy/promotionplan.h"
#include "model/policy/stabletagging.h"
#include "registry/image/imagecopier.h"

#include <atomic>

namespace gantry::registry {
class RegistryClient;
}

namespace gantry::model {

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

/// Journals that `entry` is about to happen (outcome "started"), before the registry write it
/// stands for, so that a process killed in between leaves a trace. The outcome follows in its own entry.
registry::Status recordIntent(Journal& journal, JournalEntry entry, const std::string& actor);

/// Runs an allowed plan: the copy (digest kept, manifest last), then the -stable tag. Tags that
/// changed since the plan are not overwritten. Every write is journaled whatever its outcome, with
/// the registry user (else the OS user) as actor; forced guards are named in the entry. A refused
/// plan is an error and writes nothing.
registry::Result<PromotionResult> executePromotion(
    registry::RegistryClient& client, Journal& journal, const PromotionPlan& plan, registry::CopyOptions options = {});

} // namespace gantry::model
