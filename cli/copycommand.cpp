#include "cli/copycommand.h"

#include "cli/copyprogress.h"
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

} // namespace gantry::cli
