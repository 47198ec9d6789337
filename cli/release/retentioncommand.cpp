#include "cli/release/retentioncommand.h"

#include "base/concurrently.h"
#include "cli/release/releasecontext.h"
#include "cli/release/workspacearguments.h"
#include "model/journal/actor.h"
#include "model/journal/journal.h"
#include "model/policy/promotion.h"
#include "model/policy/retention.h"
#include "model/policy/stageretention.h"
#include "registry/image/registryclient.h"

#include <algorithm>
#include <chrono>
#include <map>

namespace gantry::cli {

namespace {

std::string joinedTags(const std::vector<std::string>& tags)
{
    std::string text;
    for (const auto& tag : tags)
        text += (text.empty() ? "" : ", ") + tag;
    return text;
}

nlohmann::json stageJson(const model::StageRetention& stage, int warningDays)
{
    nlohmann::json artifacts = nlohmann::json::array();
    for (const auto& artifact : stage.artifacts) {
        const auto clusters = stage.clustersByDigest.find(artifact.digest);
        const auto runBy = clusters == stage.clustersByDigest.end() ? std::vector<std::string>() : clusters->second;
        artifacts.push_back({ { "digest", artifact.digest }, { "tags", artifact.tags },
            { "status", std::string(toString(artifact.status)) },
            { "keptBy", artifact.keptBy.empty() ? nlohmann::json(nullptr) : nlohmann::json(artifact.keptBy) },
            { "expires",
                artifact.expires ? nlohmann::json(registry::formatRfc3339(*artifact.expires))
                                 : nlohmann::json(nullptr) },
            { "daysLeft", artifact.daysLeft ? nlohmann::json(*artifact.daysLeft) : nlohmann::json(nullptr) },
            { "unknownRules", artifact.unknownRules }, { "reason", artifact.reason }, { "clusters", runBy },
            { "clusterAtRisk", !runBy.empty() && model::mayExpireWithin(artifact, warningDays) } });
    }
    return { { "stage", stage.stage->name }, { "repository", stage.snapshot.repository.name() },
        { "policy", stage.policy ? nlohmann::json(stage.policy->name) : nlohmann::json(nullptr) },
        { "artifacts", artifacts } };
}

void printStage(const model::StageRetention& stage, int warningDays)
{
    std::printf("%s (%s): ", printable(stage.stage->name).c_str(), stage.snapshot.repository.name().c_str());
    if (!stage.policy) {
        std::printf("no retention policy: the registry keeps everything\n");
        return;
    }
    std::printf("policy %s, %zu artifacts\n", printable(stage.policy->name).c_str(), stage.artifacts.size());
    for (const auto& artifact : stage.artifacts) {
        std::string expires = artifact.expires ? registry::formatRfc3339(*artifact.expires).substr(0, 10) : "-";
        std::string days = artifact.daysLeft ? std::to_string(*artifact.daysLeft) : "-";
        std::printf("  %-19s %-17s %-10s %5s  %-32s %s\n", artifact.digest.substr(0, 19).c_str(),
            std::string(toString(artifact.status)).c_str(), expires.c_str(), days.c_str(),
            printable(joinedTags(artifact.tags)).c_str(), printable(artifact.reason).c_str());
        const auto clusters = stage.clustersByDigest.find(artifact.digest);
        if (clusters != stage.clustersByDigest.end() && model::mayExpireWithin(artifact, warningDays))
            std::printf("      WARNING: run by %s\n", printable(joinedTags(clusters->second)).c_str());
    }
}

// Where every given tag points, each read (not HEADed), several at once; a tag that is gone is
// left out. A stage's digests come from HEADs, which carry no bytes: a stale one hides a tag that
// deleting by digest would take along, so the deletes are decided, and checked, on these.
registry::Result<std::map<std::string, std::string>> verifiedTags(registry::RegistryClient& client,
    const registry::Reference& repository, const std::vector<std::string>& tags, const std::atomic_bool* cancelled)
{
    std::vector<std::string> digests(tags.size());
    std::atomic_bool stop { false };
    auto read = registry::runConcurrently(tags.size(), 8, stop, [&](std::size_t i) -> registry::Status {
        auto seen = client.findManifest(repository.withDigest({}).withTag(tags[i]), cancelled);
        if (!seen)
            return std::unexpected(seen.error());
        digests[i] = *seen ? (*seen)->digest.str() : std::string();
        return {};
    });
    if (!read)
        return std::unexpected(read.error());
    std::map<std::string, std::string> result;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        if (!digests[i].empty())
            result[tags[i]] = digests[i];
    }
    return result;
}

// The tags at `digest`, sorted.
std::vector<std::string> tagsAt(const std::map<std::string, std::string>& tagDigests, const std::string& digest)
{
    std::vector<std::string> tags;
    for (const auto& [tag, at] : tagDigests) {
        if (at == digest)
            tags.push_back(tag);
    }
    return tags;
}

// Deletes the expired artifacts nobody runs, each by digest, a journal entry per tag it removes.
// The stage is read again first, every tag verified: a digest that gained a tag since the
// evaluation (or whose tag a stale HEAD hid) is left alone, since deleting by digest would take
// that tag with it.
int applyRetention(ReleaseContext& context, model::Journal& journal, const std::string& pipeline,
    const std::vector<model::StageRetention>& stages)
{
    int failures = 0;
    // With --json, stdout holds the JSON document alone; what --apply did goes to stderr.
    std::FILE* out = context.json ? stderr : stdout;
    for (const auto& stage : stages) {
        auto fresh = model::readStage(context.client(), *stage.stage, context.cancelled);
        if (!fresh)
            return context.failWith(fresh.error());
        std::vector<std::string> allTags;
        for (const auto& tag : fresh->tags)
            allTags.push_back(tag.tag);
        auto now = verifiedTags(context.client(), fresh->repository, allTags, context.cancelled);
        if (!now)
            return context.failWith(now.error());
        for (const auto& artifact : stage.artifacts) {
            if (artifact.status != model::RetentionStatus::Expired)
                continue;
            const auto target = stage.snapshot.repository.withDigest(artifact.digest);
            if (stage.clustersByDigest.contains(artifact.digest)) {
                std::fprintf(out, "kept %s: run by %s\n", target.toString().c_str(),
                    printable(joinedTags(stage.clustersByDigest.at(artifact.digest))).c_str());
                continue;
            }
            auto evaluatedTags = artifact.tags;
            std::ranges::sort(evaluatedTags);
            if (tagsAt(*now, artifact.digest) != evaluatedTags) {
                std::fprintf(out, "kept %s: its tags changed since it was evaluated; run retention again\n",
                    target.toString().c_str());
                continue;
            }
            const auto entryFor = [&](const std::string& tag) {
                model::JournalEntry entry;
                entry.action = "delete";
                entry.pipeline = pipeline;
                entry.stage = stage.stage->name;
                entry.repository = target.name();
                entry.tag = tag;
                entry.source = target.toString();
                entry.digestBefore = artifact.digest;
                entry.note = "retention: " + artifact.reason;
                return entry;
            };
            for (const auto& tag : artifact.tags) {
                if (auto intent = model::recordIntent(journal, entryFor(tag), context.actorFor(target.registry));
                    !intent)
                    return context.failWith(intent.error());
            }
            registry::Status deleted = context.client().deleteManifest(target);
            const auto kind = deleted ? registry::ErrorKind::Protocol : deleted.error().kind;
            const bool answerLost = !deleted
                && (kind == registry::ErrorKind::Network || kind == registry::ErrorKind::Timeout
                    || kind == registry::ErrorKind::Server);
            if (deleted || answerLost) {
                // Read back: a delete is done when no tag serves the image any more, whatever
                // the registry answered (or whether its answer arrived at all).
                auto after = verifiedTags(context.client(), target, artifact.tags, context.cancelled);
                if (!after) {
                    auto unread = registry::withContext(after.error(), "reading the tags back");
                    unread.writeUncertain = true;
                    deleted = std::unexpected(unread);
                } else if (after->empty())
                    deleted = {};
                else if (deleted)
                    deleted = registry::fail(registry::ErrorKind::Protocol,
                        "deleting " + target.toString() + " was acknowledged, but read back " + after->begin()->first
                            + " still serves " + after->begin()->second);
            }
            for (const auto& tag : artifact.tags) {
                model::JournalEntry entry = entryFor(tag);
                entry.actor = context.actorFor(target.registry);
                entry.outcome = deleted ? model::journal::done : model::journal::failureOutcome(deleted.error());
                entry.error = deleted ? std::string() : deleted.error().message;
                if (auto recorded = journal.append(entry); !recorded)
                    return context.failWith(recorded.error());
            }
            if (!deleted) {
                ++failures;
                std::fprintf(stderr, "gantryctl retention: %s\n", printableLines(deleted.error().message).c_str());
                continue;
            }
            std::fprintf(
                out, "deleted %s (%s)\n", target.toString().c_str(), printable(joinedTags(artifact.tags)).c_str());
        }
    }
    return failures ? ExitFailed : ExitOk;
}

} // namespace

int runRetention(ReleaseContext& context)
{
    const auto work = pipelineWorkFromArguments(context);
    if (!work)
        return work.error();
    const auto& pipeline = *work->pipeline;
    auto& journal = *work->journal;
    const auto& workspace = **context.workspace();
    const std::string onlyStage = context.arguments.option("stage");
    if (!onlyStage.empty() && pipeline.indexOf(onlyStage) < 0)
        return context.usage("--stage: pipeline " + pipeline.name + " has no stage \"" + onlyStage + "\"");
    std::vector<model::StageRetention> stages;
    for (const auto& stage : pipeline.stages) {
        if (!onlyStage.empty() && stage.name != onlyStage)
            continue;
        auto evaluated = model::evaluateStageRetention(context.client(), journal, workspace, stage,
            std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()), context.cancelled);
        if (!evaluated)
            return context.failWith(evaluated.error());
        stages.push_back(std::move(*evaluated));
    }
    const int warningDays = workspace.certificateThresholds.warningDays;
    if (context.json) {
        nlohmann::json json = nlohmann::json::array();
        for (const auto& stage : stages)
            json.push_back(stageJson(stage, warningDays));
        context.printJson(json);
    } else {
        for (const auto& stage : stages)
            printStage(stage, warningDays);
    }
    if (!context.arguments.has("apply"))
        return ExitOk;
    return applyRetention(context, journal, pipeline.name, stages);
}

} // namespace gantry::cli
