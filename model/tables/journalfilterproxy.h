#pragma once

#include <QDateTime>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QString>

namespace gantry::model {

/// Which journal entries the History page shows. Every field left at its default lets every
/// entry through.
struct JournalFilter
{
    enum class Kind { Both, ActionsOnly, ObservationsOnly };

    QString pipeline {}; ///< exactly this pipeline; empty: every pipeline
    QString tagContains {}; ///< tags containing this, ignoring case
    QSet<QString> actions {}; ///< "promote", "moved", …; empty: every action
    QDateTime from {}; ///< entries at or after; invalid: no lower bound
    QDateTime until {}; ///< entries before; invalid: no upper bound
    Kind kind = Kind::Both;
};

/// Narrows a JournalTableModel to a JournalFilter, and sorts on raw values (a time as seconds,
/// a digest in full, not the text the table shows).
class JournalFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit JournalFilterProxy(QObject* parent = nullptr);

    void setFilter(JournalFilter filter);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    JournalFilter m_filter;
};

} // namespace gantry::model
