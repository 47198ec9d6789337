#include "cli/inspectcommand.h"

#include "registry/image/imageinspector.h"
#include "registry/image/reference.h"
#include "registry/image/registryclient.h"

namespace gantry::cli {

int runInspect(CommandContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() != 1)
        return context.usage("expects one REFERENCE, for example registry.example/team/app:1.2.3");
    auto reference = registry::Reference::parse(args[0]);
    if (!reference)
        return context.rejectInput(reference.error());
    auto details = registry::inspectImage(context.client(), *reference, context.cancelled);
    if (!details)
        return context.failWith(details.error());

    const std::string created = details->created ? registry::formatRfc3339(*details->created) : std::string();
    if (context.json) {
        auto platforms = nlohmann::json::array();
        for (const auto& platform : details->platforms)
            platforms.push_back(
                { { "platform", platform.platform }, { "digest", platform.digest.str() }, { "size", platform.size } });
        context.printJson({ { "reference", details->reference.toString() }, { "digest", details->digest.str() },
            { "mediaType", details->mediaType }, { "size", details->size }, { "platforms", platforms },
            { "created", created.empty() ? nlohmann::json(nullptr) : nlohmann::json(created) } });
        return ExitOk;
    }
    std::printf("Reference:  %s\n", details->reference.toString().c_str());
    std::printf("Digest:     %s\n", details->digest.str().c_str());
    std::printf("Media type: %s\n", printable(details->mediaType).c_str());
    std::printf("Size:       %lld bytes\n", static_cast<long long>(details->size));
    std::printf("Created:    %s\n", created.empty() ? "unknown" : printable(created).c_str());
    for (const auto& platform : details->platforms)
        std::printf("Platform:   %-16s %s  %lld bytes\n", printable(platform.platform).c_str(),
            platform.digest.str().c_str(), static_cast<long long>(platform.size));
    return ExitOk;
}

} // namespace gantry::cli
