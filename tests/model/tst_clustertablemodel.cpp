#include "model/clusters/certificatelifetime.h"
#include "model/tables/clustertablemodel.h"
#include "model/tables/tableroles.h"
#include "tests/model/clusterviewkit.h"
#include "tests/support/datarows.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using gantry::model::CertificateLifetime;
using gantry::model::CertificateThresholds;
using gantry::model::ClusterRuns;
using gantry::model::ClusterTableModel;
using gantry::model::ClusterView;
using gantry::model::Severity;
using gantry::test::bytes;
using gantry::test::clusterTestNow;
using gantry::test::clusterView;
using gantry::test::row;

Q_DECLARE_METATYPE(gantry::model::ClusterRuns)

class TestClusterTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsDaysLeftAndStatus_data();
    void showsDaysLeftAndStatus();
    void showsWhatRuns_data();
    void showsWhatRuns();
    void lifetimeFollowsThresholds();
    void sortsOnRawValues();
    void mergesByNameWithoutReset();

private:
    struct Fixture
    {
        ClusterTableModel model;
        QAbstractItemModelTester tester { &model, QAbstractItemModelTester::FailureReportingMode::QtTest };
    };
};

namespace {

QVariant cell(const ClusterTableModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role);
}

ClusterRuns runs(std::vector<std::string> versions, std::string digest, std::vector<std::string> flags = {})
{
    ClusterRuns runs;
    runs.image = "registry.example.org/shop/prod:prod";
    runs.pipeline = "shop";
    runs.stage = "prod";
    runs.versions = std::move(versions);
    runs.digest = std::move(digest);
    runs.flags = std::move(flags);
    return runs;
}

} // namespace

void TestClusterTableModel::showsDaysLeftAndStatus_data()
{
    QTest::addColumn<int>("ageDays"); // of a 90-day certificate; negative: unreachable
    QTest::addColumn<QString>("daysText");
    QTest::addColumn<QVariant>("daysRaw");
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<QVariant>("daysStatus"); // SeverityRole of the days-left cell

    const auto status = [](Severity value) { return QVariant(static_cast<int>(value)); };
    row("fresh", 10, QStringLiteral("80 days"), QVariant(80), "ok", status(Severity::Ok));
    row("warning", 65, QStringLiteral("25 days"), QVariant(25), "warning", status(Severity::Warning));
    row("critical", 85, QStringLiteral("5 days"), QVariant(5), "critical", status(Severity::Critical));
    row("last day", 89, QStringLiteral("1 day"), QVariant(1), "critical", status(Severity::Critical));
    row("expired", 100, QStringLiteral("expired 9 days ago"), QVariant(-10), "expired", status(Severity::Expired));
    row("unreachable", -1, QString(), QVariant(), "unreachable", QVariant());
}

void TestClusterTableModel::showsDaysLeftAndStatus()
{
    QFETCH(int, ageDays);
    QFETCH(QString, daysText);
    QFETCH(QVariant, daysRaw);
    QFETCH(QByteArray, status);
    QFETCH(QVariant, daysStatus);

    Fixture fixture;
    const std::vector<ClusterView> clusters { clusterView("training-a", "site-a", ageDays) };
    fixture.model.setClusters(clusters, clusterTestNow);
    QCOMPARE(fixture.model.rowCount(), 1);
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::DaysLeft).toString(), daysText);
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::DaysLeft, gantry::model::RawValueRole), daysRaw);
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::DaysLeft, gantry::model::SeverityRole), daysStatus);
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::Status).toByteArray(), status);
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::Status, gantry::model::SeverityRole).toInt(),
        static_cast<int>(clusters.front().report.status));
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::Status, Qt::ToolTipRole).toString(),
        QString::fromStdString(clusters.front().report.reason));
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::Site).toString(), QStringLiteral("site-a"));
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::Environment).toString(), QStringLiteral("training"));
}

void TestClusterTableModel::showsWhatRuns_data()
{
    QTest::addColumn<QVariant>("runs"); // a ClusterRuns, or invalid for a cluster that names no image
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("flagged");
    QTest::addColumn<QString>("inToolTip");

    const std::string digest = "sha256:ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12";
    row("one version", QVariant::fromValue(runs({ "2.2.4" }, digest)), QStringLiteral("2.2.4 \u00B7 sha256:ab12cd34"),
        false, QString::fromStdString(digest));
    row("final and stable", QVariant::fromValue(runs({ "2.2.4", "2.2.4-stable" }, digest)),
        QStringLiteral("2.2.4, 2.2.4-stable \u00B7 sha256:ab12cd34"), false, QStringLiteral("stage prod of shop"));
    row("no version tag", QVariant::fromValue(runs({}, digest, { "prod points at no version tag" })),
        QStringLiteral("\u26A0 sha256:ab12cd34"), true, QStringLiteral("prod points at no version tag"));
    row("unresolved", QVariant::fromValue(runs({}, "", { "runs prod, which prod does not have" })),
        QStringLiteral("\u26A0 registry.example.org/shop/prod:prod (unresolved)"), true,
        QStringLiteral("runs prod, which prod does not have"));
    row("no image", QVariant(), QString(), false, QStringLiteral("names no image"));
}

void TestClusterTableModel::showsWhatRuns()
{
    QFETCH(QVariant, runs);
    QFETCH(QString, text);
    QFETCH(bool, flagged);
    QFETCH(QString, inToolTip);

    Fixture fixture;
    std::vector<ClusterView> clusters { clusterView("training-a", "site-a", 10) };
    if (runs.isValid())
        clusters.front().runs = runs.value<ClusterRuns>();
    fixture.model.setClusters(clusters, clusterTestNow);
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::Runs).toString(), text);
    QVERIFY(cell(fixture.model, 0, ClusterTableModel::Runs, Qt::ToolTipRole).toString().contains(inToolTip));
    const QVariant status = cell(fixture.model, 0, ClusterTableModel::Runs, gantry::model::SeverityRole);
    QCOMPARE(status.isValid(), flagged);
    if (flagged)
        QCOMPARE(status.toInt(), static_cast<int>(Severity::Warning));
}

void TestClusterTableModel::lifetimeFollowsThresholds()
{
    Fixture fixture;
    const std::vector<ClusterView> clusters { clusterView("half", "site-a", 45), clusterView("gone", "site-a", -1) };
    fixture.model.setClusters(clusters, clusterTestNow);
    const auto lifetimeOf = [&](int row) {
        return cell(fixture.model, row, ClusterTableModel::Lifetime, gantry::model::LifetimeRole)
            .value<CertificateLifetime>();
    };
    // 90 days and an hour: the fractions are of that.
    const double lifetimeHours = 90 * 24 + 1;
    QVERIFY(qAbs(lifetimeOf(0).elapsed - 45 * 24 / lifetimeHours) < 1e-9);
    QVERIFY(qAbs(lifetimeOf(0).warningMark - (62 * 24 + 1) / lifetimeHours) < 1e-9);
    QVERIFY(qAbs(lifetimeOf(0).criticalMark - (76 * 24 + 1) / lifetimeHours) < 1e-9);
    QCOMPARE(lifetimeOf(0).daysLeft, 45);
    QVERIFY(!cell(fixture.model, 1, ClusterTableModel::Lifetime, gantry::model::LifetimeRole).isValid());

    QSignalSpy changed(&fixture.model, &ClusterTableModel::dataChanged);
    fixture.model.setThresholds(CertificateThresholds { .warningDays = 50, .criticalDays = 45 });
    QVERIFY(!changed.isEmpty());
    QVERIFY(qAbs(lifetimeOf(0).warningMark - (40 * 24 + 1) / lifetimeHours) < 1e-9);
    // 45 days left is critical under these thresholds.
    QCOMPARE(static_cast<int>(lifetimeOf(0).status), static_cast<int>(Severity::Critical));
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::DaysLeft, gantry::model::SeverityRole).toInt(),
        static_cast<int>(Severity::Critical));
}

void TestClusterTableModel::sortsOnRawValues()
{
    Fixture fixture;
    const std::vector<ClusterView> clusters { clusterView("eighty", "a", 10), clusterView("five", "a", 85),
        clusterView("expired", "b", 100), clusterView("twenty-five", "b", 65) };
    fixture.model.setClusters(clusters, clusterTestNow);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&fixture.model);
    proxy.setSortRole(gantry::model::RawValueRole);
    const auto order = [&] {
        QStringList names;
        for (int row = 0; row < proxy.rowCount(); ++row)
            names << proxy.index(row, ClusterTableModel::Cluster).data().toString();
        return names.join(QLatin1Char(' '));
    };
    // As text "25 days" < "5 days" < "80 days" < "expired …"; as numbers the expired one comes first.
    proxy.sort(ClusterTableModel::DaysLeft);
    QCOMPARE(order(), QStringLiteral("expired five twenty-five eighty"));
    proxy.sort(ClusterTableModel::CertificateExpires, Qt::DescendingOrder);
    QCOMPARE(order(), QStringLiteral("eighty twenty-five five expired"));
    proxy.sort(ClusterTableModel::Lifetime);
    QCOMPARE(order(), QStringLiteral("eighty twenty-five five expired"));
    proxy.sort(ClusterTableModel::Status, Qt::DescendingOrder);
    QCOMPARE(order(), QStringLiteral("expired five twenty-five eighty"));
}

void TestClusterTableModel::mergesByNameWithoutReset()
{
    Fixture fixture;
    fixture.model.setClusters(
        std::vector { clusterView("a", "s", 10), clusterView("b", "s", 20), clusterView("c", "s", 30) },
        clusterTestNow);
    const QPersistentModelIndex c = fixture.model.index(2, ClusterTableModel::Cluster);
    QSignalSpy reset(&fixture.model, &ClusterTableModel::modelReset);
    QSignalSpy removed(&fixture.model, &ClusterTableModel::rowsRemoved);
    QSignalSpy inserted(&fixture.model, &ClusterTableModel::rowsInserted);
    QSignalSpy changed(&fixture.model, &ClusterTableModel::dataChanged);

    // a goes, b's certificate is renewed, c stays as it was, d comes.
    fixture.model.setClusters(
        std::vector { clusterView("b", "s", 1), clusterView("c", "s", 30), clusterView("d", "t", 40) }, clusterTestNow);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.front().at(1).toInt(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.front().at(1).toInt(), 2);
    QCOMPARE(changed.size(), 1); // b only
    QCOMPARE(changed.front().at(0).toModelIndex().row(), 0);
    QVERIFY(c.isValid());
    QCOMPARE(c.data().toString(), QStringLiteral("c"));
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::DaysLeft).toString(), QStringLiteral("89 days"));
    QCOMPARE(cell(fixture.model, 2, ClusterTableModel::Site).toString(), QStringLiteral("t"));

    // The same clusters again change nothing; a later snapshot ages every row.
    changed.clear();
    fixture.model.setClusters(
        std::vector { clusterView("b", "s", 1), clusterView("c", "s", 30), clusterView("d", "t", 40) }, clusterTestNow);
    QCOMPARE(changed.size(), 0);
    fixture.model.setClusters(
        std::vector { clusterView("b", "s", 1), clusterView("c", "s", 30), clusterView("d", "t", 40) },
        clusterTestNow + std::chrono::days(1));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(cell(fixture.model, 0, ClusterTableModel::DaysLeft).toString(), QStringLiteral("88 days"));
    QCOMPARE(removed.size() + inserted.size() + reset.size(), 2);
}

QTEST_GUILESS_MAIN(TestClusterTableModel)
#include "tst_clustertablemodel.moc"
