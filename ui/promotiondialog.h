#pragma once

#include "model/policy/promotionplan.h"

#include <QDialog>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace gantry::ui {

/// The pre-flight check of a promotion: the plan as it is, before anything is written. A refusal is
/// the first thing it says and disables Promote; a protected destination wants the tag typed.
/// Widgets carry object names (promoteButton, confirmTagEdit, guardList, commandEdit, forceCheck,
/// verdictLabel, stableLabel, retentionLabel) so tests and screenshots can reach them.
class PromotionDialog final : public QDialog
{
    Q_OBJECT
public:
    /// Everything it shows is in the plan, retention's verdict included.
    explicit PromotionDialog(model::PromotionPlan plan, QWidget* parent = nullptr);

    const model::PromotionPlan& plan() const { return m_plan; }
    /// Shows a new plan for the same promotion (after the force box was toggled).
    void setPlan(model::PromotionPlan plan);

Q_SIGNALS:
    /// The user toggled "Force": the owner plans again with `force` and calls setPlan.
    void forceRequested(bool force);

private:
    void buildLayout();
    void showPlan();
    void fillGuards();
    void updatePromoteButton();

    model::PromotionPlan m_plan;
    QLabel* m_verdict = nullptr;
    QFormLayout* m_form = nullptr;
    QLabel* m_pipeline = nullptr;
    QLabel* m_source = nullptr;
    QLabel* m_destination = nullptr;
    QLabel* m_digest = nullptr;
    QLabel* m_destinationBefore = nullptr;
    QLabel* m_stable = nullptr;
    QLabel* m_retention = nullptr;
    QTreeWidget* m_guards = nullptr;
    QLineEdit* m_command = nullptr;
    QCheckBox* m_force = nullptr;
    QLabel* m_confirmLabel = nullptr;
    QLineEdit* m_confirmTag = nullptr;
    QPushButton* m_promote = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace gantry::ui
