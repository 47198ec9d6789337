#pragma once

#include "base/error.h"

#include <QRegularExpression>
#include <QString>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::model {

/// What a retention rule keeps, in Harbor's words. Rules are OR-ed per artifact.
enum class RetentionRuleKind {
    KeepLatest, ///< the newest `amount` artifacts by push time among those with a matching tag
    KeepPushedWithinDays, ///< until push time + `amount` days
    KeepPulledWithinDays, ///< until last pull + `amount` days: registries do not tell clients pull times
    KeepAlways, ///< for ever
};

/// The workspace's word for a kind: `latest`, `pushedWithinDays`, `pulledWithinDays`, `always`.
std::string_view toString(RetentionRuleKind kind);

inline constexpr int maxRetentionCount = 100000;
inline constexpr int maxRetentionDays = 36500;

/// Whether `amount` fits `kind`: a count from 1 to maxRetentionCount, days from 1 to maxRetentionDays,
/// 0 for KeepAlways.
bool isValidAmount(RetentionRuleKind kind, long long amount);
/// What isValidAmount wants, as a message ends: "a whole number of days from 1 to 36500".
std::string amountRequirement(RetentionRuleKind kind);

/// One rule. Build it with makeRetentionRule or parseRetentionPolicy, which keep `pattern` in step
/// with `tagPattern`.
struct RetentionRule
{
    RetentionRuleKind kind = RetentionRuleKind::KeepAlways;
    int amount = 0; ///< the count for KeepLatest, days for the *WithinDays kinds, 0 for KeepAlways
    std::string tagPattern = ".*"; ///< a regular expression as the user wrote it
    QRegularExpression pattern; ///< tagPattern anchored to the whole tag, compiled once
    std::string note; ///< the user's own description of the rule, if any

    /// True when the whole tag matches: `2\.2` matches `2.2`, not `2.2.4`.
    bool matches(std::string_view tag) const;
    bool matches(const QString& tag) const;
    /// `tags matching .*-stable: pushed within 365 days`, `any tag: the newest 3 by push time`
    std::string description() const;
};

struct RetentionPolicy
{
    std::string name;
    std::string description;
    std::vector<RetentionRule> rules;
};

/// Compiles a tag pattern to match whole tags. InvalidInput names the pattern, the offset and Qt's
/// message: `"2.2.(": not a regular expression at offset 5: missing closing parenthesis`.
registry::Result<QRegularExpression> compileTagPattern(const std::string& tagPattern);

/// A rule made in code; InvalidInput when the amount does not fit the kind or the pattern does not compile.
registry::Result<RetentionRule> makeRetentionRule(RetentionRuleKind kind, int amount, std::string tagPattern = ".*");

/// Parses one policy of the workspace: `{"rules": [{"keep": "pushedWithinDays", "days": 365, "tags":
/// ".*-stable"}, {"keep": "latest", "count": 3}, {"keep": "pulledWithinDays", "days": 30}, {"keep":
/// "always", "tags": "2\\.2\\.4"}], "description": "…"}`; "tags" defaults to `.*`, a rule may carry a
/// "description". `field` is the JSON path of `json` (`retentionPolicies.cern`): every error is
/// InvalidInput and starts with the exact field at fault (`retentionPolicies.cern.rules[1].days: …`).
/// Unknown keys are errors. Never throws.
registry::Result<RetentionPolicy> parseRetentionPolicy(
    std::string name, const nlohmann::json& json, const std::string& field);
/// The workspace form of `policy`; parseRetentionPolicy reads it back to the same policy (the name is
/// the key the workspace stores it under, not part of it).
nlohmann::json toJson(const RetentionPolicy& policy);

/// The CERN registry's policy: tags matching `.*-stable` pushed within 365 days; any tag: the newest 3,
/// or pulled within 30 days.
RetentionPolicy cernRegistryPolicy();

} // namespace gantry::model
