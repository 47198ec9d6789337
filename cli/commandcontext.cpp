#include "commandcontext.h"

namespace gantry::cli {

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

void CommandContext::printJson(const nlohmann::json& value) const
{
    std::fputs(value.dump(2).c_str(), stdout);
    std::fputc('\n', stdout);
}

} // namespace gantry::cli
