#include "model/tables/journalfilterproxy.h"

#include "model/tables/journaltablemodel.h"

namespace gantry::model {

JournalFilterProxy::JournalFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RawValueRole);
}

void JournalFilterProxy::setFilter(JournalFilter filter)
{
    m_filter = std::move(filter);
    invalidateFilter();
}

bool JournalFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const auto raw
        = [&](int column) { return sourceModel()->index(sourceRow, column, sourceParent).data(RawValueRole); };
    if (!m_filter.pipeline.isEmpty() && raw(JournalTableModel::Pipeline).toString() != m_filter.pipeline)
        return false;
    if (!m_filter.tagContains.isEmpty()
        && !raw(JournalTableModel::Tag).toString().contains(m_filter.tagContains, Qt::CaseInsensitive))
        return false;
    if (!m_filter.actions.isEmpty() && !m_filter.actions.contains(raw(JournalTableModel::Action).toString()))
        return false;
    const auto seconds = raw(JournalTableModel::Time).toLongLong();
    if (m_filter.from.isValid() && seconds < m_filter.from.toSecsSinceEpoch())
        return false;
    if (m_filter.until.isValid() && seconds >= m_filter.until.toSecsSinceEpoch())
        return false;
    if (m_filter.kind == JournalFilter::Kind::Both)
        return true;
    const bool observation = sourceModel()->index(sourceRow, 0, sourceParent).data(IsObservationRole).toBool();
    return observation == (m_filter.kind == JournalFilter::Kind::ObservationsOnly);
}

} // namespace gantry::model
