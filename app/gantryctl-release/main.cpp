// gantryctl-release: the release and cluster commands, which need Qt; gantryctl execs it for them.
#include "cli/release/releasemain.h"

int main(int argc, char** argv)
{
    return gantry::cli::runRelease(argc, argv);
}
