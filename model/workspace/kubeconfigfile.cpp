#include "model/workspace/kubeconfigfile.h"

#include "base/base64.h"
#include "model/workspace/jsonreader.h"
#include "model/workspace/pemcertificates.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace gantry::model {

using registry::ErrorKind;
using registry::fail;

namespace {

class KubeconfigReader
{
public:
    KubeconfigReader(KubeconfigProblems& problems, const std::string& path)
        : m_fields(problems, path)
        , m_folder(std::filesystem::absolute(path).parent_path())
    {
        m_file.path = path;
    }

    KubeconfigFile read(const YAML::Node& root)
    {
        const YamlField document { root, 1 };
        if (root.IsNull() || !m_fields.isMap(document, "the top level"))
            return std::move(m_file);
        // Catches a Deployment or a values.yaml given by mistake, which would otherwise hold no contexts.
        if (const auto kind = m_fields.find(document, "kind");
            kind && kind->node.IsScalar() && kind->node.Scalar() != "Config")
            m_fields.problem(kind->line, "kind", "\"" + kind->node.Scalar() + "\" is not a kubeconfig (kind: Config)");
        readNamedList(document, "clusters", "cluster", m_file.clusters,
            [&](const YamlField& body, KubeconfigFile::Cluster& cluster) {
                const std::string field = fieldPath(cluster.field, "cluster");
                cluster.server = m_fields.string(body, "server", field).value_or("");
                cluster.tlsServerName = m_fields.string(body, "tls-server-name", field).value_or("");
                cluster.insecureSkipTlsVerify = m_fields.boolean(body, "insecure-skip-tls-verify", field);
                const std::string owner = cluster.name.empty() ? "" : "the CA of cluster \"" + cluster.name + "\" ";
                cluster.caPem = certificateData(body, "certificate-authority-data", field, owner);
                if (const auto file = m_fields.string(body, "certificate-authority", field))
                    cluster.caFile = absolute(*file);
                cluster.caFileLine = lineOf(body, "certificate-authority");
            });
        // Only the two client certificate fields are looked at: keys, tokens, passwords, exec and
        // auth-provider sections are never read, so they cannot leak.
        readNamedList(document, "users", "user", m_file.users, [&](const YamlField& body, KubeconfigFile::User& user) {
            const std::string field = fieldPath(user.field, "user");
            user.clientCertificatePem = certificateData(body, "client-certificate-data", field, {});
            if (const auto file = m_fields.string(body, "client-certificate", field))
                user.clientCertificateFile = absolute(*file);
            user.clientCertificateFileLine = lineOf(body, "client-certificate");
        });
        readNamedList(document, "contexts", "context", m_file.contexts,
            [&](const YamlField& body, KubeconfigFile::Context& context) {
                const std::string field = fieldPath(context.field, "context");
                context.cluster = m_fields.string(body, "cluster", field, true).value_or("");
                context.clusterLine = lineOf(body, "cluster");
                context.user = m_fields.string(body, "user", field).value_or("");
                context.userLine = lineOf(body, "user");
                readGantryExtension(body, field, context);
            });
        return std::move(m_file);
    }

private:
    // Reads `key: [{name: …, <bodyKey>: {…}}, …]`, the shape of clusters, users and contexts.
    template<typename Entry, typename ReadBody>
    void readNamedList(
        const YamlField& document, const char* key, const char* bodyKey, std::vector<Entry>& entries, ReadBody readBody)
    {
        const auto list = m_fields.find(document, key);
        if (!list)
            return;
        std::map<std::string, std::string> fieldsByName;
        const auto items = m_fields.items(*list, key);
        for (std::size_t i = 0; i < items.size(); ++i) {
            Entry entry;
            entry.field = fieldPath(key, i);
            entry.line = items[i].line;
            if (!m_fields.isMap(items[i], entry.field))
                continue;
            entry.name = m_fields.string(items[i], "name", entry.field, true).value_or("");
            // Names the earlier entry, not the name: user names come from the users section.
            if (const auto [it, added] = fieldsByName.emplace(entry.name, entry.field); !entry.name.empty() && !added)
                m_fields.problem(entry.line, fieldPath(entry.field, "name"), "is also the name of " + it->second);
            // A missing body reads as an empty one, so required fields in it are reported.
            const auto body = m_fields.find(items[i], bodyKey);
            const std::string bodyField = fieldPath(entry.field, bodyKey);
            if (!body)
                readBody(YamlField { YAML::Node(YAML::NodeType::Map), entry.line }, entry);
            else if (m_fields.isMap(*body, bodyField))
                readBody(*body, entry);
            entries.push_back(std::move(entry));
        }
    }

    // `-data` fields: base64 of PEM. `owner` says whose, when that may be shown.
    std::optional<std::string> certificateData(
        const YamlField& body, const char* key, const std::string& field, const std::string& owner)
    {
        const auto text = m_fields.string(body, key, field);
        if (!text)
            return std::nullopt;
        const int line = lineOf(body, key);
        // Go's base64 decoder, which kubectl uses, skips line breaks: block scalars may wrap.
        std::string joined = *text;
        std::erase_if(joined, [](char c) { return c == '\n' || c == '\r'; });
        const auto pem = registry::base64Decode(joined);
        if (!pem) {
            m_fields.problem(line, fieldPath(field, key), owner + pem.error().message);
            return std::nullopt;
        }
        std::string blocks = certificateBlocks(*pem);
        if (blocks.empty()) {
            m_fields.problem(line, fieldPath(field, key), owner + "holds no PEM certificate");
            return std::nullopt;
        }
        return blocks;
    }

    void readGantryExtension(const YamlField& body, const std::string& field, KubeconfigFile::Context& context)
    {
        const auto extensions = m_fields.find(body, "extensions");
        if (!extensions)
            return;
        const auto items = m_fields.items(*extensions, fieldPath(field, "extensions"));
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string itemField = fieldPath(fieldPath(field, "extensions"), i);
            if (!m_fields.isMap(items[i], itemField) || m_fields.string(items[i], "name", itemField) != "gantry")
                continue;
            const auto extension = m_fields.find(items[i], "extension");
            const std::string extensionField = fieldPath(itemField, "extension");
            if (!extension) {
                m_fields.problem(items[i].line, extensionField, "is missing");
            } else if (m_fields.isMap(*extension, extensionField)) {
                m_fields.rejectUnknownKeys(*extension, extensionField, { "site", "environment" });
                context.site = m_fields.string(*extension, "site", extensionField).value_or("");
                context.environment = m_fields.string(*extension, "environment", extensionField).value_or("");
            }
        }
    }

    int lineOf(const YamlField& map, const char* key) const
    {
        const auto value = m_fields.find(map, key);
        return value ? value->line : map.line;
    }

    // kubectl resolves relative paths against the folder of the kubeconfig that names them.
    std::string absolute(const std::string& file) const { return (m_folder / file).lexically_normal().string(); }

    YamlFields m_fields;
    std::filesystem::path m_folder;
    KubeconfigFile m_file;
};

} // namespace

registry::Result<KubeconfigFile> readKubeconfigFile(
    std::string_view yaml, const std::string& path, KubeconfigProblems& problems)
{
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& error) {
        // Some messages end with text from the file ("invalid unicode: 3735928559"), which may be
        // part of a secret: only the fixed part before ": " is shown.
        const std::string what = error.msg.substr(0, error.msg.find(": "));
        const std::string where = error.mark.is_null()
            ? std::string()
            : " at line " + std::to_string(error.mark.line + 1) + ", column " + std::to_string(error.mark.column + 1);
        return fail(ErrorKind::InvalidInput, path + " is not valid YAML" + where + ": " + what);
    }
    try {
        return KubeconfigReader(problems, path).read(root);
    } catch (const YAML::Exception&) {
        // Not expected (fields are type-checked before use); no exception leaves the model library.
        return fail(ErrorKind::InvalidInput, path + " has a structure that could not be read as a kubeconfig");
    }
}

} // namespace gantry::model
