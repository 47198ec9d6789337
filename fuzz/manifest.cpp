// Manifests and indexes are the registry's answers that Gantry copies byte for byte.
// An input that starts with a "Content-Type: …" line gives that header; the rest is the body.
#include "registry/image/manifest.h"

#include "fuzz/fuzzinput.h"

#include <string>

using gantry::fuzz::require;
using gantry::registry::Manifest;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto text = gantry::fuzz::textOf(data, size);
    std::string_view contentType;
    if (constexpr std::string_view header = "Content-Type: "; text.starts_with(header)) {
        const auto [line, rest] = gantry::fuzz::firstLineAndRest(text);
        contentType = line.substr(header.size());
        text = rest;
    }
    const auto manifest = Manifest::parse(std::string(text), contentType);
    if (!manifest) {
        require(!manifest.error().message.empty(), "an error says what is wrong");
        return 0;
    }
    require(manifest->bytes == text, "the bytes are kept exactly as received");
    require(manifest->digest == gantry::registry::Digest::ofBytes(text), "the digest is of the bytes");
    require(manifest->isIndex() ? !manifest->config && manifest->layers.empty() : manifest->manifests.empty(),
        "an index has children only, an image manifest a config and layers");
    for (const auto& blob : manifest->blobs())
        require(blob.size >= 0 && !blob.isNonDistributable(), "blobs are distributable, of a size");
    return 0;
}
