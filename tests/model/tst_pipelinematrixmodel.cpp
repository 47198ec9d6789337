#include "model/policy/severity.h"
#include "model/tables/pipelinematrixmodel.h"
#include "tests/support/datarows.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using gantry::model::DashboardSnapshot;
using gantry::model::MatrixCell;
using gantry::model::PipelineMatrixModel;
using gantry::model::PipelineView;
using gantry::model::StageView;
using gantry::model::TagRow;
using gantry::test::row;
using gantry::test::str;

class TestPipelineMatrixModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ordersRowsNewestReleaseFirst_data();
    void ordersRowsNewestReleaseFirst();
    void cellStatesAndNextStage_data();
    void cellStatesAndNextStage();
    void badges_data();
    void badges();
    void showsDigestAgeAndDrift();
    void mergesWithoutReset();
    void marksPromotingUntilItLands();
};

namespace {

const std::vector<std::string> stageNames { "ff", "et", "prod" };
const auto taken = std::chrono::sys_days(std::chrono::year(2026) / 11 / 23) + std::chrono::hours(12);

std::string digestOf(char image)
{
    // Recognisable short forms: image A is `aaaaaaaa…`.
    return "sha256:" + std::string(64, static_cast<char>(std::tolower(image)));
}

// One pipeline "webapp" of ff → et → prod (floating `prod`, protected); `stages[i]` lists the
// tags of stage i as "tag=A tag2=B": tag at image A or B; "?" for a stage that failed to read.
DashboardSnapshot snapshotOf(const QList<QByteArray>& stages)
{
    DashboardSnapshot snapshot;
    snapshot.taken = taken;
    snapshot.pipelines.push_back(PipelineView { "webapp", stageNames, { false, false, true }, { {}, {}, { "prod" } } });
    for (qsizetype i = 0; i < stages.size(); ++i) {
        StageView view;
        view.pipeline = "webapp";
        view.stage = stageNames[static_cast<std::size_t>(i)];
        view.repository = "registry.example.org/webapp/" + view.stage;
        if (stages[i] == "?")
            view.error = "connection refused";
        for (const auto& entry : stages[i].split(' ')) {
            const auto parts = entry.split('=');
            if (parts.size() != 2)
                continue;
            TagRow tag;
            tag.pipeline = view.pipeline;
            tag.stage = view.stage;
            tag.repository = view.repository;
            tag.tag = str(parts[0]);
            tag.digest = digestOf(parts[1].at(0));
            tag.created = taken - std::chrono::days(6);
            view.tags.push_back(tag);
        }
        snapshot.stages.push_back(view);
    }
    return snapshot;
}

QByteArray rowTags(const PipelineMatrixModel& model)
{
    QByteArrayList tags;
    for (int row = 0; row < model.rowCount(); ++row)
        tags << QByteArray::fromStdString(model.tagAt(row));
    return tags.join(',');
}

// Per cell: P present, - absent, D drift, ? unknown.
QByteArray rowStates(const PipelineMatrixModel& model, int row)
{
    QByteArray states;
    for (int column = 0; column < model.columnCount(); ++column) {
        const auto state = MatrixCell::State(model.index(row, column).data(gantry::model::CellStateRole).toInt());
        states += state == MatrixCell::State::Present ? 'P'
            : state == MatrixCell::State::Drift       ? 'D'
            : state == MatrixCell::State::Unknown     ? '?'
                                                      : '-';
    }
    return states;
}

// The same letters read off how the view is told to paint each cell: plain when present, drift
// critical and bold, absent a notice, unreadable unknown.
QByteArray rowSeverities(const PipelineMatrixModel& model, int row)
{
    using gantry::model::Severity;
    QByteArray letters;
    for (int column = 0; column < model.columnCount(); ++column) {
        const QModelIndex cell = model.index(row, column);
        const QVariant severity = cell.data(gantry::model::SeverityRole);
        const bool bold = cell.data(gantry::model::EmphasisRole).toBool();
        if (!severity.isValid())
            letters += bold ? 'b' : 'P';
        else if (severity.toInt() == static_cast<int>(Severity::Critical))
            letters += bold ? 'D' : 'c';
        else if (severity.toInt() == static_cast<int>(Severity::Unknown))
            letters += bold ? 'b' : '?';
        else if (severity.toInt() == static_cast<int>(Severity::Notice))
            letters += bold ? 'b' : '-';
        else
            letters += 'x';
    }
    return letters;
}

struct TestedModel
{
    PipelineMatrixModel model;
    QAbstractItemModelTester tester { &model, QAbstractItemModelTester::FailureReportingMode::QtTest };

    TestedModel() { model.setPipeline("webapp"); }
};

} // namespace

void TestPipelineMatrixModel::ordersRowsNewestReleaseFirst_data()
{
    QTest::addColumn<QByteArray>("ff");
    QTest::addColumn<QByteArray>("et");
    QTest::addColumn<QByteArray>("expected");
    row("numeric, not text", "2.2.9rc1=A 2.2.10=A 2.2.9=A 2.3.0=A", "", "2.3.0,2.2.10,2.2.9,2.2.9rc1");
    row("patches after their final", "2.2.4=A 2.2.4.1=B 2.2.5rc1=A", "", "2.2.5rc1,2.2.4.1,2.2.4");
    row("no stable, floating or other rows", "2.2.4=A 2.2.4-stable=A prod=A latest=A 3f9c2e1=B v2.2.5=B", "", "2.2.4");
    row("a tag in several stages is one row", "2.2.4=A 2.2.5=B", "2.2.4=A 2.3.0=B", "2.3.0,2.2.5,2.2.4");
    row("empty stages, no rows", "", "", "");
}

void TestPipelineMatrixModel::ordersRowsNewestReleaseFirst()
{
    QFETCH(QByteArray, ff);
    QFETCH(QByteArray, et);
    QFETCH(QByteArray, expected);
    TestedModel tested;
    tested.model.setSnapshot(snapshotOf({ ff, et, "" }));
    QCOMPARE(rowTags(tested.model), expected);
    QCOMPARE(tested.model.columnCount(), 3);
    QCOMPARE(tested.model.stageAt(2), std::string("prod"));
}

void TestPipelineMatrixModel::cellStatesAndNextStage_data()
{
    QTest::addColumn<QByteArrayList>("stages");
    QTest::addColumn<QByteArray>("states");
    QTest::addColumn<QByteArray>("next");
    row("only in ff", QByteArrayList { "2.2.4=A", "", "" }, "P--", "et");
    row("in ff and et", QByteArrayList { "2.2.4=A", "2.2.4=A", "" }, "PP-", "prod");
    row("everywhere: nothing further", QByteArrayList { "2.2.4=A", "2.2.4=A", "2.2.4=A" }, "PPP", "");
    row("other digest in et is drift", QByteArrayList { "2.2.4=A", "2.2.4=B", "" }, "PD-", "prod");
    row("drift against the earliest stage with it", QByteArrayList { "", "2.2.4=B", "2.2.4=A" }, "-PD", "");
    row("a gap: next is after the last", QByteArrayList { "2.2.4=A", "", "2.2.4=A" }, "P-P", "");
    row("only in et", QByteArrayList { "", "2.2.4=A", "" }, "-P-", "prod");
    row("unreadable stage", QByteArrayList { "2.2.4=A", "?", "" }, "P?-", "et");
}

void TestPipelineMatrixModel::cellStatesAndNextStage()
{
    QFETCH(QByteArrayList, stages);
    QFETCH(QByteArray, states);
    QFETCH(QByteArray, next);
    TestedModel tested;
    tested.model.setSnapshot(snapshotOf(stages));
    QCOMPARE(tested.model.rowCount(), 1);
    QCOMPARE(rowStates(tested.model, 0), states);
    QCOMPARE(rowSeverities(tested.model, 0), states);
    QCOMPARE(QByteArray::fromStdString(tested.model.nextStageFor(0).value_or("")), next);
    QVERIFY(!tested.model.nextStageFor(1));
}

void TestPipelineMatrixModel::badges_data()
{
    QTest::addColumn<QByteArray>("prod");
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QStringList>("expected");
    row("stable and floating on the digest", "2.2.4=A 2.2.4-stable=A prod=A", "2.2.4",
        QStringList { QStringLiteral("stable"), QStringLiteral("prod") });
    row("stable elsewhere is no badge", "2.2.4=A 2.2.4-stable=B prod=B", "2.2.4", QStringList {});
    row("floating tag on another release", "2.2.4=A 2.2.5=B prod=B", "2.2.5", QStringList { QStringLiteral("prod") });
    row("a candidate gets no stable badge", "2.2.5rc1=A 2.2.5rc1-stable=A", "2.2.5rc1", QStringList {});
    row("patch stable", "2.2.4.1=A 2.2.4.1-stable=A", "2.2.4.1", QStringList { QStringLiteral("stable") });
}

void TestPipelineMatrixModel::badges()
{
    QFETCH(QByteArray, prod);
    QFETCH(QByteArray, tag);
    QFETCH(QStringList, expected);
    TestedModel tested;
    tested.model.setSnapshot(snapshotOf({ "", "", prod }));
    const int row = tested.model.rowOf(str(tag));
    QVERIFY(row >= 0);
    QCOMPARE(tested.model.index(row, 2).data(gantry::model::BadgesRole).toStringList(), expected);
    for (const auto& badge : expected)
        QVERIFY(tested.model.index(row, 2).data().toString().contains(badge));
}

void TestPipelineMatrixModel::showsDigestAgeAndDrift()
{
    TestedModel tested;
    tested.model.setSnapshot(snapshotOf({ "2.2.4=A", "2.2.4=B 2.2.4-stable=B", "" }));
    const auto present = tested.model.index(0, 0);
    QCOMPARE(present.data().toString(), QStringLiteral("aaaaaaaa · 6 d"));
    QCOMPARE(present.data(gantry::model::DigestRole).toString(), QString::fromStdString(digestOf('A')));
    QCOMPARE(present.data(gantry::model::TagRole).toString(), QStringLiteral("2.2.4"));
    QCOMPARE(
        present.data(gantry::model::RawValueRole).toDateTime(), QDateTime(QDate(2026, 11, 17), QTime(12, 0), Qt::UTC));
    const auto drift = tested.model.index(0, 1);
    QCOMPARE(drift.data().toString(), QStringLiteral("bbbbbbbb · 6 d  [stable]"));
    const QString tip = drift.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QString::fromStdString(digestOf('A'))) && tip.contains(QString::fromStdString(digestOf('B'))),
        qPrintable(tip));
    const auto absent = tested.model.index(0, 2);
    QCOMPARE(absent.data().toString(), QStringLiteral("—"));
    QVERIFY(!absent.data(gantry::model::RawValueRole).isValid());
    QCOMPARE(tested.model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("prod (protected)"));
    QCOMPARE(tested.model.headerData(0, Qt::Vertical).toString(), QStringLiteral("2.2.4"));
}

void TestPipelineMatrixModel::mergesWithoutReset()
{
    TestedModel tested;
    auto& model = tested.model;
    model.setSnapshot(snapshotOf({ "2.2.9=A 2.2.4=A 2.2.1=A", "2.2.4=A", "" }));
    QCOMPARE(rowTags(model), QByteArray("2.2.9,2.2.4,2.2.1"));
    const QPersistentModelIndex kept = model.index(1, 1);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // 2.3.0 and 2.2.5 arrive, 2.2.1 goes, 2.2.4 lands in prod.
    model.setSnapshot(snapshotOf({ "2.3.0=B 2.2.9=A 2.2.5=A 2.2.4=A", "2.2.4=A", "2.2.4=A" }));
    QCOMPARE(rowTags(model), QByteArray("2.3.0,2.2.9,2.2.5,2.2.4"));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(removed.size(), 1);
    QVERIFY(kept.isValid());
    QCOMPARE(kept.row(), 3);
    QCOMPARE(kept.data(gantry::model::TagRole).toString(), QStringLiteral("2.2.4"));
    // A content change names no roles; the refresh of ages every snapshot brings names only the
    // display role and covers every row, so it does not count here.
    const auto contentChanged = [&changed](int row, int column) {
        return std::ranges::any_of(changed, [row, column](const QList<QVariant>& arguments) {
            const auto topLeft = arguments[0].value<QModelIndex>();
            const auto bottomRight = arguments[1].value<QModelIndex>();
            return arguments[2].value<QList<int>>().isEmpty() && topLeft.row() <= row && bottomRight.row() >= row
                && topLeft.column() <= column && bottomRight.column() >= column;
        });
    };
    QVERIFY(contentChanged(3, 2)); // 2.2.4 in prod
    QVERIFY(!contentChanged(1, 0)); // 2.2.9, as it was
    QCOMPARE(rowStates(model, 3), QByteArray("PPP"));

    // The same snapshot again changes no row.
    model.setSnapshot(snapshotOf({ "2.3.0=B 2.2.9=A 2.2.5=A 2.2.4=A", "2.2.4=A", "2.2.4=A" }));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(resets.size(), 0);
}

void TestPipelineMatrixModel::marksPromotingUntilItLands()
{
    TestedModel tested;
    auto& model = tested.model;
    model.setSnapshot(snapshotOf({ "2.2.4=A", "", "" }));
    model.markPromoting("2.2.4", "et");
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("promoting…"));
    model.setSnapshot(snapshotOf({ "2.2.4=A", "", "" }));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("promoting…"));
    model.setSnapshot(snapshotOf({ "2.2.4=A", "2.2.4=A", "" }));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("aaaaaaaa · 6 d"));
    model.setSnapshot(snapshotOf({ "2.2.4=A", "", "" })); // gone again: no stale mark
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("—"));
    model.markPromoting("2.2.4", "et");
    model.clearPromoting("2.2.4", "et");
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("—"));
}

QTEST_GUILESS_MAIN(TestPipelineMatrixModel)
#include "tst_pipelinematrixmodel.moc"
