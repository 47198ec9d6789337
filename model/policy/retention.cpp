#include "model/policy/retention.h"

#include "model/policy/retentionverdicts.h"

namespace gantry::model {

namespace {

using detail::RuleVerdict;
using detail::Verdict;

std::string daysText(int days)
{
    const int magnitude = days < 0 ? -days : days;
    return std::to_string(magnitude) + (magnitude == 1 ? " day" : " days") + (days < 0 ? " ago" : " left");
}

// The rules that decide one artifact, strongest first: the first always-rule and the first latest-rule
// that keep it, the keeping pushed-within rule with the latest date; the rules nobody can judge; the
// pushed-within rule whose date passed last.
struct DecidingRules
{
    std::optional<std::size_t> always;
    std::optional<std::size_t> latest;
    std::optional<std::size_t> until;
    std::vector<std::size_t> unknown;
    std::optional<std::size_t> past;
};

DecidingRules decidingRules(
    const RetentionPolicy& policy, const std::vector<std::vector<RuleVerdict>>& verdicts, std::size_t artifact)
{
    DecidingRules deciding;
    const auto later = [&](std::size_t r, std::optional<std::size_t> than) {
        return !than || verdicts[r][artifact].until > verdicts[*than][artifact].until;
    };
    for (std::size_t r = 0; r < policy.rules.size(); ++r) {
        const RuleVerdict& verdict = verdicts[r][artifact];
        const RetentionRuleKind kind = policy.rules[r].kind;
        if (verdict.verdict == Verdict::Unknown)
            deciding.unknown.push_back(r);
        else if (verdict.verdict == Verdict::DoesNotKeep && verdict.until && later(r, deciding.past))
            deciding.past = r;
        else if (verdict.verdict != Verdict::Keeps)
            continue;
        else if (kind == RetentionRuleKind::KeepAlways && !deciding.always)
            deciding.always = r;
        else if (kind == RetentionRuleKind::KeepLatest && !deciding.latest)
            deciding.latest = r;
        else if (kind == RetentionRuleKind::KeepPushedWithinDays && later(r, deciding.until))
            deciding.until = r;
    }
    return deciding;
}

// Turns one artifact's verdicts into its status, dates and reason.
class RetentionWriter
{
public:
    RetentionWriter(const RetentionPolicy& policy, std::span<const ArtifactFacts> artifacts,
        const std::vector<std::string>& descriptions, const std::vector<std::vector<RuleVerdict>>& verdicts,
        registry::Timestamp now)
        : m_policy(policy)
        , m_artifacts(artifacts)
        , m_descriptions(descriptions)
        , m_verdicts(verdicts)
        , m_now(now)
    {
    }

    ArtifactRetention retentionOf(std::size_t index) const
    {
        const ArtifactFacts& artifact = m_artifacts[index];
        const DecidingRules deciding = decidingRules(m_policy, m_verdicts, index);
        ArtifactRetention result { artifact.digest, artifact.tags, RetentionStatus::Expired, -1, {}, {}, std::nullopt,
            std::nullopt, {}, {} };
        std::string unknownText;
        for (const std::size_t r : deciding.unknown) {
            result.unknownRules.push_back(m_descriptions[r]);
            unknownText += (unknownText.empty() ? "" : "; ") + m_descriptions[r] + ": "
                + std::string(m_verdicts[r][index].unknownBecause);
        }
        if (deciding.always) {
            keep(result, RetentionStatus::KeptForever, *deciding.always, index);
            result.reason = "kept forever by tag " + result.keptByTag + " (" + result.keptBy + ")";
        } else if (deciding.latest) {
            keep(result, RetentionStatus::KeptWhileNewest, *deciding.latest, index);
            result.reason = newestText(*deciding.latest, index);
            if (deciding.until)
                result.reason += "; at least until " + expire(result, *deciding.until, index);
        } else if (deciding.until) {
            keep(result, RetentionStatus::KeptUntil, *deciding.until, index);
            result.reason = "kept until " + expire(result, *deciding.until, index);
            if (!unknownText.empty())
                result.reason += "; maybe longer: " + unknownText;
        } else if (!deciding.unknown.empty()) {
            result.status = RetentionStatus::Unknown;
            result.reason = "unknown: " + unknownText;
        } else {
            result.reason = "not kept by any rule";
            if (deciding.past)
                result.reason += "; was kept until " + expire(result, *deciding.past, index);
        }
        return result;
    }

private:
    // The tag through which `rule` judges artifact `index`.
    const std::string& tagAt(std::size_t rule, std::size_t index) const
    {
        return m_artifacts[index].tags[static_cast<std::size_t>(m_verdicts[rule][index].tag)];
    }

    void keep(ArtifactRetention& result, RetentionStatus status, std::size_t rule, std::size_t index) const
    {
        result.status = status;
        result.keptByRule = static_cast<int>(rule);
        result.keptBy = m_descriptions[rule];
        result.keptByTag = tagAt(rule, index);
    }

    // Sets the expiry from `rule`; "2027-05-01T12:00:00Z, 160 days left, by tag 2.2.4-stable (tags matching …)"
    std::string expire(ArtifactRetention& result, std::size_t rule, std::size_t index) const
    {
        result.expires = m_verdicts[rule][index].until;
        result.daysLeft = static_cast<int>(std::chrono::floor<std::chrono::days>(*result.expires - m_now).count());
        return registry::formatRfc3339(*result.expires) + ", " + daysText(*result.daysLeft) + ", by tag "
            + tagAt(rule, index) + " (" + m_descriptions[rule] + ")";
    }

    // "kept while among the newest 3: number 2 of 40, by tag 2.3.0rc2 (any tag: …)"
    std::string newestText(std::size_t rule, std::size_t index) const
    {
        const RuleVerdict& verdict = m_verdicts[rule][index];
        const std::string place = verdict.place > 0
            ? "number " + std::to_string(verdict.place) + " of " + std::to_string(verdict.candidates)
            : "among " + std::to_string(verdict.candidates)
                + ", whatever the order of the pushes Gantry cannot tell apart";
        return "kept while among the newest " + std::to_string(m_policy.rules[rule].amount) + ": " + place + ", by tag "
            + tagAt(rule, index) + " (" + m_descriptions[rule] + ")";
    }

    const RetentionPolicy& m_policy;
    std::span<const ArtifactFacts> m_artifacts;
    const std::vector<std::string>& m_descriptions;
    const std::vector<std::vector<RuleVerdict>>& m_verdicts;
    registry::Timestamp m_now;
};

} // namespace

std::string_view toString(RetentionStatus status)
{
    switch (status) {
    case RetentionStatus::KeptForever:
        return "keptForever";
    case RetentionStatus::KeptWhileNewest:
        return "keptWhileNewest";
    case RetentionStatus::KeptUntil:
        return "keptUntil";
    case RetentionStatus::Unknown:
        return "unknown";
    case RetentionStatus::Expired:
        return "expired";
    }
    return "unknown";
}

std::vector<ArtifactRetention> evaluateRetention(
    const RetentionPolicy& policy, std::span<const ArtifactFacts> artifacts, registry::Timestamp now)
{
    const auto verdicts = detail::ruleVerdicts(policy, artifacts, now);
    std::vector<std::string> descriptions;
    for (const RetentionRule& rule : policy.rules)
        descriptions.push_back(rule.description());
    const RetentionWriter writer(policy, artifacts, descriptions, verdicts, now);
    std::vector<ArtifactRetention> results;
    results.reserve(artifacts.size());
    for (std::size_t a = 0; a < artifacts.size(); ++a)
        results.push_back(writer.retentionOf(a));
    return results;
}

} // namespace gantry::model
