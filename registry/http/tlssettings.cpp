#include "registry/http/tlssettings.h"

#include "base/localfile.h"

#include <cstdlib>
#include <filesystem>

namespace gantry::registry {

namespace {

namespace fs = std::filesystem;

// A CA file that cannot be read (a FIFO, a device, over 16 MiB) adds no trust; `problem` says
// why, so that requests say so instead of "not trusted" later on.
std::string readFile(const fs::path& path, std::string* problem = nullptr)
{
    auto text = readCappedFile(path.string(), 16 * 1024 * 1024, "a CA certificate file");
    if (!text && problem && problem->empty())
        *problem = text.error().message;
    return text && *text ? std::move(**text) : std::string();
}

// The bundle curl was built to trust; a CA blob replaces it, so it has to be included.
std::string systemCaBundle()
{
    for (const char* candidate : { "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt" }) {
        std::error_code error;
        if (fs::is_regular_file(candidate, error))
            return readFile(candidate);
    }
    return {};
}

std::string homeDirectory()
{
    const char* home = std::getenv("HOME");
    return home ? home : "";
}

} // namespace

TlsSettings TlsSettings::fromEnvironment()
{
    TlsSettings settings;
    settings.addCertsDirectory("/etc/docker/certs.d");
    settings.addCertsDirectory("/etc/containers/certs.d");
    if (const auto home = homeDirectory(); !home.empty()) {
        settings.addCertsDirectory(home + "/.docker/certs.d");
        settings.addCertsDirectory(home + "/.config/containers/certs.d");
    }
    return settings;
}

const HostTls& TlsSettings::forHost(const std::string& host) const
{
    std::lock_guard lock(m_cache->mutex);
    auto it = m_cache->entries.find(host);
    if (it == m_cache->entries.end())
        it = m_cache->entries.emplace(host, load(host)).first;
    return it->second;
}

HostTls TlsSettings::load(const std::string& host) const
{
    HostTls tls;
    std::string extraCas;
    for (const auto& root : m_certsDirectories) {
        const fs::path folder = fs::path(root) / host;
        std::error_code error;
        if (!fs::is_directory(folder, error))
            continue;
        for (const auto& entry : fs::directory_iterator(folder, error)) {
            const auto& path = entry.path();
            if (path.extension() == ".crt") {
                extraCas += readFile(path, &tls.problem) + "\n";
            } else if (path.extension() == ".cert" && tls.clientCertificateFile.empty()) {
                auto key = path;
                key.replace_extension(".key");
                // Regular files only: curl would block on a FIFO as it blocks on one to read.
                if (fs::is_regular_file(path, error) && fs::is_regular_file(key, error)) {
                    tls.clientCertificateFile = path.string();
                    tls.clientKeyFile = key.string();
                }
            }
        }
    }
    if (const auto files = m_caFiles.find(host); files != m_caFiles.end()) {
        for (const auto& file : files->second)
            extraCas += readFile(file, &tls.problem) + "\n";
    }
    if (!extraCas.empty())
        tls.caBundle = systemCaBundle() + "\n" + extraCas;
    return tls;
}

} // namespace gantry::registry
