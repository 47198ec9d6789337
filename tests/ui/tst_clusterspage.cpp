// The Clusters page over a snapshot made from real probes: `openssl s_server` endpoints on loopback
// serving certificates that expire in 5, 25 and 80 days or expired 10 days ago, one refusing port,
// probed with registry::probeTls and judged with model::assessCluster, as the worker does.
#include "model/clusters/clusterreport.h"
#include "model/dashboard/dashboard.h"
#include "model/tables/clustertablemodel.h"
#include "tests/support/opensslserver.h"
#include "tests/support/silentendpoints.h"
#include "tests/support/testpki.h"
#include "ui/certificatelifetimedelegate.h"
#include "ui/clusterspage.h"
#include "ui/expirychart.h"
#include "ui/severitydelegate.h"

#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <memory>

using gantry::model::CertificateThresholds;
using gantry::model::ClusterTableModel;
using gantry::model::DashboardSnapshot;
using gantry::model::Severity;
using gantry::test::OpenSslServer;
using gantry::test::TestPki;
using gantry::ui::ClustersPage;

class TestClustersPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsEveryCluster();
    void barsAreColouredByStatus();
    void chartHasADotPerCertificate();
    void keepsColumnWidths();
    void followsTheDashboard();

private:
    QRgb barPixel(QTableView& table, const QString& cluster);

    TestPki m_pki;
    std::vector<std::unique_ptr<OpenSslServer>> m_servers;
    std::unique_ptr<gantry::test::ClosedPort> m_closed;
    DashboardSnapshot m_snapshot;
    std::vector<gantry::model::ClusterConfig> m_configs; // the same clusters, for a workspace
};

namespace {

QString caPem(const TestPki& pki)
{
    QFile file(pki.caCertificatePath());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QTableView* tableIn(QWidget& page, const QString& name)
{
    return page.findChild<QTableView*>(name);
}

int rowOf(const QTableView& table, const QString& cluster)
{
    for (int row = 0; row < table.model()->rowCount(); ++row) {
        if (table.model()->index(row, ClusterTableModel::Cluster).data().toString() == cluster)
            return row;
    }
    return -1;
}

} // namespace

void TestClustersPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("gantry-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_clusterspage"));
    // Each run starts as a first start: no column or splitter state from the last one.
    QSettings().clear();
    QVERIFY2(m_pki.isValid(), qPrintable(m_pki.errorString()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_closed = std::make_unique<gantry::test::ClosedPort>();
    QVERIFY(m_closed->isValid());
    // An hour beyond the whole days, so that days left do not hang on how long the test takes.
    const std::map<QString, std::pair<int, int>> lifetimes { { QStringLiteral("five-days"), { -85, 5 } },
        { QStringLiteral("twenty-five-days"), { -65, 25 } }, { QStringLiteral("eighty-days"), { -10, 80 } },
        { QStringLiteral("expired"), { -100, -10 } } };
    std::vector<gantry::model::ClusterReport> reports;
    const auto assess = [&](const QString& name, quint16 port) {
        gantry::model::ClusterSource source;
        source.name = name.toStdString();
        source.site
            = name == QStringLiteral("eighty-days") || name == QStringLiteral("five-days") ? "site-a" : "site-b";
        source.server = "https://127.0.0.1:" + std::to_string(port);
        source.caPem = caPem(m_pki).toStdString();
        const auto target = gantry::model::probeTargetFor(source);
        QVERIFY(target.has_value());
        const auto probe = gantry::registry::probeTls(*target);
        const auto taken = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        reports.push_back(gantry::model::assessCluster(source, probe, taken, CertificateThresholds {}));
        m_snapshot.clusters.push_back({ reports.back(), std::nullopt });
        m_snapshot.taken = taken;
        m_configs.push_back(
            { source.name, source.site, "training", source.server, m_pki.caCertificatePath().toStdString(), "" });
    };
    for (const auto& [name, days] : lifetimes) {
        const auto certificate = m_pki.issue(
            name, TestPki::defaultSubjectAltNames(), now.addDays(days.first), now.addDays(days.second).addSecs(3600));
        QVERIFY2(!certificate.isNull(), qPrintable(m_pki.errorString()));
        m_servers.push_back(std::make_unique<OpenSslServer>(certificate));
        QVERIFY2(m_servers.back()->start(), qPrintable(m_servers.back()->errorString()));
        assess(name, m_servers.back()->port());
    }
    assess(QStringLiteral("refused"), m_closed->port());
    m_snapshot.sites = gantry::model::rollUpSites(reports);
}

void TestClustersPage::showsEveryCluster()
{
    ClustersPage page { CertificateThresholds {} };
    page.setSnapshot(m_snapshot);
    page.resize(1400, 900);
    const QImage image = page.grab().toImage();
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), 1400);

    QTableView* clusters = tableIn(page, QStringLiteral("clusterTable"));
    QVERIFY(clusters);
    QCOMPARE(clusters->model()->rowCount(), 5);
    const auto statusOf = [&](const QString& cluster) {
        return clusters->model()->index(rowOf(*clusters, cluster), ClusterTableModel::Status).data().toString();
    };
    QCOMPARE(statusOf(QStringLiteral("five-days")), QStringLiteral("critical"));
    QCOMPARE(statusOf(QStringLiteral("twenty-five-days")), QStringLiteral("warning"));
    QCOMPARE(statusOf(QStringLiteral("eighty-days")), QStringLiteral("ok"));
    QCOMPARE(statusOf(QStringLiteral("expired")), QStringLiteral("expired"));
    QCOMPARE(statusOf(QStringLiteral("refused")), QStringLiteral("unreachable"));
    // Sorted by days left, soonest first, as raw numbers.
    QCOMPARE(clusters->model()->index(0, ClusterTableModel::Cluster).data().toString(), QStringLiteral("expired"));
    QCOMPARE(clusters->model()->index(1, ClusterTableModel::Cluster).data().toString(), QStringLiteral("five-days"));
    // The status cell's text is painted in its severity's colour.
    const QModelIndex fiveDays
        = clusters->model()->index(rowOf(*clusters, QStringLiteral("five-days")), ClusterTableModel::Status);
    auto* painter = qobject_cast<gantry::ui::SeverityDelegate*>(clusters->itemDelegateForIndex(fiveDays));
    QVERIFY(painter);
    QCOMPARE(painter->styleOption({}, fiveDays).palette.color(QPalette::Text),
        gantry::ui::severityColour(Severity::Critical));

    QTableView* sites = tableIn(page, QStringLiteral("siteTable"));
    QVERIFY(sites);
    QCOMPARE(sites->model()->rowCount(), 2);
    // site-b: expired, warning and unreachable: the warning one still serves.
    QCOMPARE(sites->model()->index(0, 0).data().toString(), QStringLiteral("site-a"));
    QCOMPARE(sites->model()->index(1, 2).data().toString(), QStringLiteral("expired"));
}

QRgb TestClustersPage::barPixel(QTableView& table, const QString& cluster)
{
    const int row = rowOf(table, cluster);
    const QRect cell = table.visualRect(table.model()->index(row, ClusterTableModel::Lifetime));
    const QRect bar = gantry::ui::CertificateLifetimeDelegate::barRect(cell);
    const QImage image = table.viewport()->grab().toImage();
    // The bar's left end, clear of the centred text: filled for every certificate that has begun.
    return image.pixel(bar.left() + 2, bar.center().y());
}

void TestClustersPage::barsAreColouredByStatus()
{
    ClustersPage page { CertificateThresholds {} };
    page.setSnapshot(m_snapshot);
    page.resize(1400, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTableView* clusters = tableIn(page, QStringLiteral("clusterTable"));
    QVERIFY(clusters);
    clusters->setColumnWidth(ClusterTableModel::Lifetime, 200);

    const std::map<QString, Severity> expected { { QStringLiteral("five-days"), Severity::Critical },
        { QStringLiteral("twenty-five-days"), Severity::Warning }, { QStringLiteral("eighty-days"), Severity::Ok },
        { QStringLiteral("expired"), Severity::Expired } };
    for (const auto& [cluster, status] : expected) {
        const QRgb pixel = barPixel(*clusters, cluster);
        QCOMPARE(QColor(pixel).name(), gantry::ui::severityColour(status).name());
    }
    // Nothing served, no bar: the refused cluster's cell is plain.
    const QRgb plain = barPixel(*clusters, QStringLiteral("refused"));
    for (const auto& [cluster, status] : expected)
        QVERIFY(QColor(plain) != gantry::ui::severityColour(status));
}

void TestClustersPage::chartHasADotPerCertificate()
{
    ClustersPage page { CertificateThresholds {} };
    page.setSnapshot(m_snapshot);
    auto* chart = page.findChild<gantry::ui::ExpiryChart*>(QStringLiteral("expiryChart"));
    QVERIFY(chart);
    int dots = 0;
    QStringList statuses;
    for (QAbstractSeries* series : chart->chart()->series()) {
        if (auto* scatter = qobject_cast<QScatterSeries*>(series)) {
            dots += static_cast<int>(scatter->count());
            statuses << scatter->name();
        }
    }
    QCOMPARE(dots, 4); // the refused cluster has no certificate to place
    statuses.sort();
    QCOMPARE(statuses.join(QLatin1Char(' ')), QStringLiteral("critical expired ok warning"));
    // A second snapshot replaces the dots rather than adding to them.
    page.setSnapshot(m_snapshot);
    int again = 0;
    for (QAbstractSeries* series : chart->chart()->series()) {
        if (auto* scatter = qobject_cast<QScatterSeries*>(series))
            again += static_cast<int>(scatter->count());
    }
    QCOMPARE(again, 4);
    QVERIFY(!chart->grab().toImage().isNull());
}

void TestClustersPage::keepsColumnWidths()
{
    {
        ClustersPage page { CertificateThresholds {} };
        tableIn(page, QStringLiteral("clusterTable"))->setColumnWidth(ClusterTableModel::Site, 233);
    }
    ClustersPage page { CertificateThresholds {} };
    QCOMPARE(tableIn(page, QStringLiteral("clusterTable"))->columnWidth(ClusterTableModel::Site), 233);
}

// The whole way: a workspace naming the endpoints, the dashboard's worker probing them, the page
// following its snapshot.
void TestClustersPage::followsTheDashboard()
{
    QTemporaryDir directory;
    gantry::model::Workspace workspace;
    workspace.clusters = m_configs;
    gantry::model::Dashboard dashboard(workspace, directory.filePath(QStringLiteral("journal.db")).toStdString(), {});
    ClustersPage page(dashboard);
    QTableView* clusters = tableIn(page, QStringLiteral("clusterTable"));
    QVERIFY(clusters);
    QCOMPARE(clusters->model()->rowCount(), 0);
    QSignalSpy changed(&dashboard, &gantry::model::Dashboard::snapshotChanged);
    dashboard.refresh();
    QVERIFY(changed.wait(60000));
    QCOMPARE(clusters->model()->rowCount(), 5);
    QCOMPARE(clusters->model()->index(0, ClusterTableModel::Cluster).data().toString(), QStringLiteral("expired"));
    QCOMPARE(clusters->model()
                 ->index(rowOf(*clusters, QStringLiteral("twenty-five-days")), ClusterTableModel::DaysLeft)
                 .data()
                 .toString(),
        QStringLiteral("25 days"));
    QCOMPARE(tableIn(page, QStringLiteral("siteTable"))->model()->rowCount(), 2);
}

QTEST_MAIN(TestClustersPage)
#include "tst_clusterspage.moc"
