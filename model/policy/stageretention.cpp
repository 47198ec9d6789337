#include "model/policy/stageretention.h"

#include "registry/image/registryclient.h"

#include <algorithm>

namespace gantry::model {

namespace {

// Which clusters run an image of this repository, by digest: they must not lose it to retention.
// A tag is looked up in the stage as just read, so it costs no request.
std::map<std::string, std::vector<std::string>> clustersRunning(const Workspace& workspace, const StageSnapshot& stage)
{
    std::map<std::string, std::vector<std::string>> byDigest;
    for (const auto& cluster : workspace.clusters) {
        auto image = registry::Reference::parse(cluster.image);
        if (cluster.image.empty() || !image || image->name() != stage.repository.name())
            continue;
        std::string digest = image->digest;
        if (digest.empty()) {
            const auto tagged = std::ranges::find(stage.tags, image->tag, &registry::TagDigest::tag);
            if (tagged == stage.tags.end())
                continue; // a cluster running a tag its stage lacks is `gantryctl clusters`' business
            digest = tagged->digest.str();
        }
        byDigest[digest].push_back(cluster.name);
    }
    return byDigest;
}

} // namespace

const ArtifactRetention* StageRetention::artifact(const std::string& digest) const
{
    for (const auto& candidate : artifacts) {
        if (candidate.digest == digest)
            return &candidate;
    }
    return nullptr;
}

registry::Result<StageRetention> evaluateStageRetention(registry::RegistryClient& client, Journal& journal,
    const Workspace& workspace, const StageConfig& stage, registry::Timestamp now, const std::atomic_bool* cancelled)
{
    auto snapshot = readStage(client, stage, cancelled);
    if (!snapshot)
        return std::unexpected(snapshot.error());
    return evaluateStageRetention(journal, workspace, stage, std::move(*snapshot), now);
}

registry::Result<StageRetention> evaluateStageRetention(Journal& journal, const Workspace& workspace,
    const StageConfig& stage, StageSnapshot snapshot, registry::Timestamp now)
{
    StageRetention result;
    result.stage = &stage;
    result.policy = workspace.retentionOf(stage);
    result.snapshot = std::move(snapshot);
    if (!result.policy)
        return result;
    std::vector<ArtifactFacts> facts;
    for (const auto& artifact : result.snapshot.artifacts()) {
        auto arrived = journal.arrival(result.snapshot.repository.name(), artifact.digest.str());
        if (!arrived)
            return std::unexpected(arrived.error());
        ArtifactFacts fact { artifact.digest.str(), artifact.tags, std::nullopt, std::nullopt };
        // Pushed before Gantry watched: unknown, never guessed. Else within (earliest, latest].
        if (*arrived && (*arrived)->earliest) {
            fact.pushed = (*arrived)->latest;
            if ((*arrived)->earliest != (*arrived)->latest)
                fact.pushedEarliest = (*arrived)->earliest;
        }
        facts.push_back(std::move(fact));
    }
    result.artifacts = evaluateRetention(*result.policy, facts, now);
    result.clustersByDigest = clustersRunning(workspace, result.snapshot);
    return result;
}

bool mayExpireWithin(const ArtifactRetention& artifact, int warningDays)
{
    return artifact.status == RetentionStatus::Expired || artifact.status == RetentionStatus::Unknown
        || (artifact.status == RetentionStatus::KeptUntil && artifact.daysLeft && *artifact.daysLeft <= warningDays);
}

} // namespace gantry::model
