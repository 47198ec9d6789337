#include "model/workspace/workspacewriter.h"

#include "base/timestamps.h"
#include "model/workspace/duration.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <nlohmann/json.hpp>

namespace gantry::model {

namespace {

using Json = nlohmann::json;

// Optional keys are left out when empty, so a saved file reads like one written by hand.
void putIfSet(Json& object, const char* key, const std::string& value)
{
    if (!value.empty())
        object[key] = value;
}

Json freezeToJson(const FreezeWindow& window)
{
    Json json = Json::object();
    if (window.repeat == FreezeWindow::Repeat::Weekly) {
        json["weekly"] = { { "from", formatWeekTime(window.fromMinuteOfWeek) },
            { "until", formatWeekTime(window.untilMinuteOfWeek) }, { "timeZone", window.timeZone } };
    } else {
        json["from"] = registry::formatRfc3339(window.from);
        json["until"] = registry::formatRfc3339(window.until);
    }
    putIfSet(json, "reason", window.reason);
    return json;
}

Json stageToJson(const StageConfig& stage)
{
    Json json { { "name", stage.name }, { "registry", stage.registry }, { "repository", stage.repository } };
    putIfSet(json, "retention", stage.retentionPolicy);
    if (stage.minimumSoak.count() > 0)
        json["minimumSoak"] = formatDuration(stage.minimumSoak);
    if (!stage.freezes.empty()) {
        json["freezes"] = Json::array();
        for (const auto& window : stage.freezes)
            json["freezes"].push_back(freezeToJson(window));
    }
    if (stage.isProtected)
        json["protected"] = true;
    if (!stage.floatingTags.empty())
        json["floatingTags"] = stage.floatingTags;
    return json;
}

Json pipelineToJson(const PipelineConfig& pipeline)
{
    Json stages = Json::array();
    Json stableTagStages = Json::array();
    for (const auto& stage : pipeline.stages) {
        stages.push_back(stageToJson(stage));
        if (stage.writesStableTags)
            stableTagStages.push_back(stage.name);
    }
    Json json { { "name", pipeline.name }, { "stages", std::move(stages) } };
    if (!stableTagStages.empty())
        json["stableTagStages"] = std::move(stableTagStages);
    return json;
}

Json clusterToJson(const ClusterConfig& cluster)
{
    Json json { { "name", cluster.name }, { "server", cluster.server } };
    putIfSet(json, "site", cluster.site);
    putIfSet(json, "environment", cluster.environment);
    putIfSet(json, "ca", cluster.caFile);
    putIfSet(json, "image", cluster.image);
    return json;
}

} // namespace

Json workspaceToJson(const Workspace& workspace)
{
    Json registries = Json::array();
    for (const auto& registry : workspace.registries) {
        Json entry { { "name", registry.name }, { "url", registry.host } };
        putIfSet(entry, "ca", registry.caFile);
        registries.push_back(std::move(entry));
    }
    Json policies = Json::object();
    for (const auto& [name, policy] : workspace.retentionPolicies)
        policies[name] = toJson(policy);
    Json pipelines = Json::array();
    for (const auto& pipeline : workspace.pipelines)
        pipelines.push_back(pipelineToJson(pipeline));
    Json clusters = Json::array();
    for (const auto& cluster : workspace.clusters)
        clusters.push_back(clusterToJson(cluster));
    return Json { { "version", 1 }, { "registries", std::move(registries) },
        { "retentionPolicies", std::move(policies) }, { "pipelines", std::move(pipelines) },
        { "clusters", std::move(clusters) },
        { "certificateThresholds",
            { { "warningDays", workspace.certificateThresholds.warningDays },
                { "criticalDays", workspace.certificateThresholds.criticalDays } } } };
}

registry::Status saveWorkspace(const Workspace& workspace, const std::string& path)
{
    std::string text;
    try {
        text = workspaceToJson(workspace).dump(2) + "\n";
    } catch (const nlohmann::json::exception&) {
        // dump() refuses bytes that are not UTF-8 (a name from a kubeconfig, say); nothing is written.
        return registry::fail(registry::ErrorKind::InvalidInput,
            "cannot write the workspace " + path + ": it holds text that is not UTF-8");
    }
    const QString file = QString::fromStdString(path);
    const auto failed = [&](const QString& why) {
        return registry::fail(registry::ErrorKind::Io, "cannot write the workspace " + path + ": " + why.toStdString());
    };
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return failed(QStringLiteral("cannot create its folder"));
    QSaveFile output(file);
    if (!output.open(QIODevice::WriteOnly))
        return failed(output.errorString());
    if (output.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())
        || !output.commit())
        return failed(output.errorString());
    return {};
}

} // namespace gantry::model
