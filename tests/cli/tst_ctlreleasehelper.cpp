// gantryctl-release, the helper gantryctl execs for the commands that need Qt: Qt is loaded only
// for them. The real binaries in processes of their own, in a sandbox (tests/cli/ctlkit.h).
#include "tests/cli/ctlkit.h"
#include "tests/support/imagefixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace gantry::test;
using namespace gantry::test::ctl;

class TestCtlReleaseHelper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void registryCommandsStartWithoutQt();
    void aMissingReleaseHelperIsAClearError();
    void theHelperHasTheSameCommands();

private:
    // Runs gantryctl in the main sandbox, checking its output for secrets.
    CtlRun run(const QStringList& arguments) { return runChecked(m_sandbox, arguments); }

    TestRegistry m_plain { TestRegistry::Mode::Plain };
    Sandbox m_sandbox;

    // Beside gantryctl in the build tree.
    static QString releaseHelper()
    {
        return QFileInfo(qEnvironmentVariable("GANTRYCTL")).dir().filePath(QStringLiteral("gantryctl-release"));
    }
};

void TestCtlReleaseHelper::initTestCase()
{
    QVERIFY2(gantryctlProblem().isEmpty(), qPrintable(gantryctlProblem()));
    QVERIFY(m_sandbox.isValid());
    QVERIFY2(m_plain.start(), qPrintable(m_plain.errorString()));
}

void TestCtlReleaseHelper::registryCommandsStartWithoutQt()
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
    const QString helper = releaseHelper();
    const QByteArray release = librariesOf(helper);
    QVERIFY2(release.contains("libQt6Sql"), qPrintable(helper + QLatin1Char('\n') + QString::fromUtf8(release)));
}

void TestCtlReleaseHelper::aMissingReleaseHelperIsAClearError()
{
    QTemporaryDir elsewhere;
    const QString lonely = elsewhere.filePath(QStringLiteral("gantryctl"));
    QVERIFY(QFile::copy(qEnvironmentVariable("GANTRYCTL"), lonely));
    QVERIFY(QFile::setPermissions(lonely, QFileDevice::ReadOwner | QFileDevice::ExeOwner));

    const CtlRun release = m_sandbox.run({ QStringLiteral("workspace"), QStringLiteral("check") }, lonely);
    QVERIFY2(release.finished && release.exitCode == 1, qPrintable(release.describe()));
    QVERIFY2(release.out.isEmpty(), qPrintable(release.describe()));
    QVERIFY2(release.errText().contains(QStringLiteral("cannot run its release commands"))
            && release.errText().contains(QStringLiteral("/gantryctl-release)")),
        qPrintable(release.describe()));

    // The registry commands do not need it.
    auto image = ImageFixture(m_plain).push(QStringLiteral("alone/app"), QStringLiteral("1.0.0"), {});
    QVERIFY2(image, why(image));
    const CtlRun tags = m_sandbox.run({ QStringLiteral("tags"), at(m_plain, QStringLiteral("alone/app")) }, lonely);
    QVERIFY2(tags.finished && tags.exitCode == 0, qPrintable(tags.describe()));
    QCOMPARE(tags.outLines(), QStringList { QStringLiteral("1.0.0") });
}

// Both executables derive their command line from one table: the same help, the same refusals,
// and the helper runs gantryctl's own commands too.
void TestCtlReleaseHelper::theHelperHasTheSameCommands()
{
    QVERIFY2(QFileInfo(releaseHelper()).isExecutable(), qPrintable(releaseHelper()));
    for (const QStringList& arguments : { QStringList { QStringLiteral("--help") },
             QStringList {
                 QStringLiteral("promote"), QStringLiteral("--apply"), QStringLiteral("p"), QStringLiteral("1") },
             QStringList { QStringLiteral("frobnicate") } }) {
        const CtlRun gantryctl = m_sandbox.run(arguments);
        const CtlRun helper = m_sandbox.run(arguments, releaseHelper());
        QVERIFY2(gantryctl.finished && helper.finished, qPrintable(helper.describe()));
        QCOMPARE(helper.exitCode, gantryctl.exitCode);
        QCOMPARE(helper.out, gantryctl.out);
        QCOMPARE(helper.err, gantryctl.err);
    }
    auto image = ImageFixture(m_plain).push(QStringLiteral("helper/app"), QStringLiteral("2.0.0"), {});
    QVERIFY2(image, why(image));
    const CtlRun tags
        = m_sandbox.run({ QStringLiteral("tags"), at(m_plain, QStringLiteral("helper/app")) }, releaseHelper());
    QVERIFY2(tags.finished && tags.exitCode == 0, qPrintable(tags.describe()));
    QCOMPARE(tags.outLines(), QStringList { QStringLiteral("2.0.0") });
}

QTEST_GUILESS_MAIN(TestCtlReleaseHelper)
#include "tst_ctlreleasehelper.moc"
