#include "model/clusters/clustersources.h"

#include "base/localfile.h"
#include "model/workspace/kubeconfigfile.h"

#include <algorithm>

namespace gantry::model {

namespace {

registry::Result<std::string> readSmallFile(const std::string& path)
{
    auto text = registry::readCappedFile(path, maxKubeconfigBytes, "a certificate file");
    if (!text)
        return std::unexpected(text.error());
    if (!*text)
        return registry::fail(registry::ErrorKind::Io, "cannot read " + path + ": there is no such file");
    return std::move(**text);
}

ClusterSource fromContext(const KubeCluster& context)
{
    ClusterSource source;
    copyClusterPlace(source, context);
    source.tlsServerName = context.tlsServerName;
    // insecure-skip-tls-verify changes what kubectl trusts, not the dates: the probe still
    // reads them and reports the chain as untrusted against the system CAs.
    source.caPem = context.caPem;
    source.clientCertificatePem = context.clientCertificatePem;
    source.origin = context.sourceFile;
    return source;
}

} // namespace

registry::Result<std::vector<ClusterSource>> collectClusters(
    const Workspace* workspace, std::span<const KubeCluster> contexts)
{
    std::vector<ClusterSource> sources;
    if (workspace) {
        for (const auto& cluster : workspace->clusters) {
            ClusterSource source;
            copyClusterPlace(source, cluster);
            source.image = cluster.image;
            source.origin = workspace->path;
            if (!cluster.caFile.empty()) {
                auto ca = readSmallFile(cluster.caFile);
                if (!ca)
                    return std::unexpected(registry::withContext(ca.error(), "cluster " + cluster.name));
                source.caPem = std::move(*ca);
            }
            sources.push_back(std::move(source));
        }
    }
    for (const auto& context : contexts) {
        const auto known = std::ranges::find(sources, context.name, &ClusterSource::name);
        if (known == sources.end()) {
            sources.push_back(fromContext(context));
            continue;
        }
        if (known->caPem.empty())
            known->caPem = context.caPem;
        if (known->clientCertificatePem.empty())
            known->clientCertificatePem = context.clientCertificatePem;
        if (known->tlsServerName.empty())
            known->tlsServerName = context.tlsServerName;
        if (known->site.empty())
            known->site = context.site;
        if (known->environment.empty())
            known->environment = context.environment;
    }
    return sources;
}

} // namespace gantry::model
