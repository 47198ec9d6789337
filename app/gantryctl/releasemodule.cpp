// gantryctl's release module: loaded by gantryctl for the commands that need Qt (cli/releasemodule.h).
#include "cli/releasemodule.h"

#include "cli/release/releasemain.h"

extern "C" __attribute__((visibility("default"))) int gantryctl_release_main(
    int argc, char** argv, const std::atomic_bool* interrupted)
{
    static_assert(std::is_same_v<decltype(&gantryctl_release_main), gantry::cli::ReleaseModuleEntry>);
    return gantry::cli::runRelease(argc, argv, interrupted);
}
