#include "model/policy/releaseclass.h"

#include <algorithm>
#include <charconv>

namespace gantry::model {

namespace {

constexpr std::string_view stableSuffix = "-stable";

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Reads a decimal number without a leading zero (except "0" itself) at `pos`.
std::optional<long long> readNumber(std::string_view text, std::size_t& pos)
{
    const std::size_t start = pos;
    while (pos < text.size() && isDigit(text[pos]))
        ++pos;
    if (pos == start || pos - start > 15 || (text[start] == '0' && pos - start > 1))
        return std::nullopt;
    long long value = 0;
    std::from_chars(text.data() + start, text.data() + pos, value);
    return value;
}

// `rc1`, `-rc.1`, `.beta2`, `-alpha`: an optional separator, letters, then an optional
// separator and number. Letters are folded to lower case so `RC1` and `rc1` sort together.
bool readPreRelease(std::string_view text, std::size_t pos, Version& version)
{
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '.'))
        ++pos;
    const std::size_t labelStart = pos;
    while (pos < text.size() && isLetter(text[pos]))
        ++pos;
    if (pos == labelStart)
        return false;
    version.preReleaseLabel.assign(text.substr(labelStart, pos - labelStart));
    std::ranges::transform(
        version.preReleaseLabel, version.preReleaseLabel.begin(), [](char c) { return static_cast<char>(c | 0x20); });
    if (version.preReleaseLabel == "stable")
        return false; // `2.2.4-stable` is a stable tag, `2.2.4stable` is nothing we know
    if (pos == text.size())
        return true;
    if (text[pos] == '.' || text[pos] == '-')
        ++pos;
    const auto number = readNumber(text, pos);
    if (!number || pos != text.size())
        return false;
    version.preReleaseNumber = *number;
    return true;
}

} // namespace

std::string_view toString(ReleaseClass releaseClass)
{
    switch (releaseClass) {
    case ReleaseClass::Final:
        return "final";
    case ReleaseClass::Patch:
        return "patch";
    case ReleaseClass::PreRelease:
        return "pre-release";
    case ReleaseClass::Stable:
        return "stable";
    case ReleaseClass::Floating:
        return "floating";
    case ReleaseClass::Other:
        return "other";
    }
    return "other";
}

std::optional<Version> parseVersion(std::string_view tag)
{
    Version version;
    std::size_t pos = 0;
    while (true) {
        const auto number = readNumber(tag, pos);
        if (!number)
            return std::nullopt;
        version.numbers.push_back(*number);
        if (pos == tag.size() || tag[pos] != '.' || version.numbers.size() == 4)
            break;
        if (pos + 1 < tag.size() && !isDigit(tag[pos + 1]))
            break; // `2.2.4.rc1`: the dot belongs to the pre-release label
        ++pos;
    }
    if (version.numbers.size() < 3)
        return std::nullopt;
    if (pos == tag.size())
        return version;
    // Only a final's three numbers take a pre-release label: `2.2.4.1rc1` is not a thing.
    if (version.numbers.size() != 3 || !readPreRelease(tag, pos, version))
        return std::nullopt;
    return version;
}

ReleaseClass classifyTag(std::string_view tag, std::span<const std::string> floatingTags)
{
    if (std::ranges::find(floatingTags, tag) != floatingTags.end())
        return ReleaseClass::Floating;
    if (versionOfStableTag(tag))
        return ReleaseClass::Stable;
    const auto version = parseVersion(tag);
    if (!version)
        return ReleaseClass::Other;
    if (version->isPreRelease())
        return ReleaseClass::PreRelease;
    return version->numbers.size() == 3 ? ReleaseClass::Final : ReleaseClass::Patch;
}

bool isStableEligible(std::string_view tag)
{
    const auto version = parseVersion(tag);
    return version && !version->isPreRelease();
}

std::optional<std::string> stableTagFor(std::string_view tag)
{
    if (!isStableEligible(tag))
        return std::nullopt;
    return std::string(tag) + std::string(stableSuffix);
}

std::optional<std::string> versionOfStableTag(std::string_view tag)
{
    if (!tag.ends_with(stableSuffix))
        return std::nullopt;
    const auto base = tag.substr(0, tag.size() - stableSuffix.size());
    if (!isStableEligible(base))
        return std::nullopt;
    return std::string(base);
}

int compareVersions(const Version& a, const Version& b)
{
    const std::size_t common = std::min(a.numbers.size(), b.numbers.size());
    for (std::size_t i = 0; i < common; ++i) {
        if (a.numbers[i] != b.numbers[i])
            return a.numbers[i] < b.numbers[i] ? -1 : 1;
    }
    if (a.numbers.size() != b.numbers.size())
        return a.numbers.size() < b.numbers.size() ? -1 : 1; // 2.2.4 < 2.2.4.1
    if (a.isPreRelease() != b.isPreRelease())
        return a.isPreRelease() ? -1 : 1; // 2.2.4rc1 < 2.2.4
    if (const int label = a.preReleaseLabel.compare(b.preReleaseLabel); label != 0)
        return label < 0 ? -1 : 1;
    if (a.preReleaseNumber != b.preReleaseNumber)
        return a.preReleaseNumber < b.preReleaseNumber ? -1 : 1;
    return 0;
}

bool tagLess(std::string_view a, std::string_view b)
{
    const auto versionOf = [](std::string_view tag) {
        const auto stableBase = versionOfStableTag(tag);
        return parseVersion(stableBase ? std::string_view(*stableBase) : tag);
    };
    const auto va = versionOf(a);
    const auto vb = versionOf(b);
    if (va && vb) {
        if (const int order = compareVersions(*va, *vb); order != 0)
            return order < 0;
    } else if (va || vb) {
        return vb.has_value(); // any release counts as newer than a commit tag or `latest`
    }
    return a < b;
}

} // namespace gantry::model
