#pragma once

#include "model/workspace/freezewindow.h"
#include "model/workspace/retentionpolicy.h"
#include "registry/image/reference.h"

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace gantry::model {

/// A registry the workspace names, so stages can refer to it by a short name.
struct RegistryConfig
{
    std::string name;
    std::string host; ///< "registry.example.org", "127.0.0.1:5000": what references use
    std::string caFile; ///< an extra CA for this registry, absolute; empty for the system's and certs.d
};

/// One step of a pipeline: a repository in a registry, with its own policy.
struct StageConfig
{
    std::string name;
    std::string registry; ///< a RegistryConfig name
    std::string host; ///< that registry's host, resolved when the workspace is read
    std::string repository; ///< "team/app/prod"
    std::string retentionPolicy; ///< a policy name, or empty: the registry keeps everything
    std::chrono::seconds minimumSoak { 0 }; ///< how long an artifact stays here before it may leave
    std::vector<FreezeWindow> freezes; ///< when nothing may be promoted into this stage
    bool isProtected = false; ///< the GUI asks the user to type the tag
    bool writesStableTags = false; ///< promoting a final or patch here also writes `<tag>-stable`
    std::vector<std::string> floatingTags; ///< tags meant to move here (`prod`, `latest`)

    /// `host/repository`, tagged with `tag` when one is given.
    registry::Reference reference(const std::string& tag = {}) const;
};

struct PipelineConfig
{
    std::string name;
    std::vector<StageConfig> stages; ///< in promotion order

    /// The stage's position, or -1.
    int indexOf(const std::string& stageName) const;
};

/// A Kubernetes API endpoint Gantry watches (certificates, what it runs).
struct ClusterConfig
{
    std::string name;
    std::string site;
    std::string environment;
    std::string server; ///< "https://api.example.org:6443"
    std::string caFile;
    std::string image; ///< the reference it runs, often a floating tag
};

/// When a certificate counts as expiring: days left, and the share of its lifetime used.
struct CertificateThresholds
{
    int warningDays = 28;
    int criticalDays = 14;
};

/// What the release manager works on: registries, pipelines, retention policies and clusters.
/// Read from a JSON file; never holds a credential (those stay where Docker keeps them).
struct Workspace
{
    std::string path; ///< the file it was read from
    std::vector<RegistryConfig> registries;
    std::map<std::string, RetentionPolicy> retentionPolicies;
    std::vector<PipelineConfig> pipelines;
    std::vector<ClusterConfig> clusters;
    CertificateThresholds certificateThresholds;

    const PipelineConfig* pipeline(const std::string& name) const;
    const RegistryConfig* registry(const std::string& name) const;
    /// The retention policy of a stage, or nullptr when it has none.
    const RetentionPolicy* retentionOf(const StageConfig& stage) const;
};

} // namespace gantry::model
