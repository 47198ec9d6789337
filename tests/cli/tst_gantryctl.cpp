// gantryctl end to end, as a user or a CI job runs it: the real binary in a process of its own,
// with a HOME, Docker config and containers auth files of its own (never the machine's), against
// real distribution registries, with skopeo as the witness of what landed.
#include "tests/support/ctlsandbox.h"
#include "tests/support/imagefixture.h"
#include "tests/support/skopeo.h"
#include "tests/support/testregistry.h"
#include "tests/support/tokenserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace gantry::test;

namespace {

// Distinctive, so that finding them in any output is proof of a leak and nothing else.
const QString basicUser = QStringLiteral("e2e-user");
const QString basicPassword = QStringLiteral("Pw-basic-7f3a9c1e");
const QString tokenUser = QStringLiteral("e2e-token-user");
const QString tokenPassword = QStringLiteral("Pw-token-4d8b2e6a");
const QString wrongPassword = QStringLiteral("Pw-wrong-0b5e7d13");

QByteArray basicAuthField(const QString& user, const QString& password)
{
    return (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

int countRequests(const QList<AccessLogEntry>& log, const QString& method, const QString& pathPart = {})
{
    return static_cast<int>(std::count_if(log.begin(), log.end(),
        [&](const AccessLogEntry& entry) { return entry.method == method && entry.path.contains(pathPart); }));
}

QString describeLog(const QList<AccessLogEntry>& log)
{
    QStringList lines;
    for (const auto& entry : log)
        lines << QStringLiteral("%1 %2 %3").arg(entry.method, entry.path).arg(entry.status);
    return lines.join(QLatin1Char('\n'));
}

// Answers the test's token registry with its credentials and records who asked, as
// docker-credential-helpers do (`get`, the server on stdin, JSON on stdout).
QByteArray credentialHelperScript(const QString& host, const QString& user, const QString& password)
{
    return QStringLiteral(R"(#!/bin/sh
[ "$1" = get ] || { echo "unexpected action: $1" >&2; exit 2; }
read -r server || true
printf '%s\n' "$server" >> "$(dirname "$0")/asked.log"
if [ "$server" = "%1" ]; then
    printf '{"ServerURL":"%s","Username":"%2","Secret":"%3"}\n' "$server"
else
    echo "credentials not found in native keychain"
    exit 1
fi
)")
        .arg(host, user, password)
        .toUtf8();
}

} // namespace

class TestGantryctl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void usage_data();
    void usage();
    void registryCommandsStartWithoutQt();
    void aMissingReleaseModuleIsAClearError();
    void malformedInput_data();
    void malformedInput();

    void tagsListsSortedTagsWithTheirDigests();
    void tagsOfMissingRepositoryFails();
    void inspectReportsDigestPlatformsAndCreation_data();
    void inspectReportsDigestPlatformsAndCreation();
    void copyWithinRegistryMountsEveryBlob();
    void copyAcrossRegistriesCopiesEveryBlob();
    void copyToRepositoryWithoutTagKeepsSourceTag();
    void tagAddsTagWithoutMovingBlobs();
    void deleteByTagIsRefusedAndNeverWidened();
    void deleteByDigestRemovesEveryTag();
    void deleteOfMissingTagSaysItIsMissing();

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
    // Runs gantryctl in the main sandbox and remembers the output, for the leak check.
    CtlRun run(const QStringList& arguments) { return runIn(m_sandbox, arguments); }
    CtlRun runIn(const Sandbox& sandbox, const QStringList& arguments);
    static void verifyNoSecret(const CtlRun& run);
    QString at(const TestRegistry& registry, const QString& pathAndTag) const
    {
        return registry.host() + QLatin1Char('/') + pathAndTag;
    }

    TestRegistry m_plain { TestRegistry::Mode::Plain };
    TestRegistry m_other { TestRegistry::Mode::Plain };
    TestRegistry m_basicTls { TestRegistry::Options {
        .mode = TestRegistry::Mode::BasicTls, .username = basicUser, .password = basicPassword } };
    TestRegistry m_token { TestRegistry::Options {
        .mode = TestRegistry::Mode::Token, .username = tokenUser, .password = tokenPassword } };
    // CA of m_basicTls installed, its password in config.json, a credential helper for m_token.
    Sandbox m_sandbox;
};

CtlRun TestGantryctl::runIn(const Sandbox& sandbox, const QStringList& arguments)
{
    CtlRun result = sandbox.run(arguments);
    // Whatever the test, no run ever shows a secret.
    verifyNoSecret(result);
    return result;
}

void TestGantryctl::verifyNoSecret(const CtlRun& run)
{
    const QByteArray output = run.out + run.err;
    for (const QByteArray& secret : { basicPassword.toUtf8(), tokenPassword.toUtf8(), wrongPassword.toUtf8(),
             basicAuthField(basicUser, basicPassword), basicAuthField(basicUser, wrongPassword),
             basicAuthField(tokenUser, tokenPassword) }) {
        if (output.contains(secret))
            QFAIL(qPrintable(QStringLiteral("a secret is in the output of ") + run.describe()));
    }
}

void TestGantryctl::initTestCase()
{
    const QString program = qEnvironmentVariable("GANTRYCTL");
    QVERIFY2(!program.isEmpty(), "GANTRYCTL is not set: run this test through CTest");
    QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QStringLiteral(" is not an executable")));
    QVERIFY(m_sandbox.isValid());

    for (TestRegistry* registry : { &m_plain, &m_other, &m_basicTls, &m_token })
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

// ---------------------------------------------------------------------------------------------
// Usage and bad input: exit 2, one line on stderr, nothing on stdout, no request made.

void TestGantryctl::usage_data()
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

void TestGantryctl::usage()
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

void TestGantryctl::malformedInput_data()
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

void TestGantryctl::malformedInput()
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

// ---------------------------------------------------------------------------------------------
// Registry commands against a plain-HTTP loopback registry.

void TestGantryctl::tagsListsSortedTagsWithTheirDigests()
{
    ImageFixture fixture(m_plain);
    const QString repository = QStringLiteral("listing/app");
    QMap<QString, QString> digests;
    QMap<QString, QString> mediaTypes;
    // Pushed out of order; 1.2.0 and 1.2.0-stable share a digest (same spec, same bytes).
    const QList<std::pair<QString, quint64>> pushes { { QStringLiteral("1.2.0"), 11 }, { QStringLiteral("latest"), 12 },
        { QStringLiteral("1.10.0"), 13 }, { QStringLiteral("1.2.0-stable"), 11 }, { QStringLiteral("0.9"), 14 } };
    for (const auto& [tag, seed] : pushes) {
        ImageSpec spec;
        spec.seed = seed;
        spec.format = seed == 13 ? ImageSpec::Format::DockerV2 : ImageSpec::Format::Oci;
        auto image = fixture.push(repository, tag, spec);
        QVERIFY2(image, why(image));
        digests[tag] = image->digest;
        mediaTypes[tag] = image->mediaType;
    }
    QCOMPARE(digests.value(QStringLiteral("1.2.0")), digests.value(QStringLiteral("1.2.0-stable")));
    QStringList sorted = digests.keys();
    std::sort(sorted.begin(), sorted.end());

    const CtlRun text = run({ QStringLiteral("tags"), at(m_plain, repository) });
    QVERIFY2(text.finished && text.exitCode == 0, qPrintable(text.describe()));
    QCOMPARE(text.outLines(), sorted);
    QVERIFY(text.out.endsWith('\n'));
    QVERIFY2(text.err.isEmpty(), qPrintable(text.describe()));

    const CtlRun json = run({ QStringLiteral("--json"), QStringLiteral("tags"), at(m_plain, repository) });
    QVERIFY2(json.finished && json.exitCode == 0, qPrintable(json.describe()));
    QVERIFY2(json.err.isEmpty(), qPrintable(json.describe()));
    QVERIFY2(json.json().isArray(), qPrintable(json.describe()));
    const QJsonArray array = json.json().array();
    QCOMPARE(array.size(), sorted.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject entry = array.at(i).toObject();
        const QString tag = sorted.at(i);
        QCOMPARE(entry.value(QStringLiteral("tag")).toString(), tag);
        QCOMPARE(entry.value(QStringLiteral("digest")).toString(), digests.value(tag));
        QCOMPARE(entry.value(QStringLiteral("mediaType")).toString(), mediaTypes.value(tag));
    }
}

void TestGantryctl::tagsOfMissingRepositoryFails()
{
    const QString repository = at(m_plain, QStringLiteral("nobody/pushed-here"));
    for (const QStringList& arguments : { QStringList { QStringLiteral("tags"), repository },
             QStringList { QStringLiteral("--json"), QStringLiteral("tags"), repository } }) {
        const CtlRun result = run(arguments);
        QVERIFY2(result.finished && result.exitCode == 1, qPrintable(result.describe()));
        QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
        QVERIFY2(result.errIsOneLine(), qPrintable(result.describe()));
        QVERIFY2(result.err.startsWith("gantryctl tags: "), qPrintable(result.describe()));
        QVERIFY2(result.errText().contains(QStringLiteral("nobody/pushed-here")), qPrintable(result.describe()));
    }
}

void TestGantryctl::inspectReportsDigestPlatformsAndCreation_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QStringList>("platforms");
    QTest::addColumn<QDateTime>("created"); // in the image configs
    QTest::addColumn<QString>("annotation"); // org.opencontainers.image.created on the top manifest
    QTest::addColumn<QVariant>("expectedCreated"); // string, or null
    QTest::addColumn<quint64>("seed");

    const QDateTime may6 = QDateTime::fromString(QStringLiteral("2024-05-06T12:30:00Z"), Qt::ISODate);
    const QStringList two { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8") };
    QTest::newRow("oci image, config created") << int(ImageSpec::Format::Oci) << QStringList() << may6 << QString()
                                               << QVariant(QStringLiteral("2024-05-06T12:30:00Z")) << quint64(201);
    QTest::newRow("docker image, annotation with offset")
        << int(ImageSpec::Format::DockerV2) << QStringList() << may6 << QStringLiteral("2023-01-15T23:45:10+02:00")
        << QVariant(QStringLiteral("2023-01-15T21:45:10Z")) << quint64(202);
    QTest::newRow("oci image, no creation time")
        << int(ImageSpec::Format::Oci) << QStringList() << QDateTime() << QString() << QVariant() << quint64(203);
    QTest::newRow("oci index of two") << int(ImageSpec::Format::Oci) << two << may6 << QString()
                                      << QVariant(QStringLiteral("2024-05-06T12:30:00Z")) << quint64(204);
    QTest::newRow("docker manifest list, annotation")
        << int(ImageSpec::Format::DockerV2)
        << QStringList { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64") } << QDateTime()
        << QStringLiteral("2022-12-31T22:00:00-05:00") << QVariant(QStringLiteral("2023-01-01T03:00:00Z"))
        << quint64(205);
}

void TestGantryctl::inspectReportsDigestPlatformsAndCreation()
{
    QFETCH(int, format);
    QFETCH(QStringList, platforms);
    QFETCH(QDateTime, created);
    QFETCH(QString, annotation);
    QFETCH(QVariant, expectedCreated);
    QFETCH(quint64, seed);

    ImageSpec spec;
    spec.format = static_cast<ImageSpec::Format>(format);
    spec.platforms = platforms;
    spec.created = created;
    spec.layerCount = 2;
    spec.seed = seed;
    if (!annotation.isEmpty())
        spec.annotations.insert(QStringLiteral("org.opencontainers.image.created"), annotation);
    const QString repository = QStringLiteral("inspect/app");
    const QString tag = QStringLiteral("v") + QString::number(spec.seed);
    auto image = ImageFixture(m_plain).push(repository, tag, spec);
    QVERIFY2(image, why(image));

    const QString reference = at(m_plain, repository + QLatin1Char(':') + tag);
    const CtlRun result = run({ QStringLiteral("--json"), QStringLiteral("inspect"), reference });
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.err.isEmpty(), qPrintable(result.describe()));
    const QJsonObject details = result.json().object();
    QVERIFY2(!details.isEmpty(), qPrintable(result.describe()));
    QCOMPARE(details.value(QStringLiteral("reference")).toString(), reference);
    QCOMPARE(details.value(QStringLiteral("digest")).toString(), image->digest);
    QCOMPARE(details.value(QStringLiteral("mediaType")).toString(), image->mediaType);
    QCOMPARE(details.value(QStringLiteral("size")).toInteger(), image->totalSize);

    const QJsonArray listed = details.value(QStringLiteral("platforms")).toArray();
    if (platforms.isEmpty()) {
        QCOMPARE(listed.size(), 1);
        const QJsonObject only = listed.at(0).toObject();
        QCOMPARE(only.value(QStringLiteral("platform")).toString(), QStringLiteral("linux/amd64"));
        QCOMPARE(only.value(QStringLiteral("digest")).toString(), image->digest);
        QCOMPARE(only.value(QStringLiteral("size")).toInteger(), image->totalSize);
    } else {
        QCOMPARE(listed.size(), platforms.size());
        qint64 childSizes = 0;
        for (qsizetype i = 0; i < platforms.size(); ++i) {
            const QJsonObject platform = listed.at(i).toObject();
            QCOMPARE(platform.value(QStringLiteral("platform")).toString(), platforms.at(i));
            QCOMPARE(platform.value(QStringLiteral("digest")).toString(), image->childDigests.at(i));
            QVERIFY(platform.value(QStringLiteral("size")).toInteger() > spec.layerCount * spec.layerSize);
            childSizes += platform.value(QStringLiteral("size")).toInteger();
        }
        // Children share no blob here: the whole is the index plus its children.
        QCOMPARE(childSizes + image->manifest.size(), image->totalSize);
    }

    const QJsonValue createdValue = details.value(QStringLiteral("created"));
    QVERIFY2(details.contains(QStringLiteral("created")), qPrintable(result.describe()));
    if (expectedCreated.isNull()) {
        QVERIFY2(createdValue.isNull(), qPrintable(result.describe()));
    } else {
        static const QRegularExpression isoUtc(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$"));
        QVERIFY2(isoUtc.match(createdValue.toString()).hasMatch(), qPrintable(result.describe()));
        QCOMPARE(createdValue.toString(), expectedCreated.toString());
    }

    // By digest, the same image; the text form names the digest too.
    const QString pinned = at(m_plain, repository + QLatin1Char('@') + image->digest);
    const CtlRun byDigest = run({ QStringLiteral("inspect"), pinned });
    QVERIFY2(byDigest.finished && byDigest.exitCode == 0, qPrintable(byDigest.describe()));
    QVERIFY2(byDigest.outText().contains(QStringLiteral("Digest:     ") + image->digest + QLatin1Char('\n')),
        qPrintable(byDigest.describe()));
    QVERIFY2(byDigest.outText().contains(QStringLiteral("Media type: ") + image->mediaType + QLatin1Char('\n')),
        qPrintable(byDigest.describe()));
}

void TestGantryctl::copyWithinRegistryMountsEveryBlob()
{
    ImageSpec spec;
    spec.layerCount = 2;
    spec.layerSize = 64 * 1024;
    spec.seed = 301;
    auto image = ImageFixture(m_plain).push(QStringLiteral("stage/fast-feedback"), QStringLiteral("1.2.3"), spec);
    QVERIFY2(image, why(image));
    QCOMPARE(image->blobDigests.size(), 3);

    const QString source = at(m_plain, QStringLiteral("stage/fast-feedback:1.2.3"));
    const QString destination = at(m_plain, QStringLiteral("stage/prod:1.2.3"));
    m_plain.clearAccessLog();
    const CtlRun first = run({ QStringLiteral("--json"), QStringLiteral("copy"), source, destination });
    QVERIFY2(first.finished && first.exitCode == 0, qPrintable(first.describe()));
    QVERIFY2(first.err.isEmpty(), qPrintable(first.describe()));
    const QJsonObject report = first.json().object();
    QCOMPARE(report.value(QStringLiteral("source")).toString(), source);
    QCOMPARE(report.value(QStringLiteral("destination")).toString(), destination);
    QCOMPARE(report.value(QStringLiteral("digest")).toString(), image->digest);
    QCOMPARE(report.value(QStringLiteral("mediaType")).toString(), image->mediaType);
    QCOMPARE(report.value(QStringLiteral("alreadyPresent")), QJsonValue(false));
    QCOMPARE(report.value(QStringLiteral("blobsMounted")).toInt(-1), 3);
    QCOMPARE(report.value(QStringLiteral("blobsCopied")).toInt(-1), 0);
    QCOMPARE(report.value(QStringLiteral("blobsSkipped")).toInt(-1), 0);
    QCOMPARE(report.value(QStringLiteral("bytesCopied")).toInt(-1), 0);
    QCOMPARE(report.value(QStringLiteral("manifestsWritten")).toInt(-1), 1);
    const auto log = m_plain.accessLog();
    QVERIFY2(countRequests(log, QStringLiteral("POST"), QStringLiteral("mount=")) == 3, qPrintable(describeLog(log)));
    QVERIFY2(countRequests(log, QStringLiteral("GET"), QStringLiteral("/blobs/")) == 0, qPrintable(describeLog(log)));

    const auto landed = Skopeo(m_plain).digestOf(QStringLiteral("stage/prod:1.2.3"));
    QVERIFY2(landed, why(landed));
    QCOMPARE(*landed, image->digest);

    // Again: nothing to do, nothing written.
    m_plain.clearAccessLog();
    const CtlRun again = run({ QStringLiteral("--json"), QStringLiteral("copy"), source, destination });
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    const QJsonObject second = again.json().object();
    QCOMPARE(second.value(QStringLiteral("alreadyPresent")), QJsonValue(true));
    QCOMPARE(second.value(QStringLiteral("digest")).toString(), image->digest);
    QCOMPARE(second.value(QStringLiteral("manifestsWritten")).toInt(-1), 0);
    QCOMPARE(second.value(QStringLiteral("blobsMounted")).toInt(-1), 0);
    const auto noopLog = m_plain.accessLog();
    QVERIFY2(countRequests(noopLog, QStringLiteral("PUT")) + countRequests(noopLog, QStringLiteral("POST")) == 0,
        qPrintable(describeLog(noopLog)));

    // The text form says so in one line.
    const CtlRun text = run({ QStringLiteral("copy"), source, destination });
    QVERIFY2(text.finished && text.exitCode == 0, qPrintable(text.describe()));
    QCOMPARE(text.outLines().size(), 1);
    QVERIFY2(text.outText().contains(QStringLiteral("nothing to do")), qPrintable(text.describe()));
}

void TestGantryctl::copyAcrossRegistriesCopiesEveryBlob()
{
    ImageSpec spec;
    spec.platforms = QStringList { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8") };
    spec.layerCount = 2;
    spec.layerSize = 32 * 1024;
    spec.seed = 311;
    auto image = ImageFixture(m_plain).push(QStringLiteral("multi/app"), QStringLiteral("2.0.0"), spec);
    QVERIFY2(image, why(image));
    QCOMPARE(image->blobDigests.size(), 6);

    const QString source = at(m_plain, QStringLiteral("multi/app:2.0.0"));
    const QString destination = at(m_other, QStringLiteral("promoted/app:2.0.0"));
    const CtlRun first = run({ QStringLiteral("--json"), QStringLiteral("copy"), source, destination });
    QVERIFY2(first.finished && first.exitCode == 0, qPrintable(first.describe()));
    QVERIFY2(first.err.isEmpty(), qPrintable(first.describe()));
    const QJsonObject report = first.json().object();
    QCOMPARE(report.value(QStringLiteral("digest")).toString(), image->digest);
    QCOMPARE(report.value(QStringLiteral("destination")).toString(), destination);
    QCOMPARE(report.value(QStringLiteral("alreadyPresent")), QJsonValue(false));
    QCOMPARE(report.value(QStringLiteral("blobsMounted")).toInt(-1), 0);
    QCOMPARE(report.value(QStringLiteral("blobsCopied")).toInt(-1), 6);
    QCOMPARE(report.value(QStringLiteral("blobsSkipped")).toInt(-1), 0);
    QCOMPARE(report.value(QStringLiteral("manifestsWritten")).toInt(-1), 3);
    const qint64 bytesCopied = report.value(QStringLiteral("bytesCopied")).toInteger(-1);
    QVERIFY2(bytesCopied >= 4 * spec.layerSize && bytesCopied < image->totalSize, qPrintable(first.describe()));

    Skopeo witness(m_other);
    const auto raw = witness.inspectRaw(QStringLiteral("promoted/app:2.0.0"));
    QVERIFY2(raw, why(raw));
    QCOMPARE(*raw, image->manifest);
    for (const QString& child : image->childDigests) {
        const auto exists = witness.exists(QStringLiteral("promoted/app@") + child);
        QVERIFY2(exists && *exists, qPrintable(child));
    }

    const CtlRun again = run({ QStringLiteral("--json"), QStringLiteral("copy"), source, destination });
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    QCOMPARE(again.json().object().value(QStringLiteral("alreadyPresent")), QJsonValue(true));
    QCOMPARE(again.json().object().value(QStringLiteral("blobsCopied")).toInt(-1), 0);
}

void TestGantryctl::copyToRepositoryWithoutTagKeepsSourceTag()
{
    ImageSpec spec;
    spec.seed = 321;
    auto image = ImageFixture(m_plain).push(QStringLiteral("keep/ff"), QStringLiteral("4.5.6"), spec);
    QVERIFY2(image, why(image));
    const QString source = at(m_plain, QStringLiteral("keep/ff:4.5.6"));

    // Same registry and another registry: both keep 4.5.6, neither writes latest.
    for (TestRegistry* target : { &m_plain, &m_other }) {
        const CtlRun result = run(
            { QStringLiteral("--json"), QStringLiteral("copy"), source, at(*target, QStringLiteral("keep/prod")) });
        QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
        QCOMPARE(result.json().object().value(QStringLiteral("destination")).toString(),
            at(*target, QStringLiteral("keep/prod:4.5.6")));
        const auto tags = Skopeo(*target).listTags(QStringLiteral("keep/prod"));
        QVERIFY2(tags, why(tags));
        QCOMPARE(*tags, QStringList { QStringLiteral("4.5.6") });
        const auto digest = Skopeo(*target).digestOf(QStringLiteral("keep/prod:4.5.6"));
        QVERIFY2(digest, why(digest));
        QCOMPARE(*digest, image->digest);
    }

    // An explicit tag is honoured.
    const CtlRun explicitTag = run({ QStringLiteral("copy"), source, at(m_plain, QStringLiteral("keep/explicit:rc")) });
    QVERIFY2(explicitTag.finished && explicitTag.exitCode == 0, qPrintable(explicitTag.describe()));
    const auto tags = Skopeo(m_plain).listTags(QStringLiteral("keep/explicit"));
    QVERIFY2(tags, why(tags));
    QCOMPARE(*tags, QStringList { QStringLiteral("rc") });
}

void TestGantryctl::tagAddsTagWithoutMovingBlobs()
{
    ImageSpec spec;
    spec.seed = 331;
    spec.layerCount = 2;
    auto image = ImageFixture(m_plain).push(QStringLiteral("tagging/app"), QStringLiteral("2.0.0"), spec);
    QVERIFY2(image, why(image));
    const QString source = at(m_plain, QStringLiteral("tagging/app:2.0.0"));

    m_plain.clearAccessLog();
    const CtlRun first
        = run({ QStringLiteral("--json"), QStringLiteral("tag"), source, QStringLiteral("2.0.0-stable") });
    QVERIFY2(first.finished && first.exitCode == 0, qPrintable(first.describe()));
    QVERIFY2(first.err.isEmpty(), qPrintable(first.describe()));
    const QJsonObject report = first.json().object();
    QCOMPARE(
        report.value(QStringLiteral("reference")).toString(), at(m_plain, QStringLiteral("tagging/app:2.0.0-stable")));
    QCOMPARE(report.value(QStringLiteral("digest")).toString(), image->digest);
    QCOMPARE(report.value(QStringLiteral("alreadyPresent")), QJsonValue(false));
    const auto log = m_plain.accessLog();
    QVERIFY2(countRequests(log, QStringLiteral("PUT"), QStringLiteral("/manifests/2.0.0-stable")) == 1,
        qPrintable(describeLog(log)));
    QVERIFY2(countRequests(log, QStringLiteral("POST")) + countRequests(log, QStringLiteral("PATCH"))
                + countRequests(log, QStringLiteral("GET"), QStringLiteral("/blobs/"))
            == 0,
        qPrintable(describeLog(log)));

    const auto stable = Skopeo(m_plain).digestOf(QStringLiteral("tagging/app:2.0.0-stable"));
    QVERIFY2(stable, why(stable));
    QCOMPARE(*stable, image->digest);

    // Re-tagging is a no-op: no write.
    m_plain.clearAccessLog();
    const CtlRun again
        = run({ QStringLiteral("--json"), QStringLiteral("tag"), source, QStringLiteral("2.0.0-stable") });
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    QCOMPARE(again.json().object().value(QStringLiteral("alreadyPresent")), QJsonValue(true));
    QCOMPARE(again.json().object().value(QStringLiteral("digest")).toString(), image->digest);
    const auto noopLog = m_plain.accessLog();
    QVERIFY2(countRequests(noopLog, QStringLiteral("PUT")) == 0, qPrintable(describeLog(noopLog)));

    const auto tags = Skopeo(m_plain).listTags(QStringLiteral("tagging/app"));
    QVERIFY2(tags, why(tags));
    QCOMPARE(*tags, (QStringList { QStringLiteral("2.0.0"), QStringLiteral("2.0.0-stable") }));
}

void TestGantryctl::deleteByTagIsRefusedAndNeverWidened()
{
    ImageSpec spec;
    spec.seed = 341;
    auto image = ImageFixture(m_plain).push(QStringLiteral("deletion/tag"), QStringLiteral("1.0.0"), spec);
    QVERIFY2(image, why(image));

    m_plain.clearAccessLog();
    const CtlRun result = run({ QStringLiteral("delete"), at(m_plain, QStringLiteral("deletion/tag:1.0.0")) });
    QVERIFY2(result.finished && result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.errIsOneLine(), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(
                 QStringLiteral("gantryctl delete ") + at(m_plain, QStringLiteral("deletion/tag@")) + image->digest),
        qPrintable(result.describe()));

    // Never widened: no DELETE by digest was sent, and the tag is still there.
    const auto log = m_plain.accessLog();
    QVERIFY2(
        countRequests(log, QStringLiteral("DELETE"), QStringLiteral("sha256:")) == 0, qPrintable(describeLog(log)));
    const auto exists = Skopeo(m_plain).exists(QStringLiteral("deletion/tag:1.0.0"));
    QVERIFY2(exists, why(exists));
    QVERIFY(*exists);
}

void TestGantryctl::deleteByDigestRemovesEveryTag()
{
    ImageFixture fixture(m_plain);
    ImageSpec spec;
    spec.seed = 351;
    auto image = fixture.push(QStringLiteral("deletion/digest"), QStringLiteral("1.0.0"), spec);
    QVERIFY2(image, why(image));
    auto sameBytes = fixture.push(QStringLiteral("deletion/digest"), QStringLiteral("1.0.0-stable"), spec);
    QVERIFY2(sameBytes, why(sameBytes));
    QCOMPARE(sameBytes->digest, image->digest);
    ImageSpec otherSpec;
    otherSpec.seed = 352;
    auto other = fixture.push(QStringLiteral("deletion/digest"), QStringLiteral("2.0.0"), otherSpec);
    QVERIFY2(other, why(other));

    const CtlRun result
        = run({ QStringLiteral("delete"), at(m_plain, QStringLiteral("deletion/digest@")) + image->digest });
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.err.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.outText().contains(image->digest), qPrintable(result.describe()));
    QVERIFY2(result.outText().contains(QStringLiteral("every tag")), qPrintable(result.describe()));

    Skopeo witness(m_plain);
    for (const QString& gone :
        { QStringLiteral("deletion/digest:1.0.0"), QStringLiteral("deletion/digest:1.0.0-stable") }) {
        const auto exists = witness.exists(gone);
        QVERIFY2(exists, why(exists));
        QVERIFY2(!*exists, qPrintable(gone));
    }
    const auto tags = witness.listTags(QStringLiteral("deletion/digest"));
    QVERIFY2(tags, why(tags));
    QCOMPARE(*tags, QStringList { QStringLiteral("2.0.0") });

    // The last image gone too: the repository lists no tags (distribution says "tags": null).
    const CtlRun last
        = run({ QStringLiteral("delete"), at(m_plain, QStringLiteral("deletion/digest@")) + other->digest });
    QVERIFY2(last.finished && last.exitCode == 0, qPrintable(last.describe()));
    const CtlRun none = run({ QStringLiteral("tags"), at(m_plain, QStringLiteral("deletion/digest")) });
    QVERIFY2(
        none.finished && none.exitCode == 0 && none.out.isEmpty() && none.err.isEmpty(), qPrintable(none.describe()));
    const CtlRun noneJson
        = run({ QStringLiteral("--json"), QStringLiteral("tags"), at(m_plain, QStringLiteral("deletion/digest")) });
    QVERIFY2(noneJson.finished && noneJson.exitCode == 0, qPrintable(noneJson.describe()));
    QVERIFY2(noneJson.json().isArray() && noneJson.json().array().isEmpty(), qPrintable(noneJson.describe()));

    // Deleting it again: it is not there, exit 1 and one line.
    const CtlRun again
        = run({ QStringLiteral("delete"), at(m_plain, QStringLiteral("deletion/digest@")) + image->digest });
    QVERIFY2(again.finished && again.exitCode == 1, qPrintable(again.describe()));
    QVERIFY2(again.errIsOneLine(), qPrintable(again.describe()));
    QVERIFY2(again.out.isEmpty(), qPrintable(again.describe()));
}

void TestGantryctl::deleteOfMissingTagSaysItIsMissing()
{
    ImageSpec spec;
    spec.seed = 361;
    auto image = ImageFixture(m_plain).push(QStringLiteral("deletion/missing"), QStringLiteral("1.0.0"), spec);
    QVERIFY2(image, why(image));

    m_plain.clearAccessLog();
    const CtlRun result
        = run({ QStringLiteral("delete"), at(m_plain, QStringLiteral("deletion/missing:no-such-tag")) });
    QVERIFY2(result.finished && result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.errIsOneLine(), qPrintable(result.describe()));
    QVERIFY2(result.errText().contains(QStringLiteral("no-such-tag")), qPrintable(result.describe()));
    const auto log = m_plain.accessLog();
    QVERIFY2(
        countRequests(log, QStringLiteral("DELETE"), QStringLiteral("sha256:")) == 0, qPrintable(describeLog(log)));
    const auto tags = Skopeo(m_plain).listTags(QStringLiteral("deletion/missing"));
    QVERIFY2(tags, why(tags));
    QCOMPARE(*tags, QStringList { QStringLiteral("1.0.0") });
    // distribution answers any tag DELETE with 400 DIGEST_INVALID; a missing tag must be named as missing.
    QVERIFY2(!result.errText().contains(QStringLiteral("alone"))
            && (result.errText().contains(QStringLiteral("not found"))
                || result.errText().contains(QStringLiteral("does not exist"))
                || result.errText().contains(QStringLiteral("no tag"))),
        qPrintable(result.describe()));
}

// ---------------------------------------------------------------------------------------------
// The release module: Qt is loaded only for the commands that need it.

void TestGantryctl::registryCommandsStartWithoutQt()
{
    const auto librariesOf = [](const QString& file) {
        QProcess ldd;
        ldd.start(QStringLiteral("ldd"), { file });
        return ldd.waitForFinished(10000) && ldd.exitCode() == 0 ? ldd.readAllStandardOutput() : QByteArray();
    };
    const QString program = qEnvironmentVariable("GANTRYCTL");
    const QByteArray gantryctl = librariesOf(program);
    QVERIFY2(gantryctl.contains("libcurl"), gantryctl.constData());
    QVERIFY2(!gantryctl.contains("libQt6"), gantryctl.constData());
    const QString module = QFileInfo(program).dir().filePath(QStringLiteral("gantryctl-release.so"));
    const QByteArray release = librariesOf(module);
    QVERIFY2(release.contains("libQt6Sql"), qPrintable(module + QLatin1Char('\n') + QString::fromUtf8(release)));
}

void TestGantryctl::aMissingReleaseModuleIsAClearError()
{
    QTemporaryDir elsewhere;
    const QString lonely = elsewhere.filePath(QStringLiteral("gantryctl"));
    QVERIFY(QFile::copy(qEnvironmentVariable("GANTRYCTL"), lonely));
    QVERIFY(QFile::setPermissions(lonely, QFileDevice::ReadOwner | QFileDevice::ExeOwner));

    const CtlRun release = m_sandbox.run({ QStringLiteral("workspace"), QStringLiteral("check") }, lonely);
    QVERIFY2(release.finished && release.exitCode == 1, qPrintable(release.describe()));
    QVERIFY2(release.out.isEmpty(), qPrintable(release.describe()));
    QVERIFY2(release.errText().contains(QStringLiteral("cannot load its release commands"))
            && release.errText().contains(QStringLiteral("gantryctl-release.so")),
        qPrintable(release.describe()));

    // The registry commands do not need it.
    auto image = ImageFixture(m_plain).push(QStringLiteral("alone/app"), QStringLiteral("1.0.0"), {});
    QVERIFY2(image, why(image));
    const CtlRun tags = m_sandbox.run({ QStringLiteral("tags"), at(m_plain, QStringLiteral("alone/app")) }, lonely);
    QVERIFY2(tags.finished && tags.exitCode == 0, qPrintable(tags.describe()));
    QCOMPARE(tags.outLines(), QStringList { QStringLiteral("1.0.0") });
}

// ---------------------------------------------------------------------------------------------
// Credentials and TLS.

void TestGantryctl::basicAuthOverTlsWithDockerConfig()
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

void TestGantryctl::credentialsFromEveryAuthFile_data()
{
    QTest::addColumn<QString>("file"); // relative to the sandbox HOME, which every variable points into

    QTest::newRow("$DOCKER_CONFIG/config.json") << QStringLiteral(".docker/config.json");
    QTest::newRow("$REGISTRY_AUTH_FILE") << QStringLiteral("auth.json");
    QTest::newRow("$XDG_RUNTIME_DIR/containers/auth.json") << QStringLiteral("run/containers/auth.json");
    QTest::newRow("$XDG_CONFIG_HOME/containers/auth.json") << QStringLiteral(".config/containers/auth.json");
}

void TestGantryctl::credentialsFromEveryAuthFile()
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

void TestGantryctl::wrongPasswordFailsWithoutLeakingIt()
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

void TestGantryctl::missingCredentialsTellToLogIn()
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

void TestGantryctl::tokenAuthWithCredentialHelper()
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

void TestGantryctl::tokenRegistryWithoutCredentialsTellsToLogIn_data()
{
    QTest::addColumn<bool>("withHelper");
    QTest::newRow("no config at all") << false;
    QTest::newRow("helper that does not know the registry") << true;
}

void TestGantryctl::tokenRegistryWithoutCredentialsTellsToLogIn()
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

void TestGantryctl::untrustedCertificateFailsWithoutHttpFallback()
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

QTEST_GUILESS_MAIN(TestGantryctl)
#include "tst_gantryctl.moc"
