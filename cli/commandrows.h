#pragma once

#include "cli/command.h"
#include "cli/copycommand.h"
#include "cli/deletecommand.h"
#include "cli/inspectcommand.h"
#include "cli/release/certscommand.h"
#include "cli/release/clusterscommand.h"
#include "cli/release/historycommand.h"
#include "cli/release/journalcommand.h"
#include "cli/release/promotecommand.h"
#include "cli/release/refreshcommand.h"
#include "cli/release/retentioncommand.h"
#include "cli/release/stablecommand.h"
#include "cli/release/workspacecommand.h"
#include "cli/tagcommand.h"
#include "cli/tagscommand.h"

#include <vector>

// The handler of a release command, named only in gantryctl-release's copy of the table: a
// discarded `if constexpr` branch names nothing, so gantryctl links none of them (nor Qt).
#define GANTRYCTL_RELEASE_HANDLER(handler)                                                                             \
    []() -> ReleaseHandler {                                                                                           \
        if constexpr (withReleaseHandlers)                                                                             \
            return &handler;                                                                                           \
        else                                                                                                           \
            return nullptr;                                                                                            \
    }()

namespace gantry::cli {

/// gantryctl's commands, in the order `gantryctl --help` lists them: the one list of them. The
/// usage text, the parser and the dispatch are derived from it; tst_ctlcommandtable compares it
/// with the README. gantryctl's copy (cli/commandtable.h) has no release handlers: it execs
/// gantryctl-release for those rows, whose copy (cli/release/releasecommandtable.h) has them all.
template<bool withReleaseHandlers> std::vector<Command> commandRows()
{
    using enum CommandGroup;
    return {
        { .name = "tags",
            .usage = "tags REPOSITORY",
            .summary = "list a repository's tags, one a line (--json: tag and digest)",
            .group = Registry,
            .run = runTags },
        { .name = "inspect",
            .usage = "inspect REFERENCE",
            .summary = "digest, media type, size, platforms and creation time of an image",
            .group = Registry,
            .run = runInspect },
        { .name = "copy",
            .usage = "copy SOURCE DESTINATION",
            .summary = "copy an image with its digest kept (mounts within a registry);",
            .moreHelp = { { "", "a DESTINATION without tag keeps the source's tag" } },
            .group = Registry,
            .run = runCopy },
        { .name = "tag",
            .usage = "tag REFERENCE NEWTAG",
            .summary = "give an image another tag in its repository (moves no blobs)",
            .group = Registry,
            .run = runTag },
        { .name = "delete",
            .usage = "delete REFERENCE",
            .summary = "delete a tag, or with @sha256:… an image and every tag on it",
            .group = Registry,
            .run = runDelete },
        { .name = "stable",
            .usage = "stable REFERENCE",
            .summary = "tag a final (X.Y.Z) or patch (X.Y.Z.W) release X.Y.Z-stable too",
            .group = Registry,
            .runsIn = RunsIn::ReleaseHelper,
            .runRelease = GANTRYCTL_RELEASE_HANDLER(runStable) },
        { .name = "promote",
            .usage = "promote PIPELINE TAG [--from STAGE] [--to STAGE] [--dry-run] [--force]",
            .summary = "copy TAG to the next stage after the guards pass (immutable version",
            .moreHelp = { { "", "tags, soak time, freeze windows, -stable)" },
                { "    [--from STAGE] [--to STAGE] [--dry-run] [--force]", "" } },
            .group = Release,
            .runsIn = RunsIn::ReleaseHelper,
            .runRelease = GANTRYCTL_RELEASE_HANDLER(runPromote) },
        { .name = "retention",
            .usage = "retention PIPELINE [--stage STAGE] [--apply]",
            .summary = "when each artifact of each stage expires, and which rule keeps it",
            .moreHelp = { { "    [--stage STAGE] [--apply]", "" } },
            .group = Release,
            .runsIn = RunsIn::ReleaseHelper,
            .runRelease = GANTRYCTL_RELEASE_HANDLER(runRetention) },
        { .name = "refresh",
            .usage = "refresh PIPELINE",
            .summary = "record every tag that appeared, moved or disappeared in the journal",
            .group = Release,
            .runsIn = RunsIn::ReleaseHelper,
            .runRelease = GANTRYCTL_RELEASE_HANDLER(runRefresh) },
        { .name = "history",
            .usage = "history [PIPELINE|REFERENCE] [--since DATE|AGE] [--csv] [--seen]",
            .summary = "the journal: actions and tag movements",
            .moreHelp
            = { { "    [--since DATE] [--csv]", "(--seen REPOSITORY: each tag's digests, first and last seen)" } },
            .group = Release,
            .runsIn = RunsIn::ReleaseHelper,
            .runRelease = GANTRYCTL_RELEASE_HANDLER(runHistory) },
        { .name = "journal",
            .usage = "journal verify",
            .summary = "check the journal's hash chain (exit 1 when it is broken)",
            .group = Release,
            .runsIn = RunsIn::ReleaseHelper,
            .runRelease = GANTRYCTL_RELEASE_HANDLER(runJournal) },
        { .name = "workspace",
            .usage = "workspace check",
            .summary = "read the workspace and report every problem in it",
            .group = Release,
            .runsIn = RunsIn::ReleaseHelper,
            .runRelease = GANTRYCTL_RELEASE_HANDLER(runWorkspace) },
        { .name = "certs",
            .usage = "certs [--kubeconfig FILE] [--fail-on warning|critical]",
            .summary = "certificate expiry of every cluster's API server, client",
            .moreHelp
            = { { "    [--kubeconfig FILE]", "certificate and CA: ok, warning, critical, expired, unreachable" },
                { "    [--fail-on warning|critical]", "exit 1 when a cluster is that bad or worse" } },
            .group = Cluster,
            .runsIn = RunsIn::ReleaseHelper,
            .runRelease = GANTRYCTL_RELEASE_HANDLER(runCerts) },
        { .name = "clusters",
            .usage = "clusters [--kubeconfig FILE]",
            .summary = "sites, their clusters, and what each really runs",
            .moreHelp = { { "    [--kubeconfig FILE]", "" } },
            .group = Cluster,
            .runsIn = RunsIn::ReleaseHelper,
            .runRelease = GANTRYCTL_RELEASE_HANDLER(runClusters) },
    };
}

} // namespace gantry::cli

#undef GANTRYCTL_RELEASE_HANDLER
