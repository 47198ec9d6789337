#pragma once

#include "model/workspace/workspace.h"
#include "registry/auth/credentialstore.h"

#include <string>
#include <vector>

namespace gantry::model {

/// A first workspace made of what the user already has, and what could not be read.
struct WorkspaceImport
{
    /// Registries (named by their hosts) and clusters; no pipelines or policies yet.
    Workspace workspace;
    std::vector<std::string> problems; ///< one sentence each, naming the file; never a secret
};

/// Where importWorkspace looks: the credential files the registry client reads and the kubeconfig
/// files kubectl reads.
struct ImportSources
{
    registry::CredentialSources credentials = registry::CredentialSources::fromEnvironment();
    std::vector<std::string> kubeconfigs;

    /// credentials from the environment, kubeconfigs = defaultKubeconfigPaths().
    static ImportSources fromEnvironment();
};

/// Registries from the keys of `auths` and `credHelpers` in Docker's config.json and containers'
/// auth.json (hosts only, Docker Hub as docker.io, a namespace key "host/team" as its host; no
/// credential is read into the result), and clusters from the kubeconfig contexts (name, server,
/// site and environment from the gantry extension, the CA when it is a file). Missing files are
/// skipped; unreadable ones are problems, and what the other files hold is still imported.
WorkspaceImport importWorkspace(const ImportSources& sources = ImportSources::fromEnvironment());

} // namespace gantry::model
