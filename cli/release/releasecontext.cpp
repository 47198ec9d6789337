#include "cli/release/releasecontext.h"

#include "model/journal/actor.h"
#include "model/journal/journal.h"
#include "model/workspace/workspaceloader.h"

namespace gantry::cli {

ReleaseContext::ReleaseContext(std::string command, Arguments arguments, bool json, const std::atomic_bool* cancelled)
    : CommandContext(std::move(command), std::move(arguments), json, cancelled)
{
}

ReleaseContext::~ReleaseContext() = default;

registry::Result<const model::Workspace*> ReleaseContext::workspace()
{
    if (!m_workspace) {
        auto loaded = model::loadWorkspace(arguments.option("workspace", model::defaultWorkspacePath()));
        if (!loaded)
            return std::unexpected(loaded.error());
        m_workspace = std::move(*loaded);
        for (const auto& registryConfig : m_workspace->registries) {
            if (!registryConfig.caFile.empty())
                clientOptions().tls.addCaFile(registryConfig.host, registryConfig.caFile);
        }
    }
    return &*m_workspace;
}

registry::Result<model::Journal*> ReleaseContext::journal()
{
    if (!m_journal) {
        auto opened = model::Journal::open(arguments.option("journal", model::Journal::defaultPath()));
        if (!opened)
            return std::unexpected(opened.error());
        m_journal = std::move(*opened);
    }
    return m_journal.get();
}

std::string ReleaseContext::actorFor(const std::string& registryHost)
{
    return model::actorName(client().userName(registryHost));
}

} // namespace gantry::cli
