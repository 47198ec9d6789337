#include "model/policy/retentionverdicts.h"

#include "model/policy/releaseclass.h"

#include <algorithm>

namespace gantry::model::detail {

namespace {

constexpr std::string_view pushTimeUnknown = "push time unknown";
constexpr std::string_view pullTimesUnknown = "depends on pull times the registry does not give";
constexpr std::string_view otherPushTimesUnknown = "depends on push times of other artifacts, unknown";
constexpr std::string_view pushTimeInterval = "pushed at a time known only to lie between two refreshes";

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

// Harbor ranks by push time, and Gantry knows each push time only within an interval (exactly, when
// it pushed the artifact itself; not at all, for what was there before it watched). Another artifact
// is surely newer when its earliest push is after this one's latest, and possibly newer when its
// latest is at or after this one's earliest (pushes in one second have no order anyone can tell).
// Kept when even every possibly newer one leaves room; not kept when the surely newer ones fill it.
void rankLatest(std::size_t count, std::span<const ArtifactFacts> artifacts, std::vector<RuleVerdict>& verdicts)
{
    std::vector<std::size_t> candidates;
    for (std::size_t a = 0; a < artifacts.size(); ++a) {
        if (verdicts[a].tag >= 0)
            candidates.push_back(a);
    }
    for (const std::size_t x : candidates) {
        RuleVerdict& verdict = verdicts[x];
        verdict.candidates = static_cast<int>(candidates.size());
        std::size_t surelyNewer = 0;
        std::size_t possiblyNewer = 0;
        for (const std::size_t y : candidates) {
            if (y == x)
                continue;
            const bool bothKnown = artifacts[x].pushed && artifacts[y].pushed;
            // An interval's lower end is exclusive (pushed after the refresh before), an exact time is not.
            const bool surely = bothKnown
                && (artifacts[y].pushedEarliest ? artifacts[y].earliestPush() >= *artifacts[x].pushed
                                                : artifacts[y].earliestPush() > *artifacts[x].pushed);
            const bool possibly = !bothKnown
                || (artifacts[x].pushedEarliest ? *artifacts[y].pushed > artifacts[x].earliestPush()
                                                : *artifacts[y].pushed >= artifacts[x].earliestPush());
            surelyNewer += surely ? 1 : 0;
            possiblyNewer += possibly ? 1 : 0;
        }
        if (possiblyNewer < count) {
            verdict.verdict = Verdict::Keeps;
            verdict.place = possiblyNewer == surelyNewer ? static_cast<int>(surelyNewer + 1) : 0;
        } else if (surelyNewer >= count) {
            verdict.verdict = Verdict::DoesNotKeep;
            verdict.place = static_cast<int>(surelyNewer + 1);
        } else {
            verdict.verdict = Verdict::Unknown;
            verdict.unknownBecause = artifacts[x].pushed ? otherPushTimesUnknown : pushTimeUnknown;
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
        // Kept surely until the earliest possible push plus the days; gone surely after the latest.
        verdict.until = artifact.earliestPush() + std::chrono::days(rule.amount);
        if (now < *verdict.until) {
            verdict.verdict = Verdict::Keeps;
        } else if (now >= *artifact.pushed + std::chrono::days(rule.amount)) {
            verdict.verdict = Verdict::DoesNotKeep;
        } else {
            verdict.verdict = Verdict::Unknown;
            verdict.unknownBecause = pushTimeInterval;
            verdict.until.reset();
        }
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
            rankLatest(static_cast<std::size_t>(rule.amount), artifacts, verdicts[r]);
    }
    return verdicts;
}

} // namespace gantry::model::detail
