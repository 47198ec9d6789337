#pragma once

#include <string_view>

namespace gantry::registry::mediatype {

inline constexpr std::string_view dockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view dockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
inline constexpr std::string_view dockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
inline constexpr std::string_view ociManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view ociIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view dockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
inline constexpr std::string_view ociNondistributableLayerPrefix = "application/vnd.oci.image.layer.nondistributable.";

/// Every manifest and index type, for Accept: a registry that is not told a type may convert
/// the manifest (changing its digest) or answer 404.
inline constexpr std::string_view manifestAccept = "application/vnd.oci.image.index.v1+json, "
                                                   "application/vnd.docker.distribution.manifest.list.v2+json, "
                                                   "application/vnd.oci.image.manifest.v1+json, "
                                                   "application/vnd.docker.distribution.manifest.v2+json";

inline bool isIndex(std::string_view type)
{
    return type == ociIndex || type == dockerManifestList;
}
inline bool isImageManifest(std::string_view type)
{
    return type == ociManifest || type == dockerManifest;
}

} // namespace gantry::registry::mediatype
