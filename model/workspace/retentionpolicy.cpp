#include "model/workspace/retentionpolicy.h"

#include <nlohmann/json.hpp>

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

} // namespace gantry::model
