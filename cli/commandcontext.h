#pragma once

#include "arguments.h"
#include "registry/error.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <string>

namespace gantry::registry {
class RegistryClient;
}

namespace gantry::cli {

/// Exit statuses, the contract with scripts and CI.
enum ExitStatus { ExitOk = 0, ExitFailed = 1, ExitUsage = 2, ExitRefused = 3 };

/// What every command gets: its arguments, the output mode and the shared client.
struct CommandContext {
    std::string command;
    Arguments arguments;
    bool json = false;
    registry::RegistryClient& client;
    const std::atomic_bool* cancelled = nullptr;

    /// Prints a one-line error on stderr and returns the matching exit status.
    int failWith(const registry::Error& error) const;
    int usage(const std::string& message) const;
    /// Like failWith, for input the user typed (a reference, a tag): always exit status 2,
    /// whatever the kind (an unsupported digest algorithm is still bad input).
    int rejectInput(const registry::Error& error) const;
    void printJson(const nlohmann::json& value) const;
};

/// 2 for bad input, 1 for everything else that failed.
int exitStatusFor(const registry::Error& error);

} // namespace gantry::cli
