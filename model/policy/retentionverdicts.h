#pragma once

// What each rule of a policy says of each artifact on its own; evaluateRetention (retention.cpp)
// combines them per artifact.

#include "model/policy/retention.h"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace gantry::model::detail {

enum class Verdict {
    NotApplicable, ///< no tag of the artifact matches the rule's pattern
    Keeps,
    DoesNotKeep,
    Unknown, ///< the outcome depends on facts the registry does not give
};

struct RuleVerdict
{
    Verdict verdict = Verdict::NotApplicable;
    int tag = -1; ///< the artifact's first tag the pattern matches
    std::optional<registry::Timestamp> until; ///< pushed-within rules, when the push time is known
    std::string_view unknownBecause; ///< Unknown: why, for a user
    int place = 0; ///< latest-rules: 1 for the newest candidate; 0 when the push time is unknown
    int candidates = 0; ///< latest-rules: how many artifacts have a matching tag
};

/// verdicts[rule][artifact], for the rules and artifacts in their given order.
std::vector<std::vector<RuleVerdict>> ruleVerdicts(
    const RetentionPolicy& policy, std::span<const ArtifactFacts> artifacts, registry::Timestamp now);

} // namespace gantry::model::detail
