#include "workspaceimport.h"

#include "kubeconfig.h"
#include "registry/credentialfile.h"
#include "registry/credentialkeys.h"

#include <algorithm>

namespace gantry::model {

namespace {

// "https://index.docker.io/v1/" → "docker.io", "ghcr.io/team" → "ghcr.io".
std::string hostOfKey(const std::string& key)
{
    const std::string normalised = registry::normaliseCredentialKey(key);
    return normalised.substr(0, normalised.find('/'));
}

void addRegistry(Workspace& workspace, const std::string& key)
{
    const std::string host = hostOfKey(key);
    if (host.empty() || workspace.registry(host))
        return;
    workspace.registries.push_back(RegistryConfig { host, host, {} });
}

void importRegistries(const registry::CredentialSources& sources, WorkspaceImport& result)
{
    for (const auto& file : sources.files) {
        auto contents = registry::readCredentialFile(file.path);
        if (!contents) {
            result.problems.push_back(contents.error().message);
            continue;
        }
        if (!*contents)
            continue;
        // Only the keys: the entries' credentials stay where they are.
        for (const auto& entry : (*contents)->auths)
            addRegistry(result.workspace, entry.first);
        for (const auto& entry : (*contents)->credHelpers)
            addRegistry(result.workspace, entry.first);
    }
}

void importClusters(const std::vector<std::string>& kubeconfigs, WorkspaceImport& result)
{
    auto clusters = loadKubeconfigs(kubeconfigs, MissingKubeconfig::Skip);
    if (!clusters) {
        result.problems.push_back(clusters.error().message);
        return;
    }
    for (const auto& cluster : *clusters) {
        const bool known = std::ranges::any_of(
            result.workspace.clusters, [&](const ClusterConfig& config) { return config.name == cluster.name; });
        if (known)
            continue;
        ClusterConfig config;
        config.name = cluster.name;
        config.site = cluster.site;
        config.environment = cluster.environment;
        config.server = cluster.server;
        // Inline CA data has no file a workspace could name; the kubeconfig keeps serving it.
        if (cluster.caFile != "inline")
            config.caFile = cluster.caFile;
        result.workspace.clusters.push_back(std::move(config));
    }
}

} // namespace

ImportSources ImportSources::fromEnvironment()
{
    ImportSources sources;
    sources.kubeconfigs = defaultKubeconfigPaths();
    return sources;
}

WorkspaceImport importWorkspace(const ImportSources& sources)
{
    WorkspaceImport result;
    importRegistries(sources.credentials, result);
    importClusters(sources.kubeconfigs, result);
    return result;
}

} // namespace gantry::model
