// The GUI thread while the whole window refreshes a stage of 2,000 tags from a real registry: its
// event loop keeps turning all along, and the refresh really reaches the pages (a merge of 2,000
// rows). How long it stalls at the worst is a figure, not a test: scripts/bench-gui prints it.
#include "model/dashboard/dashboard.h"
#include "model/workspace/workspaceloader.h"
#include "tests/support/environmentoverride.h"
#include "tests/support/eventloopstall.h"
#include "tests/support/manytags.h"
#include "tests/support/testregistry.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace gantry;
using namespace gantry::test;

class TestResponsiveness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refreshOf2000TagsKeepsTheLoopTurning();
};

void TestResponsiveness::refreshOf2000TagsKeepsTheLoopTurning()
{
    TestRegistry registry;
    QVERIFY2(registry.start(), qPrintable(registry.errorString()));
    QTemporaryDir scratch;
    EnvironmentOverride dockerConfig("DOCKER_CONFIG", scratch.path().toUtf8());
    EnvironmentOverride settings("XDG_CONFIG_HOME", scratch.path().toUtf8());
    const auto seeded = pushManyTags(registry, QStringLiteral("many/ff"), 100, 2000);
    QVERIFY2(seeded, why(seeded));

    const std::string text = R"({ "registries": [ { "name": "r", "url": ")" + registry.host().toStdString()
        + R"(" } ], "pipelines": [ { "name": "many", "stages": [
          { "name": "ff", "registry": "r", "repository": "many/ff" },
          { "name": "prod", "registry": "r", "repository": "many/prod" } ] } ] })";
    auto workspace = model::parseWorkspace(text, "many.json");
    QVERIFY(workspace);
    model::Dashboard dashboard(*workspace, scratch.filePath(QStringLiteral("journal.sqlite")).toStdString(), {});
    ui::MainWindow window(dashboard);
    window.showPage(QStringLiteral("tags"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    EventLoopStall stall;
    QSignalSpy changed(&dashboard, &model::Dashboard::snapshotChanged);
    stall.start();
    dashboard.refresh();
    QVERIFY(changed.wait(180000));
    QTRY_VERIFY_WITH_TIMEOUT(!dashboard.isBusy(), 60000);
    QTest::qWait(100); // the turns right after the snapshot landed, where the models merge
    stall.stop();

    auto* tags = window.page(QStringLiteral("tags"))->findChild<QTableView*>();
    QVERIFY(tags);
    QCOMPARE(tags->model()->rowCount(), 2000);
    QVERIFY2(stall.ticks() > 10, "the GUI's event loop stood still while the worker refreshed");
}

QTEST_MAIN(TestResponsiveness)
#include "tst_responsiveness.moc"
