#include "model/workspace/workspaceloader.h"

#include "base/localfile.h"
#include "model/workspace/duration.h"
#include "model/workspace/jsonreader.h"
#include "registry/http/httptransport.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <cstdlib>
#include <set>

namespace gantry::model {

using registry::ErrorKind;
using registry::fail;

namespace {

constexpr int workspaceVersion = 1;

std::string joined(const std::vector<std::string>& names)
{
    std::string text;
    for (const auto& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text.empty() ? std::string("none") : text;
}

// Reports names that occur twice in one list: stages and registries are looked up by name.
void checkUnique(
    JsonReader& reader, const std::vector<std::string>& names, const std::string& field, const std::string& what)
{
    std::set<std::string> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (!names[i].empty() && !seen.insert(names[i]).second)
            reader.problem(
                fieldPath(fieldPath(field, i), "name"), "another " + what + " is already named \"" + names[i] + "\"");
    }
}

class WorkspaceParser
{
public:
    WorkspaceParser(std::string path)
        : m_folder(QFileInfo(QString::fromStdString(path)).absolutePath())
    {
        m_workspace.path = std::move(path);
    }

    registry::Result<Workspace> parse(const nlohmann::json& document)
    {
        if (m_reader.expectObject(document, {},
                { "version", "registries", "retentionPolicies", "pipelines", "clusters", "certificateThresholds" })) {
            if (const auto version = m_reader.integer(document, "version", {}, 1, 1000);
                version && *version != workspaceVersion)
                m_reader.problem("version",
                    "this Gantry reads workspace version " + std::to_string(workspaceVersion) + ", not "
                        + std::to_string(*version));
            readRegistries(document);
            readRetentionPolicies(document);
            readPipelines(document);
            readClusters(document);
            readThresholds(document);
        }
        if (!m_reader.ok()) {
            std::string message = m_workspace.path + " is not a valid workspace:";
            for (const auto& problem : m_reader.problems())
                message += "\n  " + problem;
            return fail(ErrorKind::InvalidInput, message);
        }
        return std::move(m_workspace);
    }

private:
    // Iterates a top-level or nested list of objects, calling `read(object, field)` for each.
    template<typename Read>
    void forEachObject(const nlohmann::json& parent, const std::string& key, const std::string& parentField,
        const std::set<std::string>& known, Read read)
    {
        const auto it = parent.find(key);
        const std::string field = fieldPath(parentField, key);
        if (it == parent.end() || !m_reader.expectArray(*it, field))
            return;
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string itemField = fieldPath(field, i);
            if (m_reader.expectObject((*it)[i], itemField, known))
                read((*it)[i], itemField);
        }
    }

    std::string absoluteFile(const std::string& file, const std::string& field)
    {
        const QString path = QDir(m_folder).absoluteFilePath(QString::fromStdString(file));
        if (!QFileInfo(path).isFile())
            m_reader.problem(field, "no file at " + path.toStdString());
        return path.toStdString();
    }

    void readRegistries(const nlohmann::json& document)
    {
        std::vector<std::string> names;
        forEachObject(document, "registries", {}, { "name", "url", "ca" },
            [&](const nlohmann::json& item, const std::string& field) {
                RegistryConfig config;
                config.name = m_reader.string(item, "name", field, true).value_or("");
                config.host = hostOf(m_reader.string(item, "url", field, true).value_or(""), fieldPath(field, "url"));
                if (const auto ca = m_reader.string(item, "ca", field, false))
                    config.caFile = absoluteFile(*ca, fieldPath(field, "ca"));
                names.push_back(config.name);
                m_workspace.registries.push_back(std::move(config));
            });
        checkUnique(m_reader, names, "registries", "registry");
    }

    // "https://registry.example.org", "registry.example.org:5000" or "http://127.0.0.1:5000" → the host.
    std::string hostOf(std::string url, const std::string& field)
    {
        if (url.empty())
            return url;
        bool plainHttp = false;
        if (url.starts_with("https://")) {
            url.erase(0, 8);
        } else if (url.starts_with("http://")) {
            url.erase(0, 7);
            plainHttp = true;
        } else if (url.find("://") != std::string::npos) {
            m_reader.problem(field, "\"" + url + "\" must be https://host[:port] or host[:port]");
            return {};
        }
        if (!url.empty() && url.back() == '/')
            url.pop_back();
        const auto probe = registry::Reference::parseRepository(url + "/x");
        if (url.empty() || url.find('/') != std::string::npos || !probe || probe->registry != url) {
            m_reader.problem(
                field, "\"" + url + "\" is not a registry host[:port] (no path: stages name their repositories)");
            return {};
        }
        // Like Docker: plain http only for a registry on this machine; anything else is https.
        if (plainHttp && !registry::isLoopbackHost(url))
            m_reader.problem(field, "plain http is only used for loopback registries; \"" + url + "\" must use https");
        return url;
    }

    void readRetentionPolicies(const nlohmann::json& document)
    {
        const auto it = document.find("retentionPolicies");
        if (it == document.end())
            return;
        if (!it->is_object()) {
            m_reader.problem("retentionPolicies", "must be an object of named policies, not " + describeJsonType(*it));
            return;
        }
        for (const auto& [name, json] : it->items()) {
            auto policy = parseRetentionPolicy(name, json, fieldPath("retentionPolicies", name));
            if (!policy) {
                m_reader.problem({}, policy.error().message);
                continue;
            }
            policy->name = name;
            m_workspace.retentionPolicies.emplace(name, std::move(*policy));
        }
    }

    void readPipelines(const nlohmann::json& document)
    {
        std::vector<std::string> names;
        forEachObject(document, "pipelines", {}, { "name", "stages", "stableTagStages" },
            [&](const nlohmann::json& item, const std::string& field) {
                PipelineConfig pipeline;
                pipeline.name = m_reader.string(item, "name", field, true).value_or("");
                forEachObject(item, "stages", field,
                    { "name", "registry", "repository", "retention", "minimumSoak", "freezes", "protected",
                        "floatingTags" },
                    [&](const nlohmann::json& stage, const std::string& stageField) {
                        pipeline.stages.push_back(readStage(stage, stageField));
                    });
                if (!item.contains("stages") || (item["stages"].is_array() && item["stages"].empty()))
                    m_reader.problem(fieldPath(field, "stages"), "a pipeline needs at least one stage");
                std::vector<std::string> stageNames;
                for (const auto& stage : pipeline.stages)
                    stageNames.push_back(stage.name);
                checkUnique(m_reader, stageNames, fieldPath(field, "stages"), "stage");
                const auto stableStages = m_reader.strings(item, "stableTagStages", field);
                for (std::size_t i = 0; i < stableStages.size(); ++i) {
                    const int index = pipeline.indexOf(stableStages[i]);
                    if (index < 0)
                        m_reader.problem(fieldPath(fieldPath(field, "stableTagStages"), i),
                            "no stage named \"" + stableStages[i] + "\" (stages: " + joined(stageNames) + ")");
                    else
                        pipeline.stages[static_cast<std::size_t>(index)].writesStableTags = true;
                }
                names.push_back(pipeline.name);
                m_workspace.pipelines.push_back(std::move(pipeline));
            });
        checkUnique(m_reader, names, "pipelines", "pipeline");
    }

    StageConfig readStage(const nlohmann::json& item, const std::string& field)
    {
        StageConfig stage;
        stage.name = m_reader.string(item, "name", field, true).value_or("");
        stage.registry = m_reader.string(item, "registry", field, true).value_or("");
        stage.repository = m_reader.string(item, "repository", field, true).value_or("");
        if (const auto* registry = m_workspace.registry(stage.registry)) {
            stage.host = registry->host;
        } else if (!stage.registry.empty()) {
            std::vector<std::string> known;
            for (const auto& config : m_workspace.registries)
                known.push_back(config.name);
            m_reader.problem(fieldPath(field, "registry"),
                "no registry named \"" + stage.registry + "\" (registries: " + joined(known) + ")");
        }
        if (!stage.repository.empty() && !registry::isValidRepositoryPath(stage.repository))
            m_reader.problem(fieldPath(field, "repository"),
                "\"" + stage.repository
                    + "\" is not a repository path: lower-case letters, digits and . _ - separators, components joined "
                      "by /");
        if (const auto retention = m_reader.string(item, "retention", field, false)) {
            stage.retentionPolicy = *retention;
            if (!m_workspace.retentionPolicies.contains(*retention))
                m_reader.problem(fieldPath(field, "retention"), "no retention policy named \"" + *retention + "\"");
        }
        if (const auto soak = m_reader.string(item, "minimumSoak", field, false)) {
            const auto duration = parseDuration(*soak);
            if (!duration)
                m_reader.problem(fieldPath(field, "minimumSoak"),
                    "\"" + *soak + "\" is not a duration such as 30m, 2h, 3d or 1d12h");
            stage.minimumSoak = duration.value_or(std::chrono::seconds(0));
        }
        stage.isProtected = m_reader.boolean(item, "protected", field).value_or(false);
        stage.floatingTags = m_reader.strings(item, "floatingTags", field);
        for (std::size_t i = 0; i < stage.floatingTags.size(); ++i) {
            if (!registry::isValidTag(stage.floatingTags[i]))
                m_reader.problem(fieldPath(fieldPath(field, "floatingTags"), i),
                    "\"" + stage.floatingTags[i] + "\" is not a valid tag");
        }
        forEachObject(item, "freezes", field, { "from", "until", "weekly", "reason" },
            [&](const nlohmann::json& freeze, const std::string& freezeField) {
                if (auto window = readFreeze(freeze, freezeField))
                    stage.freezes.push_back(std::move(*window));
            });
        return stage;
    }

    std::optional<FreezeWindow> readFreeze(const nlohmann::json& item, const std::string& field)
    {
        FreezeWindow window;
        window.reason = m_reader.string(item, "reason", field, false).value_or("");
        if (item.contains("weekly")) {
            if (item.contains("from") || item.contains("until")) {
                m_reader.problem(field, "give either weekly or from and until, not both");
                return std::nullopt;
            }
            const auto& weekly = item["weekly"];
            const std::string weeklyField = fieldPath(field, "weekly");
            if (!m_reader.expectObject(weekly, weeklyField, { "from", "until", "timeZone" }))
                return std::nullopt;
            window.repeat = FreezeWindow::Repeat::Weekly;
            const auto readWeekTime = [&](const char* key) -> std::optional<int> {
                const auto text = m_reader.string(weekly, key, weeklyField, true);
                const auto minute = text ? parseWeekTime(*text) : std::nullopt;
                if (text && !minute)
                    m_reader.problem(
                        fieldPath(weeklyField, key), "\"" + *text + "\" is not a day and time such as \"fri 16:00\"");
                return minute;
            };
            const auto from = readWeekTime("from");
            const auto until = readWeekTime("until");
            window.timeZone = m_reader.string(weekly, "timeZone", weeklyField, false).value_or("UTC");
            if (!isKnownTimeZone(window.timeZone)) {
                m_reader.problem(fieldPath(weeklyField, "timeZone"),
                    "\"" + window.timeZone + "\" is not a time zone name such as Europe/Zurich");
                return std::nullopt;
            }
            if (!from || !until)
                return std::nullopt;
            if (*from == *until) {
                m_reader.problem(weeklyField, "from and until are the same time: the window would be empty");
                return std::nullopt;
            }
            window.fromMinuteOfWeek = *from;
            window.untilMinuteOfWeek = *until;
            return window;
        }
        const auto readTime = [&](const char* key) -> std::optional<registry::Timestamp> {
            const auto text = m_reader.string(item, key, field, true);
            const auto time = text ? registry::parseRfc3339(*text) : std::nullopt;
            if (text && !time)
                m_reader.problem(fieldPath(field, key), "\"" + *text + "\" is not a time such as 2026-12-20T00:00:00Z");
            return time;
        };
        const auto from = readTime("from");
        const auto until = readTime("until");
        if (!from || !until)
            return std::nullopt;
        if (*until <= *from) {
            m_reader.problem(fieldPath(field, "until"), "must be after from");
            return std::nullopt;
        }
        window.from = *from;
        window.until = *until;
        return window;
    }

    void readClusters(const nlohmann::json& document)
    {
        std::vector<std::string> names;
        forEachObject(document, "clusters", {}, { "name", "site", "environment", "server", "ca", "image" },
            [&](const nlohmann::json& item, const std::string& field) {
                ClusterConfig cluster;
                cluster.name = m_reader.string(item, "name", field, true).value_or("");
                cluster.site = m_reader.string(item, "site", field, false).value_or("");
                cluster.environment = m_reader.string(item, "environment", field, false).value_or("");
                cluster.server = m_reader.string(item, "server", field, true).value_or("");
                if (!cluster.server.empty() && !cluster.server.starts_with("https://"))
                    m_reader.problem(fieldPath(field, "server"), "\"" + cluster.server + "\" must be an https:// URL");
                if (const auto ca = m_reader.string(item, "ca", field, false))
                    cluster.caFile = absoluteFile(*ca, fieldPath(field, "ca"));
                cluster.image = m_reader.string(item, "image", field, false).value_or("");
                if (!cluster.image.empty()) {
                    if (const auto image = registry::Reference::parse(cluster.image); !image)
                        m_reader.problem(fieldPath(field, "image"), image.error().message);
                }
                names.push_back(cluster.name);
                m_workspace.clusters.push_back(std::move(cluster));
            });
        checkUnique(m_reader, names, "clusters", "cluster");
    }

    void readThresholds(const nlohmann::json& document)
    {
        const auto it = document.find("certificateThresholds");
        if (it == document.end()
            || !m_reader.expectObject(*it, "certificateThresholds", { "warningDays", "criticalDays" }))
            return;
        auto& thresholds = m_workspace.certificateThresholds;
        thresholds.warningDays = static_cast<int>(
            m_reader.integer(*it, "warningDays", "certificateThresholds", 1, 3650).value_or(thresholds.warningDays));
        thresholds.criticalDays = static_cast<int>(
            m_reader.integer(*it, "criticalDays", "certificateThresholds", 0, 3650).value_or(thresholds.criticalDays));
        if (thresholds.criticalDays >= thresholds.warningDays)
            m_reader.problem("certificateThresholds.criticalDays", "must be fewer days than warningDays");
    }

    Workspace m_workspace;
    QString m_folder;
    JsonReader m_reader;
};

// 1-based line and column of a byte offset, for parse errors a user can find in an editor.
std::string lineAndColumn(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

} // namespace

std::string defaultWorkspacePath()
{
    if (const char* explicitPath = std::getenv("GANTRY_WORKSPACE"); explicitPath && *explicitPath)
        return explicitPath;
    return (QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/gantry/workspace.json"))
        .toStdString();
}

registry::Result<Workspace> parseWorkspace(std::string_view text, const std::string& path)
{
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        // nlohmann's own message names the token it expected; the position is what users need.
        const std::string what = error.what();
        const auto detail = what.find("syntax error");
        return fail(ErrorKind::InvalidInput,
            path + " is not valid JSON at " + lineAndColumn(text, error.byte > 0 ? error.byte - 1 : 0)
                + (detail == std::string::npos ? std::string() : ": " + what.substr(detail)));
    } catch (const nlohmann::json::exception& error) {
        // Valid JSON that nlohmann cannot hold: a number beyond a double ("1e400"), out_of_range 406.
        const std::string what = error.what();
        const auto detail = what.find("] ");
        return fail(ErrorKind::InvalidInput,
            path + " cannot be read: " + (detail == std::string::npos ? what : what.substr(detail + 2)));
    }
    return WorkspaceParser(path).parse(document);
}

registry::Result<Workspace> loadWorkspace(const std::string& path)
{
    // A workspace is a few kilobytes; a huge file is a mistake, not something to read.
    auto text = registry::readCappedFile(path, 16 * 1024 * 1024, "a workspace");
    if (!text)
        return fail(ErrorKind::InvalidInput, text.error().message);
    if (!*text) {
        return fail(ErrorKind::InvalidInput,
            "cannot read the workspace " + path + " (give one with --workspace FILE or $GANTRY_WORKSPACE)");
    }
    return parseWorkspace(**text, path);
}

} // namespace gantry::model
