#include "registry/image/manifest.h"

#include "base/jsonfields.h"
#include "registry/image/mediatypes.h"

#include <nlohmann/json.hpp>

namespace gantry::registry {

namespace {

using nlohmann::json;

std::map<std::string, std::string> stringMap(const json& object, const char* key)
{
    std::map<std::string, std::string> result;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_object())
        return result;
    for (const auto& [name, value] : it->items()) {
        if (value.is_string())
            result.emplace(name, value.get<std::string>());
    }
    return result;
}

Result<Descriptor> parseDescriptor(const json& object, std::string_view where)
{
    if (!object.is_object())
        return fail(ErrorKind::Protocol, std::string(where) + " is not a JSON object");
    Descriptor descriptor;
    descriptor.mediaType = stringField(object, "mediaType");
    auto digest = Digest::parse(stringField(object, "digest"));
    if (!digest)
        return std::unexpected(withContext(digest.error(), where));
    descriptor.digest = *digest;
    const auto size = object.find("size");
    if (size == object.end() || !size->is_number_integer() || size->get<std::int64_t>() < 0)
        return fail(ErrorKind::Protocol, std::string(where) + " has no valid size");
    descriptor.size = size->get<std::int64_t>();
    if (const auto urls = object.find("urls"); urls != object.end() && urls->is_array()) {
        for (const auto& url : *urls) {
            if (url.is_string())
                descriptor.urls.push_back(url.get<std::string>());
        }
    }
    if (const auto platform = object.find("platform"); platform != object.end() && platform->is_object()) {
        descriptor.platform = Platform { stringField(*platform, "os"), stringField(*platform, "architecture"),
            stringField(*platform, "variant"), stringField(*platform, "os.version") };
    }
    descriptor.annotations = stringMap(object, "annotations");
    return descriptor;
}

// OCI manifests may omit mediaType and registries may answer a generic Content-Type, so the
// shape of the document decides when nothing else does.
std::string guessMediaType(const json& document)
{
    if (document.contains("manifests"))
        return std::string(mediatype::ociIndex);
    if (document.contains("config") && document.contains("layers"))
        return std::string(mediatype::ociManifest);
    return {};
}

std::string_view withoutParameters(std::string_view contentType)
{
    const auto semicolon = contentType.find(';');
    auto type = contentType.substr(0, semicolon);
    while (!type.empty() && type.back() == ' ')
        type.remove_suffix(1);
    return type;
}

} // namespace

std::string Platform::toString() const
{
    std::string text = os + "/" + architecture;
    if (!variant.empty())
        text += "/" + variant;
    return text;
}

bool Descriptor::isNonDistributable() const
{
    return mediaType == mediatype::dockerForeignLayer
        || std::string_view(mediaType).starts_with(mediatype::ociNondistributableLayerPrefix);
}

bool Manifest::isIndex() const
{
    return mediatype::isIndex(mediaType);
}

std::vector<Descriptor> Manifest::blobs() const
{
    std::vector<Descriptor> result;
    if (config)
        result.push_back(*config);
    for (const auto& layer : layers) {
        if (!layer.isNonDistributable())
            result.push_back(layer);
    }
    return result;
}

Result<Manifest> Manifest::parse(std::string bytes, std::string_view contentType)
{
    if (std::ssize(bytes) > maxManifestBytes)
        return fail(ErrorKind::TooLarge, "manifest is larger than 4 MiB");
    const json document = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    if (!document.is_object())
        return fail(ErrorKind::Protocol, "manifest is not a JSON object");
    if (const auto version = document.find("schemaVersion");
        version != document.end() && version->is_number_integer() && version->get<int>() == 1)
        return fail(ErrorKind::Unsupported,
            "Docker schema 1 manifests are deprecated and not supported; rebuild or convert the image");

    Manifest manifest;
    manifest.mediaType = stringField(document, "mediaType");
    if (manifest.mediaType.empty()) {
        const auto header = withoutParameters(contentType);
        manifest.mediaType = mediatype::isIndex(header) || mediatype::isImageManifest(header)
            ? std::string(header)
            : guessMediaType(document);
    }
    if (!mediatype::isIndex(manifest.mediaType) && !mediatype::isImageManifest(manifest.mediaType))
        return fail(ErrorKind::Unsupported,
            "manifest media type \"" + manifest.mediaType + "\" is not an OCI or Docker v2 image manifest or index");

    manifest.annotations = stringMap(document, "annotations");
    if (manifest.isIndex()) {
        const auto children = document.find("manifests");
        if (children == document.end() || !children->is_array())
            return fail(ErrorKind::Protocol, "index has no \"manifests\" array");
        for (std::size_t i = 0; i < children->size(); ++i) {
            auto child = parseDescriptor((*children)[i], "index entry " + std::to_string(i));
            if (!child)
                return std::unexpected(child.error());
            manifest.manifests.push_back(std::move(*child));
        }
    } else {
        const auto config = document.find("config");
        if (config == document.end())
            return fail(ErrorKind::Protocol, "image manifest has no config");
        auto configDescriptor = parseDescriptor(*config, "config");
        if (!configDescriptor)
            return std::unexpected(configDescriptor.error());
        manifest.config = std::move(*configDescriptor);
        const auto layers = document.find("layers");
        if (layers == document.end() || !layers->is_array())
            return fail(ErrorKind::Protocol, "image manifest has no \"layers\" array");
        for (std::size_t i = 0; i < layers->size(); ++i) {
            auto layer = parseDescriptor((*layers)[i], "layer " + std::to_string(i));
            if (!layer)
                return std::unexpected(layer.error());
            manifest.layers.push_back(std::move(*layer));
        }
    }
    manifest.digest = Digest::ofBytes(bytes);
    manifest.bytes = std::move(bytes);
    return manifest;
}

} // namespace gantry::registry
