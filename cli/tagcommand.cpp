#include "cli/tagcommand.h"

#include "registry/image/reference.h"
#include "registry/image/registryclient.h"

namespace gantry::cli {

int runTag(CommandContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() != 2)
        return context.usage("expects REFERENCE and NEWTAG");
    auto source = registry::Reference::parse(args[0]);
    if (!source)
        return context.rejectInput(source.error());
    if (!registry::isValidTag(args[1]))
        return context.rejectInput({ registry::ErrorKind::InvalidInput,
            "\"" + args[1]
                + "\" is not a valid tag: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'",
            0, {} });
    auto manifest = context.client().getManifest(*source, context.cancelled);
    if (!manifest)
        return context.failWith(manifest.error());
    registry::Reference target = *source;
    target.tag = args[1];
    target.digest.clear();
    // Verified, not HEADed: "already there" writes nothing, so a stale claim must not decide it.
    auto existing = context.client().findManifest(target, context.cancelled);
    if (!existing)
        return context.failWith(existing.error());
    const bool alreadyThere = *existing && (*existing)->digest == manifest->digest;
    std::string previous = *existing && !alreadyThere ? (*existing)->digest.str() : std::string();
    if (!alreadyThere) {
        // The blobs are in this repository already: only the manifest moves.
        auto put = context.client().putManifest(target, *manifest, context.cancelled);
        if (!put)
            return context.failWith(put.error());
    }
    if (context.json) {
        context.printJson({ { "reference", target.toString() }, { "digest", manifest->digest.str() },
            { "alreadyPresent", alreadyThere },
            { "previousDigest", previous.empty() ? nlohmann::json(nullptr) : nlohmann::json(previous) } });
    } else if (alreadyThere) {
        std::printf(
            "%s already points at %s: nothing to do\n", target.toString().c_str(), manifest->digest.str().c_str());
    } else {
        std::printf("tagged %s as %s (%s)%s\n", source->toString().c_str(), target.toString().c_str(),
            manifest->digest.str().c_str(), previous.empty() ? "" : (", moved from " + previous).c_str());
    }
    return ExitOk;
}

} // namespace gantry::cli
