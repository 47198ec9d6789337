#pragma once

#include "model/dashboard/dashboardsnapshot.h"

#include <QWidget>

class QSplitter;
class QTableView;

namespace gantry::model {
class ClusterTableModel;
class Dashboard;
class SiteTableModel;
} // namespace gantry::model

namespace gantry::ui {

class ExpiryChart;

/// Every cluster's certificate and what it runs, the sites they back, and a chart of expiry dates.
/// Header and splitter state are kept in QSettings under "clusters/".
class ClustersPage final : public QWidget
{
    Q_OBJECT
public:
    /// Shows the dashboard's snapshot and follows it.
    explicit ClustersPage(model::Dashboard& dashboard, QWidget* parent = nullptr);
    /// Without a dashboard: snapshots come through setSnapshot (tests, screenshots).
    explicit ClustersPage(const model::CertificateThresholds& thresholds, QWidget* parent = nullptr);
    ~ClustersPage() override;

    void setSnapshot(const model::DashboardSnapshot& snapshot);

private:
    void restoreState();
    void saveState() const;

    model::CertificateThresholds m_thresholds;
    model::ClusterTableModel* m_clusters = nullptr;
    model::SiteTableModel* m_sites = nullptr;
    QTableView* m_clusterTable = nullptr;
    QTableView* m_siteTable = nullptr;
    ExpiryChart* m_chart = nullptr;
    QSplitter* m_splitter = nullptr; ///< clusters above, sites and chart below
    QSplitter* m_lowerSplitter = nullptr;
    bool m_fitColumns = false; ///< no saved column state yet: fit the columns to the first rows
};

} // namespace gantry::ui
