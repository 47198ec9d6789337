#include "model/workspace/kubeconfig.h"

#include "model/workspace/kubeconfigfile.h"
#include "base/localfile.h"

#include <QDir>
#include <algorithm>
#include <cstdlib>

namespace gantry::model {

using registry::ErrorKind;
using registry::fail;

namespace {

registry::Result<std::vector<KubeCluster>> resolved(std::span<const KubeconfigFile> files, KubeconfigProblems& problems)
{
    auto clusters = resolveContexts(files, problems);
    if (!problems.empty())
        return std::unexpected(problems.error());
    return clusters;
}

} // namespace

registry::Result<std::vector<KubeCluster>> parseKubeconfig(std::string_view yaml, const std::string& path)
{
    KubeconfigProblems problems;
    auto file = readKubeconfigFile(yaml, path, problems);
    if (!file)
        return std::unexpected(file.error());
    return resolved({ &*file, 1 }, problems);
}

registry::Result<std::vector<KubeCluster>> loadKubeconfigs(
    const std::vector<std::string>& paths, MissingKubeconfig missing)
{
    KubeconfigProblems problems;
    std::vector<KubeconfigFile> files;
    for (const auto& path : paths) {
        auto text = registry::readCappedFile(path, maxKubeconfigBytes, "a kubeconfig");
        if (!text)
            return std::unexpected(text.error());
        if (!*text) {
            if (missing == MissingKubeconfig::Fail)
                return fail(ErrorKind::Io, "no kubeconfig at " + path);
            continue;
        }
        auto file = readKubeconfigFile(**text, path, problems);
        if (!file)
            return std::unexpected(file.error());
        files.push_back(std::move(*file));
    }
    return resolved(files, problems);
}

std::vector<std::string> defaultKubeconfigPaths()
{
    // As kubectl: a set $KUBECONFIG is the whole list, even when it names no file.
    if (const char* list = std::getenv("KUBECONFIG"); list && *list) {
        std::vector<std::string> paths;
        std::string_view rest = list;
        while (!rest.empty()) {
            const auto colon = rest.find(':');
            const std::string path(rest.substr(0, colon));
            if (!path.empty() && std::ranges::find(paths, path) == paths.end())
                paths.push_back(path);
            rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
        }
        return paths;
    }
    return { (QDir::homePath() + QStringLiteral("/.kube/config")).toStdString() };
}

} // namespace gantry::model
