#include "model/tables/sitetablemodel.h"
#include "model/tables/tableroles.h"
#include "tests/model/clusterviewkit.h"
#include "tests/support/datarows.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using gantry::model::ClusterReport;
using gantry::model::rollUpSites;
using gantry::model::Severity;
using gantry::model::SiteReport;
using gantry::model::SiteTableModel;
using gantry::test::row;

class TestSiteTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rollsUp_data();
    void rollsUp();
    void sortsOnRawValues();
    void mergesBySiteWithoutReset();

private:
    struct Fixture
    {
        SiteTableModel model;
        QAbstractItemModelTester tester { &model, QAbstractItemModelTester::FailureReportingMode::QtTest };
    };
};

namespace {

// One site whose clusters have these ages (90-day certificates; -1: unreachable), named c0, c1, …
std::vector<SiteReport> siteOf(const std::string& site, const QList<int>& ages)
{
    std::vector<ClusterReport> reports;
    for (int age : ages)
        reports.push_back(gantry::test::clusterView("c" + std::to_string(reports.size()), site, age).report);
    return rollUpSites(reports);
}

// The status the table's `worst` column names, as the page shows it; -1 for no such name.
int statusNamed(const QByteArray& name)
{
    using enum Severity;
    for (const auto status : { Ok, Warning, Critical, Unknown, Expired }) {
        if (gantry::model::clusterStatusText(status) == name.toStdString())
            return static_cast<int>(status);
    }
    return -1;
}

QVariant cell(const SiteTableModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role);
}

} // namespace

void TestSiteTableModel::rollsUp_data()
{
    QTest::addColumn<QList<int>>("ages");
    QTest::addColumn<QString>("clusters");
    QTest::addColumn<QByteArray>("worst");
    QTest::addColumn<QString>("atRisk");

    row("all ok", QList<int> { 10, 20 }, QStringLiteral("2: c0, c1"), "ok", QString());
    row("one critical, one ok", QList<int> { 85, 10 }, QStringLiteral("2: c0, c1"), "critical", QString());
    row("all critical", QList<int> { 85, 80 }, QStringLiteral("2: c0, c1"), "critical", QStringLiteral("at risk"));
    row("expired and unreachable", QList<int> { 100, -1 }, QStringLiteral("2: c0, c1"), "expired",
        QStringLiteral("at risk"));
    row("a warning still serves", QList<int> { 100, 65, -1 }, QStringLiteral("3: c0, c1, c2"), "expired", QString());
}

void TestSiteTableModel::rollsUp()
{
    QFETCH(QList<int>, ages);
    QFETCH(QString, clusters);
    QFETCH(QByteArray, worst);
    QFETCH(QString, atRisk);

    Fixture fixture;
    fixture.model.setSites(siteOf("site-a", ages));
    QCOMPARE(fixture.model.rowCount(), 1);
    QCOMPARE(cell(fixture.model, 0, SiteTableModel::Site).toString(), QStringLiteral("site-a"));
    QCOMPARE(cell(fixture.model, 0, SiteTableModel::Clusters).toString(), clusters);
    QCOMPARE(cell(fixture.model, 0, SiteTableModel::Clusters, gantry::model::RawValueRole).toInt(), ages.size());
    QCOMPARE(cell(fixture.model, 0, SiteTableModel::WorstStatus).toByteArray(), worst);
    QCOMPARE(cell(fixture.model, 0, SiteTableModel::AtRisk).toString(), atRisk);
    QCOMPARE(cell(fixture.model, 0, SiteTableModel::AtRisk, gantry::model::EmphasisRole).toBool(), !atRisk.isEmpty());
    // The worst status is coloured as what it says; "at risk", when shown, as the worst cluster.
    QCOMPARE(
        cell(fixture.model, 0, SiteTableModel::WorstStatus, gantry::model::SeverityRole).toInt(), statusNamed(worst));
    const QVariant atRiskStatus = cell(fixture.model, 0, SiteTableModel::AtRisk, gantry::model::SeverityRole);
    QCOMPARE(atRiskStatus.isValid(), !atRisk.isEmpty());
    if (atRiskStatus.isValid())
        QCOMPARE(atRiskStatus.toInt(), statusNamed(worst));
    QVERIFY(!cell(fixture.model, 0, SiteTableModel::Site, gantry::model::SeverityRole).isValid());
}

void TestSiteTableModel::sortsOnRawValues()
{
    Fixture fixture;
    std::vector<SiteReport> sites = siteOf("one", { 10 });
    for (auto&& more : { siteOf("ten", { 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 }), siteOf("two", { 85, 10 }) })
        sites.push_back(more.front());
    fixture.model.setSites(sites);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&fixture.model);
    proxy.setSortRole(gantry::model::RawValueRole);
    proxy.sort(SiteTableModel::Clusters);
    // As text "10: …" would come before "2: …".
    QCOMPARE(proxy.index(0, SiteTableModel::Site).data().toString(), QStringLiteral("one"));
    QCOMPARE(proxy.index(1, SiteTableModel::Site).data().toString(), QStringLiteral("two"));
    QCOMPARE(proxy.index(2, SiteTableModel::Site).data().toString(), QStringLiteral("ten"));
    proxy.sort(SiteTableModel::WorstStatus, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, SiteTableModel::Site).data().toString(), QStringLiteral("two"));
}

void TestSiteTableModel::mergesBySiteWithoutReset()
{
    Fixture fixture;
    std::vector<SiteReport> sites = siteOf("a", { 10 });
    sites.push_back(siteOf("b", { 10 }).front());
    sites.push_back(siteOf("", { 10 }).front());
    fixture.model.setSites(sites);
    QCOMPARE(cell(fixture.model, 2, SiteTableModel::Site).toString(), QStringLiteral("(no site)"));
    QSignalSpy reset(&fixture.model, &SiteTableModel::modelReset);
    QSignalSpy removed(&fixture.model, &SiteTableModel::rowsRemoved);
    QSignalSpy changed(&fixture.model, &SiteTableModel::dataChanged);
    const QPersistentModelIndex b = fixture.model.index(1, SiteTableModel::Site);

    sites = siteOf("b", { 85 });
    sites.push_back(siteOf("", { 10 }).front());
    fixture.model.setSites(sites);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(b.row(), 0);
    QCOMPARE(cell(fixture.model, 0, SiteTableModel::AtRisk).toString(), QStringLiteral("at risk"));
}

QTEST_GUILESS_MAIN(TestSiteTableModel)
#include "tst_sitetablemodel.moc"
