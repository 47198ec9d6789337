#include "model/dashboard/dashboardreader.h"

#include "base/concurrently.h"
#include "model/clusters/clustersources.h"
#include "model/journal/journal.h"
#include "model/policy/stageretention.h"
#include "model/workspace/kubeconfig.h"
#include "registry/image/registryclient.h"
#include "registry/tls/tlsprobe.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>

namespace gantry::model {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int InspectionsInFlight = 6;
constexpr int JournalEntriesShown = 10000;

registry::Timestamp utcNow()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

bool cancelled(const DashboardSources& sources)
{
    return sources.cancelled && sources.cancelled->load();
}

// Whether an error means the registry answered: then it is reachable, whatever else went wrong.
bool registryAnswered(const registry::Error& error)
{
    using enum registry::ErrorKind;
    return error.httpStatus != 0 || error.kind == Unauthorized || error.kind == Denied || error.kind == NotFound;
}

RegistryAuth authFrom(registry::AuthMode mode)
{
    switch (mode) {
    case registry::AuthMode::Unknown:
        return RegistryAuth::Unknown;
    case registry::AuthMode::Anonymous:
        return RegistryAuth::Anonymous;
    case registry::AuthMode::Basic:
        return RegistryAuth::Basic;
    case registry::AuthMode::Token:
        return RegistryAuth::Token;
    }
    return RegistryAuth::Unknown;
}

class Refresh
{
public:
    Refresh(const Workspace& workspace, const DashboardSources& sources)
        : m_workspace(workspace)
        , m_sources(sources)
        , m_client(*sources.client)
    {
        m_snapshot.taken = utcNow();
        for (const auto& config : workspace.registries)
            m_snapshot.registries.push_back(RegistryStatus { config.name, config.host, false, RegistryAuth::Unknown,
                std::nullopt, std::nullopt, "no stage uses it" });
    }

    registry::Result<DashboardSnapshot> run()
    {
        for (const auto& pipeline : m_workspace.pipelines) {
            PipelineView view { pipeline.name, {}, {}, {} };
            for (const auto& stage : pipeline.stages) {
                view.stages.push_back(stage.name);
                view.protectedStages.push_back(stage.isProtected);
                view.floatingTags.push_back(stage.floatingTags);
                if (cancelled(m_sources))
                    return registry::fail(registry::ErrorKind::Cancelled, "refresh cancelled");
                m_snapshot.stages.push_back(readStageView(pipeline, stage));
            }
            m_snapshot.pipelines.push_back(std::move(view));
        }
        if (cancelled(m_sources))
            return registry::fail(registry::ErrorKind::Cancelled, "refresh cancelled");
        readClusters();
        readJournal();
        return std::move(m_snapshot);
    }

private:
    RegistryStatus* statusOf(const std::string& host)
    {
        auto found = std::ranges::find(m_snapshot.registries, host, &RegistryStatus::host);
        return found == m_snapshot.registries.end() ? nullptr : &*found;
    }

    void noteRegistry(const StageConfig& stage, const registry::Status& outcome, Clock::duration took)
    {
        auto* status = statusOf(stage.host);
        if (!status || m_seenRegistries.contains(stage.host))
            return;
        m_seenRegistries.insert(stage.host);
        status->lastRefresh = utcNow();
        status->latencyMs = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count());
        status->reachable = outcome.has_value() || registryAnswered(outcome.error());
        status->error = outcome ? std::string() : outcome.error().message;
        status->auth = outcome || outcome.error().kind != registry::ErrorKind::Unauthorized
            ? authFrom(m_client.authMode(stage.host))
            : RegistryAuth::Failed;
        // A registry that answered without ever asking for credentials lets anyone in.
        if (status->auth == RegistryAuth::Unknown && status->reachable)
            status->auth = RegistryAuth::Anonymous;
    }

    void problem(std::string message) { m_snapshot.problems.push_back(std::move(message)); }

    StageView readStageView(const PipelineConfig& pipeline, const StageConfig& stage)
    {
        StageView view { pipeline.name, stage.name, stage.reference().name(), true, {}, {} };
        report("reading " + pipeline.name + " / " + stage.name, 0, 0);
        const auto started = Clock::now();
        auto read = readStage(m_client, stage, m_sources.cancelled);
        // The tag list is one request: its time is the registry's latency; a failure took what it took.
        noteRegistry(stage, read ? registry::Status {} : registry::Status(std::unexpected(read.error())),
            read ? Clock::duration(read->listLatency) : Clock::now() - started);
        if (!read) {
            view.error = read.error().message;
            problem(pipeline.name + " / " + stage.name + ": " + view.error);
            return view;
        }
        view.repositoryExists = read->repositoryExists;
        const auto now = utcNow();
        if (auto observed
            = m_sources.journal->observe(pipeline.name, stage.name, read->repository.name(), read->tagDigests(), now);
            !observed)
            problem("journal: " + observed.error().message);
        auto retention = evaluateStageRetention(*m_sources.journal, m_workspace, stage, *read, now);
        const bool evaluated = retention.has_value();
        if (!retention) {
            problem(pipeline.name + " / " + stage.name + " retention: " + retention.error().message);
            retention = StageRetention { &stage, std::move(*read), nullptr, {}, {} };
        }
        inspectArtifacts(pipeline, stage, retention->snapshot);
        fillTags(view, stage, *retention);
        if (evaluated)
            m_evaluated.push_back(std::move(*retention)); // what clusters run is resolved from these
        return view;
    }

    void inspectArtifacts(const PipelineConfig& pipeline, const StageConfig& stage, const StageSnapshot& snapshot)
    {
        std::vector<const registry::TagDigest*> missing;
        std::set<std::string> asked;
        for (const auto& tag : snapshot.tags) {
            const auto key = snapshot.repository.name() + '@' + tag.digest.str();
            if (!m_sources.detailsCache->contains(key) && asked.insert(key).second)
                missing.push_back(&tag);
        }
        std::mutex mutex;
        std::atomic_int done = 0;
        std::atomic_bool stop = false;
        const auto what = "inspecting " + pipeline.name + " / " + stage.name;
        auto inspected = registry::runConcurrently(missing.size(), InspectionsInFlight, stop, [&](std::size_t index) {
            if (cancelled(m_sources))
                stop = true;
            const auto reference = snapshot.repository.withDigest(missing[index]->digest.str());
            auto details = registry::inspectImage(m_client, reference, m_sources.cancelled);
            report(what, ++done, static_cast<int>(missing.size()));
            if (!details)
                return registry::Status(std::unexpected(details.error()));
            std::lock_guard lock(mutex);
            m_sources.detailsCache->emplace(reference.name() + '@' + missing[index]->digest.str(), std::move(*details));
            return registry::Status {};
        });
        if (!inspected)
            problem(pipeline.name + " / " + stage.name + ": " + inspected.error().message);
    }

    void fillTags(StageView& view, const StageConfig& stage, const StageRetention& retention)
    {
        const auto repository = retention.snapshot.repository.name();
        for (const auto& tag : retention.snapshot.tags) {
            TagRow row;
            row.pipeline = view.pipeline;
            row.stage = view.stage;
            row.repository = repository;
            row.tag = tag.tag;
            row.releaseClass = classifyTag(tag.tag, stage.floatingTags);
            row.digest = tag.digest.str();
            if (auto details = m_sources.detailsCache->find(repository + '@' + row.digest);
                details != m_sources.detailsCache->end()) {
                row.created = details->second.created;
                row.size = details->second.size;
                for (const auto& platform : details->second.platforms)
                    row.platforms.push_back(platform.platform);
            }
            if (const auto* verdict = retention.artifact(row.digest); verdict && retention.policy)
                row.retention = *verdict;
            if (auto running = retention.clustersByDigest.find(row.digest); running != retention.clustersByDigest.end())
                row.runningClusters = running->second;
            view.tags.push_back(std::move(row));
        }
        std::ranges::sort(view.tags, [](const TagRow& a, const TagRow& b) { return tagLess(a.tag, b.tag); });
    }

    void readClusters()
    {
        report("probing clusters", 0, 0);
        std::vector<KubeCluster> contexts;
        if (!m_sources.kubeconfigPaths.empty()) {
            auto loaded = loadKubeconfigs(m_sources.kubeconfigPaths, MissingKubeconfig::Skip);
            if (loaded)
                contexts = std::move(*loaded);
            else
                problem("kubeconfig: " + loaded.error().message);
        }
        auto sources = collectClusters(&m_workspace, contexts);
        if (!sources) {
            problem("clusters: " + sources.error().message);
            return;
        }
        auto reports = probeClusters(*sources, m_workspace.certificateThresholds, utcNow(), m_sources.cancelled);
        auto runs = resolveWhatRuns(
            m_client, *m_sources.journal, m_workspace, *sources, utcNow(), m_sources.cancelled, m_evaluated);
        if (!runs)
            problem("what clusters run: " + runs.error().message);
        for (const auto& report : reports) {
            ClusterView view { report, std::nullopt };
            if (runs) {
                if (auto found = std::ranges::find(*runs, report.name, &ClusterRuns::cluster); found != runs->end())
                    view.runs = *found;
            }
            m_snapshot.clusters.push_back(std::move(view));
        }
        m_snapshot.sites = rollUpSites(reports);
    }

    void readJournal()
    {
        JournalQuery query;
        query.limit = JournalEntriesShown;
        auto entries = m_sources.journal->entries(query);
        if (!entries) {
            problem("journal: " + entries.error().message);
            return;
        }
        m_snapshot.journal.assign(entries->rbegin(), entries->rend());
    }

    void report(const std::string& what, int done, int total) const
    {
        if (m_sources.progress)
            m_sources.progress(what, done, total);
    }

    const Workspace& m_workspace;
    const DashboardSources& m_sources;
    registry::RegistryClient& m_client;
    DashboardSnapshot m_snapshot;
    std::set<std::string> m_seenRegistries;
    std::vector<StageRetention> m_evaluated; ///< every stage read without error, with its retention
};

} // namespace

registry::Result<DashboardSnapshot> readDashboard(const Workspace& workspace, const DashboardSources& sources)
{
    return Refresh(workspace, sources).run();
}

} // namespace gantry::model
