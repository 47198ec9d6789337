#include "model/policy/stabletagging.h"

#include "model/policy/releaseclass.h"
#include "registry/image/registryclient.h"

namespace gantry::model {

using registry::ErrorKind;

registry::Result<StablePlan> planStableTag(
    registry::RegistryClient& client, const registry::Reference& version, const std::atomic_bool* cancelled)
{
    StablePlan plan;
    plan.version = version;
    const auto stableTag = stableTagFor(version.tag);
    if (!stableTag) {
        plan.refusal = "\"" + version.tag + "\" is a " + std::string(toString(classifyTag(version.tag)))
            + " tag; only a final (X.Y.Z) or patch (X.Y.Z.W) release gets -stable (give the release's own tag, e.g. "
              "2.2.4 rather than v2.2.4 or 2.2.4rc1, once it is released)";
        return plan;
    }
    plan.stable = version.withTag(*stableTag);
    // Read, not HEADed: the -stable tag is written at this digest, so it is hashed from the bytes.
    auto manifest = client.getManifest(version, cancelled);
    if (!manifest)
        return std::unexpected(manifest.error());
    plan.digest = manifest->digest;
    auto existing = client.findManifest(plan.stable, cancelled);
    if (!existing)
        return std::unexpected(existing.error());
    if (!*existing) {
        plan.step = StableStep::Write;
    } else if ((*existing)->digest == plan.digest) {
        plan.existing = (*existing)->digest;
        plan.step = StableStep::AlreadyThere;
    } else {
        plan.existing = (*existing)->digest;
        plan.step = StableStep::Conflict;
        plan.refusal = plan.stable.tag + " already points at " + plan.existing->str() + ", not at " + version.tag
            + "'s " + plan.digest.str() + "; -stable tags are never overwritten (find out which image is the real "
            + version.tag + " with gantryctl history; delete the wrong one by digest)";
    }
    return plan;
}

registry::Status applyStableTag(
    registry::RegistryClient& client, const StablePlan& plan, const std::atomic_bool* cancelled)
{
    if (plan.step != StableStep::Write)
        return {};
    auto written = tagImage(client, plan.version.withDigest(plan.digest.str()), plan.stable.tag, cancelled);
    if (!written)
        return std::unexpected(written.error());
    return {};
}

registry::Result<registry::Digest> tagImage(registry::RegistryClient& client, const registry::Reference& source,
    const std::string& tag, const std::atomic_bool* cancelled)
{
    auto manifest = client.getManifest(source, cancelled);
    if (!manifest)
        return std::unexpected(manifest.error());
    // putManifest checks that the registry stored the digest it was given.
    return client.putManifest(source.withTag(tag), *manifest, cancelled);
}

} // namespace gantry::model
