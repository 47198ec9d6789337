#include "cli/release/releasecommandtable.h"

#include "cli/commandrows.h"

namespace gantry::cli {

std::span<const Command> commandTableWithReleaseHandlers()
{
    static const std::vector<Command> table = commandRows<true>();
    return table;
}

} // namespace gantry::cli
