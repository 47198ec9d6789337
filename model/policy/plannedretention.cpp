#include "model/policy/plannedretention.h"

#include "model/policy/retentionverdicts.h"

namespace gantry::model {

PlannedRetention planRetention(const RetentionPolicy* policy, std::vector<std::string> tags, registry::Timestamp now)
{
    PlannedRetention planned;
    planned.tags = std::move(tags);
    if (!policy)
        return planned;
    planned.policy = policy->name;
    // Retention keeps an artifact while any rule keeps any of its tags: every rule's own verdict.
    const ArtifactFacts artifact { {}, planned.tags, now, std::nullopt };
    const auto verdicts = detail::ruleVerdicts(*policy, std::span(&artifact, 1), now);
    for (std::size_t r = 0; r < policy->rules.size(); ++r) {
        const detail::RuleVerdict& verdict = verdicts[r].front();
        if (verdict.verdict != detail::Verdict::Keeps && verdict.verdict != detail::Verdict::Unknown)
            continue;
        planned.keptBy.push_back({ policy->rules[r].description(), planned.tags[static_cast<std::size_t>(verdict.tag)],
            verdict.verdict == detail::Verdict::Keeps });
    }
    return planned;
}

} // namespace gantry::model
