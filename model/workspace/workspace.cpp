#include "model/workspace/workspace.h"

#include <algorithm>

namespace gantry::model {

registry::Reference StageConfig::reference(const std::string& tag) const
{
    registry::Reference reference;
    reference.registry = host;
    reference.repository = repository;
    reference.tag = tag;
    return reference;
}

int PipelineConfig::indexOf(const std::string& stageName) const
{
    const auto it = std::ranges::find(stages, stageName, &StageConfig::name);
    return it == stages.end() ? -1 : static_cast<int>(it - stages.begin());
}

const PipelineConfig* Workspace::pipeline(const std::string& name) const
{
    const auto it = std::ranges::find(pipelines, name, &PipelineConfig::name);
    return it == pipelines.end() ? nullptr : &*it;
}

const RegistryConfig* Workspace::registry(const std::string& name) const
{
    const auto it = std::ranges::find(registries, name, &RegistryConfig::name);
    return it == registries.end() ? nullptr : &*it;
}

const RetentionPolicy* Workspace::retentionOf(const StageConfig& stage) const
{
    const auto it = retentionPolicies.find(stage.retentionPolicy);
    return it == retentionPolicies.end() ? nullptr : &it->second;
}

} // namespace gantry::model
