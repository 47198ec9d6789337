#include "cli/deletecommand.h"

#include "registry/image/reference.h"
#include "registry/image/registryclient.h"

namespace gantry::cli {

int runDelete(CommandContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() != 1)
        return context.usage("expects one REFERENCE (repository:tag or repository@sha256:…)");
    auto reference = registry::Reference::parse(args[0]);
    if (!reference)
        return context.rejectInput(reference.error());
    const bool byDigest = !reference->digest.empty();
    registry::Reference target = *reference;
    if (byDigest)
        target.tag.clear();

    auto deleted = context.client().deleteManifest(target);
    if (!deleted) {
        const auto& error = deleted.error();
        const bool tagDeleteRefused = !byDigest
            && (error.kind == registry::ErrorKind::Unsupported || error.registryCode == "DIGEST_INVALID"
                || error.registryCode == "UNSUPPORTED");
        if (!tagDeleteRefused)
            return context.failWith(error);
        // Never widen a tag delete into a digest delete: that would remove every other tag on it.
        auto head = context.client().headManifest(target, context.cancelled);
        if (!head && head.error().kind == registry::ErrorKind::NotFound)
            return context.failWith({ registry::ErrorKind::NotFound,
                "there is no tag " + reference->tag + " in " + reference->name() + ": nothing to delete", 404, {} });
        std::string hint;
        if (head)
            hint = "; to delete the image and every tag on it, run: gantryctl delete " + reference->name() + "@"
                + head->digest.str();
        return context.failWith({ error.kind,
            "the registry cannot delete the tag " + reference->tag + " alone (" + error.message + ")" + hint,
            error.httpStatus, error.registryCode });
    }
    if (context.json) {
        context.printJson({ { "reference", target.toString() }, { "deleted", true }, { "byDigest", byDigest } });
    } else if (byDigest) {
        std::printf("deleted %s; every tag that pointed at it in %s is gone\n", target.toString().c_str(),
            reference->name().c_str());
    } else {
        std::printf("deleted the tag %s\n", target.toString().c_str());
    }
    return ExitOk;
}

} // namespace gantry::cli
