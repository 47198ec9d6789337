#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gantry::registry {

/// Extra trust and client certificates for one registry host, found the way Docker and
/// containers/image find them: `<certs.d>/<host:port>/*.crt` are CAs, `*.cert` + `*.key` a client pair.
struct HostTls
{
    std::string caBundle; ///< PEM: the system CAs plus the host's own, or empty for "system only"
    std::string clientCertificateFile;
    std::string clientKeyFile;
    std::string problem; ///< a CA file that could not be read, named; requests to the host fail with it
};

/// Where certificates for registries are looked for; defaults to Docker's and containers' folders.
class TlsSettings
{
public:
    /// /etc/docker/certs.d, /etc/containers/certs.d, ~/.docker/certs.d (and $DOCKER_CERT_PATH's certs.d).
    static TlsSettings fromEnvironment();

    void addCertsDirectory(std::string directory) { m_certsDirectories.push_back(std::move(directory)); }
    /// An extra CA file for one host (from a workspace), on top of the system CAs.
    void addCaFile(const std::string& host, std::string file) { m_caFiles[host].push_back(std::move(file)); }

    /// What to use for `host` ("registry.example:5000"); cached after the first call.
    const HostTls& forHost(const std::string& host) const;

private:
    HostTls load(const std::string& host) const;

    std::vector<std::string> m_certsDirectories;
    std::map<std::string, std::vector<std::string>> m_caFiles;
    // Shared so that settings stay movable; entries are never erased, so references stay valid.
    struct Cache
    {
        std::mutex mutex;
        std::map<std::string, HostTls> entries;
    };
    std::shared_ptr<Cache> m_cache = std::make_shared<Cache>();
};

} // namespace gantry::registry
