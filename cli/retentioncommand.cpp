#include "model/actor.h"
#include "model/journal.h"
#include "model/retention.h"
#include "model/stagesnapshot.h"
#include "registry/registryclient.h"
#include "releasecommands.h"
#include "workspacearguments.h"

#include <chrono>
#include <map>

namespace gantry::cli {

namespace {

struct StageRetention
{
    const model::StageConfig* stage = nullptr;
    model::StageSnapshot snapshot;
    const model::RetentionPolicy* policy = nullptr;
    std::vector<model::ArtifactRetention> artifacts;
    std::map<std::string, std::vector<std::string>> clustersByDigest;
};

registry::Timestamp now()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

// Which clusters run an image of this stage, by digest: they must not lose it to retention.
registry::Result<std::map<std::string, std::vector<std::string>>> clustersRunning(
    CommandContext& context, const model::Workspace& workspace, const registry::Reference& repository)
{
    std::map<std::string, std::vector<std::string>> byDigest;
    for (const auto& cluster : workspace.clusters) {
        auto image = registry::Reference::parse(cluster.image);
        if (cluster.image.empty() || !image || image->name() != repository.name())
            continue;
        std::string digest = image->digest;
        if (digest.empty()) {
            auto head = context.client().headManifest(*image, context.cancelled);
            if (!head) {
                if (head.error().kind == registry::ErrorKind::NotFound)
                    continue; // the issue of a cluster running a missing tag is `gantryctl clusters`'
                return std::unexpected(head.error());
            }
            digest = head->digest.str();
        }
        byDigest[digest].push_back(cluster.name);
    }
    return byDigest;
}

bool atRisk(const model::ArtifactRetention& artifact, int warningDays)
{
    using model::RetentionStatus;
    return artifact.status == RetentionStatus::Expired || artifact.status == RetentionStatus::Unknown
        || (artifact.status == RetentionStatus::KeptUntil && artifact.daysLeft && *artifact.daysLeft <= warningDays);
}

std::string joinedTags(const std::vector<std::string>& tags)
{
    std::string text;
    for (const auto& tag : tags)
        text += (text.empty() ? "" : ", ") + tag;
    return text;
}

registry::Result<StageRetention> evaluateStage(CommandContext& context, model::Journal& journal,
    const model::Workspace& workspace, const model::StageConfig& stage)
{
    StageRetention result;
    result.stage = &stage;
    result.policy = workspace.retentionOf(stage);
    auto snapshot = model::readStage(context.client(), stage, context.cancelled);
    if (!snapshot)
        return std::unexpected(snapshot.error());
    result.snapshot = std::move(*snapshot);
    if (!result.policy)
        return result;
    std::vector<model::ArtifactFacts> facts;
    for (const auto& artifact : result.snapshot.artifacts()) {
        // Registries do not say when an image was pushed; the journal's first sighting is the
        // push time when Gantry pushed it, and an upper bound otherwise. Unknown stays unknown.
        auto seen = journal.firstSeen(result.snapshot.repository.name(), artifact.digest.str());
        if (!seen)
            return std::unexpected(seen.error());
        facts.push_back({ artifact.digest.str(), artifact.tags, *seen });
    }
    result.artifacts = model::evaluateRetention(*result.policy, facts, now());
    auto clusters = clustersRunning(context, workspace, result.snapshot.repository);
    if (!clusters)
        return std::unexpected(clusters.error());
    result.clustersByDigest = std::move(*clusters);
    return result;
}

nlohmann::json stageJson(const StageRetention& stage, int warningDays)
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
            { "clusterAtRisk", !runBy.empty() && atRisk(artifact, warningDays) } });
    }
    return { { "stage", stage.stage->name }, { "repository", stage.snapshot.repository.name() },
        { "policy", stage.policy ? nlohmann::json(stage.policy->name) : nlohmann::json(nullptr) },
        { "artifacts", artifacts } };
}

void printStage(const StageRetention& stage, int warningDays)
{
    std::printf("%s (%s): ", stage.stage->name.c_str(), stage.snapshot.repository.name().c_str());
    if (!stage.policy) {
        std::printf("no retention policy: the registry keeps everything\n");
        return;
    }
    std::printf("policy %s, %zu artifacts\n", stage.policy->name.c_str(), stage.artifacts.size());
    for (const auto& artifact : stage.artifacts) {
        std::string expires = artifact.expires ? registry::formatRfc3339(*artifact.expires).substr(0, 10) : "-";
        std::string days = artifact.daysLeft ? std::to_string(*artifact.daysLeft) : "-";
        std::printf("  %-19s %-17s %-10s %5s  %-32s %s\n", artifact.digest.substr(0, 19).c_str(),
            std::string(toString(artifact.status)).c_str(), expires.c_str(), days.c_str(),
            joinedTags(artifact.tags).c_str(), artifact.reason.c_str());
        const auto clusters = stage.clustersByDigest.find(artifact.digest);
        if (clusters != stage.clustersByDigest.end() && atRisk(artifact, warningDays))
            std::printf("      WARNING: run by %s\n", joinedTags(clusters->second).c_str());
    }
}

// Deletes the expired artifacts nobody runs, each by digest, each journaled.
int applyRetention(CommandContext& context, model::Journal& journal, const std::string& pipeline,
    const std::vector<StageRetention>& stages)
{
    int failures = 0;
    // With --json, stdout holds the JSON document alone; what --apply did goes to stderr.
    std::FILE* out = context.json ? stderr : stdout;
    for (const auto& stage : stages) {
        for (const auto& artifact : stage.artifacts) {
            if (artifact.status != model::RetentionStatus::Expired)
                continue;
            const auto target = stage.snapshot.repository.withDigest(artifact.digest);
            if (stage.clustersByDigest.contains(artifact.digest)) {
                std::fprintf(out, "kept %s: run by %s\n", target.toString().c_str(),
                    joinedTags(stage.clustersByDigest.at(artifact.digest)).c_str());
                continue;
            }
            const auto deleted = context.client().deleteManifest(target);
            model::JournalEntry entry;
            entry.actor = context.actorFor(target.registry);
            entry.action = "delete";
            entry.pipeline = pipeline;
            entry.stage = stage.stage->name;
            entry.repository = target.name();
            entry.tag = joinedTags(artifact.tags);
            entry.source = target.toString();
            entry.digestBefore = artifact.digest;
            entry.outcome = deleted ? "done" : "failed";
            entry.error = deleted ? std::string() : deleted.error().message;
            entry.note = "retention: " + artifact.reason;
            if (auto recorded = journal.append(entry); !recorded)
                return context.failWith(recorded.error());
            if (!deleted) {
                ++failures;
                std::fprintf(stderr, "gantryctl retention: %s\n", deleted.error().message.c_str());
                continue;
            }
            std::fprintf(out, "deleted %s (%s)\n", target.toString().c_str(), entry.tag.c_str());
        }
    }
    return failures ? ExitFailed : ExitOk;
}

} // namespace

int runRetention(CommandContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() != 1)
        return context.usage("expects PIPELINE");
    const auto work = pipelineWork(context, args[0]);
    if (!work)
        return work.error();
    const auto& pipeline = *work->pipeline;
    auto& journal = *work->journal;
    const auto& workspace = **context.workspace();
    const std::string onlyStage = context.arguments.option("stage");
    if (!onlyStage.empty() && pipeline.indexOf(onlyStage) < 0)
        return context.usage("--stage: pipeline " + pipeline.name + " has no stage \"" + onlyStage + "\"");
    std::vector<StageRetention> stages;
    for (const auto& stage : pipeline.stages) {
        if (!onlyStage.empty() && stage.name != onlyStage)
            continue;
        auto evaluated = evaluateStage(context, journal, workspace, stage);
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
