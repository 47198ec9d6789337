#pragma once

#include "model/workspace/kubeconfig.h"
#include "model/workspace/yamlfields.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::model {

/// One kubeconfig file as written: its named clusters, users and contexts before the contexts
/// are resolved, which may take entries from other files. Each entry keeps its field and line
/// for messages. Only what checks a server is read: no credential ever gets in here.
struct KubeconfigFile
{
    struct Cluster
    {
        std::string name;
        std::string field; ///< "clusters[0]"
        int line = 0;
        std::string server;
        std::string tlsServerName;
        std::optional<std::string> caPem; ///< from certificate-authority-data, certificate blocks only
        std::string caFile; ///< absolute
        int caFileLine = 0;
        bool insecureSkipTlsVerify = false;
    };
    struct User
    {
        std::string name;
        std::string field;
        int line = 0;
        std::optional<std::string> clientCertificatePem; ///< from client-certificate-data
        std::string clientCertificateFile; ///< absolute
        int clientCertificateFileLine = 0;
    };
    struct Context
    {
        std::string name;
        std::string field;
        int line = 0;
        std::string cluster;
        int clusterLine = 0;
        std::string user; ///< empty: no client certificate
        int userLine = 0;
        std::string site;
        std::string environment;
    };

    std::string path;
    std::vector<Cluster> clusters;
    std::vector<User> users;
    std::vector<Context> contexts;
};

/// Reads one file's entries; structural problems go to `problems`, a YAML syntax error is returned.
registry::Result<KubeconfigFile> readKubeconfigFile(
    std::string_view yaml, const std::string& path, KubeconfigProblems& problems);

/// Kubeconfig files and the certificate files they name are refused past this size.
inline constexpr std::size_t maxKubeconfigBytes = 16 * 1024 * 1024;

} // namespace gantry::model
