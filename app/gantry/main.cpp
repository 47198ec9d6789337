// gantry: the dashboard. Parses arguments, loads the workspace (or offers to make one), wires the
// dashboard to the window; everything else lives in model/ and ui/.
#include "model/dashboard/dashboard.h"
#include "model/dashboard/snapshotcache.h"
#include "model/journal/journal.h"
#include "model/workspace/kubeconfig.h"
#include "model/workspace/workspaceimport.h"
#include "model/workspace/workspaceloader.h"
#include "ui/firststartdialog.h"
#include "ui/mainwindow.h"
#include "ui/screenshot.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QMessageBox>
#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Gantry"));
    QApplication::setOrganizationName(QStringLiteral("Gantry"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Release dashboard for container images"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"),
        QStringLiteral("The workspace file (default $GANTRY_WORKSPACE, else the per-user one)."),
        QStringLiteral("FILE"));
    const QCommandLineOption journalOption(QStringLiteral("journal"),
        QStringLiteral("The journal (default $GANTRY_JOURNAL, else the per-user one)."), QStringLiteral("FILE"));
    const QCommandLineOption kubeconfigOption(QStringLiteral("kubeconfig"),
        QStringLiteral("Clusters from this kubeconfig too (default $KUBECONFIG, ~/.kube/config)."),
        QStringLiteral("FILE"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QStringLiteral("After the first refresh, save the window as a PNG and exit."), QStringLiteral("FILE"));
    const QCommandLineOption pageOption(QStringLiteral("page"),
        QStringLiteral("The page to show: %1.").arg(gantry::ui::MainWindow::pageNames().join(QStringLiteral(", "))),
        QStringLiteral("NAME"));
    parser.addOptions({ workspaceOption, journalOption, kubeconfigOption, screenshotOption, pageOption });
    parser.process(app);
    const bool screenshot = parser.isSet(screenshotOption);

    std::string workspacePath = parser.isSet(workspaceOption) ? parser.value(workspaceOption).toStdString()
                                                              : gantry::model::defaultWorkspacePath();
    if (!QFileInfo::exists(QString::fromStdString(workspacePath))) {
        if (screenshot || parser.isSet(workspaceOption)) {
            std::fprintf(stderr, "gantry: no workspace at %s\n", workspacePath.c_str());
            return 2;
        }
        gantry::ui::FirstStartDialog firstStart(
            gantry::model::importWorkspace(), QString::fromStdString(workspacePath));
        if (firstStart.exec() != QDialog::Accepted)
            return 0;
        workspacePath = firstStart.savedPath().toStdString();
    }
    auto workspace = gantry::model::loadWorkspace(workspacePath);
    if (!workspace) {
        std::fprintf(stderr, "gantry: %s\n", workspace.error().message.c_str());
        if (!screenshot)
            QMessageBox::critical(nullptr, QStringLiteral("Gantry"), QString::fromStdString(workspace.error().message));
        return 2;
    }
    const auto journal = parser.isSet(journalOption) ? parser.value(journalOption).toStdString()
                                                     : gantry::model::Journal::defaultPath();
    const auto kubeconfigs = parser.isSet(kubeconfigOption)
        ? std::vector<std::string> { parser.value(kubeconfigOption).toStdString() }
        : gantry::model::defaultKubeconfigPaths();

    gantry::model::Dashboard dashboard(
        std::move(*workspace), journal, gantry::model::defaultSnapshotCachePath(workspacePath), nullptr, kubeconfigs);
    gantry::ui::MainWindow window(dashboard);
    if (parser.isSet(pageOption) && !window.showPage(parser.value(pageOption))) {
        std::fprintf(stderr, "gantry: no page named %s\n", qPrintable(parser.value(pageOption)));
        return 2;
    }
    int status = 0;
    if (screenshot) {
        auto* capture
            = new gantry::ui::Screenshot(window, dashboard, parser.value(screenshotOption), parser.value(pageOption));
        QObject::connect(capture, &gantry::ui::Screenshot::finished, &app, [&status](const QString& error) {
            if (!error.isEmpty()) {
                std::fprintf(stderr, "gantry: %s\n", qPrintable(error));
                status = 1;
            }
            QApplication::quit();
        });
    }
    window.show();
    dashboard.refresh();
    const int exitCode = QApplication::exec();
    return status ? status : exitCode;
}
