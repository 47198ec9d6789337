#include "cli/commandcontext.h"

#include "base/printabletext.h"
#include "cli/commandline.h"

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

std::string printable(std::string_view text)
{
    return registry::printable(text);
}

std::string printableLines(std::string_view text)
{
    return registry::printable(text, registry::LineBreaks::Keep);
}

int exitStatusFor(const registry::Error& error)
{
    return error.kind == registry::ErrorKind::InvalidInput ? ExitUsage : ExitFailed;
}

int CommandContext::failWith(const registry::Error& error) const
{
    // Messages hold what registries and files said; their lines are Gantry's own.
    std::fprintf(stderr, "gantryctl %s: %s\n", command.c_str(), printableLines(error.message).c_str());
    return exitStatusFor(error);
}

int CommandContext::rejectInput(const registry::Error& error) const
{
    failWith(error);
    return ExitUsage;
}

int CommandContext::usage(const std::string& message) const
{
    std::fprintf(stderr, "gantryctl %s: %s (see gantryctl --help)\n", command.c_str(), printableLines(message).c_str());
    return ExitUsage;
}

int CommandContext::refuse(const std::string& reason) const
{
    std::fflush(stdout); // the plan before the verdict, also when both go to one log
    std::fprintf(stderr, "gantryctl %s: refused: %s\n", command.c_str(), printableLines(reason).c_str());
    return ExitRefused;
}

void CommandContext::printJson(const nlohmann::json& value) const
{
    // Strings stay as they were sent, escaped by JSON: bytes that are not UTF-8 become U+FFFD
    // (nlohmann would throw), and controls that JSON leaves raw are escaped for the terminal.
    const auto text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fputs(registry::terminalSafeJson(text).c_str(), stdout);
    std::fputc('\n', stdout);
}

} // namespace gantry::cli
