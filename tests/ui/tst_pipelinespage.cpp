// The Pipelines page end to end: a three-stage pipeline over two real registries, the page's
// Promote button, the pre-flight dialog's Promote, the worker's write; skopeo as the witness of
// what landed and the journal read back. A refused promotion shows its reason and writes nothing.
#include "model/dashboard/dashboard.h"
#include "model/journal/journal.h"
#include "model/tables/pipelinematrixmodel.h"
#include "model/workspace/workspaceloader.h"
#include "tests/support/errornames.h"
#include "tests/support/imagefixture.h"
#include "tests/support/skopeo.h"
#include "tests/support/testregistry.h"
#include "ui/pipelinespage.h"
#include "ui/promotiondialog.h"

#include <QCheckBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace gantry::test;
using gantry::model::Dashboard;
using gantry::model::MatrixCell;
using gantry::model::PipelineMatrixModel;
using gantry::ui::PipelinesPage;
using gantry::ui::PromotionDialog;

class TestPipelinesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void promotesByClick();
    void refusalShowsItsReasonAndWritesNothing();

private:
    // Pipeline <name>: ff and et on the first registry, prod (protected, -stable, floating `prod`)
    // on the second; repositories <name>/<stage>.
    std::unique_ptr<Dashboard> openDashboard(const QString& name, const QString& etSoak);
    QString push(const QString& repository, const QString& tag, quint64 seed);
    QString journalPath(const QString& name) const;
    // The journal's entries about writes (promote, -stable), whatever their outcome.
    std::vector<gantry::model::JournalEntry> writes(const QString& name);
    // Shows the page on the pipeline, selects `tag`'s row and clicks Promote; the dialog that opens.
    PromotionDialog* clickPromote(PipelinesPage& page, const QString& name, const QString& tag);

    TestRegistry m_first;
    TestRegistry m_second;
    QTemporaryDir m_home;
};

namespace {

constexpr int waitMs = 60000;

PipelineMatrixModel* matrixOf(PipelinesPage& page)
{
    return qobject_cast<PipelineMatrixModel*>(page.findChild<QTableView*>(QStringLiteral("matrixView"))->model());
}

int cellState(PipelineMatrixModel* model, int row, int column)
{
    return model->index(row, column).data(gantry::model::CellStateRole).toInt();
}

} // namespace

void TestPipelinesPage::initTestCase()
{
    QVERIFY(m_home.isValid());
    // The dashboard reads credentials in this process: never the machine's.
    qputenv("HOME", m_home.path().toUtf8());
    qputenv("DOCKER_CONFIG", m_home.filePath(QStringLiteral(".docker")).toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral(".config")).toUtf8());
    // Not REGISTRY_AUTH_FILE: docker-registry reads REGISTRY_* as its own configuration.
    QVERIFY(QDir(m_home.path()).mkpath(QStringLiteral("run")));
    qputenv("XDG_RUNTIME_DIR", m_home.filePath(QStringLiteral("run")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_first.start(), qPrintable(m_first.errorString()));
    QVERIFY2(m_second.start(), qPrintable(m_second.errorString()));
}

std::unique_ptr<Dashboard> TestPipelinesPage::openDashboard(const QString& name, const QString& etSoak)
{
    const auto stage = [&](const char* stageName, const char* registry) {
        return QJsonObject { { QStringLiteral("name"), QString::fromLatin1(stageName) },
            { QStringLiteral("registry"), QString::fromLatin1(registry) },
            { QStringLiteral("repository"), name + QLatin1Char('/') + QString::fromLatin1(stageName) } };
    };
    QJsonObject et = stage("et", "first");
    et.insert(QStringLiteral("minimumSoak"), etSoak);
    QJsonObject prod = stage("prod", "second");
    prod.insert(QStringLiteral("floatingTags"), QJsonArray { QStringLiteral("prod") });
    const QJsonObject workspace {
        { QStringLiteral("registries"),
            QJsonArray {
                QJsonObject {
                    { QStringLiteral("name"), QStringLiteral("first") }, { QStringLiteral("url"), m_first.host() } },
                QJsonObject {
                    { QStringLiteral("name"), QStringLiteral("second") }, { QStringLiteral("url"), m_second.host() } },
            } },
        { QStringLiteral("pipelines"),
            QJsonArray { QJsonObject { { QStringLiteral("name"), name },
                { QStringLiteral("stableTagStages"), QJsonArray { QStringLiteral("prod") } },
                { QStringLiteral("stages"), QJsonArray { stage("ff", "first"), et, prod } } } } },
    };
    const QString file = m_home.filePath(QStringLiteral("ws-") + name + QStringLiteral(".json"));
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(workspace).toJson()) < 0)
        qFatal("cannot write %s", qPrintable(file));
    out.close();
    auto loaded = gantry::model::loadWorkspace(file.toStdString());
    if (!loaded)
        qFatal("the test workspace is invalid: %s", loaded.error().message.c_str());
    return std::make_unique<Dashboard>(*loaded, journalPath(name).toStdString(), std::string());
}

QString TestPipelinesPage::push(const QString& repository, const QString& tag, quint64 seed)
{
    ImageSpec spec;
    spec.layerCount = 2;
    spec.seed = seed;
    auto image = ImageFixture(m_first).push(repository, tag, spec);
    return image ? image->digest : QString();
}

QString TestPipelinesPage::journalPath(const QString& name) const
{
    return m_home.filePath(QStringLiteral("journal-") + name + QStringLiteral(".sqlite"));
}

std::vector<gantry::model::JournalEntry> TestPipelinesPage::writes(const QString& name)
{
    std::vector<gantry::model::JournalEntry> found;
    auto journal = gantry::model::Journal::open(journalPath(name).toStdString());
    if (!journal)
        return found;
    auto entries = (*journal)->entries();
    if (!entries)
        return found;
    for (auto& entry : *entries) {
        if (entry.action == "promote" || entry.action == "stable")
            found.push_back(std::move(entry));
    }
    return found;
}

PromotionDialog* TestPipelinesPage::clickPromote(PipelinesPage& page, const QString& name, const QString& tag)
{
    page.selectPipeline(name);
    auto* model = matrixOf(page);
    const int row = model->rowOf(tag.toStdString());
    auto* button = page.findChild<QPushButton*>(QStringLiteral("promoteRowButton"));
    if (row < 0)
        return nullptr;
    page.findChild<QTableView*>(QStringLiteral("matrixView"))->setCurrentIndex(model->index(row, 0));
    if (!button->isEnabled())
        return nullptr;
    PromotionDialog* dialog = nullptr;
    const auto connection
        = connect(&page, &PipelinesPage::dialogOpened, this, [&dialog](PromotionDialog* opened) { dialog = opened; });
    QTest::mouseClick(button, Qt::LeftButton);
    const bool opened = QTest::qWaitFor([&dialog] { return dialog != nullptr; }, waitMs);
    disconnect(connection);
    return opened ? dialog : nullptr;
}

void TestPipelinesPage::promotesByClick()
{
    const QString name = QStringLiteral("click");
    const QString digest = push(name + QStringLiteral("/ff"), QStringLiteral("2.2.4"), 1);
    QVERIFY(!digest.isEmpty());
    QVERIFY(!push(name + QStringLiteral("/ff"), QStringLiteral("2.2.10"), 2).isEmpty());
    auto dashboard = openDashboard(name, QStringLiteral("0s"));
    PipelinesPage page(*dashboard);
    page.show();
    QSignalSpy snapshots(dashboard.get(), &Dashboard::snapshotChanged);
    dashboard->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->snapshot().generation > 0, waitMs);

    auto* model = matrixOf(page);
    page.selectPipeline(name);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->tagAt(0), std::string("2.2.10"));
    const int row = model->rowOf("2.2.4");
    QCOMPARE(cellState(model, row, 0), int(MatrixCell::State::Present));
    QCOMPARE(cellState(model, row, 1), int(MatrixCell::State::Absent));

    PromotionDialog* dialog = clickPromote(page, name, QStringLiteral("2.2.4"));
    QVERIFY(dialog);
    QCOMPARE(page.findChild<QPushButton*>(QStringLiteral("promoteRowButton"))->text(),
        QStringLiteral("Promote 2.2.4 to et"));
    const QString verdict = dialog->findChild<QLabel*>(QStringLiteral("verdictLabel"))->text();
    QVERIFY2(verdict.startsWith(QStringLiteral("Every guard passed")), qPrintable(verdict));
    QCOMPARE(QString::fromStdString(dialog->plan().digest.str()), digest);

    QSignalSpy finished(dashboard.get(), &Dashboard::actionFinished);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("promoteButton")), Qt::LeftButton);
    QCOMPARE(model->index(row, 1).data().toString(), QStringLiteral("promoting…"));
    QVERIFY(finished.wait(waitMs));
    const auto outcome = finished.front().at(1).value<gantry::model::ActionOutcome>();
    QVERIFY2(outcome.status, why(outcome.status));
    QCOMPARE(
        page.findChild<QLabel*>(QStringLiteral("promotionStatus"))->text(), QString::fromStdString(outcome.summary));

    // The refresh after the write turns the cell present, at the same digest.
    QTRY_COMPARE_WITH_TIMEOUT(cellState(model, row, 1), int(MatrixCell::State::Present), waitMs);
    QCOMPARE(model->index(row, 1).data(gantry::model::DigestRole).toString(), digest);
    QCOMPARE(page.findChild<QPushButton*>(QStringLiteral("promoteRowButton"))->text(),
        QStringLiteral("Promote 2.2.4 to prod"));

    // The witness and the journal.
    const auto inEt = Skopeo(m_first).digestOf(name + QStringLiteral("/et:2.2.4"));
    QVERIFY2(inEt, why(inEt));
    QCOMPARE(*inEt, digest);
    const auto entries = writes(name);
    const auto promoted = std::ranges::find_if(entries,
        [](const gantry::model::JournalEntry& entry) { return entry.action == "promote" && entry.outcome == "done"; });
    QVERIFY(promoted != entries.end());
    QCOMPARE(promoted->tag, std::string("2.2.4"));
    QCOMPARE(promoted->stage, std::string("et"));
    QCOMPARE(QString::fromStdString(promoted->digestAfter), digest);
}

void TestPipelinesPage::refusalShowsItsReasonAndWritesNothing()
{
    // 2.2.9 reached et just now (the first refresh sees it there), and et wants a week.
    const QString name = QStringLiteral("soak");
    const QString digest = push(name + QStringLiteral("/ff"), QStringLiteral("2.2.9"), 3);
    QCOMPARE(push(name + QStringLiteral("/et"), QStringLiteral("2.2.9"), 3), digest);
    auto dashboard = openDashboard(name, QStringLiteral("7d"));
    PipelinesPage page(*dashboard);
    page.show();
    dashboard->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->snapshot().generation > 0, waitMs);
    const auto writesBefore = writes(name).size();

    PromotionDialog* dialog = clickPromote(page, name, QStringLiteral("2.2.9"));
    QVERIFY(dialog);
    const QString verdict = dialog->findChild<QLabel*>(QStringLiteral("verdictLabel"))->text();
    QVERIFY2(verdict.startsWith(QStringLiteral("Refused by soak time: soaks until")), qPrintable(verdict));
    QVERIFY2(verdict.contains(QStringLiteral("Way out: wait until")), qPrintable(verdict));
    QVERIFY(dialog->findChild<QCheckBox*>(QStringLiteral("forceCheck"))->isVisible());
    auto* promote = dialog->findChild<QPushButton*>(QStringLiteral("promoteButton"));
    QVERIFY(!promote->isEnabled());
    QSignalSpy finished(dashboard.get(), &Dashboard::actionFinished);
    QTest::mouseClick(promote, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QTRY_VERIFY(page.findChild<PromotionDialog*>() == nullptr);

    // Nothing was asked of the worker, nothing landed, nothing was journaled.
    QCOMPARE(finished.size(), 0);
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("promotionStatus"))->text().isEmpty());
    const auto inProd = Skopeo(m_second).digestOf(name + QStringLiteral("/prod:2.2.9"));
    QVERIFY(!inProd);
    QCOMPARE(writes(name).size(), writesBefore);
    QCOMPARE(writesBefore, std::size_t(0));
}

QTEST_MAIN(TestPipelinesPage)
#include "tst_pipelinespage.moc"
