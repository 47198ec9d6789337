#include "model/tables/displaytext.h"
#include "model/tables/registrystatusmodel.h"
#include "model/tables/tableroles.h"
#include "tests/support/datarows.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using gantry::model::RegistryAuth;
using gantry::model::RegistryStatus;
using gantry::model::RegistryStatusModel;
using gantry::model::Severity;
using gantry::registry::Timestamp;
using gantry::test::row;

class TestRegistryStatusModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsStatus_data();
    void showsStatus();
    void lastRefreshAges();
    void sortsLatencyAsNumbers();
    void mergesByNameWithoutReset();

private:
    struct Fixture
    {
        RegistryStatusModel model;
        QAbstractItemModelTester tester { &model, QAbstractItemModelTester::FailureReportingMode::QtTest };
    };
};

namespace {

const Timestamp now = *gantry::registry::parseRfc3339("2026-11-23T12:00:00Z");

RegistryStatus registryStatus(
    const std::string& name, bool reachable, RegistryAuth auth, std::optional<int> latency, std::string error = {})
{
    return { name, name + ".example.org", reachable, auth, latency, now - std::chrono::minutes(3), std::move(error) };
}

QVariant cell(const RegistryStatusModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role);
}

QVariant statusVariant(Severity status)
{
    return static_cast<int>(status);
}

} // namespace

void TestRegistryStatusModel::showsStatus_data()
{
    QTest::addColumn<bool>("reachable");
    QTest::addColumn<int>("auth");
    QTest::addColumn<QVariant>("latency");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QStringList>("shown"); // reachable, auth, latency
    QTest::addColumn<QVariant>("reachableStatus");
    QTest::addColumn<QVariant>("authStatus");

    const auto ok = statusVariant(Severity::Ok);
    row("anonymous", true, static_cast<int>(RegistryAuth::Anonymous), QVariant(12), QString(),
        QStringList { QStringLiteral("yes"), QStringLiteral("anonymous"), QStringLiteral("12 ms") }, ok, QVariant());
    row("token", true, static_cast<int>(RegistryAuth::Token), QVariant(140), QString(),
        QStringList { QStringLiteral("yes"), QStringLiteral("token"), QStringLiteral("140 ms") }, ok, QVariant());
    row("refused login", true, static_cast<int>(RegistryAuth::Failed), QVariant(30),
        QStringLiteral("registry.example.org refused the credentials"),
        QStringList { QStringLiteral("yes"), QStringLiteral("failed"), QStringLiteral("30 ms") }, ok,
        statusVariant(Severity::Critical));
    row("unreachable", false, static_cast<int>(RegistryAuth::Unknown), QVariant(), QStringLiteral("connection refused"),
        QStringList { QStringLiteral("no"), QStringLiteral("unknown"), QString() }, statusVariant(Severity::Unknown),
        QVariant());
}

void TestRegistryStatusModel::showsStatus()
{
    QFETCH(bool, reachable);
    QFETCH(int, auth);
    QFETCH(QVariant, latency);
    QFETCH(QString, error);
    QFETCH(QStringList, shown);
    QFETCH(QVariant, reachableStatus);
    QFETCH(QVariant, authStatus);

    Fixture fixture;
    const std::vector registries { registryStatus("hub", reachable, static_cast<RegistryAuth>(auth),
        latency.isValid() ? std::optional(latency.toInt()) : std::nullopt, error.toStdString()) };
    fixture.model.setRegistries(registries, now);
    QCOMPARE(cell(fixture.model, 0, RegistryStatusModel::Name).toString(), QStringLiteral("hub"));
    QCOMPARE(cell(fixture.model, 0, RegistryStatusModel::Host).toString(), QStringLiteral("hub.example.org"));
    QCOMPARE((QStringList { cell(fixture.model, 0, RegistryStatusModel::Reachable).toString(),
                 cell(fixture.model, 0, RegistryStatusModel::Auth).toString(),
                 cell(fixture.model, 0, RegistryStatusModel::Latency).toString() }),
        shown);
    QCOMPARE(cell(fixture.model, 0, RegistryStatusModel::Latency, gantry::model::RawValueRole), latency);
    QCOMPARE(cell(fixture.model, 0, RegistryStatusModel::Error).toString(), error);
    QCOMPARE(
        cell(fixture.model, 0, RegistryStatusModel::Error, gantry::model::SeverityRole).isValid(), !error.isEmpty());
    QCOMPARE(cell(fixture.model, 0, RegistryStatusModel::Reachable, gantry::model::SeverityRole), reachableStatus);
    QCOMPARE(cell(fixture.model, 0, RegistryStatusModel::Auth, gantry::model::SeverityRole), authStatus);
}

void TestRegistryStatusModel::lastRefreshAges()
{
    Fixture fixture;
    auto registries = std::vector { registryStatus("hub", true, RegistryAuth::Basic, 5) };
    fixture.model.setRegistries(registries, now);
    const QString local = gantry::model::localDateTime(now - std::chrono::minutes(3));
    QCOMPARE(
        cell(fixture.model, 0, RegistryStatusModel::LastRefresh).toString(), local + QStringLiteral(" (3 min ago)"));

    QSignalSpy changed(&fixture.model, &RegistryStatusModel::dataChanged);
    fixture.model.setNow(now + std::chrono::hours(2));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.front().at(0).toModelIndex().column(), int(RegistryStatusModel::LastRefresh));
    QCOMPARE(cell(fixture.model, 0, RegistryStatusModel::LastRefresh).toString(), local + QStringLiteral(" (2 h ago)"));

    registries.front().lastRefresh.reset();
    fixture.model.setRegistries(registries, now);
    QCOMPARE(cell(fixture.model, 0, RegistryStatusModel::LastRefresh).toString(), QStringLiteral("never"));
    QVERIFY(!cell(fixture.model, 0, RegistryStatusModel::LastRefresh, gantry::model::RawValueRole).isValid());
}

void TestRegistryStatusModel::sortsLatencyAsNumbers()
{
    Fixture fixture;
    fixture.model.setRegistries(std::vector { registryStatus("slow", true, RegistryAuth::Basic, 140),
                                    registryStatus("fast", true, RegistryAuth::Basic, 9),
                                    registryStatus("mid", true, RegistryAuth::Basic, 30) },
        now);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&fixture.model);
    proxy.setSortRole(gantry::model::RawValueRole);
    proxy.sort(RegistryStatusModel::Latency);
    QCOMPARE(proxy.index(0, RegistryStatusModel::Name).data().toString(), QStringLiteral("fast"));
    QCOMPARE(proxy.index(1, RegistryStatusModel::Name).data().toString(), QStringLiteral("mid"));
    QCOMPARE(proxy.index(2, RegistryStatusModel::Name).data().toString(), QStringLiteral("slow"));
}

void TestRegistryStatusModel::mergesByNameWithoutReset()
{
    Fixture fixture;
    fixture.model.setRegistries(std::vector { registryStatus("a", true, RegistryAuth::Basic, 10),
                                    registryStatus("b", true, RegistryAuth::Token, 20) },
        now);
    QSignalSpy reset(&fixture.model, &RegistryStatusModel::modelReset);
    QSignalSpy inserted(&fixture.model, &RegistryStatusModel::rowsInserted);
    QSignalSpy changed(&fixture.model, &RegistryStatusModel::dataChanged);
    fixture.model.setRegistries(
        std::vector { registryStatus("a", false, RegistryAuth::Basic, std::nullopt),
            registryStatus("b", true, RegistryAuth::Token, 20), registryStatus("c", true, RegistryAuth::Anonymous, 5) },
        now);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.front().at(0).toModelIndex().row(), 0);
    QCOMPARE(cell(fixture.model, 0, RegistryStatusModel::Reachable).toString(), QStringLiteral("no"));
    QCOMPARE(fixture.model.rowCount(), 3);
}

QTEST_GUILESS_MAIN(TestRegistryStatusModel)
#include "tst_registrystatusmodel.moc"
