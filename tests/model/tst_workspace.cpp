#include "model/workspace/duration.h"
#include "model/workspace/workspaceloader.h"
#include "tests/support/datarows.h"
#include "tests/support/errornames.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using gantry::model::loadWorkspace;
using gantry::model::parseDuration;
using gantry::model::parseWorkspace;
using gantry::model::Workspace;
using gantry::test::bytes;
using gantry::test::row;
using gantry::test::str;
using gantry::test::why;

// Declared before the test data: moc 6.4 loses its way after raw strings that hold braces.
class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAValidWorkspace();
    void readsTheExampleWorkspace();
    void namesTheFieldOfEveryProblem_data();
    void namesTheFieldOfEveryProblem();
    void reportsAllProblemsAtOnce();
    void reportsJsonSyntaxWithLineAndColumn();
    void resolvesCaFilesAgainstTheWorkspaceFolder();
    void reportsAMissingFile();
    void parsesDurations_data();
    void parsesDurations();
};

namespace {

// A small valid workspace that the bad-input rows below break one field at a time.
const char* const validWorkspace = R"({
  "registries": [ { "name": "a", "url": "https://registry-a.example.org" },
                  { "name": "b", "url": "127.0.0.1:5000" } ],
  "retentionPolicies": { "short": { "rules": [ { "keep": "latest", "count": 3 } ] } },
  "pipelines": [ { "name": "app", "stableTagStages": ["prod"], "stages": [
      { "name": "ff", "registry": "a", "repository": "team/app/ff", "floatingTags": ["latest"] },
      { "name": "prod", "registry": "b", "repository": "team/app", "retention": "short", "minimumSoak": "1d12h",
        "protected": true, "freezes": [
          { "from": "2026-12-19T00:00:00Z", "until": "2027-01-05T08:00:00Z", "reason": "closure" },
          { "weekly": { "from": "fri 16:00", "until": "mon 08:00", "timeZone": "Europe/Zurich" } } ] } ] } ],
  "clusters": [ { "name": "c1", "site": "s", "server": "https://api.example.org:6443", "image": "127.0.0.1:5000/team/app:prod" } ]
})";

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    Q_ASSERT(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

void TestWorkspace::readsAValidWorkspace()
{
    const auto workspace = parseWorkspace(validWorkspace, "/tmp/ws.json");
    QVERIFY2(workspace, why(workspace));
    QCOMPARE(workspace->registries.size(), 2u);
    QCOMPARE(workspace->registries[0].host, "registry-a.example.org");
    QCOMPARE(workspace->registries[1].host, "127.0.0.1:5000");
    const auto* pipeline = workspace->pipeline("app");
    QVERIFY(pipeline);
    QCOMPARE(pipeline->stages.size(), 2u);
    const auto& ff = pipeline->stages[0];
    const auto& prod = pipeline->stages[1];
    QCOMPARE(ff.reference("1.0.0").toString(), "registry-a.example.org/team/app/ff:1.0.0");
    QCOMPARE(prod.reference().toString(), "127.0.0.1:5000/team/app");
    QCOMPARE(ff.writesStableTags, false);
    QCOMPARE(prod.writesStableTags, true);
    QCOMPARE(prod.minimumSoak, std::chrono::seconds(36 * 3600));
    QCOMPARE(prod.isProtected, true);
    QCOMPARE(ff.floatingTags, std::vector<std::string> { "latest" });
    QCOMPARE(prod.freezes.size(), 2u);
    QCOMPARE(prod.freezes[1].description(), "weekly fri 16:00 to mon 08:00 Europe/Zurich");
    QVERIFY(workspace->retentionOf(prod));
    QVERIFY(!workspace->retentionOf(ff));
    QCOMPARE(workspace->clusters.size(), 1u);
    QCOMPARE(workspace->certificateThresholds.warningDays, 28);
    QCOMPARE(pipeline->indexOf("prod"), 1);
    QCOMPARE(pipeline->indexOf("nope"), -1);
}

void TestWorkspace::readsTheExampleWorkspace()
{
    const auto workspace = loadWorkspace(GANTRY_SOURCE_DIR "/resources/workspaces/example.json");
    QVERIFY2(workspace, why(workspace));
    QVERIFY(workspace->pipeline("webapp"));
    QCOMPARE(workspace->pipeline("webapp")->stages.back().freezes.size(), 2u);
}

void TestWorkspace::namesTheFieldOfEveryProblem_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QByteArray>("expected");

    row("unknown top-level key", R"("registries")", R"("registires": [], "registries")", "registires: unknown key");
    row("misspelt stage key", R"("minimumSoak")", R"("minimumSaok")",
        "pipelines[0].stages[1].minimumSaok: unknown key");
    row("unknown registry", R"("registry": "b")", R"("registry": "c")",
        R"(pipelines[0].stages[1].registry: no registry named "c" (registries: a, b))");
    row("unknown policy", R"("retention": "short")", R"("retention": "long")",
        R"(pipelines[0].stages[1].retention: no retention policy named "long")");
    row("bad soak", R"("1d12h")", R"("36")", R"(pipelines[0].stages[1].minimumSoak: "36" is not a duration)");
    row("soak as number", R"("1d12h")", "36", "pipelines[0].stages[1].minimumSoak: must be a string, not a number");
    row("missing repository", R"("repository": "team/app/ff", )", "", "pipelines[0].stages[0].repository: is missing");
    row("upper-case repository", R"("team/app/ff")", R"("Team/App")", "pipelines[0].stages[0].repository: ");
    row("duplicate stage", R"("name": "ff")", R"("name": "prod")",
        R"(pipelines[0].stages[1].name: another stage is already named "prod")");
    row("stable stage unknown", R"(["prod"])", R"(["production"])",
        R"(pipelines[0].stableTagStages[0]: no stage named "production" (stages: ff, prod))");
    row("bad floating tag", R"(["latest"])", R"(["-latest"])",
        R"(pipelines[0].stages[0].floatingTags[0]: "-latest" is not a valid tag)");
    row("protected not bool", R"("protected": true)", R"("protected": "yes")",
        "pipelines[0].stages[1].protected: must be true or false, not a string");
    row("freeze backwards", R"("2027-01-05T08:00:00Z")", R"("2026-01-05T08:00:00Z")",
        "pipelines[0].stages[1].freezes[0].until: must be after from");
    row("freeze bad time", R"("2026-12-19T00:00:00Z")", R"("19.12.2026")",
        R"(pipelines[0].stages[1].freezes[0].from: "19.12.2026" is not a time)");
    row("weekly bad day", R"("fri 16:00")", R"("friday 16:00")",
        R"(pipelines[0].stages[1].freezes[1].weekly.from: "friday 16:00" is not a day and time)");
    row("weekly bad zone", R"("Europe/Zurich")", R"("Mars/Olympus")",
        R"(freezes[1].weekly.timeZone: "Mars/Olympus" is not a time zone)");
    row("url with path", R"("https://registry-a.example.org")", R"("https://registry-a.example.org/team")",
        "registries[0].url: ");
    row("http on a remote host", R"("https://registry-a.example.org")", R"("http://registry-a.example.org")",
        "registries[0].url: plain http is only used for loopback registries");
    row("ftp url", R"("https://registry-a.example.org")", R"("ftp://registry-a.example.org")", "registries[0].url: ");
    row("duplicate registry", R"("name": "b")", R"("name": "a")",
        R"(registries[1].name: another registry is already named "a")");
    row("no stages", R"("stableTagStages": ["prod"], "stages": [)", R"("stages": [], "x": [)",
        "pipelines[0].stages: a pipeline needs at least one stage");
    row("stages not a list", R"("stableTagStages": ["prod"], "stages": [)", R"("stages": {}, "x": [)",
        "pipelines[0].stages: must be a list, not an object");
    row("cluster server http", R"("https://api.example.org:6443")", R"("http://api.example.org")",
        "clusters[0].server: ");
    row("cluster image", R"("127.0.0.1:5000/team/app:prod")", R"("127.0.0.1:5000/team/app:pr od")",
        "clusters[0].image: ");
    row("version from the future", R"({)", R"({ "version": 2,)",
        "version: this Gantry reads workspace version 1, not 2");
    row("policy is not an object", R"({ "rules": [ { "keep": "latest", "count": 3 } ] })", "[]",
        "retentionPolicies.short");
    row("top level not an object", validWorkspace, "[]", "must be an object, not a list");
}

void TestWorkspace::namesTheFieldOfEveryProblem()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QByteArray, expected);
    const auto workspace = parseWorkspace(replaced(validWorkspace, str(from), str(to)), "/tmp/ws.json");
    QVERIFY(!workspace);
    QCOMPARE(int(workspace.error().kind), int(gantry::registry::ErrorKind::InvalidInput));
    QVERIFY2(workspace.error().message.find(str(expected)) != std::string::npos, workspace.error().message.c_str());
    QVERIFY(workspace.error().message.starts_with("/tmp/ws.json"));
}

void TestWorkspace::reportsAllProblemsAtOnce()
{
    std::string text = replaced(validWorkspace, R"("registry": "b")", R"("registry": "c")");
    text = replaced(text, R"("minimumSoak")", R"("minimumSaok")");
    const auto workspace = parseWorkspace(text, "ws.json");
    QVERIFY(!workspace);
    QVERIFY(workspace.error().message.find("registry: no registry named \"c\"") != std::string::npos);
    QVERIFY(workspace.error().message.find("minimumSaok: unknown key") != std::string::npos);
}

void TestWorkspace::reportsJsonSyntaxWithLineAndColumn()
{
    const auto workspace = parseWorkspace("{\n  \"registries\": [\n    { \"name\": \"a\", }\n  ]\n}", "ws.json");
    QVERIFY(!workspace);
    QVERIFY2(workspace.error().message.starts_with("ws.json is not valid JSON at line 3, column "),
        workspace.error().message.c_str());
}

void TestWorkspace::resolvesCaFilesAgainstTheWorkspaceFolder()
{
    QTemporaryDir folder;
    QFile ca(folder.filePath(QStringLiteral("ca.crt")));
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.write("not checked here");
    ca.close();
    const std::string path = folder.filePath(QStringLiteral("ws.json")).toStdString();
    const std::string text
        = replaced(validWorkspace, R"("url": "127.0.0.1:5000")", R"("url": "127.0.0.1:5000", "ca": "ca.crt")");
    const auto workspace = parseWorkspace(text, path);
    QVERIFY2(workspace, why(workspace));
    QCOMPARE(workspace->registries[1].caFile, ca.fileName().toStdString());

    const auto missing = parseWorkspace(replaced(text, "ca.crt", "nowhere.crt"), path);
    QVERIFY(!missing);
    QVERIFY(missing.error().message.find(
                "registries[1].ca: no file at " + folder.filePath(QStringLiteral("nowhere.crt")).toStdString())
        != std::string::npos);
}

void TestWorkspace::reportsAMissingFile()
{
    QTemporaryDir folder;
    const auto workspace = loadWorkspace(folder.filePath(QStringLiteral("none.json")).toStdString());
    QVERIFY(!workspace);
    QVERIFY(workspace.error().message.find("--workspace FILE") != std::string::npos);
}

void TestWorkspace::parsesDurations_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qlonglong>("seconds");

    row("seconds", "90s", 90LL);
    row("minutes", "30m", 1800LL);
    row("hours", "2h", 7200LL);
    row("days", "3d", 259200LL);
    row("week", "1w", 604800LL);
    row("sum", "1d12h", 129600LL);
    row("zero", "0s", 0LL);
    row("no unit", "36", -1LL);
    row("empty", "", -1LL);
    row("negative", "-1h", -1LL);
    row("fraction", "1.5h", -1LL);
    row("units out of order", "1h1d", -1LL);
    row("unit twice", "1h1h", -1LL);
    row("unknown unit", "1y", -1LL);
    row("space", "1d 12h", -1LL);
    row("absurdly long", "99999999999d", -1LL);
}

void TestWorkspace::parsesDurations()
{
    QFETCH(QByteArray, text);
    QFETCH(qlonglong, seconds);
    const auto duration = parseDuration(str(text));
    QCOMPARE(duration ? static_cast<qlonglong>(duration->count()) : -1LL, seconds);
    if (duration)
        QCOMPARE(parseDuration(gantry::model::formatDuration(*duration)), duration);
}

QTEST_APPLESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
