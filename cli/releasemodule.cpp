#include "cli/releasemodule.h"

#include "cli/commandcontext.h"

#include <cstdio>
#include <dlfcn.h>
#include <filesystem>
#include <string>
#include <system_error>

namespace gantry::cli {

namespace {

constexpr const char* moduleFileName = "gantryctl-release.so";

// Next to gantryctl in a build tree; in the library folder once installed.
std::filesystem::path moduleFile()
{
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    const auto folder = error ? std::filesystem::current_path() : executable.parent_path();
    const auto beside = folder / moduleFileName;
    if (std::filesystem::exists(beside, error))
        return beside;
    return (folder / GANTRYCTL_MODULE_INSTALL_DIR / moduleFileName).lexically_normal();
}

} // namespace

int runReleaseModule(int argc, char** argv, const std::atomic_bool* interrupted)
{
    const auto file = moduleFile();
    // Never closed: Qt's objects in it live until the process exits.
    void* module = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!module) {
        std::fprintf(stderr, "gantryctl: cannot load its release commands from %s: %s\n", file.c_str(), dlerror());
        return ExitFailed;
    }
    const auto entry = reinterpret_cast<ReleaseModuleEntry>(dlsym(module, releaseModuleEntryName));
    if (!entry) {
        std::fprintf(
            stderr, "gantryctl: %s is not gantryctl's release module (no %s)\n", file.c_str(), releaseModuleEntryName);
        return ExitFailed;
    }
    return entry(argc, argv, interrupted);
}

} // namespace gantry::cli
