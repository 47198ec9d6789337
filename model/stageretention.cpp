#include "stageretention.h"

#include "registry/registryclient.h"

namespace gantry::model {

namespace {

// Which clusters run an image of this repository, by digest: they must not lose it to retention.
registry::Result<std::map<std::string, std::vector<std::string>>> clustersRunning(registry::RegistryClient& client,
    const Workspace& workspace, const registry::Reference& repository, const std::atomic_bool* cancelled)
{
    std::map<std::string, std::vector<std::string>> byDigest;
    for (const auto& cluster : workspace.clusters) {
        auto image = registry::Reference::parse(cluster.image);
        if (cluster.image.empty() || !image || image->name() != repository.name())
            continue;
        std::string digest = image->digest;
        if (digest.empty()) {
            auto head = client.findManifest(*image, cancelled);
            if (!head)
                return std::unexpected(head.error());
            if (!*head)
                continue; // a cluster running a tag its stage lacks is `gantryctl clusters`' business
            digest = (*head)->digest.str();
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
    return evaluateStageRetention(client, journal, workspace, stage, std::move(*snapshot), now, cancelled);
}

registry::Result<StageRetention> evaluateStageRetention(registry::RegistryClient& client, Journal& journal,
    const Workspace& workspace, const StageConfig& stage, StageSnapshot snapshot, registry::Timestamp now,
    const std::atomic_bool* cancelled)
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
    auto clusters = clustersRunning(client, workspace, result.snapshot.repository, cancelled);
    if (!clusters)
        return std::unexpected(clusters.error());
    result.clustersByDigest = std::move(*clusters);
    return result;
}

bool mayExpireWithin(const ArtifactRetention& artifact, int warningDays)
{
    return artifact.status == RetentionStatus::Expired || artifact.status == RetentionStatus::Unknown
        || (artifact.status == RetentionStatus::KeptUntil && artifact.daysLeft && *artifact.daysLeft <= warningDays);
}

} // namespace gantry::model
