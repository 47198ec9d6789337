#include "model/workspace/retentionpolicy.h"

#include <array>
#include <nlohmann/json.hpp>
#include <optional>

namespace gantry::model {

namespace {

using registry::ErrorKind;
using registry::fail;

// Patterns come from a file a user edits: quote them as JSON does, control bytes and bad UTF-8 visible.
std::string quoted(const std::string& text)
{
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string plural(int amount, std::string_view one, std::string_view many)
{
    return std::to_string(amount) + " " + std::string(amount == 1 ? one : many);
}

} // namespace

std::string_view toString(RetentionRuleKind kind)
{
    switch (kind) {
    case RetentionRuleKind::KeepLatest:
        return "latest";
    case RetentionRuleKind::KeepPushedWithinDays:
        return "pushedWithinDays";
    case RetentionRuleKind::KeepPulledWithinDays:
        return "pulledWithinDays";
    case RetentionRuleKind::KeepAlways:
        return "always";
    }
    return "always";
}

bool isValidAmount(RetentionRuleKind kind, long long amount)
{
    switch (kind) {
    case RetentionRuleKind::KeepLatest:
        return amount >= 1 && amount <= maxRetentionCount;
    case RetentionRuleKind::KeepPushedWithinDays:
    case RetentionRuleKind::KeepPulledWithinDays:
        return amount >= 1 && amount <= maxRetentionDays;
    case RetentionRuleKind::KeepAlways:
        return amount == 0;
    }
    return false;
}

std::string amountRequirement(RetentionRuleKind kind)
{
    switch (kind) {
    case RetentionRuleKind::KeepLatest:
        return "a whole number from 1 to " + std::to_string(maxRetentionCount);
    case RetentionRuleKind::KeepPushedWithinDays:
    case RetentionRuleKind::KeepPulledWithinDays:
        return "a whole number of days from 1 to " + std::to_string(maxRetentionDays);
    case RetentionRuleKind::KeepAlways:
        break;
    }
    return "no amount";
}

bool RetentionRule::matches(std::string_view tag) const
{
    return matches(QString::fromUtf8(tag.data(), static_cast<qsizetype>(tag.size())));
}

bool RetentionRule::matches(const QString& tag) const
{
    return pattern.match(tag).hasMatch();
}

std::string RetentionRule::description() const
{
    std::string text = tagPattern == ".*" ? "any tag: " : "tags matching " + tagPattern + ": ";
    switch (kind) {
    case RetentionRuleKind::KeepLatest:
        return text + "the newest " + std::to_string(amount) + " by push time";
    case RetentionRuleKind::KeepPushedWithinDays:
        return text + "pushed within " + plural(amount, "day", "days");
    case RetentionRuleKind::KeepPulledWithinDays:
        return text + "pulled within " + plural(amount, "day", "days");
    case RetentionRuleKind::KeepAlways:
        break;
    }
    return text + "always";
}

registry::Result<QRegularExpression> compileTagPattern(const std::string& tagPattern)
{
    if (tagPattern.empty())
        return fail(ErrorKind::InvalidInput, "\"\": an empty pattern matches no tag (\".*\" matches every tag)");
    const QString text = QString::fromStdString(tagPattern);
    // Compiled bare first, so that an error's offset counts in the user's pattern, not in the anchored one.
    const QRegularExpression bare(text);
    if (!bare.isValid()) {
        return fail(ErrorKind::InvalidInput,
            quoted(tagPattern) + ": not a regular expression at offset " + std::to_string(bare.patternErrorOffset())
                + ": " + bare.errorString().toStdString());
    }
    QRegularExpression anchored(QRegularExpression::anchoredPattern(text));
    if (!anchored.isValid()) {
        // A pattern that escapes its group (`\Q…` without `\E`) is valid alone but not inside one.
        return fail(ErrorKind::InvalidInput,
            quoted(tagPattern) + ": cannot be matched against the whole tag: " + anchored.errorString().toStdString());
    }
    anchored.optimize();
    return anchored;
}

registry::Result<RetentionRule> makeRetentionRule(RetentionRuleKind kind, int amount, std::string tagPattern)
{
    if (!isValidAmount(kind, amount)) {
        return fail(ErrorKind::InvalidInput,
            "a rule with \"keep\": \"" + std::string(toString(kind)) + "\" wants " + amountRequirement(kind) + ", not "
                + std::to_string(amount));
    }
    auto pattern = compileTagPattern(tagPattern);
    if (!pattern)
        return std::unexpected(pattern.error());
    return RetentionRule { kind, amount, std::move(tagPattern), std::move(*pattern), {} };
}

RetentionPolicy cernRegistryPolicy()
{
    // Known-good literals: value() cannot throw here.
    return RetentionPolicy { "cern",
        "The CERN registry: -stable tags for a year, other tags while among the newest 3 "
        "or pulled within 30 days",
        {
            makeRetentionRule(RetentionRuleKind::KeepPushedWithinDays, 365, ".*-stable").value(),
            makeRetentionRule(RetentionRuleKind::KeepLatest, 3).value(),
            makeRetentionRule(RetentionRuleKind::KeepPulledWithinDays, 30).value(),
        } };
}

// The workspace form of retention policies: parseRetentionPolicy and toJson.

namespace {

using Json = nlohmann::json;
using registry::Result;

constexpr std::array ruleKinds { RetentionRuleKind::KeepLatest, RetentionRuleKind::KeepPushedWithinDays,
    RetentionRuleKind::KeepPulledWithinDays, RetentionRuleKind::KeepAlways };
constexpr std::string_view kindNames = "latest, pushedWithinDays, pulledWithinDays, always";
constexpr std::string_view keepsNothing = "keeps nothing: every artifact would be deleted; give at least one rule";

// What the user wrote, cut short and escaped: a message quotes the value it refuses.
std::string shown(const Json& value)
{
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    return text.size() <= 40 ? text : text.substr(0, 37) + "...";
}

std::unexpected<registry::Error> invalid(const std::string& field, std::string_view problem)
{
    return registry::fail(ErrorKind::InvalidInput, field + ": " + std::string(problem));
}

std::optional<RetentionRuleKind> ruleKindNamed(const Json& name)
{
    for (const RetentionRuleKind kind : ruleKinds) {
        if (name.is_string() && name.get_ref<const std::string&>() == toString(kind))
            return kind;
    }
    return std::nullopt;
}

// The key that holds a kind's amount: a count for latest, days for the *WithinDays kinds.
std::string_view amountKey(RetentionRuleKind kind)
{
    if (kind == RetentionRuleKind::KeepLatest)
        return "count";
    return kind == RetentionRuleKind::KeepAlways ? "" : "days";
}

Result<RetentionRule> parseRule(const Json& json, const std::string& field)
{
    if (!json.is_object())
        return invalid(field, "must be an object such as {\"keep\": \"latest\", \"count\": 3}, not " + shown(json));
    const auto keep = json.find("keep");
    if (keep == json.end())
        return invalid(field + ".keep", "missing: say what the rule keeps: " + std::string(kindNames));
    const auto named = ruleKindNamed(*keep);
    if (!named)
        return invalid(field + ".keep", "must be one of " + std::string(kindNames) + ", not " + shown(*keep));
    RetentionRule rule;
    rule.kind = *named;
    const std::string_view amountName = amountKey(rule.kind);
    for (const auto& [key, value] : json.items()) {
        if (key != "keep" && key != "tags" && key != "description" && (amountName.empty() || key != amountName)) {
            return invalid(field + "." + key,
                "unknown key; a rule with \"keep\": \"" + std::string(toString(rule.kind)) + "\" takes keep, "
                    + (amountName.empty() ? "" : std::string(amountName) + ", ") + "tags, description");
        }
    }
    if (!amountName.empty()) {
        const std::string amountField = field + "." + std::string(amountName);
        const auto amount = json.find(std::string(amountName));
        if (amount == json.end())
            return invalid(amountField, "missing: must be " + amountRequirement(rule.kind));
        if (!amount->is_number_integer() || !isValidAmount(rule.kind, amount->get<long long>()))
            return invalid(amountField, "must be " + amountRequirement(rule.kind) + ", not " + shown(*amount));
        rule.amount = amount->get<int>();
    }
    if (const auto tags = json.find("tags"); tags != json.end()) {
        if (!tags->is_string())
            return invalid(field + ".tags", "must be a regular expression in a string, not " + shown(*tags));
        rule.tagPattern = tags->get<std::string>();
    }
    auto pattern = compileTagPattern(rule.tagPattern);
    if (!pattern)
        return invalid(field + ".tags", pattern.error().message);
    rule.pattern = std::move(*pattern);
    if (const auto note = json.find("description"); note != json.end()) {
        if (!note->is_string())
            return invalid(field + ".description", "must be a string, not " + shown(*note));
        rule.note = note->get<std::string>();
    }
    return rule;
}

Result<RetentionPolicy> parsePolicy(std::string name, const Json& json, const std::string& field)
{
    if (!json.is_object())
        return invalid(field, "must be an object with \"rules\", not " + shown(json));
    for (const auto& [key, value] : json.items()) {
        if (key != "rules" && key != "description")
            return invalid(field + "." + key, "unknown key; a retention policy takes rules, description");
    }
    RetentionPolicy policy { std::move(name), {}, {} };
    if (const auto description = json.find("description"); description != json.end()) {
        if (!description->is_string())
            return invalid(field + ".description", "must be a string, not " + shown(*description));
        policy.description = description->get<std::string>();
    }
    const auto rules = json.find("rules");
    if (rules == json.end())
        return invalid(field + ".rules", "missing: a policy without rules " + std::string(keepsNothing));
    if (!rules->is_array())
        return invalid(field + ".rules", "must be a list of rules, not " + shown(*rules));
    if (rules->empty())
        return invalid(field + ".rules", keepsNothing);
    for (std::size_t i = 0; i < rules->size(); ++i) {
        auto rule = parseRule((*rules)[i], field + ".rules[" + std::to_string(i) + "]");
        if (!rule)
            return std::unexpected(rule.error());
        policy.rules.push_back(std::move(*rule));
    }
    return policy;
}

} // namespace

Result<RetentionPolicy> parseRetentionPolicy(std::string name, const Json& json, const std::string& field)
{
    // The checks above leave nothing for nlohmann to throw on; this is the backstop the house rules ask for.
    try {
        return parsePolicy(std::move(name), json, field);
    } catch (const Json::exception& error) {
        return invalid(field, error.what());
    }
}

Json toJson(const RetentionPolicy& policy)
{
    Json rules = Json::array();
    for (const RetentionRule& rule : policy.rules) {
        Json entry { { "keep", toString(rule.kind) } };
        if (const std::string_view key = amountKey(rule.kind); !key.empty())
            entry[std::string(key)] = rule.amount;
        entry["tags"] = rule.tagPattern;
        if (!rule.note.empty())
            entry["description"] = rule.note;
        rules.push_back(std::move(entry));
    }
    Json json { { "rules", std::move(rules) } };
    if (!policy.description.empty())
        json["description"] = policy.description;
    return json;
}

} // namespace gantry::model
