#include "imagecommands.h"
#include "registry/reference.h"
#include "registry/registryclient.h"
#include "registry/tagresolver.h"

#include <algorithm>

namespace gantry::cli {

int runTags(CommandContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() != 1)
        return context.usage("expects one REPOSITORY, for example registry.example:5000/team/app");
    auto repository = registry::Reference::parseRepository(args[0]);
    if (!repository)
        return context.rejectInput(repository.error());
    auto tags = context.client().listTags(*repository, context.cancelled);
    if (!tags)
        return context.failWith(tags.error());
    std::sort(tags->begin(), tags->end());
    if (!context.json) {
        for (const auto& tag : *tags)
            std::printf("%s\n", tag.c_str());
        return ExitOk;
    }
    auto resolved = registry::resolveTags(context.client(), *repository, *tags, 8, context.cancelled);
    if (!resolved)
        return context.failWith(resolved.error());
    auto array = nlohmann::json::array();
    for (const auto& entry : *resolved)
        array.push_back({ { "tag", entry.tag }, { "digest", entry.digest.str() }, { "mediaType", entry.mediaType } });
    context.printJson(array);
    return ExitOk;
}

} // namespace gantry::cli
