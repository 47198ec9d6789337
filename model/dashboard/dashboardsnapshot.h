#pragma once

#include "base/timestamps.h"
#include "model/clusters/clusterreport.h"
#include "model/clusters/clusterruns.h"
#include "model/journal/journalentry.h"
#include "model/policy/releaseclass.h"
#include "model/policy/retention.h"

#include <QMetaType>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gantry::model {

/// One tag of one stage, with what the Tags page and the pipeline matrix show about it.
/// A value: the worker builds it, models copy it, nothing points back into the worker.
struct TagRow
{
    std::string pipeline;
    std::string stage;
    std::string repository; ///< `host/path`, as references spell it
    std::string tag;
    ReleaseClass releaseClass = ReleaseClass::Other;
    std::string digest;
    std::optional<registry::Timestamp> created; ///< nullopt: the image does not say
    std::int64_t size = -1; ///< bytes of manifests and blobs; -1 while not inspected
    std::vector<std::string> platforms; ///< "linux/amd64", …; empty for a single image without one
    /// The stage's retention verdict for the artifact (shared by every tag on its digest);
    /// nullopt when the stage has no retention policy (kept forever by the registry).
    std::optional<ArtifactRetention> retention;
    std::vector<std::string> runningClusters; ///< workspace clusters that run this artifact

    /// `repository:tag`
    std::string reference() const { return repository + ':' + tag; }
};

/// A stage as last read: its tags, or why it could not be read.
struct StageView
{
    std::string pipeline;
    std::string stage;
    std::string repository; ///< `host/path`
    bool repositoryExists = true;
    std::string error; ///< non-empty: the registry failed; `tags` is then empty
    std::vector<TagRow> tags; ///< in tagLess order
};

/// A pipeline's stages in promotion order, with the flags the pipelines page needs.
struct PipelineView
{
    std::string name;
    std::vector<std::string> stages;
    std::vector<bool> protectedStages; ///< parallel to `stages`
    std::vector<std::vector<std::string>> floatingTags; ///< parallel to `stages`
};

/// How Gantry last got on with a registry.
enum class RegistryAuth {
    Unknown, ///< not asked yet
    Anonymous,
    Basic,
    Token,
    Failed, ///< the registry refused the credentials Gantry has (or has none and it needs some)
};
std::string_view toString(RegistryAuth auth);

struct RegistryStatus
{
    std::string name;
    std::string host;
    bool reachable = false;
    RegistryAuth auth = RegistryAuth::Unknown;
    std::optional<int> latencyMs; ///< of the first request of the last refresh
    std::optional<registry::Timestamp> lastRefresh;
    std::string error;
};

/// A cluster's certificates and what it runs, side by side.
struct ClusterView
{
    ClusterReport report;
    std::optional<ClusterRuns> runs; ///< nullopt when the cluster names no image
};

/// Everything the dashboard shows, read at one moment. Immutable once emitted: it crosses from the
/// worker thread to the GUI thread by value.
struct DashboardSnapshot
{
    std::uint64_t generation = 0;
    registry::Timestamp taken {};
    std::vector<PipelineView> pipelines;
    std::vector<StageView> stages;
    std::vector<RegistryStatus> registries;
    std::vector<ClusterView> clusters;
    std::vector<SiteReport> sites;
    std::vector<JournalEntry> journal; ///< newest first
    std::vector<std::string> problems; ///< what failed during the refresh, one sentence each
};

/// How a snapshot travels from the worker to the GUI thread: immutable and shared, never copied.
using SharedSnapshot = std::shared_ptr<const DashboardSnapshot>;

} // namespace gantry::model

Q_DECLARE_METATYPE(gantry::model::DashboardSnapshot)
Q_DECLARE_METATYPE(gantry::model::SharedSnapshot)
