// `gantry --screenshot FILE --page NAME` as the app runs it: a real dashboard over a real registry,
// the window rendered once the first refresh has landed, one PNG per page; an unknown page is an error.
#include "model/dashboard/dashboard.h"
#include "model/workspace/workspaceloader.h"
#include "tests/support/environmentoverride.h"
#include "tests/support/imagefixture.h"
#include "tests/support/testregistry.h"
#include "ui/mainwindow.h"
#include "ui/screenshot.h"

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gantry;
using namespace gantry::test;

class TestScreenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyPageRendersAfterTheFirstRefresh_data();
    void everyPageRendersAfterTheFirstRefresh();
    void anUnknownPageIsAnError();

private:
    // Runs one screenshot as the app does; returns the error ("" when written).
    QString capture(const QString& file, const QString& page);

    TestRegistry m_registry;
    QTemporaryDir m_scratch;
    std::unique_ptr<EnvironmentOverride> m_dockerConfig;
    std::unique_ptr<EnvironmentOverride> m_settings;
};

void TestScreenshot::initTestCase()
{
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    m_dockerConfig = std::make_unique<EnvironmentOverride>("DOCKER_CONFIG", m_scratch.path().toUtf8());
    m_settings = std::make_unique<EnvironmentOverride>("XDG_CONFIG_HOME", m_scratch.path().toUtf8());
    auto pushed = ImageFixture(m_registry).push(QStringLiteral("shot/ff"), QStringLiteral("1.2.3"));
    QVERIFY2(pushed, why(pushed));
}

QString TestScreenshot::capture(const QString& file, const QString& page)
{
    const std::string text = R"({ "registries": [ { "name": "r", "url": ")" + m_registry.host().toStdString()
        + R"(" } ], "pipelines": [ { "name": "shot", "stages": [
          { "name": "ff", "registry": "r", "repository": "shot/ff" },
          { "name": "prod", "registry": "r", "repository": "shot/prod" } ] } ] })";
    auto workspace = model::parseWorkspace(text, "shot.json");
    if (!workspace)
        return QString::fromStdString(workspace.error().message);
    model::Dashboard dashboard(*workspace, m_scratch.filePath(QStringLiteral("journal.sqlite")).toStdString(), {});
    ui::MainWindow window(dashboard);
    ui::Screenshot screenshot(window, dashboard, file, page);
    QSignalSpy finished(&screenshot, &ui::Screenshot::finished);
    window.show();
    dashboard.refresh();
    if (!finished.wait(60000))
        return QStringLiteral("no screenshot within a minute");
    return finished[0][0].toString();
}

void TestScreenshot::everyPageRendersAfterTheFirstRefresh_data()
{
    QTest::addColumn<QString>("page");
    for (const auto& page : ui::MainWindow::pageNames())
        QTest::newRow(qPrintable(page)) << page;
}

void TestScreenshot::everyPageRendersAfterTheFirstRefresh()
{
    QFETCH(QString, page);
    const auto file = m_scratch.filePath(page + QStringLiteral(".png"));
    QCOMPARE(capture(file, page), QString());
    const QImage picture(file);
    QVERIFY(!picture.isNull());
    QVERIFY(picture.width() >= 800 && picture.height() >= 500);
    // Not a blank window: the page drew something in more than a handful of colours.
    QSet<QRgb> colours;
    for (int y = 0; y < picture.height(); y += 7) {
        for (int x = 0; x < picture.width(); x += 7)
            colours.insert(picture.pixel(x, y));
    }
    QVERIFY(colours.size() > 5);
}

void TestScreenshot::anUnknownPageIsAnError()
{
    const auto file = m_scratch.filePath(QStringLiteral("nowhere.png"));
    QVERIFY(capture(file, QStringLiteral("nowhere")).contains(QStringLiteral("no page named nowhere")));
    QVERIFY(!QFile::exists(file));
}

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
