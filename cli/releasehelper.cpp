#include "cli/releasehelper.h"

#include "cli/commandcontext.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace gantry::cli {

namespace {

// Beside gantryctl in a build tree; in the libexec folder once installed.
std::filesystem::path releaseHelperFile()
{
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    const auto folder = error ? std::filesystem::current_path() : executable.parent_path();
    const auto beside = folder / releaseHelperName;
    if (std::filesystem::exists(beside, error))
        return beside;
    return (folder / GANTRYCTL_HELPER_INSTALL_DIR / releaseHelperName).lexically_normal();
}

} // namespace

int execReleaseHelper(char** argv)
{
    const auto file = releaseHelperFile();
    std::fflush(nullptr);
    // argv stays gantryctl's, argv[0] included: the helper is gantryctl to Qt and to the user.
    execv(file.c_str(), argv);
    std::fprintf(stderr, "gantryctl: cannot run its release commands (%s): %s\n", file.c_str(), std::strerror(errno));
    return ExitFailed;
}

} // namespace gantry::cli
