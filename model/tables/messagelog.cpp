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
    const auto found = std::ranges::find(m_rows, message, &Entry::message);
    if (found != m_rows.end()) {
        ++found->count;
        found->lastSeen = when;
        const int row = static_cast<int>(found - m_rows.begin());
        Q_EMIT dataChanged(index(row, LastSeen), index(row, Count));
        return;
    }
    appendRows(std::vector { Entry { message, 1, when } });
    Q_EMIT newMessage(message);
}

void MessageLog::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QVariant MessageLog::display(const Entry& entry, int column) const
{
    switch (column) {
    case LastSeen:
        return entry.lastSeen.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Count:
        return entry.count;
    case Message:
        return entry.message;
    }
    return {};
}

QVariant MessageLog::rawValue(const Entry& entry, int column) const
{
    switch (column) {
    case LastSeen:
        return entry.lastSeen.toSecsSinceEpoch();
    case Count:
        return entry.count;
    case Message:
        return entry.message;
    }
    return {};
}

QVariant MessageLog::otherRole(const Entry& entry, int column, int role) const
{
    return role == Qt::ToolTipRole && column == Message ? QVariant(entry.message) : QVariant();
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
