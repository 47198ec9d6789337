#include "model/tables/registrystatusmodel.h"

#include "model/tables/displaytext.h"
#include "model/tables/tableroles.h"

namespace gantry::model {

void RegistryStatusModel::setRegistries(std::span<const RegistryStatus> registries, registry::Timestamp now)
{
    std::vector<Row> incoming;
    for (const auto& registry : registries) {
        incoming.push_back({ displayText(registry.name), displayText(registry.host), registry.reachable, registry.auth,
            registry.latencyMs, registry.lastRefresh, displayText(registry.error) });
    }
    mergeRows(std::move(incoming), [](const Row& row) { return row.name; });
    setNow(now);
}

void RegistryStatusModel::setNow(registry::Timestamp now)
{
    if (now == m_now)
        return;
    m_now = now;
    columnChanged(LastRefresh);
}

QVariant RegistryStatusModel::otherRole(const Row& row, int column, int role) const
{
    switch (role) {
    case Qt::ToolTipRole:
        return column == Error || column == Reachable ? QVariant(row.error) : QVariant();
    case SeverityRole:
        return status(row, column);
    default:
        return {};
    }
}

QVariant RegistryStatusModel::display(const Row& row, int column) const
{
    switch (column) {
    case Name:
        return row.name;
    case Host:
        return row.host;
    case Reachable:
        return row.reachable ? tr("yes") : tr("no");
    case Auth:
        return QString::fromUtf8(toString(row.auth));
    case Latency:
        return row.latencyMs ? tr("%1 ms").arg(*row.latencyMs) : QString();
    case LastRefresh:
        if (!row.lastRefresh)
            return tr("never");
        return tr("%1 (%2)").arg(localDateTime(*row.lastRefresh), timeAgo(*row.lastRefresh, m_now));
    case Error:
        return row.error;
    }
    return {};
}

QVariant RegistryStatusModel::rawValue(const Row& row, int column) const
{
    switch (column) {
    case Reachable:
        return row.reachable;
    case Auth:
        return static_cast<int>(row.auth);
    case Latency:
        return row.latencyMs ? QVariant(*row.latencyMs) : QVariant();
    case LastRefresh:
        return row.lastRefresh ? QVariant(qint64(row.lastRefresh->time_since_epoch().count())) : QVariant();
    default:
        return display(row, column);
    }
}

// Reachable is ok, unreachable unknown; a refused login or an error is critical.
QVariant RegistryStatusModel::status(const Row& row, int column) const
{
    const auto asInt = [](Severity status) { return QVariant(static_cast<int>(status)); };
    switch (column) {
    case Reachable:
        return row.reachable ? asInt(Severity::Ok) : asInt(Severity::Unknown);
    case Auth:
        return row.auth == RegistryAuth::Failed ? asInt(Severity::Critical) : QVariant();
    case Error:
        return row.error.isEmpty() ? QVariant() : asInt(Severity::Critical);
    default:
        return {};
    }
}

QVariant RegistryStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Registry");
    case Host:
        return tr("Host");
    case Reachable:
        return tr("Reachable");
    case Auth:
        return tr("Auth in use");
    case Latency:
        return tr("Latency");
    case LastRefresh:
        return tr("Last refresh");
    case Error:
        return tr("Error");
    }
    return {};
}

} // namespace gantry::model
