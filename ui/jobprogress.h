#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace gantry::model {
class Dashboard;
}

namespace gantry::ui {

/// The status bar's view of background work: what runs, how far, and a way to cancel it.
/// Hidden while the dashboard is idle.
class JobProgress final : public QWidget
{
    Q_OBJECT
public:
    explicit JobProgress(model::Dashboard& dashboard, QWidget* parent = nullptr);

private:
    void showProgress(const QString& what, qint64 done, qint64 total);

    QLabel* m_label = nullptr;
    QProgressBar* m_bar = nullptr;
    QToolButton* m_cancel = nullptr;
};

} // namespace gantry::ui
