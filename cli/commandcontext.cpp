#include "commandcontext.h"

#include "commandline.h"

#include <algorithm>

namespace gantry::cli {

namespace {

// --timeout bounds every wait, so that no single limit outlasts it.
void limitWaits(registry::ClientOptions& options, std::chrono::milliseconds timeout)
{
    options.retry.deadline = timeout;
    options.limits.connect = std::min(options.limits.connect, timeout);
    options.limits.firstByte = std::min(options.limits.firstByte, timeout);
    options.limits.stallWindow = std::min(options.limits.stallWindow, timeout);
}

} // namespace

CommandContext::CommandContext(std::string command, Arguments arguments, bool json, const std::atomic_bool* cancelled)
    : command(std::move(command))
    , arguments(std::move(arguments))
    , json(json)
    , cancelled(cancelled)
{
    if (const auto timeout = parseTimeout(this->arguments.option("timeout")))
        limitWaits(m_clientOptions, *timeout);
}

CommandContext::~CommandContext() = default;

registry::RegistryClient& CommandContext::client()
{
    if (!m_client)
        m_client = std::make_unique<registry::RegistryClient>(m_clientOptions);
    return *m_client;
}

int exitStatusFor(const registry::Error& error)
{
    return error.kind == registry::ErrorKind::InvalidInput ? ExitUsage : ExitFailed;
}

int CommandContext::failWith(const registry::Error& error) const
{
    std::fprintf(stderr, "gantryctl %s: %s\n", command.c_str(), error.message.c_str());
    return exitStatusFor(error);
}

int CommandContext::rejectInput(const registry::Error& error) const
{
    failWith(error);
    return ExitUsage;
}

int CommandContext::usage(const std::string& message) const
{
    std::fprintf(stderr, "gantryctl %s: %s (see gantryctl --help)\n", command.c_str(), message.c_str());
    return ExitUsage;
}

int CommandContext::refuse(const std::string& reason) const
{
    std::fflush(stdout); // the plan before the verdict, also when both go to one log
    std::fprintf(stderr, "gantryctl %s: refused: %s\n", command.c_str(), reason.c_str());
    return ExitRefused;
}

void CommandContext::printJson(const nlohmann::json& value) const
{
    std::fputs(value.dump(2).c_str(), stdout);
    std::fputc('\n', stdout);
}

} // namespace gantry::cli
