// Text from outside is text in widgets too: a QLabel guesses rich text (Qt::AutoText) from a
// leading tag, so a registry's error "<a href=…>log in again</a>" or a kubeconfig problem with
// "<img src=…>" would render as a link or an image. Labels that show such text are plain text.
#include "model/workspace/workspaceimport.h"
#include "ui/firststartdialog.h"
#include "ui/problembanner.h"

#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString hostile = QStringLiteral("<a href=\"https://evil.example\">log in again</a><img src=\"x\">");

// Every label that shows `text` does so as plain text.
bool showsAsPlainText(const QWidget& root, const QString& text, QString& why)
{
    int found = 0;
    for (const QLabel* label : root.findChildren<QLabel*>()) {
        if (!label->text().contains(text))
            continue;
        ++found;
        if (label->textFormat() != Qt::PlainText) {
            why = QStringLiteral("label %1 guesses the format of: %2").arg(label->objectName(), label->text());
            return false;
        }
    }
    why = QStringLiteral("no label shows it");
    return found > 0;
}

} // namespace

class TestPlainTextLabels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void problemBanner()
    {
        gantry::ui::ProblemBanner banner;
        banner.show(hostile);
        QString why;
        QVERIFY2(showsAsPlainText(banner, hostile, why), qPrintable(why));
    }

    void firstStartProblems()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        gantry::model::WorkspaceImport found;
        found.problems.push_back(hostile.toStdString());
        gantry::ui::FirstStartDialog dialog(found, directory.filePath(QStringLiteral("workspace.json")));
        QString why;
        QVERIFY2(showsAsPlainText(dialog, hostile, why), qPrintable(why));
    }
};

QTEST_MAIN(TestPlainTextLabels)
#include "tst_plaintextlabels.moc"
