#include "model/clusters/clusterreport.h"
#include "tests/support/datarows.h"

#include <QTest>

using gantry::model::assessCluster;
using gantry::model::CertificateThresholds;
using gantry::model::ClusterReport;
using gantry::model::ClusterSource;
using gantry::model::judgeCertificate;
using gantry::model::rollUpSites;
using gantry::model::Severity;
using gantry::registry::CertificateInfo;
using gantry::registry::ProbeFailure;
using gantry::registry::ProbeResult;
using gantry::registry::Timestamp;
using gantry::test::bytes;
using gantry::test::row;

class TestClusterReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void judgesCertificates_data();
    void judgesCertificates();
    void clusterTakesItsWorstCertificate();
    void unreachableKeepsTheDatesItRead();
    void rollsUpSites_data();
    void rollsUpSites();
};

namespace {

const Timestamp now = *gantry::registry::parseRfc3339("2026-11-23T12:00:00Z");

// A certificate issued `ageDays` ago that lives `lifetimeDays`, ending `extraSeconds` later still.
CertificateInfo certificate(int ageDays, int lifetimeDays, int extraSeconds = 0)
{
    CertificateInfo info;
    info.subject = "CN=api";
    info.issuer = "CN=cluster-ca";
    info.notBefore = now - std::chrono::days(ageDays);
    info.notAfter = info.notBefore + std::chrono::days(lifetimeDays) + std::chrono::seconds(extraSeconds);
    return info;
}

ClusterReport clusterWith(const std::string& name, const std::string& site, Severity status)
{
    ClusterReport report;
    report.name = name;
    report.site = site;
    report.status = status;
    return report;
}

} // namespace

void TestClusterReport::judgesCertificates_data()
{
    QTest::addColumn<int>("ageDays");
    QTest::addColumn<int>("lifetimeDays");
    QTest::addColumn<int>("extraSeconds");
    QTest::addColumn<QByteArray>("status");
    QTest::addColumn<int>("daysLeft");
    QTest::addColumn<bool>("overdue");

    // A 90-day certificate: warning at 28 days left, but renewal is overdue from day 60 on.
    row("fresh", 1, 90, 0, "ok", 89, false);
    row("day 59 of 90", 59, 90, 0, "ok", 31, false);
    row("day 60 and a second of 90", 60, 90, -1, "warning", 29, true);
    row("28 days left", 62, 90, 0, "warning", 28, true);
    row("15 days left", 75, 90, 0, "warning", 15, true);
    row("14 days left", 76, 90, 0, "critical", 14, true);
    row("one second left", 90, 90, 1, "critical", 0, true);
    row("expired this second", 90, 90, 0, "expired", 0, true);
    row("expired a second ago", 90, 90, -1, "expired", -1, true);
    row("expired 10 days ago", 100, 90, 0, "expired", -10, true);
    // A year-long certificate: two thirds is day 243.
    row("long-lived", 240, 365, 0, "ok", 125, false);
    row("long-lived past two thirds", 250, 365, 0, "warning", 115, true);
}

void TestClusterReport::judgesCertificates()
{
    QFETCH(int, ageDays);
    QFETCH(int, lifetimeDays);
    QFETCH(int, extraSeconds);
    QFETCH(QByteArray, status);
    QFETCH(int, daysLeft);
    QFETCH(bool, overdue);
    const auto verdict
        = judgeCertificate(certificate(ageDays, lifetimeDays, extraSeconds), now, CertificateThresholds {});
    QCOMPARE(bytes(std::string(clusterStatusText(verdict.status))), status);
    QCOMPARE(verdict.daysLeft, daysLeft);
    QCOMPARE(verdict.renewalOverdue, overdue);
}

void TestClusterReport::clusterTakesItsWorstCertificate()
{
    ClusterSource source;
    source.name = "training-a";
    ProbeResult probe;
    probe.trusted = true;
    probe.chain = { certificate(10, 90), certificate(80, 90) }; // the intermediate expires first
    const auto report = assessCluster(source, probe, now, CertificateThresholds {});
    QCOMPARE(clusterStatusText(report.status), "critical");
    QVERIFY2(report.reason.starts_with("served intermediate certificate expires in 10 days"), report.reason.c_str());
    QVERIFY(report.servedLeaf);
    QCOMPARE(report.servedLeaf->verdict.daysLeft, 80);
    QCOMPARE(report.error, std::string());

    // Thresholds come from the workspace.
    const auto relaxed
        = assessCluster(source, probe, now, CertificateThresholds { .warningDays = 5, .criticalDays = 2 });
    QCOMPARE(clusterStatusText(relaxed.status), "warning"); // still overdue: 80 of 90 days used
}

void TestClusterReport::unreachableKeepsTheDatesItRead()
{
    ClusterSource source;
    source.name = "mismatch";
    ProbeResult probe;
    probe.chain = { certificate(10, 90) };
    probe.failure = ProbeFailure::NameMismatch;
    probe.error = "the certificate is for other.example.org";
    const auto report = assessCluster(source, probe, now, CertificateThresholds {});
    QCOMPARE(clusterStatusText(report.status), "unreachable");
    QCOMPARE(report.error, probe.error);
    QVERIFY(report.servedLeaf);
    QCOMPARE(report.servedLeaf->verdict.daysLeft, 80);

    // An expired certificate stays "expired" even when the endpoint also fails the name check.
    probe.chain = { certificate(100, 90) };
    QCOMPARE(clusterStatusText(assessCluster(source, probe, now, CertificateThresholds {}).status), "expired");
}

void TestClusterReport::rollsUpSites_data()
{
    QTest::addColumn<QByteArray>("statuses"); // of the site's clusters: o k c u e
    QTest::addColumn<QByteArray>("worst");
    QTest::addColumn<bool>("atRisk");

    row("all ok", "oo", "ok", false);
    row("one warning", "ow", "warning", false);
    row("one healthy left", "cuo", "unreachable", false);
    row("a warning still serves", "ew", "expired", false);
    row("all critical", "cc", "critical", true);
    row("critical and unreachable", "cu", "unreachable", true);
    row("all gone", "ue", "expired", true);
}

void TestClusterReport::rollsUpSites()
{
    QFETCH(QByteArray, statuses);
    QFETCH(QByteArray, worst);
    QFETCH(bool, atRisk);
    const std::map<char, Severity> byLetter { { 'o', Severity::Ok }, { 'w', Severity::Warning },
        { 'c', Severity::Critical }, { 'u', Severity::Unknown }, { 'e', Severity::Expired } };
    std::vector<ClusterReport> clusters;
    for (int i = 0; i < statuses.size(); ++i)
        clusters.push_back(clusterWith("c" + std::to_string(i), "site", byLetter.at(statuses[i])));
    clusters.push_back(clusterWith("elsewhere", "other", Severity::Ok));
    const auto sites = rollUpSites(clusters);
    QCOMPARE(sites.size(), 2u);
    const auto& site = sites[1].site == "site" ? sites[1] : sites[0];
    QCOMPARE(bytes(std::string(clusterStatusText(site.worst))), worst);
    QCOMPARE(site.atRisk, atRisk);
    QCOMPARE(site.clusters.size(), static_cast<std::size_t>(statuses.size()));
}

QTEST_APPLESS_MAIN(TestClusterReport)
#include "tst_clusterreport.moc"
