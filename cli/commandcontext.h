#pragma once

#include "base/error.h"
#include "cli/arguments.h"
#include "registry/image/registryclient.h"

#include <atomic>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace gantry::cli {

/// Exit statuses, the contract with scripts and CI.
enum ExitStatus { ExitOk = 0, ExitFailed = 1, ExitUsage = 2, ExitRefused = 3 };

/// What every command gets: its arguments and output mode, and on demand the registry client.
/// The registry commands need nothing else; ReleaseContext adds the workspace and the journal.
class CommandContext
{
public:
    CommandContext(std::string command, Arguments arguments, bool json, const std::atomic_bool* cancelled);
    virtual ~CommandContext();

    const std::string command;
    const Arguments arguments;
    const bool json = false;
    const std::atomic_bool* const cancelled = nullptr;

    /// The registry client, created on first use.
    registry::RegistryClient& client();

    /// Prints a one-line error on stderr and returns the matching exit status.
    int failWith(const registry::Error& error) const;
    int usage(const std::string& message) const;
    /// Like failWith, for input the user typed (a reference, a tag): always exit status 2,
    /// whatever the kind (an unsupported digest algorithm is still bad input).
    int rejectInput(const registry::Error& error) const;
    /// A policy said no: the reason on stderr, exit status 3.
    int refuse(const std::string& reason) const;
    void printJson(const nlohmann::json& value) const;

protected:
    /// What the client will be created with; changes after the first client() call have no effect.
    registry::ClientOptions& clientOptions() { return m_clientOptions; }

private:
    registry::ClientOptions m_clientOptions;
    std::unique_ptr<registry::RegistryClient> m_client;
};

/// Text from outside (a tag, a name, a registry's message) as gantryctl prints it: one line, its
/// controls escaped (registry::printable). Every %s of such text goes through it.
std::string printable(std::string_view text);
/// The same for a message Gantry wrote in lines: its line breaks stay.
std::string printableLines(std::string_view text);

/// 2 for bad input, 1 for everything else that failed.
int exitStatusFor(const registry::Error& error);

} // namespace gantry::cli
