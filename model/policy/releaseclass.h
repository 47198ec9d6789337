#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::model {

/// What a tag says about the artifact it names. Policies key on this: only finals and patches get
/// `-stable`, only version tags are immutable, floating tags are meant to move.
enum class ReleaseClass {
    Final, ///< `2.2.4`: three integers
    Patch, ///< `2.2.4.1`: four integers
    PreRelease, ///< `2.2.4rc1`, `2.2.4-rc.1`, `2.3.0-beta2`: a final's numbers, then a pre-release label
    Stable, ///< `2.2.4-stable`, `2.2.4.1-stable`: a final or patch, then `-stable`
    Floating, ///< one of the stage's moving tags (`prod`, `latest`)
    Other, ///< commit tags, `v2.2.4`, `2.2`, and the rest
};

std::string_view toString(ReleaseClass releaseClass);

/// A parsed version: the numbers, and for a pre-release its label (`rc`) and number (`1`).
struct Version
{
    std::vector<long long> numbers; ///< 3 (final, pre-release) or 4 (patch)
    std::string preReleaseLabel; ///< lower-case letters, empty for a release
    long long preReleaseNumber = 0;

    bool isPreRelease() const { return !preReleaseLabel.empty(); }
};

/// Parses a version tag (final, patch or pre-release); anything else, `-stable` included, is nullopt.
/// Numbers are decimal without leading zeros (`2.02.1` is not a version: it would sort equal to `2.2.1`).
std::optional<Version> parseVersion(std::string_view tag);

/// The class of `tag` in a stage whose moving tags are `floatingTags`.
ReleaseClass classifyTag(std::string_view tag, std::span<const std::string> floatingTags = {});

/// True for the tags a `-stable` tag may be made from: finals and patches.
bool isStableEligible(std::string_view tag);
/// `<tag>-stable` for a final or patch; nullopt for anything else.
std::optional<std::string> stableTagFor(std::string_view tag);
/// The final or patch a `-stable` tag stands for (`2.2.4` for `2.2.4-stable`); nullopt otherwise.
std::optional<std::string> versionOfStableTag(std::string_view tag);

/// Orders versions numerically, a pre-release before its release (`2.2.4rc1 < 2.2.4-rc.2 < 2.2.4 <
/// 2.2.4.1 < 2.2.5`); labels compare alphabetically (`alpha < beta < rc`). Returns <0, 0 or >0.
int compareVersions(const Version& a, const Version& b);

/// A total order on tags, oldest first, for display and ties: everything that is not a version
/// (commit tags, `latest`, `v2.2.4`) by text, then versions (and `-stable` tags, as their version)
/// by compareVersions, so that the newest release sorts last. True when `a` sorts before `b`.
bool tagLess(std::string_view a, std::string_view b);

} // namespace gantry::model
