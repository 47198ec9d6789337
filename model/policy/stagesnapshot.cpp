#include "model/policy/stagesnapshot.h"

#include "model/policy/releaseclass.h"
#include "registry/image/registryclient.h"

#include <algorithm>

namespace gantry::model {

std::vector<StageArtifact> StageSnapshot::artifacts() const
{
    std::map<registry::Digest, StageArtifact> byDigest;
    for (const auto& tag : tags) {
        auto& artifact = byDigest[tag.digest];
        artifact.digest = tag.digest;
        artifact.tags.push_back(tag.tag);
    }
    std::vector<StageArtifact> result;
    for (auto& [digest, artifact] : byDigest) {
        std::ranges::sort(artifact.tags, [](const std::string& a, const std::string& b) { return tagLess(a, b); });
        result.push_back(std::move(artifact));
    }
    std::ranges::sort(
        result, [](const StageArtifact& a, const StageArtifact& b) { return tagLess(b.tags.back(), a.tags.back()); });
    return result;
}

std::map<std::string, std::string> StageSnapshot::tagDigests() const
{
    std::map<std::string, std::string> map;
    for (const auto& tag : tags)
        map[tag.tag] = tag.digest.str();
    return map;
}

registry::Result<StageSnapshot> readStage(
    registry::RegistryClient& client, const StageConfig& stage, const std::atomic_bool* cancelled)
{
    StageSnapshot snapshot;
    snapshot.stage = stage.name;
    snapshot.repository = stage.reference();
    const auto listing = std::chrono::steady_clock::now();
    auto names = client.listTags(snapshot.repository, cancelled);
    snapshot.listLatency
        = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - listing);
    if (!names) {
        if (names.error().kind == registry::ErrorKind::NotFound) {
            snapshot.repositoryExists = false;
            return snapshot;
        }
        return std::unexpected(registry::withContext(names.error(), "stage " + stage.name));
    }
    auto resolved = registry::resolveTags(client, snapshot.repository, *names, 8, cancelled);
    if (!resolved)
        return std::unexpected(registry::withContext(resolved.error(), "stage " + stage.name));
    snapshot.tags = std::move(*resolved);
    return snapshot;
}

} // namespace gantry::model
