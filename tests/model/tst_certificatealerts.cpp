#include "model/dashboard/certificatealerts.h"
#include "tests/model/clusterviewkit.h"
#include "tests/support/datarows.h"

#include <QTest>

using gantry::model::certificateAlerts;
using gantry::model::CertificateAlertWatch;
using gantry::model::CertificateThresholds;
using gantry::model::DashboardSnapshot;
using gantry::model::Severity;
using gantry::test::clusterTestNow;
using gantry::test::clusterView;
using gantry::test::row;

class TestCertificateAlerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alertsOnCrossing_data();
    void alertsOnCrossing();
    void newAndUnreachableClustersDoNotAlert();
    void thresholdsAreTheCurrentOnes();
    void watchIgnoresTheFirstSnapshot();
};

namespace {

// One cluster "a" whose 90-day certificate is `ageDays` old at `taken` (-1: nothing served).
DashboardSnapshot snapshotWith(int ageDays, gantry::registry::Timestamp taken = clusterTestNow)
{
    DashboardSnapshot snapshot;
    snapshot.taken = taken;
    snapshot.clusters.push_back(clusterView("a", "site", ageDays, 90, taken));
    return snapshot;
}

int asInt(Severity status)
{
    return static_cast<int>(status);
}

} // namespace

void TestCertificateAlerts::alertsOnCrossing_data()
{
    QTest::addColumn<int>("ageBefore");
    QTest::addColumn<int>("ageAfter");
    QTest::addColumn<int>("from"); // -1: no alert
    QTest::addColumn<int>("to");

    const int none = -1;
    row("ok stays ok", 10, 20, none, none);
    row("ok to warning (renewal overdue)", 50, 61, asInt(Severity::Ok), asInt(Severity::Warning));
    row("warning to critical", 62, 77, asInt(Severity::Warning), asInt(Severity::Critical));
    row("ok to critical at once", 10, 80, asInt(Severity::Ok), asInt(Severity::Critical));
    row("critical to expired", 85, 91, asInt(Severity::Critical), asInt(Severity::Expired));
    row("warning stays warning", 62, 70, none, none);
    row("critical stays critical", 80, 85, none, none);
    row("renewed", 85, 1, none, none);
}

void TestCertificateAlerts::alertsOnCrossing()
{
    QFETCH(int, ageBefore);
    QFETCH(int, ageAfter);
    QFETCH(int, from);
    QFETCH(int, to);

    // The same certificate a few days later, or a renewed one, as a refresh would see it.
    const auto before = snapshotWith(ageBefore);
    const auto after = snapshotWith(ageAfter, clusterTestNow + std::chrono::days(1));
    const auto alerts = certificateAlerts(before, after, CertificateThresholds {});
    if (from == -1) {
        QCOMPARE(alerts.size(), 0u);
        return;
    }
    QCOMPARE(alerts.size(), 1u);
    QCOMPARE(alerts.front().cluster, std::string("a"));
    QCOMPARE(asInt(alerts.front().before), from);
    QCOMPARE(asInt(alerts.front().now), to);
    QVERIFY2(alerts.front().reason.starts_with("served certificate "), alerts.front().reason.c_str());
}

void TestCertificateAlerts::newAndUnreachableClustersDoNotAlert()
{
    auto before = snapshotWith(10);
    auto after = snapshotWith(-1);
    // Unreachable is a network matter: the certificate did not cross anything.
    QCOMPARE(certificateAlerts(before, after, CertificateThresholds {}).size(), 0u);
    // A cluster seen for the first time is no change, however close to expiry.
    after = snapshotWith(10);
    after.clusters.push_back(clusterView("b", "site", 85));
    QCOMPARE(certificateAlerts(before, after, CertificateThresholds {}).size(), 0u);
    // A cluster that comes back from unreachable had nothing to compare with.
    QCOMPARE(certificateAlerts(snapshotWith(-1), snapshotWith(85), CertificateThresholds {}).size(), 0u);
}

void TestCertificateAlerts::thresholdsAreTheCurrentOnes()
{
    // 40 and 39 days left: neither is a warning with 28 days; both are with 45 (no crossing between).
    const auto before = snapshotWith(50);
    const auto after = snapshotWith(51);
    QCOMPARE(certificateAlerts(before, after, CertificateThresholds {}).size(), 0u);
    QCOMPARE(
        certificateAlerts(before, after, CertificateThresholds { .warningDays = 45, .criticalDays = 14 }).size(), 0u);
    // 40 → 39 crosses a 39-day threshold.
    const auto alerts
        = certificateAlerts(before, after, CertificateThresholds { .warningDays = 39, .criticalDays = 14 });
    QCOMPARE(alerts.size(), 1u);
    QCOMPARE(asInt(alerts.front().now), asInt(Severity::Warning));
}

void TestCertificateAlerts::watchIgnoresTheFirstSnapshot()
{
    CertificateAlertWatch watch;
    // Loaded from the cache: already critical, but nothing new.
    QCOMPARE(watch.observe(snapshotWith(80), CertificateThresholds {}).size(), 0u);
    QCOMPARE(watch.observe(snapshotWith(91), CertificateThresholds {}).size(), 1u);
    QCOMPARE(watch.observe(snapshotWith(92), CertificateThresholds {}).size(), 0u);
}

QTEST_GUILESS_MAIN(TestCertificateAlerts)
#include "tst_certificatealerts.moc"
