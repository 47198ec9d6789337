// Every file Gantry reads goes through one capped reader: a FIFO, a device, a folder or a file
// over the cap is refused with an error that names it, before a byte is read, so nothing blocks
// and nothing grows; and a file that is JSON but not what nlohmann can hold (a number beyond a
// double) is an error, not an abort. gantryctl runs as a user runs it, in a process of its own:
// a reader that blocks or grows shows as a run that does not finish (the sandbox's bound), or,
// under an address-space limit, as a crash instead of gigabytes on a shared machine.
#include "base/localfile.h"
#include "model/workspace/kubeconfig.h"
#include "model/workspace/workspaceimport.h"
#include "model/workspace/workspaceloader.h"
#include "model/workspace/workspacewriter.h"
#include "tests/support/ctlsandbox.h"
#include "tests/support/loopbackhttpserver.h"

#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace gantry::test;
using gantry::registry::ErrorKind;

namespace {

const QByteArray validWorkspace = R"({ "version": 1, "registries": [], "pipelines": [] })";

QString kindName(ErrorKind kind)
{
    return QString::number(static_cast<int>(kind));
}

} // namespace

class TestHostileFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void readerRefusesWhatIsNotARegularFile_data();
    void readerRefusesWhatIsNotARegularFile();
    void readerRefusesByTheSizeBeforeReading();
    void readerReadsUpToTheCap();

    void workspaceThatIsNotAFile_data();
    void workspaceThatIsNotAFile();
    void kubeconfigOrItsCaThatIsAFifo_data();
    void kubeconfigOrItsCaThatIsAFifo();
    void credentialFileThatIsAFifo();
    void certsDirectoryCaThatIsAFifo();
    void journalThatIsAFifo();

    void numberBeyondADoubleIsAnError();
    void deepNestingIsAnError();
    void namesThatAreNotUtf8AreNotImported();

private:
    // gantryctl under an address-space limit where the build allows one (AddressSanitizer reserves
    // terabytes of shadow memory), so a reader that grows without end fails instead of eating RAM.
    CtlRun ctl(const QStringList& arguments) const;
    QString fifo(const QString& name) const;

    Sandbox m_sandbox;
};

CtlRun TestHostileFiles::ctl(const QStringList& arguments) const
{
#if defined(__SANITIZE_ADDRESS__)
    return m_sandbox.run(arguments);
#else
    QStringList wrapped { QStringLiteral("-c"), QStringLiteral("ulimit -v 2097152 && exec \"$0\" \"$@\""),
        qEnvironmentVariable("GANTRYCTL") };
    wrapped += arguments;
    CtlRun run = m_sandbox.run(wrapped, QStringLiteral("/bin/sh"));
    run.arguments = arguments;
    return run;
#endif
}

QString TestHostileFiles::fifo(const QString& name) const
{
    const QString path = m_sandbox.path(name);
    ::unlink(qPrintable(path));
    if (::mkfifo(qPrintable(path), 0600) != 0)
        qFatal("cannot make the FIFO %s", qPrintable(path));
    return path;
}

void TestHostileFiles::initTestCase()
{
    QVERIFY(m_sandbox.isValid());
    QVERIFY(!qEnvironmentVariable("GANTRYCTL").isEmpty());
    QVERIFY(m_sandbox.writeFile(QStringLiteral("workspace.json"), validWorkspace));
    QVERIFY(QDir().mkpath(m_sandbox.path(QStringLiteral("a-folder"))));
}

void TestHostileFiles::readerRefusesWhatIsNotARegularFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("kind");
    QTest::newRow("folder") << m_sandbox.path(QStringLiteral("a-folder")) << QStringLiteral("a folder");
    QTest::newRow("/dev/null") << QStringLiteral("/dev/null") << QStringLiteral("a device");
    QTest::newRow("/dev/zero") << QStringLiteral("/dev/zero") << QStringLiteral("a device");
}

void TestHostileFiles::readerRefusesWhatIsNotARegularFile()
{
    QFETCH(QString, path);
    QFETCH(QString, kind);
    const auto text = gantry::registry::readCappedFile(path.toStdString(), 1024 * 1024, "a workspace");
    QVERIFY2(!text, text && *text ? "read" : "read nothing, without an error");
    QCOMPARE(kindName(text.error().kind), kindName(ErrorKind::Io));
    const QString message = QString::fromStdString(text.error().message);
    QVERIFY2(message.startsWith(path) && message.contains(kind) && message.contains(QStringLiteral("a workspace")),
        qPrintable(message));
}

void TestHostileFiles::readerRefusesByTheSizeBeforeReading()
{
    // Sparse: 64 GiB that take no disk, and that a reader reading first would try to hold.
    const QString path = m_sandbox.path(QStringLiteral("huge"));
    QVERIFY(m_sandbox.writeFile(QStringLiteral("huge"), {}));
    QVERIFY(::truncate(qPrintable(path), 64LL << 30) == 0);
    const auto text = gantry::registry::readCappedFile(path.toStdString(), 16 * 1024 * 1024, "a kubeconfig");
    QVERIFY(!text);
    QCOMPARE(kindName(text.error().kind), kindName(ErrorKind::TooLarge));
    QCOMPARE(text.error().message, path.toStdString() + " is larger than 16 MiB; it cannot be a kubeconfig");
}

void TestHostileFiles::readerReadsUpToTheCap()
{
    QVERIFY(m_sandbox.writeFile(QStringLiteral("exact"), QByteArray(4096, 'x')));
    const auto exact
        = gantry::registry::readCappedFile(m_sandbox.path(QStringLiteral("exact")).toStdString(), 4096, "x");
    QVERIFY(exact && *exact);
    QCOMPARE((*exact)->size(), std::size_t(4096));
    const auto over
        = gantry::registry::readCappedFile(m_sandbox.path(QStringLiteral("exact")).toStdString(), 4095, "x");
    QVERIFY(!over);
    QCOMPARE(kindName(over.error().kind), kindName(ErrorKind::TooLarge));
    const auto missing
        = gantry::registry::readCappedFile(m_sandbox.path(QStringLiteral("absent")).toStdString(), 1, "x");
    QVERIFY(missing && !*missing);
}

void TestHostileFiles::workspaceThatIsNotAFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("says");
    QTest::newRow("/dev/zero") << QStringLiteral("/dev/zero") << QStringLiteral("a device");
    QTest::newRow("FIFO") << fifo(QStringLiteral("workspace-fifo")) << QStringLiteral("FIFO");
    QTest::newRow("folder") << m_sandbox.path(QStringLiteral("a-folder")) << QStringLiteral("a folder");
    const QString huge = m_sandbox.path(QStringLiteral("huge-workspace.json"));
    m_sandbox.writeFile(QStringLiteral("huge-workspace.json"), {});
    if (::truncate(qPrintable(huge), 8LL << 30) != 0)
        qFatal("cannot make a sparse file");
    QTest::newRow("8 GiB") << huge << QStringLiteral("larger than 16 MiB");
}

void TestHostileFiles::workspaceThatIsNotAFile()
{
    QFETCH(QString, path);
    QFETCH(QString, says);
    const CtlRun run
        = ctl({ QStringLiteral("--workspace"), path, QStringLiteral("workspace"), QStringLiteral("check") });
    QVERIFY2(run.finished, qPrintable(run.describe()));
    QVERIFY2(run.exitCode == 2 && run.errIsOneLine(), qPrintable(run.describe()));
    QVERIFY2(run.errText().contains(path) && run.errText().contains(says), qPrintable(run.describe()));
    QVERIFY(run.out.isEmpty());
}

void TestHostileFiles::kubeconfigOrItsCaThatIsAFifo_data()
{
    QTest::addColumn<QString>("kubeconfig");
    QTest::addColumn<QString>("named");
    const QString ca = fifo(QStringLiteral("ca-fifo.crt"));
    m_sandbox.writeFile(QStringLiteral("kubeconfig-with-fifo-ca"),
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n"
        "    certificate-authority: "
            + ca.toUtf8()
            + "\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: x\n  context:\n    cluster: c\n    user: u\n");
    QTest::newRow("its CA") << m_sandbox.path(QStringLiteral("kubeconfig-with-fifo-ca")) << ca;
    const QString kubeconfig = fifo(QStringLiteral("kubeconfig-fifo"));
    QTest::newRow("itself") << kubeconfig << kubeconfig;
}

void TestHostileFiles::kubeconfigOrItsCaThatIsAFifo()
{
    QFETCH(QString, kubeconfig);
    QFETCH(QString, named);
    const CtlRun run = ctl({ QStringLiteral("--workspace"), m_sandbox.path(QStringLiteral("workspace.json")),
        QStringLiteral("certs"), QStringLiteral("--kubeconfig"), kubeconfig });
    QVERIFY2(run.finished, qPrintable(run.describe()));
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(
        run.errText().contains(named) && run.errText().contains(QStringLiteral("FIFO")), qPrintable(run.describe()));
}

void TestHostileFiles::credentialFileThatIsAFifo()
{
    // A registry that asks for credentials, so that gantryctl reads Docker's config.json.
    LoopbackHttpServer registry([](const ServedRequest&) {
        return ServedResponse { 401, { { "WWW-Authenticate", "Basic realm=\"test\"" } }, {} };
    });
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    const QString config = fifo(QStringLiteral(".docker/config.json"));
    const CtlRun run = ctl({ QStringLiteral("tags"), QStringLiteral("127.0.0.1:%1/team/app").arg(registry.port()) });
    ::unlink(qPrintable(config));
    QVERIFY2(run.finished, qPrintable(run.describe()));
    QVERIFY2(run.exitCode == 1 && run.errIsOneLine(), qPrintable(run.describe()));
    QVERIFY2(
        run.errText().contains(config) && run.errText().contains(QStringLiteral("FIFO")), qPrintable(run.describe()));
}

void TestHostileFiles::certsDirectoryCaThatIsAFifo()
{
    // Docker reads every *.crt of certs.d/<host>; one that is a FIFO must not stall every command.
    QVERIFY(QDir().mkpath(m_sandbox.path(QStringLiteral(".docker/certs.d/127.0.0.1:1"))));
    const QString ca = fifo(QStringLiteral(".docker/certs.d/127.0.0.1:1/ca.crt"));
    const CtlRun run = ctl({ QStringLiteral("tags"), QStringLiteral("127.0.0.1:1/team/app") });
    ::unlink(qPrintable(ca));
    QVERIFY2(run.finished, qPrintable(run.describe()));
    QVERIFY2(run.exitCode == 1 && run.errIsOneLine(), qPrintable(run.describe()));
    // Said as it is, not as "connection refused" or "not trusted" later on.
    QVERIFY2(run.errText().contains(ca) && run.errText().contains(QStringLiteral("FIFO")), qPrintable(run.describe()));
}

void TestHostileFiles::journalThatIsAFifo()
{
    const QString journal = fifo(QStringLiteral("journal-fifo"));
    const CtlRun run = ctl({ QStringLiteral("--workspace"), m_sandbox.path(QStringLiteral("workspace.json")),
        QStringLiteral("--journal"), journal, QStringLiteral("history") });
    QVERIFY2(run.finished, qPrintable(run.describe()));
    QVERIFY2(run.exitCode == 1 && run.errIsOneLine(), qPrintable(run.describe()));
    QVERIFY2(
        run.errText().contains(journal) && run.errText().contains(QStringLiteral("FIFO")), qPrintable(run.describe()));
}

void TestHostileFiles::numberBeyondADoubleIsAnError()
{
    // nlohmann throws out_of_range (406) for it, not parse_error: it escaped the catch and aborted.
    const auto parsed = gantry::model::parseWorkspace(R"({ "version": 1e400, "registries": [] })", "ws.json");
    QVERIFY(!parsed);
    QCOMPARE(kindName(parsed.error().kind), kindName(ErrorKind::InvalidInput));
    QVERIFY2(parsed.error().message.starts_with("ws.json") && parsed.error().message.find("1e400") != std::string::npos,
        parsed.error().message.c_str());

    QVERIFY(m_sandbox.writeFile(QStringLiteral("overflow.json"), R"({ "version": 1e400, "registries": [] })"));
    const QString path = m_sandbox.path(QStringLiteral("overflow.json"));
    const CtlRun run
        = ctl({ QStringLiteral("--workspace"), path, QStringLiteral("workspace"), QStringLiteral("check") });
    QVERIFY2(run.finished && run.exitCode == 2 && run.errIsOneLine(), qPrintable(run.describe()));
    QVERIFY2(run.errText().contains(path), qPrintable(run.describe()));
}

void TestHostileFiles::deepNestingIsAnError()
{
    const std::string deepJson = "{ \"version\": 1, \"registries\": " + std::string(200000, '[');
    const auto workspace = gantry::model::parseWorkspace(deepJson, "deep.json");
    QVERIFY(!workspace);
    QCOMPARE(kindName(workspace.error().kind), kindName(ErrorKind::InvalidInput));

    const std::string closedJson
        = "{ \"version\": 1, \"registries\": " + std::string(200000, '[') + std::string(200000, ']') + "}";
    const auto closed = gantry::model::parseWorkspace(closedJson, "deep.json");
    QVERIFY(!closed);
    QCOMPARE(kindName(closed.error().kind), kindName(ErrorKind::InvalidInput));

    const std::string deepYaml = "apiVersion: v1\nclusters: " + std::string(200000, '[');
    const auto kubeconfig = gantry::model::parseKubeconfig(deepYaml, "deep.yaml");
    QVERIFY(!kubeconfig);
    QVERIFY2(kubeconfig.error().message.starts_with("deep.yaml"), kubeconfig.error().message.c_str());
}

void TestHostileFiles::namesThatAreNotUtf8AreNotImported()
{
    // YAML (yaml-cpp) takes any bytes; JSON cannot hold them: nlohmann's dump() threw type_error 316
    // out of saveWorkspace and aborted the first start.
    gantry::model::Workspace workspace;
    workspace.clusters.push_back({ "bad\xff", {}, {}, "https://127.0.0.1:6443", {}, {} });
    const std::string path = m_sandbox.path(QStringLiteral("not-utf8.json")).toStdString();
    const auto saved = gantry::model::saveWorkspace(workspace, path);
    QVERIFY(!saved);
    QVERIFY2(saved.error().message.find("UTF-8") != std::string::npos, saved.error().message.c_str());
    QVERIFY(!QFile::exists(QString::fromStdString(path)));

    QVERIFY(m_sandbox.writeFile(QStringLiteral("kubeconfig-not-utf8"),
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\n"
        "users:\n- name: u\n  user: {}\ncontexts:\n- name: bad\xff\x1b[2J\n  context:\n    cluster: c\n    user: u\n"
        "- name: good\n  context:\n    cluster: c\n    user: u\n"));
    gantry::model::ImportSources sources;
    sources.credentials.files.clear();
    sources.kubeconfigs = { m_sandbox.path(QStringLiteral("kubeconfig-not-utf8")).toStdString() };
    const auto imported = gantry::model::importWorkspace(sources);
    QCOMPARE(imported.workspace.clusters.size(), std::size_t(1));
    QCOMPARE(imported.workspace.clusters.front().name, std::string("good"));
    QCOMPARE(imported.problems.size(), std::size_t(1));
    QVERIFY2(
        imported.problems.front().find("bad\\xff\\x1b[2J") != std::string::npos, imported.problems.front().c_str());
    QVERIFY(gantry::model::saveWorkspace(imported.workspace, path));
}

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "tst_hostilefiles.moc"
