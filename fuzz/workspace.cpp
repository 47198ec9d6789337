// A workspace file as users write it (README, resources/workspaces/example.json). Its path is in
// a folder that does not exist, so relative CA paths resolve to nothing real.
#include "fuzz/fuzzinput.h"
#include "model/workspace/workspaceloader.h"

using gantry::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto workspace
        = gantry::model::parseWorkspace(gantry::fuzz::textOf(data, size), "/nonexistent-fuzz/workspace.json");
    if (!workspace) {
        require(workspace.error().kind == gantry::registry::ErrorKind::InvalidInput, "a bad workspace is InvalidInput");
        require(!workspace.error().message.empty(), "an error says what is wrong");
        return 0;
    }
    for (const auto& pipeline : workspace->pipelines) {
        for (const auto& stage : pipeline.stages)
            require(workspace->registry(stage.registry) != nullptr, "every stage's registry is defined");
    }
    return 0;
}
