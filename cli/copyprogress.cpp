#include "cli/copyprogress.h"

#include <cstdio>
#include <unistd.h>

namespace gantry::cli {

registry::CopyOptions copyOptionsFor(const CommandContext& context)
{
    registry::CopyOptions options;
    options.cancelled = context.cancelled;
    if (!context.json && isatty(STDERR_FILENO)) {
        options.onProgress = [](const registry::CopyProgress& progress) {
            std::fprintf(stderr, "\r%d/%d blobs, %lld/%lld bytes", progress.blobsDone, progress.blobsTotal,
                static_cast<long long>(progress.bytesDone), static_cast<long long>(progress.bytesTotal));
            if (progress.blobsDone == progress.blobsTotal)
                std::fputc('\n', stderr);
        };
    }
    return options;
}

} // namespace gantry::cli
