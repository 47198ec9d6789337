#include "model/workspace/workspaceimport.h"

#include "base/printabletext.h"
#include "model/workspace/kubeconfig.h"
#include "registry/auth/credentialfile.h"
#include "registry/auth/credentialkeys.h"

#include <algorithm>
#include <array>

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
        // YAML takes any bytes, a workspace (JSON) only UTF-8; kubectl keeps serving such a context.
        const bool utf8 = std::ranges::all_of(
            std::array { &cluster.name, &cluster.site, &cluster.environment, &cluster.server, &cluster.caFile },
            [](const std::string* text) { return registry::isValidUtf8(*text); });
        if (!utf8) {
            result.problems.push_back(cluster.sourceFile + ": the context \"" + registry::printable(cluster.name)
                + "\" holds text that is not UTF-8; it was not imported");
            continue;
        }
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
