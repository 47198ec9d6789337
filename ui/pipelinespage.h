#pragma once

#include "model/dashboard/dashboard.h"
#include "ui/promotiondialog.h"

#include <QPointer>
#include <QWidget>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace gantry::model {
class PipelineMatrixModel;
}

namespace gantry::ui {

/// Per pipeline, its versions across its stages, and "Promote to <next stage>" on a row (button,
/// context menu, Ctrl+P, Enter): plan on the worker, pre-flight dialog, promote, progress, result.
class PipelinesPage final : public QWidget
{
    Q_OBJECT
public:
    explicit PipelinesPage(model::Dashboard& dashboard, QWidget* parent = nullptr);
    ~PipelinesPage() override; ///< remembers the matrix's header

    QString currentPipeline() const;
    void selectPipeline(const QString& name);
    /// Plans the promotion of the selected row to its next stage; the dialog follows.
    void promoteSelected();

Q_SIGNALS:
    /// The pre-flight dialog is open (window-modal); tests and the main window may reach it here.
    void dialogOpened(gantry::ui::PromotionDialog* dialog);
    /// A promotion this page started has ended: for the status bar and the messages view.
    void promotionFinished(const gantry::model::ActionOutcome& outcome, const QString& message);

private:
    void takeSnapshot();
    void updatePromoteAction();
    void takePlan(quint64 request, const model::PlanOutcome& outcome);
    void openDialog(const model::PromotionPlan& plan);
    void runPlan(const model::PromotionPlan& plan);
    void showProgress(const QString& what, qint64 done, qint64 total);
    void finishPromotion(quint64 request, const model::ActionOutcome& outcome);
    void showStatus(const QString& message, bool failed);
    int selectedRow() const;

    model::Dashboard& m_dashboard;
    model::PipelineMatrixModel* m_model = nullptr;
    QComboBox* m_pipelines = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_promoteButton = nullptr;
    QAction* m_promoteAction = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPointer<PromotionDialog> m_dialog;
    bool m_headerRestored = false;

    std::string m_requestPipeline;
    model::PromotionRequest m_request;
    quint64 m_planRequest = 0; ///< the planning answer this page waits for; 0: none
    quint64 m_actionRequest = 0; ///< the promotion running; 0: none
    std::optional<model::PromotionPlan> m_running;
};

} // namespace gantry::ui
