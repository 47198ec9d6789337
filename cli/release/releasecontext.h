#pragma once

#include "cli/commandcontext.h"
#include "model/workspace/workspace.h"

#include <memory>
#include <optional>

namespace gantry::model {
class Journal;
}

namespace gantry::cli {

/// What the release and cluster commands get besides a registry command's context: the
/// workspace and the journal, each read or opened on first use.
class ReleaseContext : public CommandContext
{
public:
    // Out of line, like the destructor: model::Journal is complete only there.
    ReleaseContext(std::string command, Arguments arguments, bool json, const std::atomic_bool* cancelled);
    ~ReleaseContext() override;

    /// The workspace named by --workspace (else $GANTRY_WORKSPACE, else the per-user file), read
    /// once. Load it before the first client() call so its registries' CA files are trusted.
    registry::Result<const model::Workspace*> workspace();
    /// The journal named by --journal (else $GANTRY_JOURNAL, else the per-user file), opened once.
    registry::Result<model::Journal*> journal();
    /// Who acts on `registryHost`, for the journal: its user name once it asked, else the OS user.
    std::string actorFor(const std::string& registryHost);

private:
    std::optional<model::Workspace> m_workspace;
    std::unique_ptr<model::Journal> m_journal;
};

} // namespace gantry::cli
