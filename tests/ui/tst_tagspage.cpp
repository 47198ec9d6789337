#include "model/tables/tagtablemodel.h"
#include "tests/support/tagsnapshots.h"
#include "ui/tagspage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

using gantry::model::TagTableModel;
using gantry::test::digestOf;
using gantry::test::snapshotOf;
using gantry::test::tagRow;
using gantry::ui::TagsPage;

class TestTagsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filterBoxNarrowsTheTable();
    void invalidExpressionShowsWhyAndHidesNothing();
    void classFilterNarrowsTheTable();
    void copiesDigestAndReferences();
    void appliesStableOnlyAfterConfirmation();
    void offersStableOnlyWhereMissing();
    void restoresHeaderState();
};

namespace {

const std::string prod = "registry.example.com/app/prod";
const std::string feedback = "registry.example.com/app/fast-feedback";

gantry::model::DashboardSnapshot demoSnapshot()
{
    return snapshotOf({ tagRow(feedback, "2.2.9", digestOf('1')), tagRow(feedback, "2.2.10", digestOf('2')),
        tagRow(feedback, "2.2.10-stable", digestOf('2')), tagRow(feedback, "2.3.0rc1", digestOf('3')),
        tagRow(feedback, "latest", digestOf('3')), tagRow(prod, "2.2.9", digestOf('1')),
        tagRow(prod, "2.2.9-stable", digestOf('1')), tagRow(prod, "2.2.10.1", digestOf('4')) });
}

// A page showing demoSnapshot(), with its widgets found the way a user finds them: by what they are.
struct ShownPage
{
    ShownPage()
    {
        page.setSnapshot(demoSnapshot());
        page.resize(1000, 600);
        page.show();
    }
    template<typename Widget> Widget* child(const char* name)
    {
        auto* widget = page.findChild<Widget*>(QString::fromLatin1(name));
        if (!widget)
            qFatal("TagsPage has no %s", name);
        return widget;
    }
    QTableView* table() { return child<QTableView>("tagTable"); }
    int shownRows() { return table()->model()->rowCount(); }
    // Makes the row of `repository:tag` current, as a click would.
    bool select(const std::string& repository, const std::string& tag)
    {
        QAbstractItemModel* rows = table()->model();
        const QString reference = QString::fromStdString(repository + ':' + tag);
        for (int row = 0; row < rows->rowCount(); ++row) {
            const QModelIndex index = rows->index(row, TagTableModel::Tag);
            if (rows->index(row, TagTableModel::Repository).data().toString() + u':' + index.data().toString()
                == reference) {
                table()->setCurrentIndex(index);
                return true;
            }
        }
        return false;
    }

    TagsPage page;
};

// Answers the next modal dialog with `button` once it is shown.
void answerNextDialog(QMessageBox::StandardButton button, QString* text)
{
    QTimer::singleShot(0, qApp, [button, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return answerNextDialog(button, text);
        *text = box->text();
        box->button(button)->click();
    });
}

} // namespace

void TestTagsPage::filterBoxNarrowsTheTable()
{
    ShownPage shown;
    QAbstractItemModelTester tester(shown.table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(shown.shownRows(), 8);
    QCOMPARE(shown.child<QLabel>("tagCount")->text(), QStringLiteral("8 of 8 tags"));

    QTest::keyClicks(shown.child<QLineEdit>("tagFilter"), QStringLiteral("2.2.1"));
    QCOMPARE(shown.shownRows(), 3);
    QCOMPARE(shown.child<QLabel>("tagCount")->text(), QStringLiteral("3 of 8 tags"));
    // Sorted newest first by version, not by text: 2.2.10.1 above 2.2.10-stable above 2.2.10.
    QCOMPARE(shown.table()->model()->index(0, TagTableModel::Tag).data().toString(), QStringLiteral("2.2.10.1"));

    shown.child<QLineEdit>("tagFilter")->clear();
    QTest::keyClicks(shown.child<QLineEdit>("tagFilter"), QStringLiteral("^2\\.2\\.9$"));
    QCOMPARE(shown.shownRows(), 0); // a substring: no tag contains "^"
    shown.child<QCheckBox>("tagFilterRegex")->setChecked(true);
    QCOMPARE(shown.shownRows(), 2);
}

void TestTagsPage::invalidExpressionShowsWhyAndHidesNothing()
{
    ShownPage shown;
    shown.child<QCheckBox>("tagFilterRegex")->setChecked(true);
    QTest::keyClicks(shown.child<QLineEdit>("tagFilter"), QStringLiteral("2.2.("));
    QCOMPARE(shown.shownRows(), 8);
    QVERIFY(shown.child<QLabel>("tagFilterError")->isVisible());
    QVERIFY(shown.child<QLabel>("tagFilterError")->text().contains(QStringLiteral("offset")));
    QTest::keyClick(shown.child<QLineEdit>("tagFilter"), Qt::Key_Backspace);
    QCOMPARE(shown.shownRows(), 6); // "2.2." as a regular expression: every 2.2 tag, not the candidate or latest
    QVERIFY(!shown.child<QLabel>("tagFilterError")->isVisible());
}

void TestTagsPage::classFilterNarrowsTheTable()
{
    ShownPage shown;
    auto* classes = shown.child<QComboBox>("tagClassFilter");
    classes->setCurrentIndex(classes->findText(QStringLiteral("Releases (final, patch)")));
    QCOMPARE(shown.shownRows(), 4);
    QTest::keyClicks(shown.child<QLineEdit>("tagFilter"), QStringLiteral("prod"));
    QCOMPARE(shown.shownRows(), 2);
    classes->setCurrentIndex(classes->findText(QStringLiteral("Stable")));
    QCOMPARE(shown.shownRows(), 1);
}

void TestTagsPage::copiesDigestAndReferences()
{
    ShownPage shown;
    QVERIFY(shown.select(prod, "2.2.10.1"));
    shown.child<QAction>("copyDigest")->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QString::fromStdString(digestOf('4')));
    shown.child<QAction>("copyDigestReference")->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QString::fromStdString(prod + "@" + digestOf('4')));
    shown.child<QAction>("copyTagReference")->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QString::fromStdString(prod + ":2.2.10.1"));
}

void TestTagsPage::appliesStableOnlyAfterConfirmation()
{
    ShownPage shown;
    QSignalSpy requests(&shown.page, &TagsPage::applyStableRequested);
    QVERIFY(shown.select(prod, "2.2.10.1"));
    auto* apply = shown.child<QAction>("applyStable");
    QVERIFY(apply->isEnabled());
    QCOMPARE(apply->text(), QStringLiteral("Apply 2.2.10.1-stable…"));

    QString question;
    answerNextDialog(QMessageBox::Cancel, &question);
    apply->trigger();
    QCOMPARE(requests.count(), 0);
    QVERIFY(question.contains(QString::fromStdString(prod + ":2.2.10.1-stable")));
    QVERIFY(question.contains(QString::fromStdString(digestOf('4'))));

    answerNextDialog(QMessageBox::Yes, &question);
    apply->trigger();
    QCOMPARE(requests.count(), 1);
    QCOMPARE(requests[0][0].toString(), QString::fromStdString(prod + ":2.2.10.1"));
}

void TestTagsPage::offersStableOnlyWhereMissing()
{
    ShownPage shown;
    auto* apply = shown.child<QAction>("applyStable");
    QVERIFY(shown.select(feedback, "2.2.9"));
    QVERIFY(apply->isEnabled()); // prod has 2.2.9-stable; fast-feedback does not
    QVERIFY(shown.select(prod, "2.2.9"));
    QVERIFY(!apply->isEnabled());
    QVERIFY(shown.select(feedback, "2.3.0rc1"));
    QVERIFY(!apply->isEnabled());
    QVERIFY(shown.select(feedback, "latest"));
    QVERIFY(!apply->isEnabled());
}

void TestTagsPage::restoresHeaderState()
{
    QByteArray state;
    {
        ShownPage shown;
        shown.table()->horizontalHeader()->hideSection(TagTableModel::Platforms);
        shown.table()->sortByColumn(TagTableModel::Size, Qt::AscendingOrder);
        state = shown.page.saveState();
    }
    ShownPage restored;
    QVERIFY(restored.page.restoreState(state));
    QVERIFY(restored.table()->horizontalHeader()->isSectionHidden(TagTableModel::Platforms));
    QCOMPARE(restored.table()->horizontalHeader()->sortIndicatorSection(), static_cast<int>(TagTableModel::Size));
}

QTEST_MAIN(TestTagsPage)
#include "tst_tagspage.moc"
