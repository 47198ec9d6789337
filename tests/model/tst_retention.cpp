#include "model/policy/retention.h"
#include "tests/support/datarows.h"
#include "tests/support/errornames.h"

#include <QRegularExpression>
#include <QTest>
#include <algorithm>
#include <nlohmann/json.hpp>

using gantry::model::ArtifactFacts;
using gantry::model::ArtifactRetention;
using gantry::model::cernRegistryPolicy;
using gantry::model::evaluateRetention;
using gantry::model::RetentionPolicy;
using gantry::model::RetentionStatus;
using gantry::registry::Timestamp;
using gantry::test::bytes;
using gantry::test::nameOf;
using gantry::test::row;
using gantry::test::str;
using gantry::test::why;
using namespace std::chrono_literals;

namespace {

const Timestamp kNow = gantry::registry::parseRfc3339("2026-11-23T12:00:00Z").value();

constexpr const char* kCern = R"({"rules": [{"keep": "pushedWithinDays", "days": 365, "tags": ".*-stable"},
    {"keep": "latest", "count": 3}, {"keep": "pulledWithinDays", "days": 30}]})";
constexpr const char* kStable365 = R"({"rules": [{"keep": "pushedWithinDays", "days": 365, "tags": ".*-stable"}]})";
constexpr const char* kPushed365 = R"({"rules": [{"keep": "pushedWithinDays", "days": 365}]})";
constexpr const char* kPulled30 = R"({"rules": [{"keep": "pulledWithinDays", "days": 30}]})";
constexpr const char* kPulledStable = R"({"rules": [{"keep": "pushedWithinDays", "days": 30},
    {"keep": "pulledWithinDays", "days": 30, "tags": ".*-stable"}]})";
constexpr const char* kLatest1 = R"({"rules": [{"keep": "latest", "count": 1}]})";
constexpr const char* kLatest2 = R"({"rules": [{"keep": "latest", "count": 2}]})";
constexpr const char* kLatest3 = R"({"rules": [{"keep": "latest", "count": 3}]})";
constexpr const char* kLatestRc = R"({"rules": [{"keep": "latest", "count": 1, "tags": ".*rc[0-9]+"}]})";
constexpr const char* kTwoPushed = R"({"rules": [{"keep": "pushedWithinDays", "days": 30},
    {"keep": "pushedWithinDays", "days": 365, "tags": ".*-stable"}]})";
constexpr const char* kTwoPushedShort = R"({"rules": [{"keep": "pushedWithinDays", "days": 30},
    {"keep": "pushedWithinDays", "days": 60, "tags": ".*-stable"}]})";
constexpr const char* kLatestAndStable = R"({"rules": [{"keep": "latest", "count": 1},
    {"keep": "pushedWithinDays", "days": 365, "tags": ".*-stable"}]})";
constexpr const char* kEveryKind = R"({"rules": [{"keep": "pushedWithinDays", "days": 30},
    {"keep": "latest", "count": 1}, {"keep": "pulledWithinDays", "days": 30}, {"keep": "always", "tags": "2\\.2\\.4"}]})";
constexpr const char* kAlways224 = R"({"rules": [{"keep": "always", "tags": "2\\.2\\.4"}]})";
constexpr const char* kAlways22 = R"({"rules": [{"keep": "always", "tags": "2.2"}]})";

gantry::registry::Result<RetentionPolicy> policyFrom(const QByteArray& json)
{
    return gantry::model::parseRetentionPolicy("test", nlohmann::json::parse(json.toStdString()), "policy");
}

// "2.2.4 2.2.4-stable @364d1s": the tags, then the age (days and seconds before kNow, or `?` for unknown);
// "@5d-3d": pushed between 5 and 3 days ago, as a refresh knows it.
ArtifactFacts artifactFrom(const QByteArray& spec, std::size_t index)
{
    const qsizetype at = spec.lastIndexOf(" @");
    ArtifactFacts artifact { "sha256:" + std::to_string(index), {}, std::nullopt, std::nullopt };
    for (const QByteArray& tag : spec.left(at).split(' '))
        artifact.tags.push_back(str(tag));
    static const QRegularExpression age(QStringLiteral("^(\\d+)d(?:(\\d+)s)?(?:-(\\d+)d)?$"));
    const auto match = age.match(QString::fromLatin1(spec.mid(at + 2)));
    if (match.hasMatch()) {
        const auto oldest
            = kNow - std::chrono::days(match.captured(1).toInt()) - std::chrono::seconds(match.captured(2).toInt());
        if (match.captured(3).isEmpty()) {
            artifact.pushed = oldest;
        } else {
            artifact.pushedEarliest = oldest;
            artifact.pushed = kNow - std::chrono::days(match.captured(3).toInt());
        }
    }
    return artifact;
}

// "keptUntil 0 165 1": status, the keeping rule, days left, how many rules have an unknown outcome ("-": none).
QByteArray summaryOf(const ArtifactRetention& result)
{
    const auto orDash = [](std::optional<int> value) { return value ? QByteArray::number(*value) : QByteArray("-"); };
    return nameOf(result.status).toUtf8() + ' '
        + orDash(result.keptByRule >= 0 ? std::optional(result.keptByRule) : std::nullopt) + ' '
        + orDash(result.daysLeft) + ' ' + QByteArray::number(result.unknownRules.size());
}

std::vector<ArtifactRetention> evaluated(const RetentionPolicy& policy, const std::vector<QByteArray>& specs)
{
    std::vector<ArtifactFacts> artifacts;
    for (const QByteArray& spec : specs)
        artifacts.push_back(artifactFrom(spec, artifacts.size()));
    return evaluateRetention(policy, artifacts, kNow);
}

} // namespace

class TestRetention : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluates_data();
    void evaluates();
    void namesTheKeepingRuleAndTag();
    void explainsEachStatus_data();
    void explainsEachStatus();
    void tiesDoNotDependOnInputOrder();
};

void TestRetention::evaluates_data()
{
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<QByteArray>("cases");

    // A stage as CERN's registry sees it: the newest 3 by push time, -stable for a year, the rest on pulls.
    row("cern stage", kCern,
        "2.2.4 2.2.4-stable @200d = keptUntil 0 165 1 | 2.3.0 2.3.0-stable latest @2d = keptWhileNewest 1 363 1"
        " | 2.3.0rc2 @5d = keptWhileNewest 1 - 1 | 4f3c2a1 @6d = keptWhileNewest 1 - 1 | 2.3.0rc1 @20d = unknown - - 1"
        " | 2.2.4.1 2.2.4.1-stable @40d = keptUntil 0 325 1 | 2.2.3 @100d = unknown - - 1"
        " | 2.1.0 2.1.0-stable @400d = unknown - - 1 | v2.2.4 @199d = unknown - - 1");
    row("stable keeps its version", kStable365,
        "2.2.4 2.2.4-stable @100d = keptUntil 0 265 0 | 2.2.5 @1d = expired - - 0"
        " | 2.2.3-stable 2.2.3 @400d = expired - -35 0");
    // Latest-rules
    row("newest 3 of 5", kLatest3,
        "a @5d = expired - - 0 | b @1d = keptWhileNewest 0 - 0 | c @3d = keptWhileNewest 0 - 0 | d @4d = expired - - 0"
        " | e @2d = keptWhileNewest 0 - 0");
    row("fewer than the count", kLatest3, "x @1d = keptWhileNewest 0 - 0 | y @900d = keptWhileNewest 0 - 0");
    row("only matching artifacts count", kLatestRc,
        "2.3.0 @1d = expired - - 0 | 2.3.0rc2 @3d = keptWhileNewest 0 - 0 | 2.3.0rc1 @5d = expired - - 0");
    // Pushes in the same second have no order anyone can tell: not by version either (a hotfix of
    // an old release is often the newest push).
    row("tie: unknown order", kLatest1, "2.2.9 @1d = unknown - - 1 | 2.2.10 @1d = unknown - - 1");
    row("tie that fits", kLatest2, "2.2.9 @1d = keptWhileNewest 0 - 0 | 2.2.10 @1d = keptWhileNewest 0 - 0");
    row("tie behind a sure newest", kLatest1,
        "2.2.9 @2d = expired - - 0 | 2.2.10 @2d = expired - - 0 | 2.1.9 @1d = keptWhileNewest 0 - 0");
    // Intervals from refreshes: between 5 and 3 days ago is surely older than 2 days ago, and
    // overlaps 4 days ago.
    row("intervals apart", kLatest1, "a @5d-3d = expired - - 0 | b @2d = keptWhileNewest 0 - 0");
    row("intervals overlapping", kLatest1, "a @5d-3d = unknown - - 1 | b @4d = unknown - - 1");
    row("pushed within, interval straddles", kPushed365, "a @366d-364d = unknown - - 1");
    row("pushed within, interval inside", kPushed365, "a @300d-200d = keptUntil 0 65 0");
    row("pushed within, interval past", kPushed365, "a @400d-366d = expired - -35 0");
    row("unknown push time, all fit", kLatest3, "a @1d = keptWhileNewest 0 - 0 | b @? = keptWhileNewest 0 - 0");
    row("unknown push time could outrank", kLatest2,
        "a @1d = keptWhileNewest 0 - 0 | b @2d = unknown - - 1 | c @? = unknown - - 1");
    row("unknown push time, count 1", kLatest1, "a @1d = unknown - - 1 | b @2d = expired - - 0 | c @? = unknown - - 1");
    // Pulled-within: never known, never expired
    row("pulled within", kPulled30, "2.2.4 @1000d = unknown - - 1 | latest @? = unknown - - 1");
    row("pulled within, by pattern", kPulledStable,
        "2.2.4 @100d = expired - -70 0 | 2.2.4-stable @100d = unknown - - 1 | 2.2.5 @1d = keptUntil 0 29 0");
    // Pushed-within: the day boundaries
    row("pushed within, boundaries", kPushed365,
        "a @0d = keptUntil 0 365 0 | b @364d = keptUntil 0 1 0 | c @364d1s = keptUntil 0 0 0 | d @365d = expired - 0 0"
        " | e @365d1s = expired - -1 0 | f @? = unknown - - 1");
    row("latest date wins", kTwoPushed,
        "2.2.4 2.2.4-stable @100d = keptUntil 1 265 0 | 2.2.5 @10d = keptUntil 0 20 0"
        " | 2.2.6 2.2.6-stable @10d = keptUntil 1 355 0");
    row("expired: the last date", kTwoPushedShort,
        "2.2.4 2.2.4-stable @100d = expired - -40 0 | x @31d = expired - -1 0");
    row("newest, with a floor", kLatestAndStable,
        "2.3.0 2.3.0-stable @10d = keptWhileNewest 0 355 0 | 2.2.0 2.2.0-stable @20d = keptUntil 1 345 0");
    // Always
    row("always beats everything", kEveryKind, "2.2.4 @1d = keptForever 3 - 1 | 2.2.5 @2d = keptUntil 0 28 1");
    row("always, whole tag", kAlways224,
        "2.2.4 @1000d = keptForever 0 - 0 | 2.2.40 @1d = expired - - 0 | 12.2.4 @1d = expired - - 0"
        " | 2.2.4-stable @1d = expired - - 0 | latest abc1234 2.2.4 @5d = keptForever 0 - 0");
    row("2.2 is not 2.2.4", kAlways22,
        "2.2.4 @1d = expired - - 0 | 2.2 @1d = keptForever 0 - 0 | 2x2 @1d = keptForever 0 - 0");
}

void TestRetention::evaluates()
{
    QFETCH(QByteArray, policy);
    QFETCH(QByteArray, cases);

    const auto parsed = policyFrom(policy);
    QVERIFY2(parsed.has_value(), why(parsed));
    std::vector<QByteArray> specs;
    QList<QByteArray> expected;
    for (const QByteArray& entry : cases.split('|')) {
        const QList<QByteArray> sides = entry.split('=');
        specs.push_back(sides.at(0).trimmed());
        expected << sides.at(1).trimmed();
    }
    const auto results = evaluated(*parsed, specs);
    QCOMPARE(results.size(), specs.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        const ArtifactRetention& result = results[i];
        QCOMPARE(bytes(result.digest), QByteArray("sha256:") + QByteArray::number(i));
        QCOMPARE(specs[i] + " = " + summaryOf(result), specs[i] + " = " + expected.at(static_cast<qsizetype>(i)));
        // What goes together, goes together.
        QCOMPARE(result.expires.has_value(), result.daysLeft.has_value());
        QCOMPARE(result.keptBy.empty(), result.keptByRule < 0);
        QCOMPARE(result.keptByTag.empty(), result.keptByRule < 0);
        QVERIFY(!result.reason.empty());
    }
}

void TestRetention::namesTheKeepingRuleAndTag()
{
    // Three newer artifacts push it out of the newest 3: its -stable tag keeps it.
    const auto results
        = evaluated(cernRegistryPolicy(), { "2.2.4 2.2.4-stable @200d1s", "2.3.0 @1d", "2.3.1 @2d", "2.3.2 @3d" });
    const ArtifactRetention& result = results.front();
    QCOMPARE(nameOf(result.status), nameOf(RetentionStatus::KeptUntil));
    QCOMPARE(result.keptByRule, 0);
    QCOMPARE(bytes(result.keptBy), QByteArray("tags matching .*-stable: pushed within 365 days"));
    QCOMPARE(bytes(result.keptByTag), QByteArray("2.2.4-stable"));
    QVERIFY(result.expires == kNow + std::chrono::days(165) - 1s);
    QCOMPARE(result.daysLeft, std::optional(164));
    QCOMPARE(result.unknownRules, std::vector<std::string> { "any tag: pulled within 30 days" });
    QCOMPARE(bytes(result.tags.at(0)), QByteArray("2.2.4"));
}

void TestRetention::explainsEachStatus_data()
{
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<QByteArray>("artifacts");
    QTest::addColumn<QByteArray>("reason");

    row("forever", kAlways224, "latest 2.2.4 @5d", "kept forever by tag 2.2.4 (tags matching 2\\.2\\.4: always)");
    row("newest", kCern, "2.3.0 2.3.0-stable @2d | 2.2.0 @3d",
        "kept while among the newest 3: number 1 of 2, by tag 2.3.0 (any tag: the newest 3 by push time); at least "
        "until 2027-11-21T12:00:00Z, 363 days left, by tag 2.3.0-stable (tags matching .*-stable: pushed within "
        "365 days)");
    row("newest, push time unknown", kLatest3, "2.3.0 @? | 2.2.0 @3d",
        "kept while among the newest 3: among 2, whatever the order of the pushes Gantry cannot tell apart, by tag "
        "2.3.0 (any tag: the newest 3 by push time)");
    row("until, maybe longer", kPulledStable, "2.2.5-stable @29d",
        "kept until 2026-11-24T12:00:00Z, 1 day left, by tag 2.2.5-stable (any tag: pushed within 30 days); maybe "
        "longer: tags matching .*-stable: pulled within 30 days: depends on pull times the registry does not give");
    row("unknown: pulls", kPulled30, "2.2.4 @100d",
        "unknown: any tag: pulled within 30 days: depends on pull times the registry does not give");
    row("unknown: push time", kPushed365, "2.2.4 @?", "unknown: any tag: pushed within 365 days: push time unknown");
    row("unknown: others' push times", kLatest1, "2.2.4 @1d | 2.2.5 @?",
        "unknown: any tag: the newest 1 by push time: depends on push times of other artifacts, unknown");
    row("expired, no date", kAlways224, "2.2.5 @1d", "not kept by any rule");
    row("expired, with date", kPushed365, "2.2.4 @366d",
        "not kept by any rule; was kept until 2026-11-22T12:00:00Z, 1 day ago, by tag 2.2.4 (any tag: pushed within "
        "365 days)");
}

void TestRetention::explainsEachStatus()
{
    QFETCH(QByteArray, policy);
    QFETCH(QByteArray, artifacts);
    QFETCH(QByteArray, reason);

    const auto parsed = policyFrom(policy);
    QVERIFY2(parsed.has_value(), why(parsed));
    std::vector<QByteArray> specs;
    for (const QByteArray& spec : artifacts.split('|'))
        specs.push_back(spec.trimmed());
    // The first artifact's reason; the others are there to rank against.
    QCOMPARE(bytes(evaluated(*parsed, specs).front().reason), reason);
}

void TestRetention::tiesDoNotDependOnInputOrder()
{
    // Two pushed in one second after three older ones: whatever the input order, the pair is kept by
    // a newest-2 rule and the rest is expired; with newest-1 the pair's order is unknown.
    std::vector<QByteArray> specs { "2.2.10 @1d", "2.2.9 @3d", "2.2.10rc1 @2d", "2.1.9.1 @1d", "2.2.2 @4d" };
    const auto statuses = [&](const char* policyJson, const std::vector<QByteArray>& order) {
        const auto policy = policyFrom(policyJson);
        QByteArrayList result;
        for (const auto& retention : evaluated(*policy, order))
            result << bytes(retention.tags.front()) + ' ' + nameOf(retention.status).toUtf8();
        std::ranges::sort(result);
        return result;
    };
    const QByteArrayList newestTwo { "2.1.9.1 keptWhileNewest", "2.2.10 keptWhileNewest", "2.2.10rc1 expired",
        "2.2.2 expired", "2.2.9 expired" };
    const QByteArrayList newestOne { "2.1.9.1 unknown", "2.2.10 unknown", "2.2.10rc1 expired", "2.2.2 expired",
        "2.2.9 expired" };
    for (int round = 0; round < 3; ++round) {
        QCOMPARE(statuses(kLatest2, specs), newestTwo);
        QCOMPARE(statuses(kLatest1, specs), newestOne);
        std::ranges::rotate(specs, specs.begin() + 2);
    }
}

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
