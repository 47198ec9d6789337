#include "model/tables/sitetablemodel.h"

#include "model/tables/displaytext.h"
#include "model/tables/tableroles.h"

namespace gantry::model {

void SiteTableModel::setSites(std::span<const SiteReport> sites)
{
    std::vector<Row> incoming;
    for (const auto& site : sites) {
        Row row { displayText(site.site), {}, site.worst, site.atRisk };
        for (const auto& cluster : site.clusters)
            row.clusters << displayText(cluster);
        incoming.push_back(std::move(row));
    }
    mergeRows(std::move(incoming), [](const Row& row) { return row.site; });
}

QVariant SiteTableModel::otherRole(const Row& row, int column, int role) const
{
    switch (role) {
    case Qt::ToolTipRole:
        return column == Clusters ? QVariant(row.clusters.join(QLatin1Char('\n'))) : QVariant();
    case SeverityRole:
        if (column == WorstStatus || (column == AtRisk && row.atRisk))
            return static_cast<int>(row.worst);
        return {};
    case EmphasisRole:
        return column == AtRisk && row.atRisk ? QVariant(true) : QVariant();
    default:
        return {};
    }
}

QVariant SiteTableModel::display(const Row& row, int column) const
{
    switch (column) {
    case Site:
        return row.site.isEmpty() ? tr("(no site)") : row.site;
    case Clusters:
        return tr("%1: %2").arg(row.clusters.size()).arg(row.clusters.join(QStringLiteral(", ")));
    case WorstStatus:
        return QString::fromUtf8(clusterStatusText(row.worst));
    case AtRisk:
        return row.atRisk ? tr("at risk") : QString();
    }
    return {};
}

QVariant SiteTableModel::rawValue(const Row& row, int column) const
{
    switch (column) {
    case Site:
        return row.site;
    case Clusters:
        return static_cast<int>(row.clusters.size());
    case WorstStatus:
        return static_cast<int>(row.worst);
    case AtRisk:
        return row.atRisk;
    }
    return {};
}

QVariant SiteTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Site:
        return tr("Site");
    case Clusters:
        return tr("Clusters");
    case WorstStatus:
        return tr("Worst status");
    case AtRisk:
        return tr("At risk");
    }
    return {};
}

} // namespace gantry::model
