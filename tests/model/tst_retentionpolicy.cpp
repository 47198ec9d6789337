#include "model/workspace/retentionpolicy.h"
#include "tests/support/datarows.h"
#include "tests/support/errornames.h"

#include <QTest>
#include <nlohmann/json.hpp>

using gantry::model::cernRegistryPolicy;
using gantry::model::makeRetentionRule;
using gantry::model::parseRetentionPolicy;
using gantry::model::RetentionPolicy;
using gantry::model::RetentionRuleKind;
using gantry::registry::ErrorKind;
using gantry::test::bytes;
using gantry::test::kindName;
using gantry::test::row;
using gantry::test::str;
using gantry::test::why;

namespace {

const std::string kField = "retentionPolicies.cern";

// The brief's example: every kind once, in the workspace's own words.
constexpr const char* kEveryKind = R"({"rules": [{"keep": "pushedWithinDays", "days": 365, "tags": ".*-stable"},
    {"keep": "latest", "count": 3, "tags": ".*"}, {"keep": "pulledWithinDays", "days": 30},
    {"keep": "always", "tags": "2\\.2\\.4"}]})";

gantry::registry::Result<RetentionPolicy> parsed(const QByteArray& text)
{
    return parseRetentionPolicy("cern", nlohmann::json::parse(text.toStdString()), kField);
}

QByteArray descriptionsOf(const RetentionPolicy& policy)
{
    QByteArray text;
    for (const auto& rule : policy.rules)
        text += (text.isEmpty() ? "" : " | ") + bytes(rule.description());
    return text;
}

} // namespace

class TestRetentionPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesPolicies_data();
    void parsesPolicies();
    void rejectsBadPolicies_data();
    void rejectsBadPolicies();
    void neverThrowsOnBadUtf8();
    void matchesWholeTags_data();
    void matchesWholeTags();
    void makesRulesInCode();
    void describesTheCernPolicy();
};

void TestRetentionPolicy::parsesPolicies_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("descriptions");

    row("every kind", kEveryKind,
        "tags matching .*-stable: pushed within 365 days | any tag: the newest 3 by push time | any tag: pulled "
        "within 30 days | tags matching 2\\.2\\.4: always");
    row("tags default to any", R"({"rules": [{"keep": "latest", "count": 1}]})", "any tag: the newest 1 by push time");
    row("one day", R"({"rules": [{"keep": "pushedWithinDays", "days": 1, "tags": "v.*"}]})",
        "tags matching v.*: pushed within 1 day");
    row("largest amounts",
        R"({"rules": [{"keep": "pulledWithinDays", "days": 36500}, {"keep": "latest", "count": 100000}]})",
        "any tag: pulled within 36500 days | any tag: the newest 100000 by push time");
    row("descriptions",
        R"({"description": "CERN", "rules": [{"keep": "always", "description": "pinned", "tags": "prod"}]})",
        "tags matching prod: always");
}

void TestRetentionPolicy::parsesPolicies()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, descriptions);

    const auto policy = parsed(json);
    QVERIFY2(policy.has_value(), why(policy));
    QCOMPARE(bytes(policy->name), QByteArray("cern"));
    QCOMPARE(descriptionsOf(*policy), descriptions);

    // toJson reads back to the same policy, notes and all, and writes the same JSON again.
    const nlohmann::json written = toJson(*policy);
    const auto again = parseRetentionPolicy("cern", written, kField);
    QVERIFY2(again.has_value(), why(again));
    QCOMPARE(descriptionsOf(*again), descriptions);
    QCOMPARE(bytes(again->description), bytes(policy->description));
    for (std::size_t i = 0; i < policy->rules.size(); ++i) {
        QCOMPARE(bytes(again->rules[i].note), bytes(policy->rules[i].note));
        QCOMPARE(again->rules[i].pattern.pattern(), policy->rules[i].pattern.pattern());
    }
    QCOMPARE(bytes(toJson(*again).dump()), bytes(written.dump()));
}

void TestRetentionPolicy::rejectsBadPolicies_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("message");

    const auto rule = [](const QByteArray& json) { return R"({"rules": [{"keep": "always"}, )" + json + "]}"; };
    // The value as written is what the message quotes.
    const auto badAmount = [&](const char* name, const QByteArray& keep, const QByteArray& value) {
        const QByteArray key = keep == "latest" ? "count" : "days";
        const QByteArray wants
            = keep == "latest" ? "a whole number from 1 to 100000" : "a whole number of days from 1 to 36500";
        row(name, rule(R"({"keep": ")" + keep + R"(", ")" + key + R"(": )" + value + "}"),
            "retentionPolicies.cern.rules[1]." + key + ": must be " + wants + ", not " + value);
    };
    // The policy
    row("array", "[]", R"(retentionPolicies.cern: must be an object with "rules", not [])");
    row("null", "null", R"(retentionPolicies.cern: must be an object with "rules", not null)");
    row("no rules", "{}",
        "retentionPolicies.cern.rules: missing: a policy without rules keeps nothing: every artifact would be "
        "deleted; give at least one rule");
    row("empty rules", R"({"rules": []})",
        "retentionPolicies.cern.rules: keeps nothing: every artifact would be deleted; give at least one rule");
    row("rules object", R"({"rules": {"keep": "always"}})",
        R"(retentionPolicies.cern.rules: must be a list of rules, not {"keep":"always"})");
    row("unknown policy key", R"({"rules": [{"keep": "always"}], "rule": []})",
        "retentionPolicies.cern.rule: unknown key; a retention policy takes rules, description");
    row("policy description", R"({"rules": [{"keep": "always"}], "description": 7})",
        "retentionPolicies.cern.description: must be a string, not 7");
    // The rule and its kind; the second rule, so that the index counts
    row("rule string", rule(R"("latest")"),
        R"(retentionPolicies.cern.rules[1]: must be an object such as {"keep": "latest", "count": 3}, not "latest")");
    row("keep missing", rule(R"({"days": 30})"),
        "retentionPolicies.cern.rules[1].keep: missing: say what the rule keeps: latest, pushedWithinDays, "
        "pulledWithinDays, always");
    row("keep unknown", rule(R"({"keep": "newest"})"),
        R"(retentionPolicies.cern.rules[1].keep: must be one of latest, pushedWithinDays, pulledWithinDays, always, not "newest")");
    row("keep capitalised", rule(R"({"keep": "Latest", "count": 3})"),
        R"(retentionPolicies.cern.rules[1].keep: must be one of latest, pushedWithinDays, pulledWithinDays, always, not "Latest")");
    row("keep number", rule(R"({"keep": 3})"),
        "retentionPolicies.cern.rules[1].keep: must be one of latest, pushedWithinDays, pulledWithinDays, always, "
        "not 3");
    row("keep cut short", rule(R"({"keep": "pushedWithinDaysOrPulledWithinDaysWhicheverIsLonger"})"),
        R"(retentionPolicies.cern.rules[1].keep: must be one of latest, pushedWithinDays, pulledWithinDays, always, not "pushedWithinDaysOrPulledWithinDaysWh...)");
    // Amounts
    row("days missing", rule(R"({"keep": "pushedWithinDays"})"),
        "retentionPolicies.cern.rules[1].days: missing: must be a whole number of days from 1 to 36500");
    row("count missing", rule(R"({"keep": "latest", "tags": ".*"})"),
        "retentionPolicies.cern.rules[1].count: missing: must be a whole number from 1 to 100000");
    badAmount("days zero", "pushedWithinDays", "0");
    badAmount("days negative", "pulledWithinDays", "-30");
    badAmount("days huge", "pushedWithinDays", "36501");
    badAmount("days fraction", "pushedWithinDays", "1.5");
    badAmount("days string", "pushedWithinDays", "\"30\"");
    badAmount("days bool", "pushedWithinDays", "true");
    badAmount("days null", "pushedWithinDays", "null");
    badAmount("count zero", "latest", "0");
    badAmount("count negative", "latest", "-3");
    badAmount("count huge", "latest", "100001");
    badAmount("count past int", "latest", "4294967299");
    badAmount("count past uint64", "latest", "18446744073709551615");
    badAmount("count float", "latest", "3.0");
    // Keys that do not belong to the kind
    row("count on pushed", rule(R"({"keep": "pushedWithinDays", "days": 30, "count": 3})"),
        R"(retentionPolicies.cern.rules[1].count: unknown key; a rule with "keep": "pushedWithinDays" takes keep, days, tags, description)");
    row("days on latest", rule(R"({"keep": "latest", "days": 30})"),
        R"(retentionPolicies.cern.rules[1].days: unknown key; a rule with "keep": "latest" takes keep, count, tags, description)");
    row("days on always", rule(R"({"keep": "always", "days": 30})"),
        R"(retentionPolicies.cern.rules[1].days: unknown key; a rule with "keep": "always" takes keep, tags, description)");
    row("empty key on always", rule(R"({"keep": "always", "": 1})"),
        R"(retentionPolicies.cern.rules[1].: unknown key; a rule with "keep": "always" takes keep, tags, description)");
    row("typo", rule(R"({"keep": "latest", "count": 3, "tag": ".*"})"),
        R"(retentionPolicies.cern.rules[1].tag: unknown key; a rule with "keep": "latest" takes keep, count, tags, description)");
    row("rule description", rule(R"({"keep": "always", "description": ["x"]})"),
        R"(retentionPolicies.cern.rules[1].description: must be a string, not ["x"])");
    // Tag patterns
    row("tags number", rule(R"({"keep": "always", "tags": 42})"),
        "retentionPolicies.cern.rules[1].tags: must be a regular expression in a string, not 42");
    row("tags empty", rule(R"({"keep": "always", "tags": ""})"),
        R"(retentionPolicies.cern.rules[1].tags: "": an empty pattern matches no tag (".*" matches every tag))");
    row("unclosed group", rule(R"({"keep": "always", "tags": "2.2.("})"),
        R"(retentionPolicies.cern.rules[1].tags: "2.2.(": not a regular expression at offset 5: missing closing parenthesis)");
    row("glob, not regex", rule(R"({"keep": "always", "tags": "**"})"),
        R"(retentionPolicies.cern.rules[1].tags: "**": not a regular expression at offset 0: quantifier does not follow a repeatable item)");
    row("stray parenthesis", rule(R"({"keep": "always", "tags": "a)|(b"})"),
        R"(retentionPolicies.cern.rules[1].tags: "a)|(b": not a regular expression at offset 1: unmatched closing parenthesis)");
    row("quote to the end", rule(R"({"keep": "always", "tags": "\\Q2.2"})"),
        R"(retentionPolicies.cern.rules[1].tags: "\\Q2.2": cannot be matched against the whole tag: missing closing parenthesis)");
}

void TestRetentionPolicy::rejectsBadPolicies()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, message);

    const auto policy = parsed(json);
    QVERIFY(!policy.has_value());
    QCOMPARE(kindName(policy.error().kind), kindName(ErrorKind::InvalidInput));
    QCOMPARE(bytes(policy.error().message), message);
}

void TestRetentionPolicy::neverThrowsOnBadUtf8()
{
    // Built in code, where nothing checked the bytes: the message shows them replaced instead of throwing.
    nlohmann::json json;
    json["rules"] = nlohmann::json::array({ { { "keep", "always" }, { "tags", "2.2\xff(" } } });
    const auto policy = parseRetentionPolicy("cern", json, kField);
    QVERIFY(!policy.has_value());
    QCOMPARE(bytes(policy.error().message),
        QByteArray("retentionPolicies.cern.rules[0].tags: \"2.2\xef\xbf\xbd(\": not a regular expression at offset 5: "
                   "missing closing parenthesis"));
}

void TestRetentionPolicy::matchesWholeTags_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<bool>("matches");

    row("exact", "2.2", "2.2", true);
    row("no prefix match", "2.2", "2.2.4", false);
    row("no suffix match", "2.2", "12.2", false);
    row("dot is any character", "2.2", "2x2", true);
    row("escaped dot", "2\\.2\\.4", "2x2x4", false);
    row("stable suffix", ".*-stable", "2.2.4-stable", true);
    row("stable, then more", ".*-stable", "2.2.4-stable-old", false);
    row("no substring match", "stable", "2.2.4-stable", false);
    row("alternation matches whole", "2.2|2.2.4", "2.2.4", true);
    row("alternation, neither whole", "2.2|2.2.4", "2.2.44", false);
    row("digits only", "[0-9]+", "v1", false);
    row("inline option", "(?i)latest", "LATEST", true);
    row("back reference", "(a)\\1", "aa", true);
    row("any", ".*", "", true);
}

void TestRetentionPolicy::matchesWholeTags()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QByteArray, tag);
    QFETCH(bool, matches);

    const auto rule = makeRetentionRule(RetentionRuleKind::KeepAlways, 0, str(pattern));
    QVERIFY2(rule.has_value(), why(rule));
    QCOMPARE(rule->matches(std::string_view(str(tag))), matches);
}

void TestRetentionPolicy::makesRulesInCode()
{
    const auto zero = makeRetentionRule(RetentionRuleKind::KeepLatest, 0);
    QVERIFY(!zero.has_value());
    QCOMPARE(bytes(zero.error().message),
        QByteArray(R"(a rule with "keep": "latest" wants a whole number from 1 to 100000, not 0)"));
    const auto always = makeRetentionRule(RetentionRuleKind::KeepAlways, 3);
    QVERIFY(!always.has_value());
    QCOMPARE(bytes(always.error().message), QByteArray(R"(a rule with "keep": "always" wants no amount, not 3)"));
    const auto pattern = makeRetentionRule(RetentionRuleKind::KeepPushedWithinDays, 30, "[");
    QVERIFY(!pattern.has_value());
    QCOMPARE(bytes(pattern.error().message),
        QByteArray(R"("[": not a regular expression at offset 1: missing terminating ] for character class)"));
}

void TestRetentionPolicy::describesTheCernPolicy()
{
    const RetentionPolicy cern = cernRegistryPolicy();
    QCOMPARE(bytes(cern.name), QByteArray("cern"));
    QCOMPARE(descriptionsOf(cern),
        QByteArray("tags matching .*-stable: pushed within 365 days | any tag: the newest 3 by push time | any tag: "
                   "pulled within 30 days"));
    QVERIFY(cern.rules[0].matches(std::string_view("2.2.4-stable")));
    QVERIFY(!cern.rules[0].matches(std::string_view("2.2.4")));
    const auto expected = nlohmann::json::parse(R"({"rules": [{"keep": "pushedWithinDays", "days": 365,
        "tags": ".*-stable"}, {"keep": "latest", "count": 3, "tags": ".*"}, {"keep": "pulledWithinDays", "days": 30,
        "tags": ".*"}]})");
    auto written = toJson(cern);
    written.erase("description");
    QCOMPARE(bytes(written.dump()), bytes(expected.dump()));
    const auto again = parseRetentionPolicy("cern", toJson(cern), kField);
    QVERIFY2(again.has_value(), why(again));
    QCOMPARE(bytes(again->description), bytes(cern.description));
}

QTEST_GUILESS_MAIN(TestRetentionPolicy)
#include "tst_retentionpolicy.moc"
