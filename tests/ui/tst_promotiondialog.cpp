#include "model/policy/promotionplan.h"
#include "tests/support/datarows.h"
#include "ui/promotiondialog.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using gantry::model::PromotionFacts;
using gantry::model::PromotionPlan;
using gantry::model::PromotionRequest;
using gantry::model::Workspace;
using gantry::registry::Digest;
using gantry::registry::ManifestHead;
using gantry::registry::parseRfc3339;
using gantry::test::row;
using gantry::test::str;
using gantry::ui::PromotionDialog;

class TestPromotionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passedPlanEnablesPromote();
    void refusalComesFirstAndDisablesPromote_data();
    void refusalComesFirstAndDisablesPromote();
    void protectedStageWantsTheTagTyped();
    void forceAsksForANewPlan();
    void nothingToDoCloses();
    void showsStableAndRetentionOutcome_data();
    void showsStableAndRetentionOutcome();
    void copiesTheCommand();
};

namespace {

const Digest imageA = Digest::ofBytes("image A");
const Digest imageB = Digest::ofBytes("image B");
const auto now = *parseRfc3339("2026-11-23T12:00:00Z");

// webapp: ff → et (soak 2h) → prod (protected, -stable, the CERN retention policy, floating `prod`).
Workspace workspace()
{
    Workspace workspace;
    workspace.retentionPolicies.emplace("cern", gantry::model::cernRegistryPolicy());
    gantry::model::PipelineConfig pipeline;
    pipeline.name = "webapp";
    const auto stage = [](const char* name, const char* repository) {
        gantry::model::StageConfig stage;
        stage.name = name;
        stage.host = "registry.example.org";
        stage.repository = repository;
        return stage;
    };
    pipeline.stages = { stage("ff", "webapp/ff"), stage("et", "webapp/et"), stage("prod", "webapp/prod") };
    pipeline.stages[1].minimumSoak = std::chrono::hours(2);
    auto& prod = pipeline.stages[2];
    prod.isProtected = true;
    prod.writesStableTags = true;
    prod.retentionPolicy = "cern";
    prod.floatingTags = { "prod" };
    workspace.pipelines.push_back(pipeline);
    return workspace;
}

// `stages`: per stage A, B or - (absent); `stable`: `<tag>-stable` in the destination; `entered`:
// hours since the tag entered the stages it leaves.
PromotionPlan plan(const Workspace& workspace, const char* tag, const QByteArray& stages, char stable = '-',
    int entered = 48, bool force = false, const char* to = "")
{
    PromotionFacts facts;
    for (const char c : stages) {
        facts.tagInStage.push_back(c == '-' ? std::nullopt
                                            : std::optional(ManifestHead { c == 'A' ? imageA : imageB,
                                                "application/vnd.oci.image.manifest.v1+json", 100 }));
        facts.enteredStage.push_back(now - std::chrono::hours(entered));
    }
    if (stable != '-')
        facts.stableInDestination = stable == 'A' ? imageA : imageB;
    facts.now = now;
    PromotionRequest request;
    request.tag = tag;
    request.force = force;
    request.to = to;
    auto planned
        = gantry::model::planPromotion(workspace.pipelines.front(), request, facts, workspace.retentionPolicies);
    if (!planned)
        qFatal("the test plan is invalid: %s", planned.error().message.c_str());
    return *planned;
}

template<typename Widget> Widget* child(const PromotionDialog& dialog, const char* name)
{
    auto* widget = dialog.findChild<Widget*>(QString::fromLatin1(name));
    if (!widget)
        qFatal("the dialog has no %s", name);
    return widget;
}

QString labelText(const PromotionDialog& dialog, const char* name)
{
    return child<QLabel>(dialog, name)->text();
}

} // namespace

void TestPromotionDialog::passedPlanEnablesPromote()
{
    const auto ws = workspace();
    PromotionDialog dialog(plan(ws, "2.2.4", "A--"));
    dialog.show();
    auto* promote = child<QPushButton>(dialog, "promoteButton");
    QVERIFY(promote->isEnabled());
    QCOMPARE(promote->text(), QStringLiteral("Promote to et"));
    QVERIFY(!child<QLineEdit>(dialog, "confirmTagEdit")->isVisible());
    QVERIFY(!child<QCheckBox>(dialog, "forceCheck")->isVisible());
    QVERIFY(labelText(dialog, "verdictLabel").startsWith(QStringLiteral("Every guard passed")));
    QCOMPARE(labelText(dialog, "sourceLabel"),
        QStringLiteral("registry.example.org/webapp/ff:2.2.4@") + QString::fromStdString(imageA.str())
            + QStringLiteral(" (ff)"));
    QVERIFY(labelText(dialog, "destinationLabel").startsWith(QStringLiteral("registry.example.org/webapp/et:2.2.4")));
    QCOMPARE(labelText(dialog, "digestLabel"), QString::fromStdString(imageA.str()));
    QCOMPARE(labelText(dialog, "destinationBeforeLabel"), QStringLiteral("no such tag there"));
    const auto* guards = child<QTreeWidget>(dialog, "guardList");
    QCOMPARE(guards->topLevelItemCount(), 2); // source and stage order: ff has no soak time, et no freeze
    for (int i = 0; i < guards->topLevelItemCount(); ++i)
        QCOMPARE(guards->topLevelItem(i)->text(1), QStringLiteral("passed"));
    QCOMPARE(child<QLineEdit>(dialog, "commandEdit")->text(),
        QStringLiteral("gantryctl promote webapp 2.2.4 --from ff --to et"));
    QTest::mouseClick(promote, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestPromotionDialog::refusalComesFirstAndDisablesPromote_data()
{
    QTest::addColumn<QByteArray>("stages");
    QTest::addColumn<char>("stable");
    QTest::addColumn<int>("entered");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("wayOut");
    QTest::addColumn<bool>("forceable");
    QTest::addColumn<QByteArray>("to");
    row("soak time", "AA-", '-', 1, QStringLiteral("Refused by soak time: soaks until 2026-11-23T13:00:00Z"),
        QStringLiteral("Way out: wait until 2026-11-23T13:00:00Z, or pass --force"), true, "");
    row("immutable tag", "AAB", '-', 48, QStringLiteral("Refused by immutable tag: prod already has 2.2.4"),
        QStringLiteral("Way out: release it under a new version"), true, "prod");
    row("-stable conflict", "AA-", 'B', 48, QStringLiteral("Refused by -stable: prod has 2.2.4-stable"),
        QStringLiteral("Way out: find out which image is the real 2.2.4"), false, "");
    row("in no stage", "---", '-', 48, QStringLiteral("Refused by source: 2.2.4 is in no stage of webapp"),
        QStringLiteral("Way out: check the tag's spelling"), false, "");
}

void TestPromotionDialog::refusalComesFirstAndDisablesPromote()
{
    QFETCH(QByteArray, stages);
    QFETCH(char, stable);
    QFETCH(int, entered);
    QFETCH(QString, verdict);
    QFETCH(QString, wayOut);
    QFETCH(bool, forceable);
    QFETCH(QByteArray, to);
    const auto ws = workspace();
    PromotionDialog dialog(plan(ws, "2.2.4", stages, stable, entered, false, to.constData()));
    dialog.show();
    const QString shown = labelText(dialog, "verdictLabel");
    QVERIFY2(shown.startsWith(verdict), qPrintable(shown));
    QVERIFY2(shown.contains(wayOut), qPrintable(shown));
    auto* promote = child<QPushButton>(dialog, "promoteButton");
    QVERIFY(promote->isVisible());
    QVERIFY(!promote->isEnabled());
    QCOMPARE(child<QCheckBox>(dialog, "forceCheck")->isVisible(), forceable);
    // Typing the tag does not unlock a refused promotion.
    child<QLineEdit>(dialog, "confirmTagEdit")->setText(QStringLiteral("2.2.4"));
    QVERIFY(!promote->isEnabled());
    const auto refused
        = child<QTreeWidget>(dialog, "guardList")->findItems(QStringLiteral("refused"), Qt::MatchExactly, 1);
    QCOMPARE(refused.size(), 1);
    QVERIFY(refused.front()->text(2).contains(wayOut));
}

void TestPromotionDialog::protectedStageWantsTheTagTyped()
{
    const auto ws = workspace();
    PromotionDialog dialog(plan(ws, "2.2.4", "AA-"));
    dialog.show();
    auto* promote = child<QPushButton>(dialog, "promoteButton");
    auto* confirm = child<QLineEdit>(dialog, "confirmTagEdit");
    QVERIFY(confirm->isVisible());
    QVERIFY(!promote->isEnabled());
    QTest::keyClicks(confirm, QStringLiteral("2.2."));
    QVERIFY(!promote->isEnabled());
    QTest::keyClicks(confirm, QStringLiteral("4"));
    QVERIFY(promote->isEnabled());
    QTest::keyClicks(confirm, QStringLiteral(" "));
    QVERIFY(!promote->isEnabled());
    QTest::keyClick(confirm, Qt::Key_Backspace);
    QTest::keyClick(confirm, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestPromotionDialog::forceAsksForANewPlan()
{
    const auto ws = workspace();
    PromotionDialog dialog(plan(ws, "2.2.4", "AA-", '-', 1));
    dialog.show();
    QSignalSpy forced(&dialog, &PromotionDialog::forceRequested);
    auto* force = child<QCheckBox>(dialog, "forceCheck");
    force->click();
    QCOMPARE(forced.size(), 1);
    QCOMPARE(forced.front().front().toBool(), true);
    QVERIFY(!force->isEnabled()); // until the new plan is shown

    dialog.setPlan(plan(ws, "2.2.4", "AA-", '-', 1, true));
    QVERIFY(force->isEnabled());
    QVERIFY(force->isChecked());
    QVERIFY(labelText(dialog, "verdictLabel").startsWith(QStringLiteral("Forced")));
    QVERIFY(child<QLineEdit>(dialog, "commandEdit")->text().endsWith(QStringLiteral(" --force")));
    auto* promote = child<QPushButton>(dialog, "promoteButton");
    QVERIFY(!promote->isEnabled()); // prod is still protected
    child<QLineEdit>(dialog, "confirmTagEdit")->setText(QStringLiteral("2.2.4"));
    QVERIFY(promote->isEnabled());
}

void TestPromotionDialog::nothingToDoCloses()
{
    const auto ws = workspace();
    PromotionDialog dialog(plan(ws, "2.2.4", "AAA", 'A'));
    dialog.show();
    QVERIFY(labelText(dialog, "verdictLabel").startsWith(QStringLiteral("Nothing to do: 2.2.4 is in prod")));
    QVERIFY(!child<QPushButton>(dialog, "promoteButton")->isVisible());
    auto* close = child<QPushButton>(dialog, "cancelButton");
    QCOMPARE(close->text(), QStringLiteral("Close"));
    QTest::mouseClick(close, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestPromotionDialog::showsStableAndRetentionOutcome_data()
{
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<QByteArray>("stages");
    QTest::addColumn<char>("stable");
    QTest::addColumn<QString>("stableText");
    QTest::addColumn<QString>("retention");
    row("into et: no policy", "2.2.4", "A--", '-', QStringLiteral("none: et writes no -stable tags"),
        QStringLiteral("et has no retention policy: kept until deleted by hand"));
    row("final into prod", "2.2.4", "AA-", '-', QStringLiteral("will write 2.2.4-stable at sha256:"),
        QStringLiteral("policy cern of prod: kept by tags matching .*-stable: pushed within 365 days; or any tag: "
                       "the newest 3 by push time; or any tag: pulled within 30 days"));
    row("stable already there", "2.2.4", "AA-", 'A', QStringLiteral("2.2.4-stable is already there"),
        QStringLiteral("kept by tags matching .*-stable: pushed within 365 days"));
    row("candidate into prod", "2.2.4rc1", "AA-", '-', QStringLiteral("none: 2.2.4rc1 is not a final or patch release"),
        QStringLiteral("policy cern of prod: kept by any tag: the newest 3 by push time; or any tag: pulled"));
    row("stable conflict", "2.2.4", "AA-", 'B', QStringLiteral("refused, even with force: prod has 2.2.4-stable"),
        QStringLiteral("policy cern of prod: kept by any tag"));
}

void TestPromotionDialog::showsStableAndRetentionOutcome()
{
    QFETCH(QByteArray, tag);
    QFETCH(QByteArray, stages);
    QFETCH(char, stable);
    QFETCH(QString, stableText);
    QFETCH(QString, retention);
    const auto ws = workspace();
    PromotionDialog dialog(plan(ws, tag.constData(), stages, stable));
    const QString shownStable = labelText(dialog, "stableLabel");
    QVERIFY2(shownStable.startsWith(stableText), qPrintable(shownStable));
    const QString shownRetention = labelText(dialog, "retentionLabel");
    QVERIFY2(shownRetention.contains(retention), qPrintable(shownRetention));
}

void TestPromotionDialog::copiesTheCommand()
{
    const auto ws = workspace();
    PromotionDialog dialog(plan(ws, "2.2.4", "AA-"));
    auto* command = child<QLineEdit>(dialog, "commandEdit");
    QVERIFY(command->isReadOnly());
    QCOMPARE(command->text(), QStringLiteral("gantryctl promote webapp 2.2.4 --from et --to prod"));
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(child<QPushButton>(dialog, "copyCommandButton"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), command->text());
}

QTEST_MAIN(TestPromotionDialog)
#include "tst_promotiondialog.moc"
