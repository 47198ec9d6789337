#include "model/tables/registrystatusmodel.h"
#include "ui/registriespage.h"
#include "ui/severitydelegate.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using gantry::model::RegistryAuth;
using gantry::model::RegistryStatusModel;

class TestRegistriesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsEveryRegistry();
};

void TestRegistriesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("gantry-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_registriespage"));
    // Each run starts as a first start: no column or splitter state from the last one.
    QSettings().clear();
}

void TestRegistriesPage::showsEveryRegistry()
{
    gantry::model::DashboardSnapshot snapshot;
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    snapshot.registries = { { "hub", "hub.example.org", true, RegistryAuth::Token, 42, now, {} },
        { "local", "127.0.0.1:5000", false, RegistryAuth::Unknown, std::nullopt, std::nullopt,
            "127.0.0.1:5000 refused the connection" } };
    gantry::ui::RegistriesPage page;
    page.setSnapshot(snapshot);
    page.resize(1000, 300);
    QVERIFY(!page.grab().toImage().isNull());

    auto* table = page.findChild<QTableView*>(QStringLiteral("registryTable"));
    QVERIFY(table);
    QAbstractItemModel* rows = table->model();
    QCOMPARE(rows->rowCount(), 2);
    QCOMPARE(rows->index(0, RegistryStatusModel::Name).data().toString(), QStringLiteral("hub"));
    QCOMPARE(rows->index(0, RegistryStatusModel::Auth).data().toString(), QStringLiteral("token"));
    QCOMPARE(rows->index(0, RegistryStatusModel::Latency).data().toString(), QStringLiteral("42 ms"));
    QVERIFY(rows->index(0, RegistryStatusModel::LastRefresh).data().toString().endsWith(QStringLiteral("(just now)")));
    const QModelIndex unreachable = rows->index(1, RegistryStatusModel::Reachable);
    auto* painter = qobject_cast<gantry::ui::SeverityDelegate*>(table->itemDelegateForIndex(unreachable));
    QVERIFY(painter);
    QCOMPARE(painter->styleOption({}, unreachable).palette.color(QPalette::Text),
        gantry::ui::severityColour(gantry::model::Severity::Unknown));
    QCOMPARE(rows->index(1, RegistryStatusModel::LastRefresh).data().toString(), QStringLiteral("never"));
}

QTEST_MAIN(TestRegistriesPage)
#include "tst_registriespage.moc"
