#pragma once

// JSON forms of the snapshot's values, for the snapshot cache. Enums are stored as their numbers:
// the cache is versioned as a whole and rebuilt by any refresh, so it needs no stable names.

#include "model/dashboard/dashboardsnapshot.h"

#include <nlohmann/json.hpp>
#include <optional>

NLOHMANN_JSON_NAMESPACE_BEGIN
template<typename T> struct adl_serializer<std::optional<T>>
{
    static void to_json(json& j, const std::optional<T>& value)
    {
        if (value)
            j = *value;
        else
            j = nullptr;
    }
    static void from_json(const json& j, std::optional<T>& value)
    {
        if (j.is_null())
            value.reset();
        else
            value = j.get<T>();
    }
};

template<> struct adl_serializer<gantry::registry::Timestamp>
{
    static void to_json(json& j, const gantry::registry::Timestamp& time) { j = time.time_since_epoch().count(); }
    static void from_json(const json& j, gantry::registry::Timestamp& time)
    {
        time = gantry::registry::Timestamp(std::chrono::seconds(j.get<std::int64_t>()));
    }
};
NLOHMANN_JSON_NAMESPACE_END

namespace gantry::registry {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CertificateInfo, subject, issuer, notBefore, notAfter, isCa)
}

namespace gantry::model {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    ArtifactRetention, digest, tags, status, keptByRule, keptBy, keptByTag, expires, daysLeft, unknownRules, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TagRow, pipeline, stage, repository, tag, releaseClass, digest, created,
    size, platforms, retention, runningClusters)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(StageView, pipeline, stage, repository, repositoryExists, error, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PipelineView, name, stages, protectedStages, floatingTags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    RegistryStatus, name, host, reachable, auth, latencyMs, lastRefresh, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CertificateVerdict, status, daysLeft, renewalOverdue, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CertificateCheck, role, certificate, verdict)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ClusterReport, name, site, environment, server, image, checks, status,
    reason, servedLeaf, clientCertificateNotAfter, trusted, trustError, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    ClusterRuns, cluster, image, pipeline, stage, digest, versions, retention, flags, error)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ClusterView, report, runs)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SiteReport, site, clusters, worst, atRisk)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(JournalEntry, id, time, actor, host, action, pipeline, stage,
    repository, tag, source, destination, digestBefore, digestAfter, outcome, error, note, previousHash, hash)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    DashboardSnapshot, generation, taken, pipelines, stages, registries, clusters, sites, journal, problems)
} // namespace gantry::model
