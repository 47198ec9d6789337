#pragma once

#include "model/dashboard/certificatealerts.h"

#include <QMainWindow>
#include <QStringList>
#include <vector>

class QDockWidget;
class QListWidget;
class QStackedWidget;
class QSystemTrayIcon;
class QTimer;

namespace gantry::model {
class Dashboard;
class MessageLog;
} // namespace gantry::model

namespace gantry::ui {

class ProblemBanner;

/// Assembles the pages around the dashboard: navigation on the left, the banner and the messages
/// view for background problems, progress and cancel in the status bar, F5 and a timer to refresh,
/// a tray notice when a certificate crosses a threshold. Remembers its geometry and layout.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(model::Dashboard& dashboard, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// "pipelines", "tags", "clusters", "history", "registries"
    static QStringList pageNames();
    /// Shows the named page; false for an unknown name.
    bool showPage(const QString& name);
    QWidget* page(const QString& name) const;
    ProblemBanner* banner() const { return m_banner; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    struct Page
    {
        QString name;
        QWidget* widget = nullptr;
    };
    void addPage(const QString& name, const QString& title, QWidget* widget);
    void createActions();
    void snapshotArrived();
    void restoreLayout();
    void saveLayout() const;

    model::Dashboard& m_dashboard;
    model::MessageLog* m_messages = nullptr;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_stack = nullptr;
    ProblemBanner* m_banner = nullptr;
    QDockWidget* m_messagesDock = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    QTimer* m_refreshTimer = nullptr;
    std::vector<Page> m_pages;
    model::CertificateAlertWatch m_alerts;
};

} // namespace gantry::ui
