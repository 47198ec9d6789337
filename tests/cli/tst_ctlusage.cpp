// Usage and bad input: exit 2, one line on stderr, nothing on stdout, no request made.
// gantryctl end to end, as a user or a CI job runs it: the real binary in a process of its own,
// in a sandbox of its own (tests/cli/ctlkit.h), against real distribution registries.
#include "tests/cli/ctlkit.h"

#include <QTest>

using namespace gantry::test;
using namespace gantry::test::ctl;

namespace {

// One row per command that takes a reference, with `reference` in each argument position.
template<typename RowName>
void addMalformedRows(
    RowName row, const QString& reference, const QString& quoted, const QString& good, const QString& knownBug)
{
    QTest::newRow(qPrintable(row("tags"))) << QStringList { QStringLiteral("tags"), reference } << quoted << knownBug;
    QTest::newRow(qPrintable(row("inspect")))
        << QStringList { QStringLiteral("inspect"), reference } << quoted << knownBug;
    QTest::newRow(qPrintable(row("inspect --json")))
        << QStringList { QStringLiteral("--json"), QStringLiteral("inspect"), reference } << quoted << knownBug;
    QTest::newRow(qPrintable(row("copy source")))
        << QStringList { QStringLiteral("copy"), reference, good } << quoted << knownBug;
    QTest::newRow(qPrintable(row("copy destination")))
        << QStringList { QStringLiteral("copy"), good, reference } << quoted << knownBug;
    QTest::newRow(qPrintable(row("tag")))
        << QStringList { QStringLiteral("tag"), reference, QStringLiteral("2.0") } << quoted << knownBug;
    QTest::newRow(qPrintable(row("delete")))
        << QStringList { QStringLiteral("delete"), reference } << quoted << knownBug;
}

} // namespace

class TestCtlUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void usage_data();
    void usage();
    void malformedInput_data();
    void malformedInput();

private:
    // Runs gantryctl in the main sandbox, checking its output for secrets.
    CtlRun run(const QStringList& arguments) { return runChecked(m_sandbox, arguments); }

    Sandbox m_sandbox;
};

void TestCtlUsage::initTestCase()
{
    QVERIFY2(gantryctlProblem().isEmpty(), qPrintable(gantryctlProblem()));
    QVERIFY(m_sandbox.isValid());
}

void TestCtlUsage::usage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("usageOnStdout");
    QTest::addColumn<QString>("errorMentions"); // empty: stderr must be empty (or the usage, for no arguments)

    const auto list = [](std::initializer_list<const char*> items) {
        QStringList arguments;
        for (const char* item : items)
            arguments << QString::fromUtf8(item);
        return arguments;
    };
    QTest::newRow("no arguments") << QStringList() << 2 << false << QString();
    QTest::newRow("--help") << list({ "--help" }) << 0 << true << QString();
    QTest::newRow("-h") << list({ "-h" }) << 0 << true << QString();
    QTest::newRow("--json --help") << list({ "--json", "--help" }) << 0 << true << QString();
    QTest::newRow("command --help") << list({ "copy", "--help" }) << 0 << true << QString();
    QTest::newRow("unknown command") << list({ "frobnicate", "a/b" }) << 2 << false << QStringLiteral("frobnicate");
    QTest::newRow("unknown command with --json")
        << list({ "--json", "promotion" }) << 2 << false << QStringLiteral("promotion");
    QTest::newRow("unknown long option") << list({ "--yaml", "tags", "a/b" }) << 2 << false << QStringLiteral("--yaml");
    QTest::newRow("unknown option after command")
        << list({ "tags", "--all", "a/b" }) << 2 << false << QStringLiteral("--all");
    QTest::newRow("unknown short option") << list({ "inspect", "-x", "a/b:1" }) << 2 << false << QStringLiteral("-x");
    QTest::newRow("flag given a value") << list({ "--json=yes", "tags", "a/b" }) << 2 << false
                                        << QStringLiteral("--json");
    QTest::newRow("only options") << list({ "--json" }) << 2 << false << QStringLiteral("command");
    QTest::newRow("tags without repository") << list({ "tags" }) << 2 << false << QStringLiteral("REPOSITORY");
    QTest::newRow("tags with two") << list({ "tags", "a/b", "c/d" }) << 2 << false << QStringLiteral("REPOSITORY");
    QTest::newRow("inspect without reference") << list({ "inspect" }) << 2 << false << QStringLiteral("REFERENCE");
    QTest::newRow("copy with one") << list({ "copy", "a/b:1" }) << 2 << false << QStringLiteral("DESTINATION");
    QTest::newRow("copy with three") << list({ "copy", "a/b:1", "c/d:1", "e/f:1" }) << 2 << false
                                     << QStringLiteral("DESTINATION");
    QTest::newRow("tag without new tag") << list({ "tag", "a/b:1" }) << 2 << false << QStringLiteral("NEWTAG");
    QTest::newRow("delete without reference") << list({ "delete" }) << 2 << false << QStringLiteral("REFERENCE");
}

void TestCtlUsage::usage()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(bool, usageOnStdout);
    QFETCH(QString, errorMentions);

    const CtlRun result = run(arguments);
    QVERIFY2(result.finished, qPrintable(result.describe()));
    QVERIFY2(result.exitCode == exitCode, qPrintable(result.describe()));
    if (usageOnStdout) {
        QVERIFY2(result.out.startsWith("Usage: gantryctl"), qPrintable(result.describe()));
        for (const char* command : { "tags REPOSITORY", "inspect REFERENCE", "copy SOURCE DESTINATION",
                 "tag REFERENCE NEWTAG", "delete REFERENCE", "--json" })
            QVERIFY2(result.out.contains(command), command);
        QVERIFY2(result.err.isEmpty(), qPrintable(result.describe()));
        return;
    }
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    if (errorMentions.isEmpty()) {
        // No arguments at all: the usage, on stderr since it answers a mistake.
        QVERIFY2(result.err.startsWith("Usage: gantryctl"), qPrintable(result.describe()));
        return;
    }
    QVERIFY2(result.errIsOneLine(), qPrintable(result.describe()));
    QVERIFY2(result.err.startsWith("gantryctl"), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(errorMentions), qPrintable(result.describe()));
}

void TestCtlUsage::malformedInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("bad"); // what the error must quote
    QTest::addColumn<QString>("knownBug"); // non-empty: the exit status is known to be wrong, and why

    // Good references to a port nothing listens on: were they ever used, the run would fail
    // with a connection error (exit 1), not exit 2.
    const QString goodRepository = QStringLiteral("127.0.0.1:9/team/app");
    const QString good = goodRepository + QStringLiteral(":1.0");
    const QString hex64 = QStringLiteral("0123456789abcdef").repeated(4);
    // Not `host:5000`: by Docker's grammar (and Gantry's, see registry/reference.h) a first
    // component without '.' or ':' that is not localhost is a Docker Hub name, so that is
    // docker.io/library/host at tag 5000, like alpine:5000. A registry address has a dot or is localhost.
    const QList<std::pair<const char*, QString>> references {
        { "upper case", QStringLiteral("UPPER/case:1") },
        { "host:port only", QStringLiteral("registry.example:5000") },
        { "localhost:port only", QStringLiteral("localhost:5000") },
        { "ipv4:port only", QStringLiteral("127.0.0.1:5000") },
        { "empty component", QStringLiteral("a//b") },
        { "space in tag", QStringLiteral("x:tag with space") },
        { "short digest", QStringLiteral("127.0.0.1:9/team/app@sha256:abc") },
        { "upper-case digest", QStringLiteral("127.0.0.1:9/team/app@sha256:") + hex64.toUpper() },
        { "digest without algorithm", QStringLiteral("team/app@") + hex64 },
        { "port out of range", QStringLiteral("127.0.0.1:70000/team/app:1") },
        { "empty", QString() },
        { "tag with a colon", QStringLiteral("127.0.0.1:9/team/app:1:2") },
    };
    for (const auto& [name, reference] : references) {
        const auto row = [&](const char* command) {
            return QStringLiteral("%1: %2").arg(QLatin1String(command), QLatin1String(name));
        };
        addMalformedRows(row, reference, reference, good, QString());
    }
    // A newline would break the one-line rule: the message shows it escaped.
    addMalformedRows([](const char* command) { return QStringLiteral("%1: newline").arg(QLatin1String(command)); },
        QStringLiteral("127.0.0.1:9/team/app:1\nx"), QStringLiteral("127.0.0.1:9/team/app:1\\x0ax"), good, QString());
    // A well-formed digest of another algorithm is unsupported, and still bad input: exit 2.
    const QString sha512 = goodRepository + QStringLiteral("@sha512:") + hex64 + hex64;
    addMalformedRows(
        [](const char* command) { return QStringLiteral("%1: sha512 digest").arg(QLatin1String(command)); }, sha512,
        sha512, good, QString());
    // A repository is not a reference: tags takes no tag or digest.
    QTest::newRow("tags: with tag") << QStringList { QStringLiteral("tags"), good } << good << QString();
    QTest::newRow("tags: host:5000") << QStringList { QStringLiteral("tags"), QStringLiteral("host:5000") }
                                     << QStringLiteral("host:5000") << QString();
    QTest::newRow("tags: with digest") << QStringList { QStringLiteral("tags"),
        goodRepository + QStringLiteral("@sha256:") + hex64 }
                                       << goodRepository + QStringLiteral("@sha256:") + hex64 << QString();
    for (const QString& tag : { QStringLiteral("bad tag"), QStringLiteral(".hidden"), QStringLiteral("a:b"),
             QStringLiteral("x").repeated(129), QStringLiteral("sha256:") + hex64 }) {
        QTest::newRow(qPrintable(QStringLiteral("tag: new tag \"%1\"").arg(tag.left(20))))
            << QStringList { QStringLiteral("tag"), good, tag } << tag << QString();
    }
}

void TestCtlUsage::malformedInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, bad);
    QFETCH(QString, knownBug);

    const CtlRun result = run(arguments);
    QVERIFY2(result.finished, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.errIsOneLine(), qPrintable(result.describe()));
    QVERIFY2(result.err.startsWith(
                 "gantryctl " + arguments.at(arguments.first() == QStringLiteral("--json") ? 1 : 0).toUtf8() + ": "),
        qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QLatin1Char('"') + bad + QLatin1Char('"')), qPrintable(result.describe()));
    if (!knownBug.isEmpty())
        QEXPECT_FAIL("", qPrintable(knownBug), Continue);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
}

QTEST_GUILESS_MAIN(TestCtlUsage)
#include "tst_ctlusage.moc"
