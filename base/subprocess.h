#pragma once

#include "base/error.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace gantry::registry {

/// A program to run without a shell: its arguments are passed as they are.
struct ProcessRequest
{
    std::string program; ///< looked up in PATH unless it contains a '/'
    std::vector<std::string> arguments; ///< not including the program name
    std::string standardInput; ///< written to the program, then its stdin is closed
    std::chrono::milliseconds timeout { 10'000 }; ///< the program is killed (SIGKILL) after this
    std::size_t maxOutputBytes = 1024 * 1024; ///< per stream; more is an error and the program is killed
};

/// How a program that ran to its end finished.
struct ProcessResult
{
    int exitCode = -1; ///< meaningful when terminatingSignal is 0
    int terminatingSignal = 0; ///< the signal that ended the program, 0 when it exited
    std::string standardOutput;
    std::string standardError;

    bool succeeded() const { return terminatingSignal == 0 && exitCode == 0; }
};

/// Runs `request.program` with the caller's environment, feeds it `standardInput` and captures
/// both output streams. A program that cannot be started (Io), outlives its timeout (Timeout) or
/// floods its output (TooLarge) is an error; a non-zero exit status or a crash is a result.
/// Error messages name the program, never the input or output (they may hold secrets).
/// Safe to call from several threads at once.
Result<ProcessResult> runProcess(const ProcessRequest& request);

} // namespace gantry::registry
