#include "cli/arguments.h"

namespace gantry::cli {

using registry::ErrorKind;
using registry::fail;

std::string Arguments::option(const std::string& name, const std::string& fallback) const
{
    const auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
}

registry::Result<Arguments> parseArguments(const std::vector<std::string>& args,
    const std::set<std::string>& knownFlags, const std::set<std::string>& knownOptions)
{
    Arguments parsed;
    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (optionsEnded || !arg.starts_with("--") || arg == "-") {
            if (!optionsEnded && arg.starts_with("-") && arg.size() > 1 && arg != "-")
                return fail(ErrorKind::InvalidInput, "unknown option \"" + arg + "\"");
            parsed.positional.push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        std::string name = arg.substr(2);
        std::string value;
        const auto equals = name.find('=');
        const bool inlineValue = equals != std::string::npos;
        if (inlineValue) {
            value = name.substr(equals + 1);
            name = name.substr(0, equals);
        }
        if (knownFlags.contains(name) && !inlineValue) {
            parsed.flags.insert(name);
        } else if (knownOptions.contains(name)) {
            if (!inlineValue) {
                if (i + 1 >= args.size())
                    return fail(ErrorKind::InvalidInput, "option --" + name + " needs a value");
                value = args[++i];
            }
            parsed.options[name] = value;
        } else {
            return fail(ErrorKind::InvalidInput, "unknown option \"--" + name + "\"");
        }
    }
    return parsed;
}

} // namespace gantry::cli
