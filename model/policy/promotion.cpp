#include "model/policy/promotion.h"

#include "base/concurrently.h"
#include "model/journal/actor.h"
#include "model/journal/journal.h"
#include "model/policy/releaseclass.h"
#include "model/policy/unresolvedwrites.h"
#include "registry/image/imageinspector.h"
#include "registry/image/registryclient.h"

#include <algorithm>
#include <chrono>
#include <mutex>

namespace gantry::model {

using registry::ErrorKind;

namespace {

// Overridden guards, for the journal: a forced promotion says what it forced.
std::string forcedGuards(const PromotionPlan& plan)
{
    std::string text;
    for (const auto& guard : plan.guards) {
        if (guard.state == GuardCheck::State::Overridden)
            text += (text.empty() ? "forced past " : "; ") + std::string(toString(guard.guard)) + " (" + guard.detail
                + ")";
    }
    return text;
}

JournalEntry entryFor(const PromotionPlan& plan, std::string action)
{
    JournalEntry entry;
    entry.action = std::move(action);
    entry.pipeline = plan.pipeline;
    entry.stage = plan.toStage;
    entry.repository = plan.destination.name();
    entry.note = forcedGuards(plan);
    return entry;
}

// Whether Gantry itself wrote `tag` in `repository` (whatever the journal says came of it): its
// arrival is then Gantry's to know, never the image's creation time.
registry::Result<bool> gantryWroteTag(Journal& journal, const std::string& repository, const std::string& tag)
{
    JournalQuery query;
    query.repository = repository;
    query.tag = tag;
    auto entries = journal.entries(query);
    if (!entries)
        return std::unexpected(entries.error());
    return std::ranges::any_of(
        *entries, [](const JournalEntry& entry) { return !entry.isObservation() && entry.action != journal::remove; });
}

} // namespace

registry::Status recordIntent(Journal& journal, JournalEntry entry, const std::string& actor)
{
    entry.actor = actor;
    entry.outcome = std::string(journal::started);
    if (auto recorded = journal.append(std::move(entry)); !recorded)
        return std::unexpected(registry::withContext(recorded.error(), "nothing was written: the journal failed"));
    return {};
}

registry::Result<PromotionFacts> gatherPromotionFacts(registry::RegistryClient& client, Journal& journal,
    const PipelineConfig& pipeline, const PromotionRequest& request, registry::Timestamp now,
    const std::atomic_bool* cancelled)
{
    // A write whose outcome a killed process never journaled is looked up first: its arrival is
    // what the soak guard measures from.
    if (auto resolved = resolveUnfinishedWrites(client, journal, pipeline.name, cancelled); !resolved)
        return std::unexpected(resolved.error());
    PromotionFacts facts;
    facts.now = now;
    facts.tagInStage.resize(pipeline.stages.size());
    // With both stages named, only those and the ones between matter: a registry down elsewhere in the
    // pipeline does not block this promotion.
    std::size_t first = 0;
    std::size_t last = pipeline.stages.size();
    if (const int from = pipeline.indexOf(request.from), to = pipeline.indexOf(request.to); from >= 0 && to >= 0) {
        first = static_cast<std::size_t>(std::min(from, to));
        last = static_cast<std::size_t>(std::max(from, to)) + 1;
    }
    std::atomic_bool stop { false };
    std::mutex factsMutex;
    const auto headed = registry::runConcurrently(last - first, 4, stop, [&](std::size_t offset) -> registry::Status {
        const std::size_t index = first + offset;
        auto head = client.findManifest(pipeline.stages[index].reference(request.tag), cancelled ? cancelled : &stop);
        if (!head)
            return std::unexpected(registry::withContext(head.error(), "stage " + pipeline.stages[index].name));
        std::lock_guard lock(factsMutex);
        facts.tagInStage[index] = std::move(*head);
        return {};
    });
    if (!headed)
        return std::unexpected(headed.error());

    const auto stages = chooseStages(pipeline, request, facts);
    if (!stages)
        return std::unexpected(stages.error());
    const auto [from, to] = *stages;
    if (from < 0 || !facts.tagInStage[static_cast<std::size_t>(from)])
        return facts; // the plan refuses: nothing more to ask
    const auto& source = pipeline.stages[static_cast<std::size_t>(from)];
    const auto digest = facts.tagInStage[static_cast<std::size_t>(from)]->digest;

    if (to >= 0) {
        const auto& destination = pipeline.stages[static_cast<std::size_t>(to)];
        if (const auto stableTag = stableTagFor(request.tag); stableTag && destination.writesStableTags) {
            auto stable = client.findManifest(destination.reference(*stableTag), cancelled);
            if (!stable)
                return std::unexpected(stable.error());
            if (*stable)
                facts.stableInDestination = (*stable)->digest;
        }
    }
    // Every stage left behind with a soak time: the source, and those skipped on the way. The first
    // sighting bounds the arrival from above, so soak is never overestimated.
    facts.enteredStage.resize(pipeline.stages.size());
    bool someUnknown = false;
    for (int i = from; i < std::max(to, from + 1); ++i) {
        const auto& stage = pipeline.stages[static_cast<std::size_t>(i)];
        if (stage.minimumSoak.count() <= 0)
            continue;
        auto seen = journal.firstSeen(stage.reference().name(), digest.str());
        if (!seen)
            return std::unexpected(seen.error());
        const auto& here = facts.tagInStage[static_cast<std::size_t>(i)];
        if (!*seen && here && here->digest == digest) {
            // A tag Gantry wrote without a sighting (its outcome lost): seen there now, and only now.
            auto wrote = gantryWroteTag(journal, stage.reference().name(), request.tag);
            if (!wrote)
                return std::unexpected(wrote.error());
            if (*wrote) {
                if (auto sighted = journal.recordSighting(stage.reference().name(), request.tag, digest.str(), now);
                    !sighted)
                    return std::unexpected(sighted.error());
                *seen = now;
            }
        }
        facts.enteredStage[static_cast<std::size_t>(i)] = *seen;
        someUnknown = someUnknown || !*seen;
    }
    if (someUnknown) {
        // Only read the image when the journal cannot tell: it costs a manifest and a config.
        auto details
            = registry::inspectImage(client, source.reference(request.tag).withDigest(digest.str()), cancelled);
        if (!details)
            return std::unexpected(details.error());
        facts.created = details->created;
    }
    return facts;
}

registry::Result<PromotionResult> executePromotion(
    registry::RegistryClient& client, Journal& journal, const PromotionPlan& plan, registry::CopyOptions options)
{
    if (const auto* refusal = plan.refusal())
        return registry::fail(ErrorKind::InvalidInput,
            "refused by the " + std::string(toString(refusal->guard)) + " guard: " + refusal->detail);
    PromotionResult result;
    // Asked after the write: a registry that lets anyone read asks for credentials only on push.
    const auto actor = [&] { return actorName(client.userName(plan.destination.registry)); };
    const auto now
        = [] { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); };

    if (plan.copyNeeded) {
        JournalEntry entry = entryFor(plan, "promote");
        entry.tag = plan.tag;
        entry.source = plan.source.toString();
        entry.destination = plan.destination.toString();
        entry.digestBefore = plan.destinationBefore ? plan.destinationBefore->str() : std::string();
        entry.digestAfter = plan.digest.str(); // in the "started" entry: what the write means to put
        // The plan judged the destination as it was; a tag written there since is not overwritten.
        options.beforeTagWrite = [&]() -> registry::Status {
            auto current = client.findManifest(plan.destination, options.cancelled);
            if (!current)
                return std::unexpected(current.error());
            const auto found = *current ? std::optional((*current)->digest) : std::nullopt;
            if (found == plan.destinationBefore || (found && *found == plan.digest))
                return {};
            return registry::fail(ErrorKind::Protocol,
                plan.destination.toString() + " changed while the blobs were copied (now "
                    + (found ? found->str() : std::string("gone")) + "); nothing was tagged: plan again");
        };
        if (auto intent = recordIntent(journal, entry, actor()); !intent)
            return std::unexpected(intent.error());
        registry::ImageCopier copier(client, options);
        auto copied = copier.copy(plan.source, plan.destination);
        entry.actor = actor();
        entry.time = now();
        entry.outcome = copied ? (plan.forced() ? "forced" : "done") : journal::failureOutcome(copied.error());
        entry.digestAfter = copied ? copied->digest.str() : entry.digestBefore;
        if (!copied)
            entry.error = copied.error().message;
        // The journal is written whatever happened; a journal failure after a good copy is still
        // reported, since an unrecorded promotion breaks the audit trail.
        auto recorded = journal.append(entry);
        if (!copied)
            return std::unexpected(copied.error());
        if (!recorded)
            return std::unexpected(registry::withContext(recorded.error(), "the copy landed but the journal failed"));
        if (auto sighted = journal.recordSighting(plan.destination.name(), plan.tag, copied->digest.str(), entry.time);
            !sighted)
            return std::unexpected(sighted.error());
        result.copy = *copied;
        result.copied = !copied->alreadyPresent;
    }
    if (plan.stable == StableStep::Write) {
        JournalEntry entry = entryFor(plan, "stable");
        entry.tag = plan.stableTag;
        entry.source = plan.destination.toString();
        entry.destination = plan.destination.withTag(plan.stableTag).toString();
        entry.digestAfter = plan.digest.str();
        // Asked again right before the write: a -stable tag that appeared meanwhile is never overwritten.
        if (auto intent = recordIntent(journal, entry, actor()); !intent)
            return std::unexpected(intent.error());
        registry::Result<registry::Digest> written = registry::fail(ErrorKind::Protocol, "not written");
        auto current = client.findManifest(plan.destination.withTag(plan.stableTag), options.cancelled);
        if (!current)
            written = std::unexpected(current.error());
        else if (*current && (*current)->digest != plan.digest)
            written = registry::fail(ErrorKind::Protocol,
                plan.stableTag + " appeared at " + (*current)->digest.str()
                    + " while the copy ran; -stable tags are never overwritten");
        else
            written
                = tagImage(client, plan.destination.withDigest(plan.digest.str()), plan.stableTag, options.cancelled);
        entry.actor = actor();
        entry.time = now();
        entry.outcome = written ? journal::done : journal::failureOutcome(written.error());
        entry.digestAfter = written ? written->str() : std::string();
        if (!written)
            entry.error = written.error().message;
        auto recorded = journal.append(entry);
        if (!written)
            return std::unexpected(
                registry::withContext(written.error(), "the copy landed; writing " + plan.stableTag));
        if (!recorded)
            return std::unexpected(
                registry::withContext(recorded.error(), plan.stableTag + " landed but the journal failed"));
        if (auto sighted
            = journal.recordSighting(plan.destination.name(), plan.stableTag, plan.digest.str(), entry.time);
            !sighted)
            return std::unexpected(sighted.error());
        result.stableWritten = true;
    }
    return result;
}

} // namespace gantry::model
