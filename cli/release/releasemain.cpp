#include "cli/release/releasemain.h"

#include "cli/commandline.h"
#include "cli/gantryctl.h"
#include "cli/release/releasecommandtable.h"
#include "cli/release/releasecontext.h"

#include <QCoreApplication>

namespace gantry::cli {

int runRelease(int argc, char** argv)
{
    auto commandLine = parseCommandLine(argc, argv, commandTableWithReleaseHandlers());
    if (!commandLine)
        return commandLine.error();
    const Command& command = *commandLine->command;
    const auto* interrupted = catchInterruptions();
    // Run directly, the helper runs gantryctl's own commands as gantryctl does.
    if (!command.runRelease)
        return runCommand(command, std::move(commandLine->arguments), interrupted);
    // Qt SQL (the journal) and standard paths want an application object; no event loop runs.
    int applicationArgc = argc;
    QCoreApplication application(applicationArgc, argv);
    const bool json = commandLine->arguments.has("json");
    ReleaseContext context { std::string(command.name), std::move(commandLine->arguments), json, interrupted };
    return command.runRelease(context);
}

} // namespace gantry::cli
