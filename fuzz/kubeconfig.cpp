// A kubeconfig file as kubectl and cloud tools write it. Its path is in a folder that does not
// exist, so relative certificate files resolve to nothing real.
#include "model/kubeconfig.h"

#include "fuzzinput.h"

using gantry::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto clusters = gantry::model::parseKubeconfig(gantry::fuzz::textOf(data, size), "/nonexistent-fuzz/config");
    if (!clusters) {
        require(!clusters.error().message.empty(), "an error says what is wrong");
        return 0;
    }
    for (const auto& cluster : *clusters)
        require(!cluster.name.empty() && cluster.sourceFile == "/nonexistent-fuzz/config", "contexts are named");
    return 0;
}
