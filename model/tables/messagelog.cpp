#include "model/tables/messagelog.h"

#include "model/tables/displaytext.h"

#include <algorithm>

namespace gantry::model {

void MessageLog::add(const QString& text, const QDateTime& when)
{
    // Messages quote registries and files; shown here and in the banner, escaped, in their lines.
    const QString message = displayLines(text);
    if (message.isEmpty())
        return;
    const auto found = std::ranges::find(m_entries, message, &Entry::message);
    if (found != m_entries.end()) {
        ++found->count;
        found->lastSeen = when;
        const int row = static_cast<int>(found - m_entries.begin());
        Q_EMIT dataChanged(index(row, LastSeen), index(row, Count));
        return;
    }
    beginInsertRows({}, rowCount(), rowCount());
    m_entries.append(Entry { message, 1, when });
    endInsertRows();
    Q_EMIT newMessage(message);
}

void MessageLog::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int MessageLog::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int MessageLog::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageLog::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& entry = m_entries.at(index.row());
    if (role == RawValueRole) {
        switch (index.column()) {
        case LastSeen:
            return entry.lastSeen.toSecsSinceEpoch();
        case Count:
            return entry.count;
        case Message:
            return entry.message;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case LastSeen:
            return entry.lastSeen.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Count:
            return entry.count;
        case Message:
            return entry.message;
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Message)
        return entry.message;
    return {};
}

QVariant MessageLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LastSeen:
        return tr("Last seen");
    case Count:
        return tr("Times");
    case Message:
        return tr("Message");
    }
    return {};
}

} // namespace gantry::model
