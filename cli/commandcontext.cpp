#include "commandcontext.h"

#include "model/actor.h"
#include "model/journal.h"
#include "model/workspaceloader.h"
#include "registry/registryclient.h"

namespace gantry::cli {

CommandContext::CommandContext(std::string command, Arguments arguments, bool json, const std::atomic_bool* cancelled)
    : command(std::move(command))
    , arguments(std::move(arguments))
    , json(json)
    , cancelled(cancelled)
{
}

CommandContext::~CommandContext() = default;

registry::Result<const model::Workspace*> CommandContext::workspace()
{
    if (!m_workspace) {
        auto loaded = model::loadWorkspace(arguments.option("workspace", model::defaultWorkspacePath()));
        if (!loaded)
            return std::unexpected(loaded.error());
        m_workspace = std::move(*loaded);
    }
    return &*m_workspace;
}

registry::RegistryClient& CommandContext::client()
{
    if (!m_client) {
        registry::ClientOptions options;
        if (m_workspace) {
            for (const auto& registryConfig : m_workspace->registries) {
                if (!registryConfig.caFile.empty())
                    options.tls.addCaFile(registryConfig.host, registryConfig.caFile);
            }
        }
        m_client = std::make_unique<registry::RegistryClient>(std::move(options));
    }
    return *m_client;
}

registry::Result<model::Journal*> CommandContext::journal()
{
    if (!m_journal) {
        auto opened = model::Journal::open(arguments.option("journal", model::Journal::defaultPath()));
        if (!opened)
            return std::unexpected(opened.error());
        m_journal = std::move(*opened);
    }
    return m_journal.get();
}

std::string CommandContext::actorFor(const std::string& registryHost)
{
    return model::actorName(client().userName(registryHost));
}

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

int CommandContext::refuse(const std::string& reason) const
{
    std::fflush(stdout); // the plan before the verdict, also when both go to one log
    std::fprintf(stderr, "gantryctl %s: refused: %s\n", command.c_str(), reason.c_str());
    return ExitRefused;
}

void CommandContext::printJson(const nlohmann::json& value) const
{
    std::fputs(value.dump(2).c_str(), stdout);
    std::fputc('\n', stdout);
}

} // namespace gantry::cli
