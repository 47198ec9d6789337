#include "model/tables/sitetablemodel.h"
#include "model/tables/tableroles.h"
#include "ui/statuscolours.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QTest>

using gantry::model::CertificateStatus;
using gantry::model::SiteReport;
using gantry::model::SiteTableModel;
using gantry::ui::StatusColourProxy;

class TestStatusColourProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void coloursByStatus_data();
    void coloursByStatus();
    void coloursDiffer();
};

void TestStatusColourProxy::coloursByStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("atRisk");
    QTest::addColumn<QString>("colour");

    QTest::newRow("ok") << int(CertificateStatus::Ok) << false << QStringLiteral("#2e7d32");
    QTest::newRow("warning") << int(CertificateStatus::Warning) << false << QStringLiteral("#c77c02");
    QTest::newRow("critical") << int(CertificateStatus::Critical) << false << QStringLiteral("#d32f2f");
    QTest::newRow("critical at risk") << int(CertificateStatus::Critical) << true << QStringLiteral("#d32f2f");
    QTest::newRow("expired at risk") << int(CertificateStatus::Expired) << true << QStringLiteral("#7f0000");
    QTest::newRow("unreachable") << int(CertificateStatus::Unreachable) << false << QStringLiteral("#757575");
}

void TestStatusColourProxy::coloursByStatus()
{
    QFETCH(int, status);
    QFETCH(bool, atRisk);
    QFETCH(QString, colour);

    SiteTableModel sites;
    StatusColourProxy proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&sites);
    const std::vector reports { SiteReport { "site-a", { "a" }, static_cast<CertificateStatus>(status), atRisk } };
    sites.setSites(reports);

    QCOMPARE(proxy.index(0, SiteTableModel::WorstStatus).data(Qt::ForegroundRole).value<QColor>().name(), colour);
    // Plain cells keep the view's colour and font.
    QVERIFY(!proxy.index(0, SiteTableModel::Site).data(Qt::ForegroundRole).isValid());
    QVERIFY(!proxy.index(0, SiteTableModel::Site).data(Qt::FontRole).isValid());
    const QModelIndex risk = proxy.index(0, SiteTableModel::AtRisk);
    QCOMPARE(risk.data(Qt::FontRole).isValid(), atRisk);
    if (atRisk) {
        QVERIFY(risk.data(Qt::FontRole).value<QFont>().bold());
        QCOMPARE(risk.data(Qt::ForegroundRole).value<QColor>().name(), colour);
    }
    // Everything else passes through.
    QCOMPARE(proxy.index(0, SiteTableModel::Site).data().toString(), QStringLiteral("site-a"));
}

void TestStatusColourProxy::coloursDiffer()
{
    QStringList names;
    for (auto status : { CertificateStatus::Ok, CertificateStatus::Warning, CertificateStatus::Critical,
             CertificateStatus::Unreachable, CertificateStatus::Expired })
        names << gantry::ui::statusColour(status).name();
    names.removeDuplicates();
    QCOMPARE(names.size(), 5);
}

QTEST_MAIN(TestStatusColourProxy)
#include "tst_statuscolourproxy.moc"
