#include "model/policy/releaseclass.h"
#include "tests/support/datarows.h"

#include <QTest>
#include <algorithm>
#include <random>

using gantry::model::classifyTag;
using gantry::model::compareVersions;
using gantry::model::isStableEligible;
using gantry::model::parseVersion;
using gantry::model::stableTagFor;
using gantry::model::tagLess;
using gantry::model::versionOfStableTag;
using gantry::test::bytes;
using gantry::test::row;
using gantry::test::str;

class TestReleaseClass : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classifiesTags_data();
    void classifiesTags();
    void floatingTagsAreTheStagesOwn();
    void stableTagsOnlyForFinalsAndPatches_data();
    void stableTagsOnlyForFinalsAndPatches();
    void ordersVersions_data();
    void ordersVersions();
    void sortsTagsIntoOneTotalOrder();
};

void TestReleaseClass::classifiesTags_data()
{
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("expected");

    row("final", "2.2.4", "final");
    row("final zeros", "0.0.0", "final");
    row("final big numbers", "10.20.300", "final");
    row("patch", "2.2.4.1", "patch");
    row("patch zero", "2.2.4.0", "patch");
    row("candidate glued", "2.2.4rc1", "pre-release");
    row("candidate semver", "2.2.4-rc.1", "pre-release");
    row("candidate dashed number", "2.2.4-rc-1", "pre-release");
    row("candidate without number", "2.2.4-rc", "pre-release");
    row("beta", "2.3.0-beta2", "pre-release");
    row("alpha dotted", "2.3.0.alpha1", "pre-release");
    row("upper-case label", "2.3.0RC1", "pre-release");
    row("stable of final", "2.2.4-stable", "stable");
    row("stable of patch", "2.2.4.1-stable", "stable");
    // The tricky ones: none of these is a release, so none may become -stable.
    row("v prefix", "v2.2.4", "other");
    row("v prefix stable", "v2.2.4-stable", "other");
    row("stable of candidate", "2.2.4rc1-stable", "other");
    row("stable twice", "2.2.4-stable-stable", "other");
    row("stable glued", "2.2.4stable", "other");
    row("stable upper-case", "2.2.4-STABLE", "other");
    row("two numbers", "2.2", "other");
    row("five numbers", "2.2.4.1.1", "other");
    row("leading zero", "2.02.4", "other");
    row("trailing dot", "2.2.4.", "other");
    row("debian revision", "2.2.4-1", "other");
    row("patch with label", "2.2.4.1rc1", "other");
    row("label then junk", "2.2.4-rc.1.2", "other");
    row("build metadata", "2.2.4+build5", "other");
    row("commit", "3f9c2ab", "other");
    row("all digits commit", "20241101", "other");
    row("latest", "latest", "other");
    row("empty", "", "other");
    row("huge number", "2.2.1234567890123456", "other");
}

void TestReleaseClass::classifiesTags()
{
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, expected);
    QCOMPARE(bytes(std::string(gantry::model::toString(classifyTag(str(tag))))), expected);
}

void TestReleaseClass::floatingTagsAreTheStagesOwn()
{
    const std::vector<std::string> floating { "prod", "latest" };
    QCOMPARE(gantry::model::toString(classifyTag("prod", floating)), "floating");
    QCOMPARE(gantry::model::toString(classifyTag("latest", floating)), "floating");
    // Only the configured names move: elsewhere `latest` is just another tag.
    QCOMPARE(gantry::model::toString(classifyTag("latest")), "other");
    QCOMPARE(gantry::model::toString(classifyTag("production", floating)), "other");
    QCOMPARE(gantry::model::toString(classifyTag("2.2.4", floating)), "final");
}

void TestReleaseClass::stableTagsOnlyForFinalsAndPatches_data()
{
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("stable");

    row("final", "2.2.4", "2.2.4-stable");
    row("patch", "2.2.4.1", "2.2.4.1-stable");
    row("candidate", "2.2.4rc1", "");
    row("semver candidate", "2.2.4-rc.1", "");
    row("v prefix", "v2.2.4", "");
    row("already stable", "2.2.4-stable", "");
    row("floating", "latest", "");
    row("commit", "3f9c2ab", "");
}

void TestReleaseClass::stableTagsOnlyForFinalsAndPatches()
{
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, stable);
    const auto made = stableTagFor(str(tag));
    QCOMPARE(bytes(made.value_or("")), stable);
    QCOMPARE(isStableEligible(str(tag)), !stable.isEmpty());
    if (made)
        QCOMPARE(bytes(versionOfStableTag(*made).value_or("")), tag);
}

void TestReleaseClass::ordersVersions_data()
{
    QTest::addColumn<QByteArray>("lower");
    QTest::addColumn<QByteArray>("higher");

    row("numeric not textual", "2.2.9", "2.2.10");
    row("major", "1.99.99", "2.0.0");
    row("candidate before final", "2.2.4rc1", "2.2.4");
    row("semver candidate before final", "2.2.4-rc.9", "2.2.4");
    row("candidates by number", "2.2.4rc2", "2.2.4rc10");
    row("candidate spellings by number", "2.2.4rc1", "2.2.4-rc.2");
    row("alpha before beta", "2.2.4-alpha3", "2.2.4-beta1");
    row("beta before rc", "2.2.4-beta9", "2.2.4rc1");
    row("bare label before numbered", "2.2.4-rc", "2.2.4-rc.1");
    row("final before its patch", "2.2.4", "2.2.4.1");
    row("patch before next final", "2.2.4.9", "2.2.5");
    row("patch numbers", "2.2.4.2", "2.2.4.10");
    row("candidate of next after patch", "2.2.4.1", "2.2.5rc1");
}

void TestReleaseClass::ordersVersions()
{
    QFETCH(QByteArray, lower);
    QFETCH(QByteArray, higher);
    const auto a = parseVersion(str(lower));
    const auto b = parseVersion(str(higher));
    QVERIFY(a && b);
    QCOMPARE(compareVersions(*a, *b), -1);
    QCOMPARE(compareVersions(*b, *a), 1);
    QCOMPARE(compareVersions(*a, *a), 0);
    QVERIFY(tagLess(str(lower), str(higher)));
    QVERIFY(!tagLess(str(higher), str(lower)));
}

void TestReleaseClass::sortsTagsIntoOneTotalOrder()
{
    const std::vector<std::string> expected { "3f9c2ab", "latest", "v2.2.4", "1.0.0", "2.2.4-rc.1", "2.2.4rc1", "2.2.4",
        "2.2.4-stable", "2.2.4.1", "2.2.4.1-stable", "2.2.10" };
    std::vector<std::string> shuffled = expected;
    std::mt19937 random(42);
    for (int round = 0; round < 20; ++round) {
        std::shuffle(shuffled.begin(), shuffled.end(), random);
        std::stable_sort(shuffled.begin(), shuffled.end(), tagLess);
        QCOMPARE(shuffled, expected);
    }
}

QTEST_APPLESS_MAIN(TestReleaseClass)
#include "tst_releaseclass.moc"
