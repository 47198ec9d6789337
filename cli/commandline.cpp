#include "cli/commandline.h"

#include "cli/commandcontext.h"
#include "cli/commandtable.h"
#include "cli/usagetext.h"

#include <charconv>
#include <cstdio>
#include <optional>
#include <set>
#include <vector>

namespace gantry::cli {

namespace {

const std::set<std::string> globalFlags { "json", "help" };
const std::set<std::string> globalOptions { "workspace", "journal", "timeout" };

// Every command's flags and options, so the first pass knows which options take a value.
std::pair<std::set<std::string>, std::set<std::string>> allFlagsAndOptions(std::span<const Command> table)
{
    auto flags = globalFlags;
    auto options = globalOptions;
    for (const auto& command : table) {
        flags.merge(command.flags());
        options.merge(command.options());
    }
    return { flags, options };
}

// An option another command knows is still unknown to this one.
std::optional<std::string> foreignOption(const Arguments& arguments, const Command& command)
{
    const auto flags = command.flags();
    const auto options = command.options();
    for (const auto& flag : arguments.flags) {
        if (!globalFlags.contains(flag) && !flags.contains(flag))
            return "--" + flag;
    }
    for (const auto& [option, value] : arguments.options) {
        if (!globalOptions.contains(option) && !options.contains(option))
            return "--" + option;
    }
    return std::nullopt;
}

} // namespace

std::expected<CommandLine, int> parseCommandLine(int argc, char** argv, std::span<const Command> table)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        std::fputs(usageText(table).c_str(), args.empty() ? stderr : stdout);
        return std::unexpected(args.empty() ? ExitUsage : ExitOk);
    }
    const auto [knownFlags, knownOptions] = allFlagsAndOptions(table);
    auto parsed = parseArguments(args, knownFlags, knownOptions);
    if (!parsed) {
        std::fprintf(stderr, "gantryctl: %s (see gantryctl --help)\n", printable(parsed.error().message).c_str());
        return std::unexpected(ExitUsage);
    }
    if (parsed->has("help")) {
        std::fputs(usageText(table).c_str(), stdout);
        return std::unexpected(ExitOk);
    }
    if (parsed->positional.empty()) {
        std::fputs("gantryctl: no command given (see gantryctl --help)\n", stderr);
        return std::unexpected(ExitUsage);
    }
    const std::string name = parsed->positional.front();
    const Command* command = findCommand(table, name);
    if (!command) {
        std::fprintf(stderr, "gantryctl: unknown command \"%s\" (see gantryctl --help)\n", printable(name).c_str());
        return std::unexpected(ExitUsage);
    }
    if (const auto option = foreignOption(*parsed, *command)) {
        std::fprintf(stderr, "gantryctl %s: unknown option \"%s\" (see gantryctl --help)\n", name.c_str(),
            printable(*option).c_str());
        return std::unexpected(ExitUsage);
    }
    if (parsed->options.contains("timeout") && !parseTimeout(parsed->option("timeout"))) {
        std::fprintf(stderr,
            "gantryctl %s: --timeout wants whole seconds from 1 to 86400, not \"%s\" (see gantryctl --help)\n",
            name.c_str(), parsed->option("timeout").c_str());
        return std::unexpected(ExitUsage);
    }
    parsed->positional.erase(parsed->positional.begin());
    return CommandLine { command, std::move(*parsed) };
}

std::optional<std::chrono::seconds> parseTimeout(std::string_view text)
{
    long long seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end != text.data() + text.size() || seconds < 1 || seconds > 86'400)
        return std::nullopt;
    return std::chrono::seconds(seconds);
}

} // namespace gantry::cli
