#pragma once

#include "model/dashboard/dashboardsnapshot.h"

#include <QWidget>

class QTableView;
class QTimer;

namespace gantry::model {
class Dashboard;
class RegistryStatusModel;
} // namespace gantry::model

namespace gantry::ui {

/// How Gantry last got on with each registry: reachable, auth in use, latency, last refresh.
/// Column state is kept in QSettings under "registries/".
class RegistriesPage final : public QWidget
{
    Q_OBJECT
public:
    /// Shows the dashboard's snapshot and follows it.
    explicit RegistriesPage(model::Dashboard& dashboard, QWidget* parent = nullptr);
    /// Without a dashboard: snapshots come through setSnapshot (tests, screenshots).
    explicit RegistriesPage(QWidget* parent = nullptr);
    ~RegistriesPage() override;

    void setSnapshot(const model::DashboardSnapshot& snapshot);

private:
    model::RegistryStatusModel* m_registries = nullptr;
    QTableView* m_table = nullptr;
    QTimer* m_clock = nullptr; ///< moves "x min ago" on between refreshes
};

} // namespace gantry::ui
