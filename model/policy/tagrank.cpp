#include "model/policy/tagrank.h"

#include "model/policy/releaseclass.h"

#include <algorithm>
#include <numeric>
#include <optional>

namespace gantry::model {

namespace {

// tagLess, with each side's version parsed beforehand.
struct ParsedTag
{
    std::string_view text;
    std::optional<Version> version;
};

ParsedTag parseTag(std::string_view tag)
{
    const auto stableBase = versionOfStableTag(tag);
    return { tag, parseVersion(stableBase ? std::string_view(*stableBase) : tag) };
}

bool parsedLess(const ParsedTag& a, const ParsedTag& b)
{
    if (a.version && b.version) {
        if (const int order = compareVersions(*a.version, *b.version); order != 0)
            return order < 0;
    } else if (a.version || b.version) {
        return b.version.has_value();
    }
    return a.text < b.text;
}

} // namespace

std::vector<int> tagRanks(std::span<const std::string_view> tags)
{
    std::vector<ParsedTag> parsed;
    parsed.reserve(tags.size());
    std::ranges::transform(tags, std::back_inserter(parsed), parseTag);
    std::vector<std::size_t> order(tags.size());
    std::iota(order.begin(), order.end(), std::size_t { 0 });
    std::ranges::sort(order, [&](std::size_t a, std::size_t b) { return parsedLess(parsed[a], parsed[b]); });
    std::vector<int> ranks(tags.size());
    int rank = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (i > 0 && tags[order[i - 1]] != tags[order[i]])
            ++rank;
        ranks[order[i]] = rank;
    }
    return ranks;
}

} // namespace gantry::model
