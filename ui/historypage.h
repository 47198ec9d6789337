#pragma once

#include "base/error.h"
#include "model/dashboard/dashboard.h"
#include "model/dashboard/dashboardsnapshot.h"

#include <QWidget>
#include <optional>

class QLabel;
class QPushButton;
class QTableView;

namespace gantry::model {
class JournalFilterProxy;
class JournalTableModel;
} // namespace gantry::model

namespace gantry::ui {

/// The journal, filterable and exportable, with a chain check and "point it back here" for a
/// floating tag's earlier digests. Follows the dashboard's snapshots by itself.
class HistoryPage final : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPage(model::Dashboard& dashboard, QWidget* parent = nullptr);

    /// Shows `snapshot`'s journal, merged into the rows shown so far.
    void setSnapshot(model::SharedSnapshot snapshot);
    /// Writes the rows the filters let through, in the table's order, as spreadsheet-safe CSV.
    registry::Status exportCsv(const QString& path) const;
    /// The retarget "point it back here" would ask for on the table's `row`, if it is offered there.
    std::optional<model::RetargetRequest> retargetForRow(int row) const;
    /// What the confirmation asks before `request` goes to the dashboard.
    QString retargetQuestion(const model::RetargetRequest& request) const;

private:
    void chooseExportFile();
    void verifyChain();
    void pointBackHere(int row);
    void showActionOutcome(quint64 request, const model::ActionOutcome& outcome);
    void showContextMenu(const QPoint& position);
    void updatePointBackButton();
    int currentRow() const;

    model::Dashboard& m_dashboard;
    /// The last snapshot, kept shared (never copied): it answers where floating tags point now.
    model::SharedSnapshot m_snapshot = std::make_shared<const model::DashboardSnapshot>();
    model::JournalTableModel* m_model = nullptr;
    model::JournalFilterProxy* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QPushButton* m_pointBack = nullptr;
    QLabel* m_retargetStatus = nullptr;
    QPushButton* m_verify = nullptr;
    QLabel* m_chainStatus = nullptr;
    std::optional<quint64> m_verifyRequest;
    std::optional<quint64> m_retargetRequest;
};

} // namespace gantry::ui
