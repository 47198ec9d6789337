#include "cli/gantryctl.h"

#include "cli/commandcontext.h"
#include "cli/commandline.h"
#include "cli/imagecommands.h"
#include "cli/releasemodule.h"

#include <csignal>
#include <map>

namespace gantry::cli {

namespace {

std::atomic_bool interrupted { false };

void onInterrupt(int)
{
    interrupted = true;
}

const std::map<std::string, int (*)(CommandContext&)>& registryCommands()
{
    static const std::map<std::string, int (*)(CommandContext&)> table {
        { "tags", runTags },
        { "inspect", runInspect },
        { "copy", runCopy },
        { "tag", runTag },
        { "delete", runDelete },
    };
    return table;
}

} // namespace

int run(int argc, char** argv)
{
    auto commandLine = parseCommandLine(argc, argv);
    if (!commandLine)
        return commandLine.error();

    // Ctrl-C cancels the transfers cleanly: a copy never leaves a half-written tag.
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    std::signal(SIGPIPE, SIG_IGN);

    if (isReleaseCommand(commandLine->command))
        return runReleaseModule(argc, argv, &interrupted);
    const auto command = registryCommands().find(commandLine->command);
    if (command == registryCommands().end()) {
        // The command table and this one disagree: a build defect, not the user's.
        std::fprintf(stderr, "gantryctl: command \"%s\" is not built in\n", commandLine->command.c_str());
        return ExitFailed;
    }
    const bool json = commandLine->arguments.has("json");
    CommandContext context { commandLine->command, std::move(commandLine->arguments), json, &interrupted };
    return command->second(context);
}

} // namespace gantry::cli
