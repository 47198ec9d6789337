#include "model/clusters/clusterruns.h"

#include "model/policy/releaseclass.h"
#include "model/policy/stageretention.h"
#include "registry/image/registryclient.h"

#include <map>
#include <memory>

namespace gantry::model {

namespace {

struct StageRef
{
    const PipelineConfig* pipeline = nullptr;
    const StageConfig* stage = nullptr;
};

StageRef stageOf(const Workspace& workspace, const registry::Reference& image)
{
    for (const auto& pipeline : workspace.pipelines) {
        for (const auto& stage : pipeline.stages) {
            if (stage.reference().name() == image.name())
                return { &pipeline, &stage };
        }
    }
    return {};
}

void resolveInStage(ClusterRuns& runs, const registry::Reference& image, const StageRef& where,
    const StageRetention& retention, int warningDays)
{
    const auto& stage = *where.stage;
    runs.pipeline = where.pipeline->name;
    runs.stage = stage.name;
    if (!image.digest.empty()) {
        runs.digest = image.digest;
    } else {
        for (const auto& tag : retention.snapshot.tags) {
            if (tag.tag == image.tag)
                runs.digest = tag.digest.str();
        }
        if (runs.digest.empty()) {
            runs.flags.push_back("runs " + image.tag + ", which " + stage.name + " does not have");
            return;
        }
    }
    for (const auto& tag : retention.snapshot.tags) {
        const auto tagClass = classifyTag(tag.tag, stage.floatingTags);
        const bool isVersion = tagClass == ReleaseClass::Final || tagClass == ReleaseClass::Patch
            || tagClass == ReleaseClass::PreRelease;
        if (isVersion && tag.digest.str() == runs.digest)
            runs.versions.push_back(tag.tag);
    }
    std::ranges::sort(runs.versions, [](const std::string& a, const std::string& b) { return tagLess(a, b); });
    if (!image.tag.empty() && runs.versions.empty()
        && classifyTag(image.tag, stage.floatingTags) == ReleaseClass::Floating)
        runs.flags.push_back(image.tag + " points at no version tag in " + stage.name);
    if (!image.digest.empty() && !retention.artifact(runs.digest))
        runs.flags.push_back(stage.name + " has no tag at " + runs.digest.substr(0, 19));
    if (const auto* artifact = retention.artifact(runs.digest)) {
        runs.retention = *artifact;
        if (mayExpireWithin(*artifact, warningDays))
            runs.flags.push_back("retention may delete it: " + artifact->reason);
    }
}

} // namespace

registry::Result<std::vector<ClusterRuns>> resolveWhatRuns(registry::RegistryClient& client, Journal& journal,
    const Workspace& workspace, std::span<const ClusterSource> clusters, registry::Timestamp now,
    const std::atomic_bool* cancelled, std::span<const StageRetention> evaluated)
{
    std::map<const StageConfig*, std::unique_ptr<registry::Result<StageRetention>>> stages;
    for (const auto& known : evaluated)
        stages[known.stage] = std::make_unique<registry::Result<StageRetention>>(known);
    std::vector<ClusterRuns> result;
    for (const auto& cluster : clusters) {
        if (cluster.image.empty())
            continue;
        ClusterRuns runs;
        runs.cluster = cluster.name;
        runs.image = cluster.image;
        const auto image = registry::Reference::parse(cluster.image);
        if (!image) {
            runs.error = image.error().message;
            result.push_back(std::move(runs));
            continue;
        }
        const auto where = stageOf(workspace, *image);
        if (!where.stage) {
            runs.flags.push_back(image->name() + " is no stage of the workspace");
            if (auto head = client.findManifest(*image, cancelled); !head)
                runs.error = head.error().message;
            else if (!*head)
                runs.flags.push_back(image->toString() + " does not exist");
            else
                runs.digest = (*head)->digest.str();
            result.push_back(std::move(runs));
            continue;
        }
        auto& evaluated = stages[where.stage];
        if (!evaluated) {
            evaluated = std::make_unique<registry::Result<StageRetention>>(
                evaluateStageRetention(client, journal, workspace, *where.stage, now, cancelled));
        }
        if (!*evaluated) {
            runs.pipeline = where.pipeline->name;
            runs.stage = where.stage->name;
            runs.error = evaluated->error().message;
        } else {
            resolveInStage(runs, *image, where, **evaluated, workspace.certificateThresholds.warningDays);
        }
        result.push_back(std::move(runs));
    }
    return result;
}

} // namespace gantry::model
