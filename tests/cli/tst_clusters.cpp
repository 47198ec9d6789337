// gantryctl certs and clusters end to end: real TLS endpoints on loopback (`openssl s_server`) serving
// certificates with chosen dates, a kubeconfig written here (inline data and file paths, sites from
// the gantry extension), endpoints that refuse, never answer or speak plain HTTP, and the `runs`
// resolution against a real registry.
#include "tests/support/ctlsandbox.h"
#include "tests/support/imagefixture.h"
#include "tests/support/loopbackhttpserver.h"
#include "tests/support/opensslserver.h"
#include "tests/support/silentendpoints.h"
#include "tests/support/testpki.h"
#include "tests/support/testregistry.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <map>
#include <memory>

using namespace gantry::test;

class TestClusters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reportsEveryClusterExactly();
    void failOnLevels();
    void rollsUpSitesAndResolvesWhatRuns();
    void malformedKubeconfigNamesItsLine();

private:
    CtlRun ctl(QStringList arguments);
    QJsonObject clusterNamed(const QJsonArray& clusters, const QString& name) const;
    void writeKubeconfig(const QString& file, const QStringList& contexts);

    QDateTime m_now;
    TestPki m_pki;
    std::map<QString, IssuedCertificate> m_certificates;
    std::map<QString, std::unique_ptr<OpenSslServer>> m_servers;
    std::map<QString, quint16> m_ports;
    std::unique_ptr<ClosedPort> m_closed;
    std::unique_ptr<SilentListener> m_silent;
    std::unique_ptr<LoopbackHttpServer> m_plainHttp;
    TestRegistry m_registry;
    Sandbox m_sandbox;
};

namespace {

const QByteArray secretToken = "Tk-cluster-9e41b7c2d0";

QByteArray base64Of(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().toBase64() : QByteArray();
}

QString iso(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace

CtlRun TestClusters::ctl(QStringList arguments)
{
    CtlRun run = m_sandbox.run(arguments);
    // The kubeconfig's token and key never show, whatever the command does.
    if (run.out.contains(secretToken) || run.err.contains(secretToken) || run.out.contains("PRIVATE KEY"))
        qFatal("gantryctl printed a credential from the kubeconfig");
    return run;
}

QJsonObject TestClusters::clusterNamed(const QJsonArray& clusters, const QString& name) const
{
    for (const auto& value : clusters) {
        if (value[QStringLiteral("cluster")].toString() == name)
            return value.toObject();
    }
    return {};
}

void TestClusters::initTestCase()
{
    QVERIFY2(m_pki.isValid(), qPrintable(m_pki.errorString()));
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    m_now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    // An hour beyond the whole days, so that "days left" does not depend on how long the test takes.
    const auto lasting = [&](int fromDays, int toDays) {
        return std::pair { m_now.addDays(fromDays), m_now.addDays(toDays).addSecs(3600) };
    };
    const auto issue = [&](const QString& name, std::pair<QDateTime, QDateTime> validity) {
        m_certificates[name] = m_pki.issue(name, TestPki::defaultSubjectAltNames(), validity.first, validity.second);
    };
    issue(QStringLiteral("five-days"), lasting(-85, 5));
    issue(QStringLiteral("twenty-five-days"), lasting(-65, 25));
    issue(QStringLiteral("eighty-days"), lasting(-10, 80));
    issue(QStringLiteral("expired"), lasting(-100, -10));
    issue(QStringLiteral("client"), lasting(-20, 70));
    m_certificates[QStringLiteral("self-signed")] = m_pki.selfSigned(QStringLiteral("self-signed"),
        TestPki::defaultSubjectAltNames(), m_now.addDays(-1), m_now.addDays(60).addSecs(3600));
    for (const auto& [name, certificate] : m_certificates) {
        QVERIFY2(!certificate.isNull(), qPrintable(m_pki.errorString()));
        if (name == QStringLiteral("client"))
            continue;
        auto server = std::make_unique<OpenSslServer>(certificate);
        QVERIFY2(server->start(), qPrintable(server->errorString()));
        m_ports[name] = server->port();
        m_servers[name] = std::move(server);
    }
    m_closed = std::make_unique<ClosedPort>();
    m_silent = std::make_unique<SilentListener>();
    m_plainHttp = std::make_unique<LoopbackHttpServer>([](const ServedRequest&) {
        return ServedResponse { 200, {}, "hello" };
    });
    m_plainHttp->setAnswersNonHttp(true);
    QVERIFY(m_closed->isValid() && m_silent->isListening() && m_plainHttp->start());
    m_ports[QStringLiteral("refused")] = m_closed->port();
    m_ports[QStringLiteral("silent")] = m_silent->port();
    m_ports[QStringLiteral("plain-http")] = m_plainHttp->port();
    QVERIFY(QFile::copy(m_pki.caCertificatePath(), m_sandbox.path(QStringLiteral("ca.crt"))));
}

// Contexts: "name" or "name@site", the name being a served certificate or an unreachable kind.
void TestClusters::writeKubeconfig(const QString& file, const QStringList& contexts)
{
    QByteArray yaml = "apiVersion: v1\nkind: Config\nclusters:\n";
    for (const QString& spec : contexts) {
        const QString name = spec.section(QLatin1Char('@'), 0, 0);
        yaml += "- name: " + name.toUtf8()
            + "\n  cluster:\n    server: https://127.0.0.1:" + QByteArray::number(m_ports.at(name)) + "\n";
        // Inline CA data for one, a relative file path for the others; none for the self-signed one.
        if (name == QStringLiteral("five-days"))
            yaml += "    certificate-authority-data: " + base64Of(m_pki.caCertificatePath()) + "\n";
        else if (name != QStringLiteral("self-signed"))
            yaml += "    certificate-authority: ca.crt\n";
    }
    yaml += "users:\n- name: admin\n  user:\n    client-certificate-data: "
        + base64Of(m_certificates.at(QStringLiteral("client")).certificatePath)
        + "\n    client-key-data: " + base64Of(m_certificates.at(QStringLiteral("client")).keyPath)
        + "\n- name: robot\n  user:\n    token: " + secretToken + "\ncontexts:\n";
    for (const QString& spec : contexts) {
        const QString name = spec.section(QLatin1Char('@'), 0, 0);
        const QString site = spec.section(QLatin1Char('@'), 1, 1);
        yaml += "- name: " + name.toUtf8() + "\n  context:\n    cluster: " + name.toUtf8()
            + "\n    user: " + (name == QStringLiteral("five-days") ? "admin" : "robot") + "\n";
        if (!site.isEmpty()) {
            yaml += "    extensions:\n    - name: gantry\n      extension:\n        site: " + site.toUtf8()
                + "\n        environment: training\n";
        }
    }
    QVERIFY(m_sandbox.writeFile(file, yaml));
}

void TestClusters::reportsEveryClusterExactly()
{
    writeKubeconfig(QStringLiteral("kubeconfig"),
        { QStringLiteral("five-days@site-a"), QStringLiteral("eighty-days@site-a"),
            QStringLiteral("twenty-five-days@site-b"), QStringLiteral("expired@site-c"), QStringLiteral("self-signed"),
            QStringLiteral("refused@site-d"), QStringLiteral("silent@site-d"), QStringLiteral("plain-http@site-d") });
    QElapsedTimer timer;
    timer.start();
    const CtlRun run = ctl({ QStringLiteral("--json"), QStringLiteral("certs"), QStringLiteral("--kubeconfig"),
        m_sandbox.path(QStringLiteral("kubeconfig")) });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonArray clusters = run.json().array();
    QCOMPARE(clusters.size(), 8);

    struct Expected
    {
        const char* name;
        const char* status;
        int daysLeft;
        bool trusted;
    };
    for (const Expected& expected : { Expected { "five-days", "critical", 5, true },
             Expected { "eighty-days", "ok", 80, true }, Expected { "twenty-five-days", "warning", 25, true },
             Expected { "expired", "expired", -10, false }, Expected { "self-signed", "ok", 60, false } }) {
        const QJsonObject cluster = clusterNamed(clusters, QString::fromLatin1(expected.name));
        QVERIFY2(!cluster.isEmpty(), expected.name);
        QCOMPARE(cluster[QStringLiteral("status")].toString(), QString::fromLatin1(expected.status));
        QCOMPARE(cluster[QStringLiteral("daysLeft")].toInt(), expected.daysLeft);
        QCOMPARE(cluster[QStringLiteral("trusted")].toBool(), expected.trusted);
        QCOMPARE(cluster[QStringLiteral("notAfter")].toString(),
            iso(m_certificates.at(QString::fromLatin1(expected.name)).notAfter));
        QVERIFY(cluster[QStringLiteral("error")].isNull());
        QCOMPARE(cluster[QStringLiteral("server")].toString(),
            QStringLiteral("https://127.0.0.1:%1").arg(m_ports.at(QString::fromLatin1(expected.name))));
        QVERIFY(!cluster[QStringLiteral("issuer")].toString().isEmpty());
    }
    // The client certificate's date comes from the kubeconfig, for the context that uses it.
    const QJsonObject fiveDays = clusterNamed(clusters, QStringLiteral("five-days"));
    QCOMPARE(fiveDays[QStringLiteral("clientCertNotAfter")].toString(),
        iso(m_certificates.at(QStringLiteral("client")).notAfter));
    QCOMPARE(fiveDays[QStringLiteral("site")].toString(), QStringLiteral("site-a"));
    QCOMPARE(fiveDays[QStringLiteral("environment")].toString(), QStringLiteral("training"));
    QVERIFY(clusterNamed(clusters, QStringLiteral("eighty-days"))[QStringLiteral("clientCertNotAfter")].isNull());
    QVERIFY(clusterNamed(clusters, QStringLiteral("self-signed"))[QStringLiteral("site")].isNull());

    for (const auto& [name, words] : { std::pair { "refused", "refused" }, std::pair { "silent", "handshake" },
             std::pair { "plain-http", "TLS" } }) {
        const QJsonObject cluster = clusterNamed(clusters, QString::fromLatin1(name));
        QCOMPARE(cluster[QStringLiteral("status")].toString(), QStringLiteral("unreachable"));
        QVERIFY2(cluster[QStringLiteral("error")].toString().contains(QLatin1String(words)),
            qPrintable(cluster[QStringLiteral("error")].toString()));
        QVERIFY(cluster[QStringLiteral("notAfter")].isNull());
    }
    // Probed at once: the silent one's timeout (3 s) bounds the whole run, not the sum.
    QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));

    // The table says the same for people.
    const CtlRun table = ctl(
        { QStringLiteral("certs"), QStringLiteral("--kubeconfig"), m_sandbox.path(QStringLiteral("kubeconfig")) });
    QVERIFY2(table.exitCode == 0 && table.out.contains("five-days") && table.out.contains("critical"),
        qPrintable(table.describe()));
}

void TestClusters::failOnLevels()
{
    writeKubeconfig(QStringLiteral("healthy"), { QStringLiteral("eighty-days") });
    writeKubeconfig(QStringLiteral("warning"), { QStringLiteral("eighty-days"), QStringLiteral("twenty-five-days") });
    const auto statusOf = [&](const char* file, const char* level) {
        QStringList arguments { QStringLiteral("certs"), QStringLiteral("--kubeconfig"),
            m_sandbox.path(QString::fromLatin1(file)) };
        if (*level)
            arguments << QStringLiteral("--fail-on") << QString::fromLatin1(level);
        return ctl(arguments).exitCode;
    };
    QCOMPARE(statusOf("healthy", "warning"), 0);
    QCOMPARE(statusOf("warning", ""), 0);
    QCOMPARE(statusOf("warning", "warning"), 1);
    QCOMPARE(statusOf("warning", "critical"), 0);
    QCOMPARE(statusOf("healthy", "sometimes"), 2);
}

void TestClusters::rollsUpSitesAndResolvesWhatRuns()
{
    const QString repository = QStringLiteral("app/prod");
    const auto pushed = [&](const QString& tag, quint64 seed) {
        ImageSpec spec;
        spec.seed = seed;
        auto image = ImageFixture(m_registry).push(repository, tag, spec);
        return image ? image->digest : QString();
    };
    const QString release = pushed(QStringLiteral("2.2.4"), 1);
    QCOMPARE(pushed(QStringLiteral("prod"), 1), release);
    QVERIFY(!pushed(QStringLiteral("canary"), 2).isEmpty()); // no version tag there
    writeKubeconfig(QStringLiteral("sites"),
        { QStringLiteral("five-days@site-a"), QStringLiteral("eighty-days@site-a"), QStringLiteral("refused@site-d"),
            QStringLiteral("silent@site-d") });
    const QString image = m_registry.host() + QLatin1Char('/') + repository;
    const QJsonObject workspace {
        { QStringLiteral("registries"),
            QJsonArray { QJsonObject {
                { QStringLiteral("name"), QStringLiteral("local") }, { QStringLiteral("url"), m_registry.host() } } } },
        // Releases stay; anything else only while it is the newest, and nobody knows the push times here.
        { QStringLiteral("retentionPolicies"),
            QJsonObject { { QStringLiteral("releases"),
                QJsonObject { { QStringLiteral("rules"),
                    QJsonArray { QJsonObject { { QStringLiteral("keep"), QStringLiteral("always") },
                                     { QStringLiteral("tags"), QStringLiteral("2\\.2\\.4") } },
                        QJsonObject { { QStringLiteral("keep"), QStringLiteral("latest") },
                            { QStringLiteral("count"), 1 } } } } } } } },
        { QStringLiteral("pipelines"),
            QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("app") },
                { QStringLiteral("stages"),
                    QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("prod") },
                        { QStringLiteral("registry"), QStringLiteral("local") },
                        { QStringLiteral("repository"), repository },
                        { QStringLiteral("retention"), QStringLiteral("releases") },
                        { QStringLiteral("floatingTags"),
                            QJsonArray { QStringLiteral("prod"), QStringLiteral("canary") } } } } } } } },
        // The workspace names what runs where; a workspace cluster and a context of one name are one cluster.
        { QStringLiteral("clusters"),
            QJsonArray {
                QJsonObject { { QStringLiteral("name"), QStringLiteral("eighty-days") },
                    { QStringLiteral("server"),
                        QStringLiteral("https://127.0.0.1:%1").arg(m_ports.at(QStringLiteral("eighty-days"))) },
                    { QStringLiteral("image"), image + QStringLiteral(":prod") } },
                QJsonObject { { QStringLiteral("name"), QStringLiteral("five-days") },
                    { QStringLiteral("server"),
                        QStringLiteral("https://127.0.0.1:%1").arg(m_ports.at(QStringLiteral("five-days"))) },
                    { QStringLiteral("image"), image + QStringLiteral(":9.9.9") } },
                QJsonObject { { QStringLiteral("name"), QStringLiteral("canary") },
                    { QStringLiteral("site"), QStringLiteral("site-e") },
                    { QStringLiteral("server"),
                        QStringLiteral("https://127.0.0.1:%1").arg(m_ports.at(QStringLiteral("eighty-days"))) },
                    { QStringLiteral("ca"), QStringLiteral("ca.crt") },
                    { QStringLiteral("image"), image + QStringLiteral(":canary") } } } },
    };
    QVERIFY(m_sandbox.writeJson(QStringLiteral("ws.json"), workspace));
    const CtlRun run
        = ctl({ QStringLiteral("--json"), QStringLiteral("--workspace"), m_sandbox.path(QStringLiteral("ws.json")),
            QStringLiteral("--journal"), m_sandbox.path(QStringLiteral("journal.sqlite")), QStringLiteral("clusters"),
            QStringLiteral("--kubeconfig"), m_sandbox.path(QStringLiteral("sites")) });
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonObject report = run.json().object();

    std::map<QString, QJsonObject> sites;
    for (const auto& value : report[QStringLiteral("sites")].toArray())
        sites[value[QStringLiteral("site")].toString()] = value.toObject();
    QCOMPARE(sites[QStringLiteral("site-a")][QStringLiteral("worst")].toString(), QStringLiteral("critical"));
    QCOMPARE(sites[QStringLiteral("site-a")][QStringLiteral("atRisk")].toBool(), false); // eighty-days still serves
    QCOMPARE(sites[QStringLiteral("site-d")][QStringLiteral("worst")].toString(), QStringLiteral("unreachable"));
    QCOMPARE(sites[QStringLiteral("site-d")][QStringLiteral("atRisk")].toBool(), true);

    const QJsonArray clusters = report[QStringLiteral("clusters")].toArray();
    const QJsonObject runsProd
        = clusterNamed(clusters, QStringLiteral("eighty-days"))[QStringLiteral("runs")].toObject();
    QCOMPARE(runsProd[QStringLiteral("digest")].toString(), release);
    QCOMPARE(runsProd[QStringLiteral("versions")].toArray(), QJsonArray { QStringLiteral("2.2.4") });
    QCOMPARE(runsProd[QStringLiteral("flags")].toArray().size(), 0);
    // Site and environment come from the kubeconfig when the workspace does not say.
    QCOMPARE(clusterNamed(clusters, QStringLiteral("eighty-days"))[QStringLiteral("site")].toString(),
        QStringLiteral("site-a"));

    const QJsonObject runsMissing
        = clusterNamed(clusters, QStringLiteral("five-days"))[QStringLiteral("runs")].toObject();
    QVERIFY(runsMissing[QStringLiteral("digest")].isNull());
    QVERIFY2(runsMissing[QStringLiteral("flags")].toArray().first().toString().contains(
                 QStringLiteral("runs 9.9.9, which prod does not have")),
        QJsonDocument(runsMissing).toJson().constData());

    const QJsonObject runsCanary = clusterNamed(clusters, QStringLiteral("canary"))[QStringLiteral("runs")].toObject();
    QCOMPARE(runsCanary[QStringLiteral("versions")].toArray().size(), 0);
    QVERIFY2(runsCanary[QStringLiteral("flags")].toArray().first().toString().contains(
                 QStringLiteral("canary points at no version tag")),
        QJsonDocument(runsCanary).toJson().constData());
    // Its artifact is kept only while the newest, which nobody can tell: a cluster may lose its image.
    QVERIFY2(runsCanary[QStringLiteral("flags")].toArray().last().toString().startsWith(
                 QStringLiteral("retention may delete it")),
        QJsonDocument(runsCanary).toJson().constData());
    QCOMPARE(runsCanary[QStringLiteral("retention")].toString(), QStringLiteral("unknown"));
    QCOMPARE(runsProd[QStringLiteral("retention")].toString(), QStringLiteral("keptForever"));
    QCOMPARE(
        clusterNamed(clusters, QStringLiteral("canary"))[QStringLiteral("trusted")].toBool(), true); // the workspace CA
}

void TestClusters::malformedKubeconfigNamesItsLine()
{
    QVERIFY(m_sandbox.writeFile(
        QStringLiteral("broken"), "apiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster: [unclosed\n"));
    const CtlRun run
        = ctl({ QStringLiteral("certs"), QStringLiteral("--kubeconfig"), m_sandbox.path(QStringLiteral("broken")) });
    QVERIFY2(run.exitCode == 2 && run.err.contains("line "), qPrintable(run.describe()));
    const CtlRun missing
        = ctl({ QStringLiteral("certs"), QStringLiteral("--kubeconfig"), m_sandbox.path(QStringLiteral("nowhere")) });
    QVERIFY2(missing.exitCode == 2 && missing.err.contains("nowhere"), qPrintable(missing.describe()));
}

QTEST_GUILESS_MAIN(TestClusters)
#include "tst_clusters.moc"
