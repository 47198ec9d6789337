#pragma once

#include "model/dashboard/dashboardsnapshot.h"
#include "model/tables/rowtablemodel.h"

#include <QCoreApplication>
#include <span>

namespace gantry::model {

/// The Registries page's table: how Gantry last got on with each registry, merged by name.
/// SeverityRole: an unreachable registry is unknown, a refused login or an error critical.
class RegistryStatusModel final : public RowTableModel<RegistryStatusModel>
{
    Q_DECLARE_TR_FUNCTIONS(RegistryStatusModel)
    friend class RowTableModel<RegistryStatusModel>;

public:
    enum Column { Name, Host, Reachable, Auth, Latency, LastRefresh, Error, ColumnCount };

    using RowTableModel::RowTableModel;

    /// `now`: what "3 min ago" counts from.
    void setRegistries(std::span<const RegistryStatus> registries, registry::Timestamp now);
    /// Moves "x min ago" on without a new snapshot (the page calls it on a timer).
    void setNow(registry::Timestamp now);

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString name;
        QString host;
        bool reachable = false;
        RegistryAuth auth = RegistryAuth::Unknown;
        std::optional<int> latencyMs;
        std::optional<registry::Timestamp> lastRefresh;
        QString error;
        bool operator==(const Row&) const = default;
    };
    QVariant display(const Row& row, int column) const;
    QVariant rawValue(const Row& row, int column) const;
    QVariant otherRole(const Row& row, int column, int role) const;
    QVariant status(const Row& row, int column) const;

    std::vector<Row> m_rows;
    registry::Timestamp m_now {};
};

} // namespace gantry::model
