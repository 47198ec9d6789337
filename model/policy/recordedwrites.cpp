#include "model/policy/recordedwrites.h"

#include "model/journal/actor.h"
#include "model/policy/promotion.h"
#include "registry/image/registryclient.h"

#include <algorithm>

namespace gantry::model {

namespace {

// The outcome entry of a write whose intent was journaled, and the sighting it leaves.
registry::Status recordOutcome(
    Journal& journal, JournalEntry entry, const registry::Status& written, const std::string& digestAfter)
{
    entry.digestAfter = written ? digestAfter : std::string();
    entry.outcome = written ? journal::done : journal::failureOutcome(written.error());
    entry.error = written ? std::string() : written.error().message;
    auto recorded = journal.append(entry);
    if (!written)
        return std::unexpected(written.error());
    if (!recorded)
        return std::unexpected(
            registry::withContext(recorded.error(), entry.destination + " landed but the journal failed"));
    return journal.recordSighting(entry.repository, entry.tag, digestAfter, recorded->time);
}

} // namespace

registry::Status writeStableTagRecorded(registry::RegistryClient& client, Journal& journal, const StablePlan& plan,
    const std::string& actor, const std::atomic_bool* cancelled)
{
    if (plan.step != StableStep::Write)
        return registry::fail(registry::ErrorKind::InvalidInput,
            plan.refusal.empty() ? plan.stable.toString() + " needs no write" : plan.refusal);
    JournalEntry entry;
    entry.action = std::string(journal::stable);
    entry.repository = plan.version.name();
    entry.tag = plan.stable.tag;
    entry.source = plan.version.toString();
    entry.destination = plan.stable.toString();
    entry.digestBefore = plan.existing ? plan.existing->str() : std::string();
    entry.actor = actor;
    entry.digestAfter = plan.digest.str(); // in the "started" entry: what the write means to put
    if (auto intent = recordIntent(journal, entry, actor); !intent)
        return intent;
    return recordOutcome(journal, entry, applyStableTag(client, plan, cancelled), plan.digest.str());
}

registry::Result<registry::Digest> retargetFloatingTag(registry::RegistryClient& client, Journal& journal,
    const PipelineConfig& pipeline, const std::string& stageName, const std::string& tag, const std::string& digest,
    const std::atomic_bool* cancelled)
{
    const auto invalid = [](std::string message) { return registry::fail(registry::ErrorKind::InvalidInput, message); };
    const auto index = pipeline.indexOf(stageName);
    if (index < 0)
        return invalid("pipeline " + pipeline.name + " has no stage " + stageName);
    const auto& stage = pipeline.stages[static_cast<std::size_t>(index)];
    if (std::ranges::find(stage.floatingTags, tag) == stage.floatingTags.end())
        return invalid(tag + " is not a floating tag of " + stageName
            + ": only floating tags move; add it to the stage's floatingTags if it is meant to");
    auto target = registry::Digest::parse(digest);
    if (!target)
        return std::unexpected(target.error());
    auto before = client.findManifest(stage.reference(tag), cancelled);
    if (!before)
        return std::unexpected(before.error());

    JournalEntry entry;
    entry.action = std::string(journal::retarget);
    entry.pipeline = pipeline.name;
    entry.stage = stageName;
    entry.repository = stage.reference().name();
    entry.tag = tag;
    entry.source = stage.reference().withDigest(target->str()).toString();
    entry.destination = stage.reference(tag).toString();
    entry.digestBefore = *before ? (*before)->digest.str() : std::string();
    if (*before && (*before)->digest == *target)
        return *target; // it points there already: nothing written, nothing to journal
    const auto actor = actorName(client.userName(stage.host));
    entry.actor = actor;
    entry.digestAfter = target->str();
    if (auto intent = recordIntent(journal, entry, actor); !intent)
        return std::unexpected(intent.error());
    auto written = tagImage(client, stage.reference().withDigest(target->str()), tag, cancelled);
    registry::Status status = written ? registry::Status {} : std::unexpected(written.error());
    if (auto recorded = recordOutcome(journal, entry, status, target->str()); !recorded)
        return std::unexpected(recorded.error());
    return *written;
}

} // namespace gantry::model
