// Text from outside is text: what a registry or a kubeconfig names (tags, error messages, contexts,
// clusters, media types) reaches gantryctl's terminal with its control characters, invalid UTF-8
// and bidirectional overrides escaped, and its --json output as valid JSON holding the original
// string. A scripted registry on loopback (LoopbackHttpServer) sends the hostile text; stdout and
// stderr are checked byte by byte.
#include "tests/support/ctlsandbox.h"
#include "tests/support/loopbackhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gantry::test;

namespace {

// What a terminal would act on: ESC (CSI, OSC), BEL, a C1 CSI in UTF-8, a bidi override, invalid
// UTF-8 (a lone 0x9b is CSI on 8-bit terminals).
bool holdsTerminalControls(const QByteArray& bytes)
{
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\n') || u == 0x7f)
            return true;
    }
    return bytes.contains("\xc2\x9b") || bytes.contains("\xe2\x80\xae") || bytes.contains("\xe2\x81\xa6")
        || !QString::fromUtf8(bytes).toUtf8().startsWith(bytes); // invalid UTF-8 does not survive a round trip
}

QByteArray registryErrorBody(const QByteArray& code, const QByteArray& jsonMessage)
{
    return "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + jsonMessage + "\"}]}";
}

const QByteArray manifestDigest = "sha256:" + QByteArray(64, 'a');

} // namespace

class TestHostileText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tagListIsEscapedOneTagALine();
    void tagListAsJsonKeepsTheOriginalStrings();
    void mediaTypeWithInvalidUtf8IsValidJson();
    void registryErrorMessageIsEscaped_data();
    void registryErrorMessageIsEscaped();
    void newTagIsEchoedEscaped();
    void kubeconfigNamesAreEscaped();

private:
    QString repository(const QString& path) const
    {
        return QStringLiteral("127.0.0.1:%1/%2").arg(m_registry->port()).arg(path);
    }

    std::unique_ptr<LoopbackHttpServer> m_registry;
    Sandbox m_sandbox;
};

void TestHostileText::initTestCase()
{
    QVERIFY(m_sandbox.isValid());
    m_registry = std::make_unique<LoopbackHttpServer>([](const ServedRequest& request) -> ServedResponse {
        const QByteArray path = request.target;
        if (path == "/v2/" || path == "/v2")
            return { 200, { { "Docker-Distribution-API-Version", "registry/2.0" } }, "{}" };
        if (path.startsWith("/v2/hostile/tags/list")) {
            // ESC sequences that clear the screen and retitle the window, a newline inside a tag,
            // a C1 CSI, a right-to-left override, DEL.
            return { 200, { { "Content-Type", "application/json" } },
                R"({"name":"hostile","tags":["a\nb","\u001b[2J\u001b]0;pwned\u0007title","c1\u009b31m",)"
                R"("bidi\u202etxt.exe","del\u007f","plain-1.0"]})" };
        }
        if (path.startsWith("/v2/hostile/manifests/") || path.startsWith("/v2/badtype/manifests/")) {
            const QByteArray type = path.startsWith("/v2/badtype/")
                ? QByteArray("application/vnd.oci.image.manifest.v1+json\xff\xfe\x1b[2J")
                : QByteArray("application/vnd.oci.image.manifest.v1+json");
            return { 200, { { "Content-Type", type }, { "Docker-Content-Digest", manifestDigest } }, {} };
        }
        if (path.startsWith("/v2/badtype/tags/list"))
            return { 200, { { "Content-Type", "application/json" } }, R"({"name":"badtype","tags":["1.0"]})" };
        if (path.startsWith("/v2/jsonerror/"))
            return { 404, { { "Content-Type", "application/json" } },
                registryErrorBody("NAME_UNKNOWN", R"(gone\u001b[2J\u001b]0;pwned\u0007 \u202eevil\n\u009bX)") };
        if (path.startsWith("/v2/rawerror/"))
            return { 400, { { "Content-Type", "text/plain" } },
                "bad \x1b[31mred\x1b[0m \xff\xfe\x9b"
                "2J request" };
        return { 404, {}, registryErrorBody("NAME_UNKNOWN", "no such repository") };
    });
    QVERIFY2(m_registry->start(), qPrintable(m_registry->errorString()));
}

void TestHostileText::tagListIsEscapedOneTagALine()
{
    const CtlRun run = m_sandbox.run({ QStringLiteral("tags"), repository(QStringLiteral("hostile")) });
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    // Sorted as bytes; each tag on one line, its controls written as escapes.
    const QByteArray expected = "\\x1b[2J\\x1b]0;pwned\\x07title\n"
                                "a\\nb\n"
                                "bidi\\u202etxt.exe\n"
                                "c1\\u009b31m\n"
                                "del\\x7f\n"
                                "plain-1.0\n";
    QCOMPARE(run.out, expected);
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
}

void TestHostileText::tagListAsJsonKeepsTheOriginalStrings()
{
    const CtlRun run
        = m_sandbox.run({ QStringLiteral("--json"), QStringLiteral("tags"), repository(QStringLiteral("hostile")) });
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    // Escaped by JSON (\u001b, \u009b, \u202e): no raw control on the terminal, the original after parsing.
    QVERIFY2(!holdsTerminalControls(run.out), qPrintable(run.describe()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QStringList tags;
    for (const auto& entry : document.array()) {
        const QString tag = entry[QStringLiteral("tag")].toString();
        tags << tag;
        // What is no tag cannot be looked up: listed as sent, without a digest.
        QCOMPARE(entry[QStringLiteral("digest")].toString(),
            tag == QStringLiteral("plain-1.0") ? QString::fromLatin1(manifestDigest) : QString());
    }
    QCOMPARE(tags.size(), 6);
    QVERIFY2(tags.contains(QStringLiteral("a\nb")), qPrintable(tags.join(QLatin1Char('|'))));
    QVERIFY(tags.contains(QStringLiteral("\x1b[2J\x1b]0;pwned\atitle")));
    QVERIFY(tags.contains(QStringLiteral("bidi\u202etxt.exe")));
    QVERIFY(tags.contains(QStringLiteral("c1\u009b31m")));
    QVERIFY(tags.contains(QStringLiteral("del\x7f")));
}

void TestHostileText::mediaTypeWithInvalidUtf8IsValidJson()
{
    // A header is bytes, not JSON: nlohmann refuses to write invalid UTF-8 (type_error 316), which
    // escaped every catch and aborted gantryctl.
    const CtlRun run
        = m_sandbox.run({ QStringLiteral("--json"), QStringLiteral("tags"), repository(QStringLiteral("badtype")) });
    QVERIFY2(run.finished, qPrintable(run.describe()));
    QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(!holdsTerminalControls(run.out) && !holdsTerminalControls(run.err), qPrintable(run.describe()));
    if (run.exitCode == 0) {
        QJsonParseError error;
        QJsonDocument::fromJson(run.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(run.describe()));
    } else {
        QVERIFY2(run.errIsOneLine(), qPrintable(run.describe()));
    }
}

void TestHostileText::registryErrorMessageIsEscaped_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("json");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("registry error, text")
        << QStringLiteral("jsonerror") << false << QByteArray("gone\\x1b[2J\\x1b]0;pwned\\x07 \\u202eevil");
    QTest::newRow("registry error, --json")
        << QStringLiteral("jsonerror") << true << QByteArray("gone\\x1b[2J\\x1b]0;pwned\\x07 \\u202eevil");
    QTest::newRow("plain text body") << QStringLiteral("rawerror") << false
                                     << QByteArray("bad \\x1b[31mred\\x1b[0m \\xff\\xfe\\x9b2J request");
}

void TestHostileText::registryErrorMessageIsEscaped()
{
    QFETCH(QString, path);
    QFETCH(bool, json);
    QFETCH(QByteArray, shown);
    QStringList arguments { QStringLiteral("tags"), repository(path) };
    if (json)
        arguments.prepend(QStringLiteral("--json"));
    const CtlRun run = m_sandbox.run(arguments);
    QVERIFY2(run.finished && run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.errIsOneLine(), qPrintable(run.describe()));
    QVERIFY2(!holdsTerminalControls(run.err), qPrintable(run.describe()));
    QVERIFY2(run.err.startsWith("gantryctl tags: ") && run.err.contains(shown), qPrintable(run.describe()));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
}

void TestHostileText::newTagIsEchoedEscaped()
{
    const CtlRun run = m_sandbox.run({ QStringLiteral("tag"), repository(QStringLiteral("hostile:plain-1.0")),
        QString::fromUtf8("x\x1b[2J\xe2\x80\xaey") });
    QVERIFY2(run.finished && run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.errIsOneLine() && !holdsTerminalControls(run.err), qPrintable(run.describe()));
    QVERIFY2(run.err.contains("\"x\\x1b[2J\\u202ey\" is not a valid tag"), qPrintable(run.describe()));
}

void TestHostileText::kubeconfigNamesAreEscaped()
{
    // Names that clear the screen; the server is a closed port on loopback, so the probe fails fast
    // and the names are what is printed.
    const QByteArray yaml = "apiVersion: v1\nkind: Config\n"
                            "clusters:\n- name: \"cl\\e[2Jx\"\n  cluster:\n    server: https://127.0.0.1:1\n"
                            "users:\n- name: u\n  user: {}\n"
                            "contexts:\n- name: \"ctx\\e]0;pwned\\a\\u202e\"\n  context:\n    cluster: \"cl\\e[2Jx\"\n"
                            "    user: u\n    extensions:\n    - name: gantry\n      extension:\n"
                            "        site: \"site\\e[31m\"\n";
    QVERIFY(m_sandbox.writeFile(QStringLiteral("hostile-kubeconfig"), yaml));
    const QString file = m_sandbox.path(QStringLiteral("hostile-kubeconfig"));

    const CtlRun table = m_sandbox.run({ QStringLiteral("certs"), QStringLiteral("--kubeconfig"), file });
    QVERIFY2(table.finished, qPrintable(table.describe()));
    QVERIFY2(!holdsTerminalControls(table.out) && !holdsTerminalControls(table.err), qPrintable(table.describe()));
    QVERIFY2(table.out.contains("ctx\\x1b]0;pwned\\x07\\u202e"), qPrintable(table.describe()));
    QVERIFY2(table.out.contains("site\\x1b[31m"), qPrintable(table.describe()));

    const CtlRun json
        = m_sandbox.run({ QStringLiteral("--json"), QStringLiteral("certs"), QStringLiteral("--kubeconfig"), file });
    QVERIFY2(json.finished, qPrintable(json.describe()));
    QVERIFY2(!holdsTerminalControls(json.err), qPrintable(json.describe()));
    const QJsonArray clusters = json.json().array();
    QVERIFY2(clusters.size() == 1, qPrintable(json.describe()));
    QCOMPARE(clusters.at(0)[QStringLiteral("cluster")].toString(), QString::fromUtf8("ctx\x1b]0;pwned\a\xe2\x80\xae"));
    QCOMPARE(clusters.at(0)[QStringLiteral("site")].toString(), QStringLiteral("site\x1b[31m"));
}

QTEST_GUILESS_MAIN(TestHostileText)
#include "tst_hostiletext.moc"
