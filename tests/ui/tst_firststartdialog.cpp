// The first-start dialog: what it offers, what Save writes (only the checked registries and clusters),
// a path it cannot write, and Skip.
#include "model/workspace/workspaceloader.h"
#include "tests/support/errornames.h"
#include "ui/firststartdialog.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using gantry::model::ClusterConfig;
using gantry::model::RegistryConfig;
using gantry::model::WorkspaceImport;
using gantry::test::why;
using gantry::ui::FirstStartDialog;

class TestFirstStartDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void offersEverythingChecked();
    void savesOnlyTheCheckedEntries();
    void showsWhyItCannotSave();
    void skipWritesNothing();

private:
    template<typename T> T* child(FirstStartDialog& dialog, const char* name);
    static WorkspaceImport found();

    QTemporaryDir m_directory;
};

template<typename T> T* TestFirstStartDialog::child(FirstStartDialog& dialog, const char* name)
{
    return dialog.findChild<T*>(QString::fromLatin1(name));
}

WorkspaceImport TestFirstStartDialog::found()
{
    WorkspaceImport found;
    for (const char* host : { "registry.example.org", "docker.io", "quay.io" })
        found.workspace.registries.push_back(RegistryConfig { host, host, {} });
    found.workspace.clusters.push_back(
        ClusterConfig { "prod-geneva", "geneva", "production", "https://api.geneva.example.org:6443", {}, {} });
    found.workspace.clusters.push_back(
        ClusterConfig { "prod-zurich", "zurich", "production", "https://api.zurich.example.org:6443", {}, {} });
    found.problems.push_back("/home/x/.docker/config.json is not valid JSON");
    return found;
}

void TestFirstStartDialog::init()
{
    QVERIFY(m_directory.isValid());
}

void TestFirstStartDialog::offersEverythingChecked()
{
    FirstStartDialog dialog(found(), m_directory.filePath(QStringLiteral("workspace.json")));
    auto* registries = child<QListWidget>(dialog, "registries");
    auto* clusters = child<QListWidget>(dialog, "clusters");
    QVERIFY(registries && clusters);
    QCOMPARE(registries->count(), 3);
    QCOMPARE(registries->item(1)->text(), QStringLiteral("docker.io"));
    QCOMPARE(clusters->count(), 2);
    QVERIFY(clusters->item(0)->text().contains(QStringLiteral("prod-geneva")));
    QVERIFY(clusters->item(0)->text().contains(QStringLiteral("geneva")));
    for (auto* list : { registries, clusters }) {
        for (int row = 0; row < list->count(); ++row)
            QCOMPARE(list->item(row)->checkState(), Qt::Checked);
    }
    QCOMPARE(child<QLineEdit>(dialog, "path")->text(), m_directory.filePath(QStringLiteral("workspace.json")));
    QCOMPARE(dialog.chosenWorkspace().registries.size(), 3u);
}

void TestFirstStartDialog::savesOnlyTheCheckedEntries()
{
    FirstStartDialog dialog(found(), m_directory.filePath(QStringLiteral("unused.json")));
    const QString file = m_directory.filePath(QStringLiteral("config/gantry/workspace.json"));
    child<QListWidget>(dialog, "registries")->item(1)->setCheckState(Qt::Unchecked);
    child<QListWidget>(dialog, "clusters")->item(0)->setCheckState(Qt::Unchecked);
    child<QLineEdit>(dialog, "path")->setText(file);
    dialog.show();
    QTest::mouseClick(child<QPushButton>(dialog, "save"), Qt::LeftButton);

    QCOMPARE(dialog.result(), static_cast<int>(QDialog::Accepted));
    QCOMPARE(dialog.savedPath(), file);
    QVERIFY(!QFile::exists(m_directory.filePath(QStringLiteral("unused.json"))));
    const auto loaded = gantry::model::loadWorkspace(file.toStdString());
    QVERIFY2(loaded, why(loaded));
    QCOMPARE(loaded->registries.size(), 2u);
    QCOMPARE(loaded->registries[0].host, "registry.example.org");
    QCOMPARE(loaded->registries[1].host, "quay.io");
    QCOMPARE(loaded->clusters.size(), 1u);
    QCOMPARE(loaded->clusters[0].name, "prod-zurich");
    QCOMPARE(loaded->clusters[0].site, "zurich");
}

void TestFirstStartDialog::showsWhyItCannotSave()
{
    QFile blocker(m_directory.filePath(QStringLiteral("a-file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    FirstStartDialog dialog(found(), m_directory.filePath(QStringLiteral("a-file/workspace.json")));
    dialog.show();
    QTest::mouseClick(child<QPushButton>(dialog, "save"), Qt::LeftButton);

    QVERIFY(dialog.isVisible()); // still open: the user can pick another path
    QVERIFY(dialog.savedPath().isEmpty());
    auto* error = child<QLabel>(dialog, "error");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("a-file/workspace.json")), qPrintable(error->text()));
}

void TestFirstStartDialog::skipWritesNothing()
{
    const QString file = m_directory.filePath(QStringLiteral("skipped.json"));
    FirstStartDialog dialog(found(), file);
    dialog.show();
    QTest::mouseClick(child<QPushButton>(dialog, "skip"), Qt::LeftButton);
    QCOMPARE(dialog.result(), static_cast<int>(QDialog::Rejected));
    QVERIFY(!dialog.isVisible());
    QVERIFY(!QFile::exists(file));
    QVERIFY(dialog.savedPath().isEmpty());
}

QTEST_MAIN(TestFirstStartDialog)
#include "tst_firststartdialog.moc"
