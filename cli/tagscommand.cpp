#include "cli/tagscommand.h"

#include "registry/image/reference.h"
#include "registry/image/registryclient.h"
#include "registry/image/tagresolver.h"

#include <algorithm>
#include <iterator>

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
            std::printf("%s\n", printable(tag).c_str());
        return ExitOk;
    }
    // A name the registry lists that is no tag (`a\nb`) cannot be looked up; it is listed as
    // sent, without a digest, instead of failing the rest.
    std::vector<std::string> valid;
    std::ranges::copy_if(
        *tags, std::back_inserter(valid), [](const std::string& tag) { return registry::isValidTag(tag); });
    auto resolved = registry::resolveTags(context.client(), *repository, valid, 8, context.cancelled);
    if (!resolved)
        return context.failWith(resolved.error());
    auto array = nlohmann::json::array();
    auto next = resolved->begin();
    for (const auto& tag : *tags) {
        if (next != resolved->end() && next->tag == tag) {
            array.push_back({ { "tag", tag }, { "digest", next->digest.str() }, { "mediaType", next->mediaType } });
            ++next;
        } else if (!registry::isValidTag(tag)) {
            array.push_back({ { "tag", tag }, { "digest", nullptr }, { "mediaType", nullptr } });
        }
    }
    context.printJson(array);
    return ExitOk;
}

} // namespace gantry::cli
