#include "cli/release/releasemain.h"

#include "cli/commandline.h"
#include "cli/release/releasecommands.h"

#include <QCoreApplication>
#include <map>

namespace gantry::cli {

namespace {

const std::map<std::string, int (*)(ReleaseContext&)>& releaseCommands()
{
    static const std::map<std::string, int (*)(ReleaseContext&)> table {
        { "stable", runStable },
        { "promote", runPromote },
        { "retention", runRetention },
        { "refresh", runRefresh },
        { "history", runHistory },
        { "journal", runJournal },
        { "workspace", runWorkspace },
        { "certs", runCerts },
        { "clusters", runClusters },
    };
    return table;
}

} // namespace

int runRelease(int argc, char** argv, const std::atomic_bool* interrupted)
{
    auto commandLine = parseCommandLine(argc, argv);
    if (!commandLine)
        return commandLine.error();
    const auto command = releaseCommands().find(commandLine->command);
    if (command == releaseCommands().end()) {
        // The command table and this one disagree: a build defect, not the user's.
        std::fprintf(stderr, "gantryctl: command \"%s\" is not in the release module\n", commandLine->command.c_str());
        return ExitFailed;
    }
    // Qt SQL (the journal) and standard paths want an application object; no event loop runs.
    int applicationArgc = argc;
    QCoreApplication application(applicationArgc, argv);
    const bool json = commandLine->arguments.has("json");
    ReleaseContext context { commandLine->command, std::move(commandLine->arguments), json, interrupted };
    return command->second(context);
}

} // namespace gantry::cli
