#include "cli/gantryctl.h"

#include "cli/commandcontext.h"
#include "cli/commandline.h"
#include "cli/commandtable.h"
#include "cli/releasehelper.h"

#include <csignal>
#include <cstdio>

namespace gantry::cli {

namespace {

std::atomic_bool interrupted { false };

void onInterrupt(int)
{
    interrupted = true;
}

} // namespace

const std::atomic_bool* catchInterruptions()
{
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    std::signal(SIGPIPE, SIG_IGN);
    return &interrupted;
}

int runCommand(const Command& command, Arguments arguments, const std::atomic_bool* interrupted)
{
    if (!command.run) {
        // The table says it runs elsewhere: a build defect, not the user's.
        std::fprintf(stderr, "gantryctl: command \"%s\" is not built in\n", std::string(command.name).c_str());
        return ExitFailed;
    }
    const bool json = arguments.has("json");
    CommandContext context { std::string(command.name), std::move(arguments), json, interrupted };
    return command.run(context);
}

int run(int argc, char** argv)
{
    auto commandLine = parseCommandLine(argc, argv, commandTable());
    if (!commandLine)
        return commandLine.error();
    if (commandLine->command->runsIn == RunsIn::ReleaseHelper)
        return execReleaseHelper(argv);
    return runCommand(*commandLine->command, std::move(commandLine->arguments), catchInterruptions());
}

} // namespace gantry::cli
