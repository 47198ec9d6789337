#include "registry/image/imageinspector.h"

#include "base/jsonfields.h"
#include "registry/image/registryclient.h"

#include <nlohmann/json.hpp>
#include <set>

namespace gantry::registry {

namespace {

constexpr std::string_view createdKey = "org.opencontainers.image.created";

std::optional<Timestamp> knownTime(std::string_view text)
{
    const auto time = parseRfc3339(text);
    // Reproducible builds stamp the epoch; it says nothing about when the image was made.
    if (!time || *time < std::chrono::sys_days(std::chrono::year(1970) / 1 / 2))
        return std::nullopt;
    return time;
}

struct ConfigFacts
{
    std::optional<Timestamp> created;
    std::optional<Platform> platform;
};

ConfigFacts readConfig(const Manifest& manifest, std::string_view configBytes)
{
    ConfigFacts facts;
    const auto config = nlohmann::json::parse(configBytes, nullptr, /*allow_exceptions=*/false);
    if (const auto it = manifest.annotations.find(std::string(createdKey)); it != manifest.annotations.end())
        facts.created = knownTime(it->second);
    if (!config.is_object())
        return facts;
    if (!facts.created) {
        const auto labels = config.find("config");
        if (labels != config.end() && labels->is_object() && labels->contains("Labels")
            && (*labels)["Labels"].is_object()) {
            const auto& map = (*labels)["Labels"];
            if (const auto label = map.find(createdKey); label != map.end() && label->is_string())
                facts.created = knownTime(label->get<std::string>());
        }
    }
    if (!facts.created)
        facts.created = knownTime(stringField(config, "created"));
    if (const auto os = stringField(config, "os"), architecture = stringField(config, "architecture");
        !os.empty() && !architecture.empty())
        facts.platform = Platform { os, architecture, stringField(config, "variant"), {} };
    return facts;
}

std::int64_t manifestSize(const Manifest& manifest, std::set<Digest>& counted)
{
    std::int64_t size = 0;
    if (counted.insert(manifest.digest).second)
        size += std::ssize(manifest.bytes);
    for (const auto& blob : manifest.blobs()) {
        if (counted.insert(blob.digest).second)
            size += blob.size;
    }
    return size;
}

} // namespace

std::optional<Timestamp> imageCreated(const Manifest& manifest, std::string_view configBytes)
{
    return readConfig(manifest, configBytes).created;
}

Result<ImageDetails> inspectImage(RegistryClient& client, const Reference& reference, const std::atomic_bool* cancelled)
{
    auto top = client.getManifest(reference, cancelled);
    if (!top)
        return std::unexpected(top.error());
    ImageDetails details { reference, top->digest, top->mediaType, 0, {}, {} };
    std::set<Digest> counted;

    if (!top->isIndex()) {
        auto config = client.fetchSmallBlob(reference, *top->config);
        if (!config)
            return std::unexpected(config.error());
        const auto facts = readConfig(*top, *config);
        details.created = facts.created;
        details.size = manifestSize(*top, counted);
        if (facts.platform)
            details.platforms.push_back({ facts.platform->toString(), top->digest, details.size });
        return details;
    }

    if (const auto it = top->annotations.find(std::string(createdKey)); it != top->annotations.end())
        details.created = knownTime(it->second);
    details.size = manifestSize(*top, counted);
    for (const auto& entry : top->manifests) {
        const Reference childReference { reference.registry, reference.repository, {}, entry.digest.str() };
        auto child = client.getManifest(childReference, cancelled);
        if (!child)
            return std::unexpected(child.error());
        std::set<Digest> own;
        PlatformImage platform { entry.platform ? entry.platform->toString() : std::string("unknown"), child->digest,
            manifestSize(*child, own) };
        details.size += manifestSize(*child, counted);
        if (!details.created && !child->isIndex() && child->config) {
            if (auto config = client.fetchSmallBlob(childReference, *child->config))
                details.created = readConfig(*child, *config).created;
        }
        details.platforms.push_back(std::move(platform));
    }
    return details;
}

} // namespace gantry::registry
