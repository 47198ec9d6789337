#include "gantryctl.h"

#include <cstdio>

namespace gantry::cli {

int run(int argc, char** argv)
{
    (void)argc;
    (void)argv;
    std::fputs("gantryctl: not yet\n", stderr);
    return 2;
}

} // namespace gantry::cli
