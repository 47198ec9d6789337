#pragma once

#include "base/error.h"

#include <string>
#include <string_view>
#include <vector>

namespace gantry::model {

/// One kubeconfig context, resolved against its cluster and user. Holds what identifies and
/// checks a server and never a credential: client keys, tokens, passwords, exec and
/// auth-provider sections are skipped unread.
struct KubeCluster
{
    std::string name; ///< the context's name
    std::string server; ///< "https://api.example.org:6443", as written (the prober checks the scheme)
    std::string tlsServerName; ///< cluster.tls-server-name, if any
    std::string caPem; ///< the CERTIFICATE blocks of certificate-authority-data or of the certificate-authority file
    std::string caFile; ///< where caPem came from, for messages: "inline", an absolute path, or empty (system CAs)
    std::string clientCertificatePem; ///< the CERTIFICATE blocks of the user's client certificate, data or file
    std::string clientCertificateFile; ///< "inline", an absolute path, or empty (no client certificate)
    bool insecureSkipTlsVerify = false;
    std::string site; ///< from the context's extension named "gantry": {site: …, environment: …}
    std::string environment;
    std::string sourceFile; ///< the kubeconfig the context came from
};

/// Every context of one kubeconfig file. `path` names it in messages and anchors relative file
/// paths (as kubectl does). Problems are reported together, each with its line and field
/// (`line 14: contexts[1].context.cluster: no cluster named "x" (clusters: a, b)`); a YAML syntax
/// error gives its line and column. Messages never quote a value from the users section.
///
/// As in kubectl, `-data` wins over the file of the same field, unknown keys are ignored (other
/// tools write them) except in the gantry extension, a context may name no user, and certificate
/// files are read only for clusters and users a context uses. A context naming a cluster or user
/// that is not defined is a problem, and any problem fails the whole read (InvalidInput).
/// Certificate fields keep only their CERTIFICATE blocks (a key sharing the file is dropped); a
/// field with none is a problem. An empty file has no contexts.
registry::Result<std::vector<KubeCluster>> parseKubeconfig(std::string_view yaml, const std::string& path);

/// What to do with a kubeconfig file that does not exist.
enum class MissingKubeconfig {
    Skip, ///< as kubectl does for the files of $KUBECONFIG and the default ~/.kube/config
    Fail, ///< for a file the user named (--kubeconfig FILE)
};

/// Reads and merges kubeconfig files in order, as kubectl merges $KUBECONFIG: the first file to
/// define a context, cluster or user name wins, and a context may use a cluster or user of
/// another file. Files over 16 MiB are refused (TooLarge). A missing file is Io when `missing` is
/// Fail; an unreadable one is always Io.
registry::Result<std::vector<KubeCluster>> loadKubeconfigs(
    const std::vector<std::string>& paths, MissingKubeconfig missing = MissingKubeconfig::Skip);

/// `$KUBECONFIG` split on ':' (empty entries and repeats dropped), else `~/.kube/config`.
std::vector<std::string> defaultKubeconfigPaths();

} // namespace gantry::model
