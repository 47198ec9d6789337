#include "cli/commandtable.h"

#include "cli/commandrows.h"

#include <algorithm>

namespace gantry::cli {

std::span<const Command> commandTable()
{
    static const std::vector<Command> table = commandRows<false>();
    return table;
}

const Command* findCommand(std::span<const Command> table, std::string_view name)
{
    const auto found = std::ranges::find(table, name, &Command::name);
    return found == table.end() ? nullptr : &*found;
}

} // namespace gantry::cli
