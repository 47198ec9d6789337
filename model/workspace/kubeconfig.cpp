#include "model/workspace/kubeconfig.h"

#include "base/localfile.h"
#include "model/workspace/jsonreader.h"
#include "model/workspace/kubeconfigfile.h"
#include "model/workspace/pemcertificates.h"

#include <QDir>
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <span>

namespace gantry::model {

using registry::ErrorKind;
using registry::fail;

namespace {

// An entry and the file that defined it.
template<typename Entry> struct Defined
{
    const Entry* entry = nullptr;
    const KubeconfigFile* file = nullptr;
};

// Names to entries across files; the first file to define a name wins, as in kubectl.
template<typename Entry>
std::map<std::string, Defined<Entry>> firstDefinitions(
    std::span<const KubeconfigFile> files, std::vector<Entry> KubeconfigFile::*list)
{
    std::map<std::string, Defined<Entry>> definitions;
    for (const auto& file : files) {
        for (const auto& entry : file.*list) {
            if (!entry.name.empty())
                definitions.emplace(entry.name, Defined<Entry> { &entry, &file });
        }
    }
    return definitions;
}

class ContextResolver
{
public:
    ContextResolver(std::span<const KubeconfigFile> files, KubeconfigProblems& problems)
        : m_files(files)
        , m_problems(problems)
        , m_clusters(firstDefinitions(files, &KubeconfigFile::clusters))
        , m_users(firstDefinitions(files, &KubeconfigFile::users))
    {
    }

    std::vector<KubeCluster> resolve()
    {
        std::vector<KubeCluster> resolved;
        std::set<std::string> seen;
        for (const auto& file : m_files) {
            for (const auto& context : file.contexts) {
                // An empty cluster name was reported when the file was read.
                if (!context.name.empty() && !context.cluster.empty() && seen.insert(context.name).second) {
                    resolved.push_back(resolveContext(file, context));
                }
            }
        }
        return resolved;
    }

private:
    // Adds a problem for anything missing and reads on, so one run reports every problem; the
    // caller drops the result when there are any.
    KubeCluster resolveContext(const KubeconfigFile& file, const KubeconfigFile::Context& context)
    {
        KubeCluster resolved;
        resolved.name = context.name;
        resolved.site = context.site;
        resolved.environment = context.environment;
        resolved.sourceFile = file.path;
        const std::string field = fieldPath(context.field, "context");
        if (const auto cluster = m_clusters.find(context.cluster); cluster != m_clusters.end()) {
            takeCluster(cluster->second, resolved);
        } else {
            std::string names;
            for (const auto& [name, unused] : m_clusters)
                names += (names.empty() ? "" : ", ") + name;
            m_problems.add(file.path, context.clusterLine, fieldPath(field, "cluster"),
                "no cluster named \"" + context.cluster + "\" (clusters: " + (names.empty() ? "none" : names) + ")");
        }
        if (context.user.empty())
            return resolved;
        // No list of known names here: user names come from the users section.
        if (const auto user = m_users.find(context.user); user != m_users.end())
            takeUser(user->second, resolved);
        else
            m_problems.add(
                file.path, context.userLine, fieldPath(field, "user"), "no user named \"" + context.user + "\"");
        return resolved;
    }

    void takeCluster(const Defined<KubeconfigFile::Cluster>& defined, KubeCluster& resolved)
    {
        const auto& cluster = *defined.entry;
        const std::string field = fieldPath(cluster.field, "cluster");
        if (cluster.server.empty())
            m_problems.add(defined.file->path, cluster.line, fieldPath(field, "server"), "is missing");
        resolved.server = cluster.server;
        resolved.tlsServerName = cluster.tlsServerName;
        resolved.insecureSkipTlsVerify = cluster.insecureSkipTlsVerify;
        // As kubectl: the data wins over the file.
        if (cluster.caPem) {
            resolved.caPem = *cluster.caPem;
            resolved.caFile = "inline";
        } else if (!cluster.caFile.empty()) {
            resolved.caPem = readCertificates(
                *defined.file, cluster.caFileLine, fieldPath(field, "certificate-authority"), cluster.caFile, true);
            resolved.caFile = cluster.caFile;
        }
    }

    void takeUser(const Defined<KubeconfigFile::User>& defined, KubeCluster& resolved)
    {
        const auto& user = *defined.entry;
        if (user.clientCertificatePem) {
            resolved.clientCertificatePem = *user.clientCertificatePem;
            resolved.clientCertificateFile = "inline";
        } else if (!user.clientCertificateFile.empty()) {
            resolved.clientCertificatePem = readCertificates(*defined.file, user.clientCertificateFileLine,
                fieldPath(fieldPath(user.field, "user"), "client-certificate"), user.clientCertificateFile, false);
            resolved.clientCertificateFile = user.clientCertificateFile;
        }
    }

    // The certificate blocks of a file a kubeconfig names. Paths from the users section are not
    // repeated in messages; the field says where to look.
    std::string readCertificates(
        const KubeconfigFile& file, int line, const std::string& field, const std::string& path, bool showPath)
    {
        const auto text = registry::readCappedFile(path, maxKubeconfigBytes, "a certificate file");
        std::string problem;
        if (!text)
            problem = showPath ? text.error().message
                               : "cannot read that file (" + std::string(toString(text.error().kind)) + ")";
        else if (!*text)
            problem = showPath ? "no file at " + path : "no file there";
        else if (auto blocks = certificateBlocks(**text); !blocks.empty())
            return blocks;
        else
            problem = (showPath ? path : std::string("that file")) + " holds no PEM certificate";
        m_problems.add(file.path, line, field, problem);
        return {};
    }

    std::span<const KubeconfigFile> m_files;
    KubeconfigProblems& m_problems;
    std::map<std::string, Defined<KubeconfigFile::Cluster>> m_clusters;
    std::map<std::string, Defined<KubeconfigFile::User>> m_users;
};

// Every context of `files`, merged as kubectl merges: the first file to define a name wins.
std::vector<KubeCluster> resolveContexts(std::span<const KubeconfigFile> files, KubeconfigProblems& problems)
{
    return ContextResolver(files, problems).resolve();
}

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
