#include "gantryctl.h"

#include "commandcontext.h"
#include "imagecommands.h"

#include "registry/registryclient.h"

#include <csignal>
#include <cstring>
#include <functional>
#include <map>

namespace gantry::cli {

namespace {

    constexpr const char* usageText = R"(Usage: gantryctl [--json] COMMAND [ARGUMENTS]

Registry commands:
  tags REPOSITORY              list a repository's tags, one a line (--json: tag and digest)
  inspect REFERENCE            digest, media type, size, platforms and creation time of an image
  copy SOURCE DESTINATION      copy an image with its digest kept (mounts within a registry);
                               a DESTINATION without tag keeps the source's tag
  tag REFERENCE NEWTAG         give an image another tag in its repository (moves no blobs)
  delete REFERENCE             delete a tag, or with @sha256:… an image and every tag on it

Options:
  --json                       machine-readable output on stdout
  -h, --help                   this text

Credentials come from Docker's config.json (credential helpers included) and containers'
auth.json; registries' CAs from certs.d folders. Exit status: 0 done, 1 the operation
failed, 2 bad usage or input, 3 refused by a policy.
)";

    std::atomic_bool interrupted { false };

    void onInterrupt(int)
    {
        interrupted = true;
    }

    using Command = std::function<int(const CommandContext&)>;

    const std::map<std::string, Command>& commands()
    {
        static const std::map<std::string, Command> table {
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
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        std::fputs(usageText, args.empty() ? stderr : stdout);
        return args.empty() ? ExitUsage : ExitOk;
    }
    auto parsed = parseArguments(args, { "json", "help" }, {});
    if (!parsed) {
        std::fprintf(stderr, "gantryctl: %s (see gantryctl --help)\n", parsed.error().message.c_str());
        return ExitUsage;
    }
    if (parsed->has("help")) {
        std::fputs(usageText, stdout);
        return ExitOk;
    }
    if (parsed->positional.empty()) {
        std::fputs("gantryctl: no command given (see gantryctl --help)\n", stderr);
        return ExitUsage;
    }
    const std::string name = parsed->positional.front();
    const auto command = commands().find(name);
    if (command == commands().end()) {
        std::fprintf(stderr, "gantryctl: unknown command \"%s\" (see gantryctl --help)\n", name.c_str());
        return ExitUsage;
    }
    parsed->positional.erase(parsed->positional.begin());

    // Ctrl-C cancels the transfers cleanly: a copy never leaves a half-written tag.
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    std::signal(SIGPIPE, SIG_IGN);

    registry::RegistryClient client;
    const bool json = parsed->has("json");
    const CommandContext context { name, std::move(*parsed), json, client, &interrupted };
    return command->second(context);
}

} // namespace gantry::cli
