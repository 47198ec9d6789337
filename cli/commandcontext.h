#pragma once

#include "arguments.h"
#include "model/workspace.h"
#include "registry/error.h"

#include <atomic>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace gantry::registry {
class RegistryClient;
}
namespace gantry::model {
class Journal;
}

namespace gantry::cli {

/// Exit statuses, the contract with scripts and CI.
enum ExitStatus { ExitOk = 0, ExitFailed = 1, ExitUsage = 2, ExitRefused = 3 };

/// What every command gets: its arguments and output mode, and on demand the workspace and the
/// registry client.
class CommandContext
{
public:
    CommandContext(std::string command, Arguments arguments, bool json, const std::atomic_bool* cancelled);
    ~CommandContext();

    const std::string command;
    const Arguments arguments;
    const bool json = false;
    const std::atomic_bool* const cancelled = nullptr;

    /// The workspace named by --workspace (else $GANTRY_WORKSPACE, else the per-user file), read
    /// once. Load it before the first client() call so its registries' CA files are trusted.
    registry::Result<const model::Workspace*> workspace();
    /// The registry client, created on first use.
    registry::RegistryClient& client();
    /// The journal named by --journal (else $GANTRY_JOURNAL, else the per-user file), opened once.
    registry::Result<model::Journal*> journal();
    /// Who acts on `registryHost`, for the journal: its user name once it asked, else the OS user.
    std::string actorFor(const std::string& registryHost);

    /// Prints a one-line error on stderr and returns the matching exit status.
    int failWith(const registry::Error& error) const;
    int usage(const std::string& message) const;
    /// Like failWith, for input the user typed (a reference, a tag): always exit status 2,
    /// whatever the kind (an unsupported digest algorithm is still bad input).
    int rejectInput(const registry::Error& error) const;
    /// A policy said no: the reason on stderr, exit status 3.
    int refuse(const std::string& reason) const;
    void printJson(const nlohmann::json& value) const;

private:
    std::optional<model::Workspace> m_workspace;
    std::unique_ptr<registry::RegistryClient> m_client;
    std::unique_ptr<model::Journal> m_journal;
};

/// 2 for bad input, 1 for everything else that failed.
int exitStatusFor(const registry::Error& error);

} // namespace gantry::cli
