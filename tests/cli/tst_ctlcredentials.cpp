// Credentials and TLS: every place users keep them, no secret in any output.
// gantryctl end to end, as a user or a CI job runs it: the real binary in a process of its own,
// in a sandbox of its own (tests/cli/ctlkit.h), against real distribution registries.
#include "tests/cli/ctlkit.h"
#include "tests/support/imagefixture.h"
#include "tests/support/skopeo.h"
#include "tests/support/tokenserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <algorithm>

using namespace gantry::test;
using namespace gantry::test::ctl;

class TestCtlCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void basicAuthOverTlsWithDockerConfig();
    void credentialsFromEveryAuthFile_data();
    void credentialsFromEveryAuthFile();
    void wrongPasswordFailsWithoutLeakingIt();
    void missingCredentialsTellToLogIn();
    void tokenAuthWithCredentialHelper();
    void tokenRegistryWithoutCredentialsTellsToLogIn_data();
    void tokenRegistryWithoutCredentialsTellsToLogIn();
    void untrustedCertificateFailsWithoutHttpFallback();

private:
    // Runs gantryctl in the main sandbox, checking its output for secrets.
    CtlRun run(const QStringList& arguments) { return runChecked(m_sandbox, arguments); }
    CtlRun runIn(const Sandbox& sandbox, const QStringList& arguments) { return runChecked(sandbox, arguments); }

    TestRegistry m_plain { TestRegistry::Mode::Plain };
    TestRegistry m_basicTls { TestRegistry::Options {
        .mode = TestRegistry::Mode::BasicTls, .username = basicUser, .password = basicPassword } };
    TestRegistry m_token { TestRegistry::Options {
        .mode = TestRegistry::Mode::Token, .username = tokenUser, .password = tokenPassword } };
    // CA of m_basicTls installed, its password in config.json, a credential helper for m_token.
    Sandbox m_sandbox;
};

void TestCtlCredentials::initTestCase()
{
    QVERIFY2(gantryctlProblem().isEmpty(), qPrintable(gantryctlProblem()));
    QVERIFY(m_sandbox.isValid());
    for (TestRegistry* registry : { &m_plain, &m_basicTls, &m_token })
        QVERIFY2(registry->start(), qPrintable(registry->errorString()));

    QVERIFY(m_sandbox.installCa(m_basicTls));
    QVERIFY(m_sandbox.addCredentialHelper(
        QStringLiteral("gantry-e2e"), credentialHelperScript(m_token.host(), tokenUser, tokenPassword)));
    QVERIFY(m_sandbox.writeDockerConfig(QJsonObject {
        { QStringLiteral("auths"),
            QJsonObject { { m_basicTls.host(),
                QJsonObject {
                    { QStringLiteral("auth"), QString::fromLatin1(basicAuthField(basicUser, basicPassword)) } } } } },
        { QStringLiteral("credHelpers"), QJsonObject { { m_token.host(), QStringLiteral("gantry-e2e") } } },
    }));
}

void TestCtlCredentials::basicAuthOverTlsWithDockerConfig()
{
    ImageSpec spec;
    spec.seed = 401;
    auto image = ImageFixture(m_basicTls).push(QStringLiteral("secure/app"), QStringLiteral("1.0.0"), spec);
    QVERIFY2(image, why(image));

    // The credentials were sent once challenged: a run meets at most one 401 for each question it
    // asks before it has heard from the registry (a copy asks for both manifests at once), and
    // nothing else is refused (but the HEAD or read that finds the destination tag absent).
    const auto challengesIn = [](const QList<AccessLogEntry>& log) {
        return std::count_if(log.begin(), log.end(), [](const AccessLogEntry& entry) { return entry.status == 401; });
    };
    const auto refusalsIn = [](const QList<AccessLogEntry>& log) {
        return std::count_if(log.begin(), log.end(), [](const AccessLogEntry& entry) {
            return entry.status >= 400 && entry.status != 401
                && !(entry.method == QStringLiteral("HEAD") && entry.status == 404)
                // A copy reads the destination's manifest (not a HEAD) before deciding to write.
                && !(entry.method == QStringLiteral("GET") && entry.status == 404
                    && entry.path.contains(QStringLiteral("/manifests/")));
        });
    };

    m_basicTls.clearAccessLog();
    const CtlRun tags = run({ QStringLiteral("tags"), at(m_basicTls, QStringLiteral("secure/app")) });
    QVERIFY2(tags.finished && tags.exitCode == 0, qPrintable(tags.describe()));
    QCOMPARE(tags.outLines(), QStringList { QStringLiteral("1.0.0") });
    auto log = m_basicTls.accessLog();
    QVERIFY2(challengesIn(log) == 1 && refusalsIn(log) == 0, qPrintable(describeLog(log)));

    m_basicTls.clearAccessLog();
    const CtlRun inspect = run(
        { QStringLiteral("--json"), QStringLiteral("inspect"), at(m_basicTls, QStringLiteral("secure/app:1.0.0")) });
    QVERIFY2(inspect.finished && inspect.exitCode == 0, qPrintable(inspect.describe()));
    QCOMPARE(inspect.json().object().value(QStringLiteral("digest")).toString(), image->digest);
    log = m_basicTls.accessLog();
    QVERIFY2(challengesIn(log) == 1 && refusalsIn(log) == 0, qPrintable(describeLog(log)));

    m_basicTls.clearAccessLog();
    const CtlRun copy = run({ QStringLiteral("--json"), QStringLiteral("copy"),
        at(m_basicTls, QStringLiteral("secure/app:1.0.0")), at(m_basicTls, QStringLiteral("secure/prod")) });
    QVERIFY2(copy.finished && copy.exitCode == 0, qPrintable(copy.describe()));
    QCOMPARE(copy.json().object().value(QStringLiteral("blobsMounted")).toInt(-1), image->blobDigests.size());
    log = m_basicTls.accessLog();
    QVERIFY2(challengesIn(log) >= 1 && challengesIn(log) <= 2 && refusalsIn(log) == 0, qPrintable(describeLog(log)));
    QVERIFY2(countRequests(log, QStringLiteral("PUT"), QStringLiteral("/manifests/1.0.0")) == 1,
        qPrintable(describeLog(log)));

    const auto landed = Skopeo(m_basicTls).digestOf(QStringLiteral("secure/prod:1.0.0"));
    QVERIFY2(landed, why(landed));
    QCOMPARE(*landed, image->digest);
}

void TestCtlCredentials::credentialsFromEveryAuthFile_data()
{
    QTest::addColumn<QString>("file"); // relative to the sandbox HOME, which every variable points into

    QTest::newRow("$DOCKER_CONFIG/config.json") << QStringLiteral(".docker/config.json");
    QTest::newRow("$REGISTRY_AUTH_FILE") << QStringLiteral("auth.json");
    QTest::newRow("$XDG_RUNTIME_DIR/containers/auth.json") << QStringLiteral("run/containers/auth.json");
    QTest::newRow("$XDG_CONFIG_HOME/containers/auth.json") << QStringLiteral(".config/containers/auth.json");
}

void TestCtlCredentials::credentialsFromEveryAuthFile()
{
    QFETCH(QString, file);

    ImageSpec spec;
    spec.seed = 411;
    auto image = ImageFixture(m_basicTls).push(QStringLiteral("sources/app"), QStringLiteral("3.0.0"), spec);
    QVERIFY2(image, why(image));

    Sandbox sandbox;
    QVERIFY(sandbox.installCa(m_basicTls));
    QVERIFY(sandbox.writeJson(file,
        QJsonObject { { QStringLiteral("auths"),
            QJsonObject { { m_basicTls.host(),
                QJsonObject { { QStringLiteral("auth"),
                    QString::fromLatin1(basicAuthField(basicUser, basicPassword)) } } } } } }));
    const CtlRun result = runIn(
        sandbox, { QStringLiteral("--json"), QStringLiteral("tags"), at(m_basicTls, QStringLiteral("sources/app")) });
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    const QJsonArray tags = result.json().array();
    QCOMPARE(tags.size(), 1);
    QCOMPARE(tags.at(0).toObject().value(QStringLiteral("digest")).toString(), image->digest);
}

void TestCtlCredentials::wrongPasswordFailsWithoutLeakingIt()
{
    Sandbox sandbox;
    QVERIFY(sandbox.installCa(m_basicTls));
    QVERIFY(sandbox.writeDockerConfig(QJsonObject { { QStringLiteral("auths"),
        QJsonObject { { m_basicTls.host(),
            QJsonObject {
                { QStringLiteral("auth"), QString::fromLatin1(basicAuthField(basicUser, wrongPassword)) } } } } } }));
    for (const QStringList& arguments :
        { QStringList { QStringLiteral("tags"), at(m_basicTls, QStringLiteral("secure/app")) },
            QStringList { QStringLiteral("--json"), QStringLiteral("inspect"),
                at(m_basicTls, QStringLiteral("secure/app:1.0.0")) },
            QStringList { QStringLiteral("copy"), at(m_basicTls, QStringLiteral("secure/app:1.0.0")),
                at(m_basicTls, QStringLiteral("secure/other")) } }) {
        const CtlRun result = runIn(sandbox, arguments);
        QVERIFY2(result.finished && result.exitCode == 1, qPrintable(result.describe()));
        QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
        QVERIFY2(result.errIsOneLine(), qPrintable(result.describe()));
        QVERIFY2(result.errText().contains(QStringLiteral("rejected")), qPrintable(result.describe()));
        QVERIFY2(result.errText().contains(m_basicTls.host()), qPrintable(result.describe()));
        QVERIFY2(!result.errText().contains(basicUser + QLatin1Char(':')), qPrintable(result.describe()));
    }
}

void TestCtlCredentials::missingCredentialsTellToLogIn()
{
    Sandbox sandbox; // the CA, but no config.json and no auth.json at all
    QVERIFY(sandbox.installCa(m_basicTls));
    const CtlRun result = runIn(sandbox, { QStringLiteral("tags"), at(m_basicTls, QStringLiteral("secure/app")) });
    QVERIFY2(result.finished && result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.errIsOneLine(), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QStringLiteral("log in")), qPrintable(result.describe()));
    QVERIFY2(
        result.errText().contains(QStringLiteral("docker login ") + m_basicTls.host()), qPrintable(result.describe()));

    // The same with a config.json that knows other registries only.
    QVERIFY(sandbox.writeDockerConfig(QJsonObject { { QStringLiteral("auths"),
        QJsonObject { { m_plain.host(),
            QJsonObject {
                { QStringLiteral("auth"), QString::fromLatin1(basicAuthField(basicUser, basicPassword)) } } } } } }));
    const CtlRun inspect
        = runIn(sandbox, { QStringLiteral("inspect"), at(m_basicTls, QStringLiteral("secure/app:1.0.0")) });
    QVERIFY2(inspect.finished && inspect.exitCode == 1, qPrintable(inspect.describe()));
    QVERIFY2(inspect.errIsOneLine(), qPrintable(inspect.describe()));
    QVERIFY2(inspect.errText().contains(QStringLiteral("log in")), qPrintable(inspect.describe()));
}

void TestCtlCredentials::tokenAuthWithCredentialHelper()
{
    ImageSpec spec;
    spec.seed = 421;
    spec.layerCount = 2;
    auto image = ImageFixture(m_token).push(QStringLiteral("tokens/app"), QStringLiteral("5.0.0"), spec);
    QVERIFY2(image, why(image));
    QFile::remove(m_sandbox.path(QStringLiteral("bin/asked.log")));
    m_token.tokenServer()->resetCounters();

    const CtlRun tags
        = run({ QStringLiteral("--json"), QStringLiteral("tags"), at(m_token, QStringLiteral("tokens/app")) });
    QVERIFY2(tags.finished && tags.exitCode == 0, qPrintable(tags.describe()));
    QCOMPARE(tags.json().array().size(), 1);
    QCOMPARE(tags.json().array().at(0).toObject().value(QStringLiteral("digest")).toString(), image->digest);

    const CtlRun copy = run({ QStringLiteral("--json"), QStringLiteral("copy"),
        at(m_token, QStringLiteral("tokens/app:5.0.0")), at(m_token, QStringLiteral("tokens/prod")) });
    QVERIFY2(copy.finished && copy.exitCode == 0, qPrintable(copy.describe()));
    QCOMPARE(copy.json().object().value(QStringLiteral("blobsMounted")).toInt(-1), 3);
    const auto landed = Skopeo(m_token).digestOf(QStringLiteral("tokens/prod:5.0.0"));
    QVERIFY2(landed, why(landed));
    QCOMPARE(*landed, image->digest);

    // The helper was asked for this registry, and the token service saw its credentials.
    QFile asked(m_sandbox.path(QStringLiteral("bin/asked.log")));
    QVERIFY2(asked.open(QIODevice::ReadOnly), "the credential helper was never run");
    const QStringList hosts = QString::fromUtf8(asked.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!hosts.isEmpty());
    for (const QString& host : hosts)
        QCOMPARE(host, m_token.host());
    const auto requests = m_token.tokenServer()->requests();
    QVERIFY(!requests.isEmpty());
    for (const auto& request : requests) {
        QCOMPARE(request.status, 200);
        QVERIFY2(request.grant != QStringLiteral("anonymous"), qPrintable(request.grant));
    }
}

void TestCtlCredentials::tokenRegistryWithoutCredentialsTellsToLogIn_data()
{
    QTest::addColumn<bool>("withHelper");
    QTest::newRow("no config at all") << false;
    QTest::newRow("helper that does not know the registry") << true;
}

void TestCtlCredentials::tokenRegistryWithoutCredentialsTellsToLogIn()
{
    QFETCH(bool, withHelper);
    auto image = ImageFixture(m_token).push(QStringLiteral("tokens/private"), QStringLiteral("1.0.0"), {});
    QVERIFY2(image, why(image));

    Sandbox sandbox;
    if (withHelper) {
        QVERIFY(sandbox.addCredentialHelper(QStringLiteral("gantry-e2e"),
            credentialHelperScript(QStringLiteral("elsewhere.example"), tokenUser, tokenPassword)));
        QVERIFY(sandbox.writeDockerConfig(QJsonObject {
            { QStringLiteral("credHelpers"), QJsonObject { { m_token.host(), QStringLiteral("gantry-e2e") } } } }));
    }
    const CtlRun refused = runIn(sandbox, { QStringLiteral("tags"), at(m_token, QStringLiteral("tokens/private")) });
    QVERIFY2(refused.finished && refused.exitCode == 1, qPrintable(refused.describe()));
    QVERIFY2(refused.out.isEmpty(), qPrintable(refused.describe()));
    QVERIFY2(refused.errIsOneLine(), qPrintable(refused.describe()));
    QVERIFY2(refused.errText().contains(m_token.host()), qPrintable(refused.describe()));
    // The token service hands an anonymous caller a token without access (as Docker Hub does for
    // a private repository); the registry's 401 to it means "log in", and must say so.
    QVERIFY2(refused.errText().contains(QStringLiteral("log in")), qPrintable(refused.describe()));
}

void TestCtlCredentials::untrustedCertificateFailsWithoutHttpFallback()
{
    Sandbox sandbox; // the right password, but no CA
    QVERIFY(sandbox.writeDockerConfig(QJsonObject { { QStringLiteral("auths"),
        QJsonObject { { m_basicTls.host(),
            QJsonObject {
                { QStringLiteral("auth"), QString::fromLatin1(basicAuthField(basicUser, basicPassword)) } } } } } }));
    m_basicTls.clearAccessLog();
    for (const QStringList& arguments :
        { QStringList { QStringLiteral("tags"), at(m_basicTls, QStringLiteral("secure/app")) },
            QStringList { QStringLiteral("--json"), QStringLiteral("inspect"),
                at(m_basicTls, QStringLiteral("secure/app:1.0.0")) } }) {
        const CtlRun result = runIn(sandbox, arguments);
        QVERIFY2(result.finished && result.exitCode == 1, qPrintable(result.describe()));
        QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
        QVERIFY2(result.errIsOneLine(), qPrintable(result.describe()));
        QVERIFY2(result.errText().contains(QStringLiteral("certificate")), qPrintable(result.describe()));
        QVERIFY2(result.errText().contains(m_basicTls.host()), qPrintable(result.describe()));
        QVERIFY2(!result.errText().contains(QStringLiteral("http://")), qPrintable(result.describe()));
    }
    // Not one request reached the registry: no plain-HTTP retry, no credentials sent.
    const auto log = m_basicTls.accessLog();
    QVERIFY2(log.isEmpty(), qPrintable(describeLog(log)));
}

QTEST_GUILESS_MAIN(TestCtlCredentials)
#include "tst_ctlcredentials.moc"
