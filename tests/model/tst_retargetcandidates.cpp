#include "model/dashboard/retargetcandidates.h"
#include "tests/support/datarows.h"

#include <QTest>

using namespace gantry::model;
using gantry::test::row;
using gantry::test::str;

class TestRetargetCandidates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retargetFor_data();
    void retargetFor();
};

namespace {

const std::string oldDigest = "sha256:" + std::string(64, 'a');
const std::string newDigest = "sha256:" + std::string(64, 'b');

StageConfig stage(const char* name, std::vector<std::string> floatingTags)
{
    StageConfig result;
    result.name = name;
    result.registry = "main";
    result.host = "reg.example:5000";
    result.repository = std::string("shop/") + name;
    result.floatingTags = std::move(floatingTags);
    return result;
}

Workspace shopWorkspace()
{
    Workspace workspace;
    workspace.registries = { RegistryConfig { "main", "reg.example:5000", {} } };
    workspace.pipelines = { PipelineConfig { "shop", { stage("test", { "latest" }), stage("prod", { "prod" }) } } };
    return workspace;
}

// `now`: where the snapshot shows shop/prod's "prod" tag: "there" (at the entry's digest),
// "elsewhere", "gone", "unreadable" (the stage failed to read) or "unseen" (no such stage view).
DashboardSnapshot snapshotWith(const std::string& now)
{
    DashboardSnapshot snapshot;
    if (now == "unseen")
        return snapshot;
    StageView prod;
    prod.pipeline = "shop";
    prod.stage = "prod";
    prod.repository = "reg.example:5000/shop/prod";
    if (now == "unreadable")
        prod.error = "connection refused";
    const auto tagAt = [](const std::string& tag, const std::string& digest) {
        TagRow tagRow;
        tagRow.pipeline = "shop";
        tagRow.stage = "prod";
        tagRow.tag = tag;
        tagRow.digest = digest;
        return tagRow;
    };
    prod.tags.push_back(tagAt("2.2.4", oldDigest));
    if (now == "there")
        prod.tags.push_back(tagAt("prod", oldDigest));
    if (now == "elsewhere")
        prod.tags.push_back(tagAt("prod", newDigest));
    snapshot.stages.push_back(prod);
    return snapshot;
}

} // namespace

void TestRetargetCandidates::retargetFor_data()
{
    QTest::addColumn<QByteArray>("action");
    QTest::addColumn<QByteArray>("outcome");
    QTest::addColumn<QByteArray>("pipeline");
    QTest::addColumn<QByteArray>("stage");
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("repository");
    QTest::addColumn<bool>("hasDigestAfter");
    QTest::addColumn<QByteArray>("now");
    QTest::addColumn<bool>("offered");
    const char* repo = "reg.example:5000/shop/prod";
    // clang-format off
    row("moved, tag elsewhere now",     "moved",      "observed", "shop", "prod", "prod",   repo, true,  "elsewhere", true);
    row("appeared, tag elsewhere now",  "appeared",   "observed", "shop", "prod", "prod",   repo, true,  "elsewhere", true);
    row("retarget done",                "retarget",   "done",     "shop", "prod", "prod",   repo, true,  "elsewhere", true);
    row("promote done",                 "promote",    "done",     "shop", "prod", "prod",   repo, true,  "elsewhere", true);
    row("promote forced",               "promote",    "forced",   "shop", "prod", "prod",   repo, true,  "elsewhere", true);
    row("retarget unchanged",           "retarget",   "unchanged","shop", "prod", "prod",   repo, true,  "elsewhere", true);
    row("tag gone now",                 "moved",      "observed", "shop", "prod", "prod",   repo, true,  "gone",      true);
    row("no repository recorded",       "moved",      "observed", "shop", "prod", "prod",   "",   true,  "elsewhere", true);
    row("tag still there",              "moved",      "observed", "shop", "prod", "prod",   repo, true,  "there",     false);
    row("promote refused",              "promote",    "refused",  "shop", "prod", "prod",   repo, true,  "elsewhere", false);
    row("retarget failed",              "retarget",   "failed",   "shop", "prod", "prod",   repo, true,  "elsewhere", false);
    row("retarget only started",        "retarget",   "started",  "shop", "prod", "prod",   repo, true,  "elsewhere", false);
    row("disappeared",                  "disappeared","observed", "shop", "prod", "prod",   repo, true,  "elsewhere", false);
    row("stable tagging",               "stable",     "done",     "shop", "prod", "prod",   repo, true,  "elsewhere", false);
    row("no digest after",              "moved",      "observed", "shop", "prod", "prod",   repo, false, "elsewhere", false);
    row("version tag",                  "moved",      "observed", "shop", "prod", "2.2.4",  repo, true,  "elsewhere", false);
    row("floating in another stage",    "moved",      "observed", "shop", "prod", "latest", repo, true,  "elsewhere", false);
    row("unknown stage",                "moved",      "observed", "shop", "qa",   "prod",   repo, true,  "elsewhere", false);
    row("unknown pipeline",             "moved",      "observed", "cart", "prod", "prod",   repo, true,  "elsewhere", false);
    row("stage moved repository",       "moved",      "observed", "shop", "prod", "prod",   "reg.example:5000/old/prod", true, "elsewhere", false);
    row("stage unreadable",             "moved",      "observed", "shop", "prod", "prod",   repo, true,  "unreadable", false);
    row("stage not in snapshot",        "moved",      "observed", "shop", "prod", "prod",   repo, true,  "unseen",    false);
    // clang-format on
}

void TestRetargetCandidates::retargetFor()
{
    QFETCH(QByteArray, action);
    QFETCH(QByteArray, outcome);
    QFETCH(QByteArray, pipeline);
    QFETCH(QByteArray, stage);
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, repository);
    QFETCH(bool, hasDigestAfter);
    QFETCH(QByteArray, now);
    QFETCH(bool, offered);
    JournalEntry entry;
    entry.action = str(action);
    entry.outcome = str(outcome);
    entry.pipeline = str(pipeline);
    entry.stage = str(stage);
    entry.tag = str(tag);
    entry.repository = str(repository);
    entry.digestBefore = newDigest;
    entry.digestAfter = hasDigestAfter ? oldDigest : std::string();
    const auto request = gantry::model::retargetFor(entry, shopWorkspace(), snapshotWith(str(now)));
    QCOMPARE(request.has_value(), offered);
    if (!request)
        return;
    QCOMPARE(request->pipeline, entry.pipeline);
    QCOMPARE(request->stage, entry.stage);
    QCOMPARE(request->tag, entry.tag);
    QCOMPARE(request->digest, oldDigest);
}

QTEST_GUILESS_MAIN(TestRetargetCandidates)
#include "tst_retargetcandidates.moc"
