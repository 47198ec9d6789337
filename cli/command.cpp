#include "cli/command.h"

namespace gantry::cli {

namespace {

// Every `[--name]` (flag) or `[--name VALUE]` (option) of a usage line.
std::set<std::string> optionsOf(std::string_view usage, bool withValue)
{
    std::set<std::string> found;
    for (auto start = usage.find("[--"); start != std::string_view::npos; start = usage.find("[--", start + 1)) {
        const auto end = usage.find(']', start);
        const auto item = usage.substr(start + 3, end - start - 3);
        const auto space = item.find(' ');
        if ((space != std::string_view::npos) == withValue)
            found.emplace(item.substr(0, space));
    }
    return found;
}

} // namespace

std::string_view Command::synopsis() const
{
    return usage.substr(0, usage.find(" [--"));
}

std::set<std::string> Command::flags() const
{
    return optionsOf(usage, false);
}

std::set<std::string> Command::options() const
{
    return optionsOf(usage, true);
}

} // namespace gantry::cli
