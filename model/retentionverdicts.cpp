#include "retentionverdicts.h"

#include "releaseclass.h"

#include <algorithm>

namespace gantry::model::detail {

namespace {

constexpr std::string_view pushTimeUnknown = "push time unknown";
constexpr std::string_view pullTimesUnknown = "depends on pull times the registry does not give";
constexpr std::string_view otherPushTimesUnknown = "depends on push times of other artifacts, unknown";

// For every rule, the first tag of each artifact its pattern matches (-1: none). Each tag is converted
// once, and rules with the same pattern (`.*`, often) share one pass.
std::vector<std::vector<int>> firstMatchingTags(
    const std::vector<RetentionRule>& rules, std::span<const ArtifactFacts> artifacts)
{
    std::vector<std::vector<QString>> tags(artifacts.size());
    for (std::size_t a = 0; a < artifacts.size(); ++a) {
        tags[a].reserve(artifacts[a].tags.size());
        for (const std::string& tag : artifacts[a].tags)
            tags[a].push_back(QString::fromStdString(tag));
    }
    std::vector<std::vector<int>> matches(rules.size());
    for (std::size_t r = 0; r < rules.size(); ++r) {
        const auto same = std::ranges::find(rules, rules[r].tagPattern, &RetentionRule::tagPattern);
        if (same != rules.begin() + static_cast<std::ptrdiff_t>(r)) {
            matches[r] = matches[static_cast<std::size_t>(same - rules.begin())];
            continue;
        }
        matches[r].assign(artifacts.size(), -1);
        for (std::size_t a = 0; a < artifacts.size(); ++a) {
            const auto hit = std::ranges::find_if(tags[a], [&](const QString& tag) { return rules[r].matches(tag); });
            if (hit != tags[a].end())
                matches[r][a] = static_cast<int>(hit - tags[a].begin());
        }
    }
    return matches;
}

// What breaks a tie of push times: the artifact's highest tag, versions numerically.
std::vector<std::string_view> highestTags(std::span<const ArtifactFacts> artifacts)
{
    std::vector<std::string_view> highest(artifacts.size());
    for (std::size_t a = 0; a < artifacts.size(); ++a) {
        for (const std::string& tag : artifacts[a].tags) {
            if (highest[a].empty() || tagLess(highest[a], tag))
                highest[a] = tag;
        }
    }
    return highest;
}

// Harbor ranks by push time. A candidate whose push time Gantry does not know could stand anywhere,
// so the known ones it could push out, and itself, have an unknown outcome unless every candidate fits.
void rankLatest(std::size_t count, std::span<const ArtifactFacts> artifacts, std::span<const std::string_view> highest,
    std::vector<RuleVerdict>& verdicts)
{
    std::vector<std::size_t> known;
    std::size_t unknown = 0;
    for (std::size_t a = 0; a < artifacts.size(); ++a) {
        if (verdicts[a].tag >= 0 && artifacts[a].pushed)
            known.push_back(a);
        else if (verdicts[a].tag >= 0)
            ++unknown;
    }
    std::ranges::sort(known, [&](std::size_t x, std::size_t y) {
        if (artifacts[x].pushed != artifacts[y].pushed)
            return artifacts[x].pushed > artifacts[y].pushed;
        if (highest[x] != highest[y])
            return tagLess(highest[y], highest[x]);
        return artifacts[x].digest < artifacts[y].digest;
    });
    const std::size_t candidates = known.size() + unknown;
    for (std::size_t place = 0; place < known.size(); ++place) {
        RuleVerdict& verdict = verdicts[known[place]];
        verdict.place = static_cast<int>(place + 1);
        if (place + unknown < count) {
            verdict.verdict = Verdict::Keeps;
        } else if (place >= count) {
            verdict.verdict = Verdict::DoesNotKeep;
        } else {
            verdict.verdict = Verdict::Unknown;
            verdict.unknownBecause = otherPushTimesUnknown;
        }
    }
    for (std::size_t a = 0; a < artifacts.size(); ++a) {
        if (verdicts[a].tag < 0)
            continue;
        verdicts[a].candidates = static_cast<int>(candidates);
        if (!artifacts[a].pushed && candidates <= count) {
            verdicts[a].verdict = Verdict::Keeps;
        } else if (!artifacts[a].pushed) {
            verdicts[a].verdict = Verdict::Unknown;
            verdicts[a].unknownBecause = pushTimeUnknown;
        }
    }
}

RuleVerdict verdictOf(const RetentionRule& rule, const ArtifactFacts& artifact, registry::Timestamp now)
{
    RuleVerdict verdict;
    switch (rule.kind) {
    case RetentionRuleKind::KeepPushedWithinDays:
        if (!artifact.pushed) {
            verdict.verdict = Verdict::Unknown;
            verdict.unknownBecause = pushTimeUnknown;
            break;
        }
        verdict.until = *artifact.pushed + std::chrono::days(rule.amount);
        verdict.verdict = now < *verdict.until ? Verdict::Keeps : Verdict::DoesNotKeep;
        break;
    case RetentionRuleKind::KeepPulledWithinDays:
        verdict.verdict = Verdict::Unknown;
        verdict.unknownBecause = pullTimesUnknown;
        break;
    case RetentionRuleKind::KeepAlways:
        verdict.verdict = Verdict::Keeps;
        break;
    case RetentionRuleKind::KeepLatest:
        break; // ranked over all candidates at once, by rankLatest
    }
    return verdict;
}

} // namespace

std::vector<std::vector<RuleVerdict>> ruleVerdicts(
    const RetentionPolicy& policy, std::span<const ArtifactFacts> artifacts, registry::Timestamp now)
{
    const auto matches = firstMatchingTags(policy.rules, artifacts);
    const bool ranks = std::ranges::any_of(
        policy.rules, [](const RetentionRule& rule) { return rule.kind == RetentionRuleKind::KeepLatest; });
    const auto highest = ranks ? highestTags(artifacts) : std::vector<std::string_view>();
    std::vector<std::vector<RuleVerdict>> verdicts(policy.rules.size());
    for (std::size_t r = 0; r < policy.rules.size(); ++r) {
        const RetentionRule& rule = policy.rules[r];
        verdicts[r].resize(artifacts.size());
        for (std::size_t a = 0; a < artifacts.size(); ++a) {
            if (matches[r][a] < 0)
                continue;
            verdicts[r][a] = verdictOf(rule, artifacts[a], now);
            verdicts[r][a].tag = matches[r][a];
        }
        if (rule.kind == RetentionRuleKind::KeepLatest)
            rankLatest(static_cast<std::size_t>(rule.amount), artifacts, highest, verdicts[r]);
    }
    return verdicts;
}

} // namespace gantry::model::detail
