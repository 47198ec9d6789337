#include "cli/copyprogress.h"
#include "cli/imagecommands.h"
#include "registry/image/imagecopier.h"
#include "registry/image/registryclient.h"

namespace gantry::cli {

registry::Result<registry::Reference> destinationFor(const std::string& text, const registry::Reference& source)
{
    auto destination = registry::Reference::parse(text);
    if (!destination)
        return destination;
    const auto lastComponent = text.substr(text.rfind('/') == std::string::npos ? 0 : text.rfind('/') + 1);
    const bool explicitTarget = lastComponent.find_first_of(":@") != std::string::npos;
    if (!explicitTarget) {
        // Keep what the source was named by; a copy by digest writes no tag rather than `latest`,
        // which would silently move a floating tag.
        destination->tag = source.digest.empty() ? source.tag : std::string();
        destination->digest = source.digest.empty() ? std::string() : source.digest;
    }
    return destination;
}

int runCopy(CommandContext& context)
{
    const auto& args = context.arguments.positional;
    if (args.size() != 2)
        return context.usage("expects SOURCE and DESTINATION references");
    auto source = registry::Reference::parse(args[0]);
    if (!source)
        return context.rejectInput(source.error());
    auto destination = destinationFor(args[1], *source);
    if (!destination)
        return context.rejectInput(destination.error());

    const auto options = copyOptionsFor(context);
    registry::ImageCopier copier(context.client(), options);
    auto report = copier.copy(*source, *destination);
    if (!report)
        return context.failWith(report.error());

    if (context.json) {
        context.printJson({ { "source", source->toString() }, { "destination", destination->toString() },
            { "digest", report->digest.str() }, { "mediaType", report->mediaType },
            { "alreadyPresent", report->alreadyPresent }, { "blobsMounted", report->blobsMounted },
            { "blobsCopied", report->blobsCopied }, { "blobsSkipped", report->blobsSkipped },
            { "bytesCopied", report->bytesCopied }, { "manifestsWritten", report->manifestsWritten } });
    } else if (report->alreadyPresent) {
        std::printf(
            "%s already has %s: nothing to do\n", destination->toString().c_str(), report->digest.str().c_str());
    } else {
        std::printf("copied %s to %s (%s): %d blobs mounted, %d copied (%lld bytes), %d already there\n",
            source->toString().c_str(), destination->toString().c_str(), report->digest.str().c_str(),
            report->blobsMounted, report->blobsCopied, static_cast<long long>(report->bytesCopied),
            report->blobsSkipped);
    }
    return ExitOk;
}

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
