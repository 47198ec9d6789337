#include "cli/commandline.h"

#include "cli/commandcontext.h"

#include <charconv>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace gantry::cli {

namespace {

constexpr const char* usageText
    = R"(Usage: gantryctl [--json] [--workspace FILE] [--journal FILE] [--timeout SECONDS] COMMAND [ARGUMENTS]

Registry commands:
  tags REPOSITORY              list a repository's tags, one a line (--json: tag and digest)
  inspect REFERENCE            digest, media type, size, platforms and creation time of an image
  copy SOURCE DESTINATION      copy an image with its digest kept (mounts within a registry);
                               a DESTINATION without tag keeps the source's tag
  tag REFERENCE NEWTAG         give an image another tag in its repository (moves no blobs)
  delete REFERENCE             delete a tag, or with @sha256:… an image and every tag on it
  stable REFERENCE             tag a final (X.Y.Z) or patch (X.Y.Z.W) release X.Y.Z-stable too

Release commands (they read the workspace):
  promote PIPELINE TAG         copy TAG to the next stage after the guards pass (immutable version
                               tags, soak time, freeze windows, -stable)
      [--from STAGE] [--to STAGE] [--dry-run] [--force]
  retention PIPELINE           when each artifact of each stage expires, and which rule keeps it
      [--stage STAGE] [--apply]
  refresh PIPELINE             record every tag that appeared, moved or disappeared in the journal
  history [PIPELINE|REFERENCE] the journal: actions and tag movements
      [--since DATE] [--csv]   (--seen REPOSITORY: each tag's digests, first and last seen)
  journal verify               check the journal's hash chain (exit 1 when it is broken)
  workspace check              read the workspace and report every problem in it

Cluster commands (the workspace's clusters and every kubeconfig context):
  certs                        certificate expiry of every cluster's API server, client
      [--kubeconfig FILE]      certificate and CA: ok, warning, critical, expired, unreachable
      [--fail-on warning|critical]  exit 1 when a cluster is that bad or worse
  clusters                     sites, their clusters, and what each really runs
      [--kubeconfig FILE]

Options:
  --json                       machine-readable output on stdout
  --workspace FILE             default $GANTRY_WORKSPACE, else ~/.config/gantry/workspace.json
  --journal FILE               default $GANTRY_JOURNAL, else ~/.local/share/gantry/journal.sqlite
  --timeout SECONDS            how long one registry request may take, retries included (default
                               60; a blob that keeps moving may take longer)
  -h, --help                   this text

Credentials come from Docker's config.json (credential helpers included) and containers'
auth.json; registries' CAs from certs.d folders and the workspace. Exit status: 0 done, 1 the
operation failed, 2 bad usage or input, 3 refused by a policy.
)";

/// What a command takes besides the global flags and options, and where it runs.
struct CommandSpec
{
    std::set<std::string> flags;
    std::set<std::string> options;
    bool release = false; ///< reads the workspace or the journal
};

const std::set<std::string> globalFlags { "json", "help" };
const std::set<std::string> globalOptions { "workspace", "journal", "timeout" };

const std::map<std::string, CommandSpec>& commands()
{
    static const std::map<std::string, CommandSpec> table {
        { "tags", {} },
        { "inspect", {} },
        { "copy", {} },
        { "tag", {} },
        { "delete", {} },
        { "stable", { {}, {}, true } },
        { "promote", { { "dry-run", "force" }, { "from", "to" }, true } },
        { "retention", { { "apply" }, { "stage" }, true } },
        { "refresh", { {}, {}, true } },
        { "history", { { "csv", "seen" }, { "since" }, true } },
        { "journal", { {}, {}, true } },
        { "workspace", { {}, {}, true } },
        { "certs", { {}, { "kubeconfig", "fail-on" }, true } },
        { "clusters", { {}, { "kubeconfig" }, true } },
    };
    return table;
}

// Every command's flags and options, so the first pass knows which options take a value.
std::pair<std::set<std::string>, std::set<std::string>> allFlagsAndOptions()
{
    auto flags = globalFlags;
    auto options = globalOptions;
    for (const auto& [name, spec] : commands()) {
        flags.insert(spec.flags.begin(), spec.flags.end());
        options.insert(spec.options.begin(), spec.options.end());
    }
    return { flags, options };
}

// An option another command knows is still unknown to this one.
std::optional<std::string> foreignOption(const Arguments& arguments, const CommandSpec& spec)
{
    for (const auto& flag : arguments.flags) {
        if (!globalFlags.contains(flag) && !spec.flags.contains(flag))
            return "--" + flag;
    }
    for (const auto& [option, value] : arguments.options) {
        if (!globalOptions.contains(option) && !spec.options.contains(option))
            return "--" + option;
    }
    return std::nullopt;
}

} // namespace

std::expected<CommandLine, int> parseCommandLine(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        std::fputs(usageText, args.empty() ? stderr : stdout);
        return std::unexpected(args.empty() ? ExitUsage : ExitOk);
    }
    const auto [knownFlags, knownOptions] = allFlagsAndOptions();
    auto parsed = parseArguments(args, knownFlags, knownOptions);
    if (!parsed) {
        std::fprintf(stderr, "gantryctl: %s (see gantryctl --help)\n", printable(parsed.error().message).c_str());
        return std::unexpected(ExitUsage);
    }
    if (parsed->has("help")) {
        std::fputs(usageText, stdout);
        return std::unexpected(ExitOk);
    }
    if (parsed->positional.empty()) {
        std::fputs("gantryctl: no command given (see gantryctl --help)\n", stderr);
        return std::unexpected(ExitUsage);
    }
    const std::string name = parsed->positional.front();
    const auto command = commands().find(name);
    if (command == commands().end()) {
        std::fprintf(stderr, "gantryctl: unknown command \"%s\" (see gantryctl --help)\n", printable(name).c_str());
        return std::unexpected(ExitUsage);
    }
    if (const auto option = foreignOption(*parsed, command->second)) {
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
    return CommandLine { name, std::move(*parsed) };
}

std::optional<std::chrono::seconds> parseTimeout(std::string_view text)
{
    long long seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end != text.data() + text.size() || seconds < 1 || seconds > 86'400)
        return std::nullopt;
    return std::chrono::seconds(seconds);
}

bool isReleaseCommand(const std::string& command)
{
    const auto found = commands().find(command);
    return found != commands().end() && found->second.release;
}

} // namespace gantry::cli
