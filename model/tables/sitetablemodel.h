#pragma once

#include "model/clusters/clusterreport.h"
#include "model/tables/rowtablemodel.h"

#include <QCoreApplication>
#include <QStringList>
#include <span>

namespace gantry::model {

/// The Clusters page's site roll-up: one row per site, merged by site name. A site at risk (every
/// cluster behind it critical, expired or unreachable) says "at risk" with EmphasisRole set (bold).
class SiteTableModel final : public RowTableModel<SiteTableModel>
{
    Q_DECLARE_TR_FUNCTIONS(SiteTableModel)
    friend class RowTableModel<SiteTableModel>;

public:
    enum Column { Site, Clusters, WorstStatus, AtRisk, ColumnCount };

    using RowTableModel::RowTableModel;

    void setSites(std::span<const SiteReport> sites);

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString site;
        QStringList clusters;
        Severity worst = Severity::Ok;
        bool atRisk = false;
        bool operator==(const Row&) const = default;
    };
    QVariant display(const Row& row, int column) const;
    QVariant rawValue(const Row& row, int column) const;
    QVariant otherRole(const Row& row, int column, int role) const;

    std::vector<Row> m_rows;
};

} // namespace gantry::model
