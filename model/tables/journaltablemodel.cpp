#include "model/tables/journaltablemodel.h"

#include "base/timestamps.h"
#include "model/policy/severity.h"
#include "model/tables/displaytext.h"

#include <QDateTime>
#include <algorithm>
#include <array>

namespace gantry::model {

namespace {

// Tags, notes and errors come from registries and people: shown escaped.
QString text(const std::string& value)
{
    return displayText(value);
}

// Digests are 71 characters; "sha256:" and 12 hex digits tell them apart in a table.
QString shortDigest(const std::string& digest)
{
    return text(digest.substr(0, 19));
}

// The error says why an action did not go through; the note adds context. Both fit one column.
QString message(const JournalEntry& entry)
{
    if (entry.error.empty() || entry.note.empty())
        return text(entry.error + entry.note);
    return text(entry.error + "; " + entry.note);
}

qint64 secondsOf(const JournalEntry& entry)
{
    return entry.time.time_since_epoch().count();
}

// Did not go through: critical; went through against a guard: a warning; not final yet: a notice.
// Anything else went as it should and is plain.
QVariant severityOf(const std::string& outcome)
{
    if (outcome == journal::failed || outcome == journal::refused)
        return static_cast<int>(Severity::Critical);
    if (outcome == journal::forced)
        return static_cast<int>(Severity::Warning);
    if (outcome == journal::started)
        return static_cast<int>(Severity::Notice);
    return {};
}

QVariant rawValue(const JournalEntry& entry, int column)
{
    switch (column) {
    case JournalTableModel::Time:
        return secondsOf(entry);
    case JournalTableModel::Actor:
        return text(entry.actor);
    case JournalTableModel::Action:
        return text(entry.action);
    case JournalTableModel::Pipeline:
        return text(entry.pipeline);
    case JournalTableModel::Stage:
        return text(entry.stage);
    case JournalTableModel::Repository:
        return text(entry.repository);
    case JournalTableModel::Tag:
        return text(entry.tag);
    case JournalTableModel::DigestBefore:
        return text(entry.digestBefore);
    case JournalTableModel::DigestAfter:
        return text(entry.digestAfter);
    case JournalTableModel::Outcome:
        return text(entry.outcome);
    case JournalTableModel::Message:
        return message(entry);
    }
    return {};
}

QVariant displayValue(const JournalEntry& entry, int column)
{
    switch (column) {
    case JournalTableModel::Time:
        return QDateTime::fromSecsSinceEpoch(secondsOf(entry)).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case JournalTableModel::DigestBefore:
        return shortDigest(entry.digestBefore);
    case JournalTableModel::DigestAfter:
        return shortDigest(entry.digestAfter);
    }
    return rawValue(entry, column);
}

QVariant toolTip(const JournalEntry& entry, int column)
{
    switch (column) {
    case JournalTableModel::Time:
        return text(registry::formatRfc3339(entry.time));
    case JournalTableModel::DigestBefore:
    case JournalTableModel::DigestAfter:
    case JournalTableModel::Repository:
    case JournalTableModel::Message:
        return rawValue(entry, column);
    }
    return {};
}

} // namespace

JournalTableModel::JournalTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void JournalTableModel::setEntries(std::vector<JournalEntry> entries)
{
    // The merge walks both lists in step, so both must run newest first with each id once.
    std::ranges::stable_sort(entries, std::ranges::greater {}, &JournalEntry::id);
    const auto duplicates = std::ranges::unique(entries, {}, &JournalEntry::id);
    entries.erase(duplicates.begin(), duplicates.end());

    std::size_t next = 0;
    int row = 0;
    while (next < entries.size()) {
        const auto& incoming = entries[next];
        if (row == rowCount() || incoming.id > m_entries[static_cast<std::size_t>(row)].id) {
            // New entries: as many as come before the current row's id.
            auto end = next;
            while (end < entries.size()
                && (row == rowCount() || entries[end].id > m_entries[static_cast<std::size_t>(row)].id))
                ++end;
            insertEntries(row, entries.cbegin() + static_cast<std::ptrdiff_t>(next),
                entries.cbegin() + static_cast<std::ptrdiff_t>(end));
            row += static_cast<int>(end - next);
            next = end;
        } else if (incoming.id < m_entries[static_cast<std::size_t>(row)].id) {
            // Rows the snapshot no longer holds (a shorter window onto the journal): drop them.
            int last = row;
            while (last < rowCount() && m_entries[static_cast<std::size_t>(last)].id > incoming.id)
                ++last;
            beginRemoveRows({}, row, last - 1);
            m_entries.erase(m_entries.begin() + row, m_entries.begin() + last);
            endRemoveRows();
        } else {
            auto& current = m_entries[static_cast<std::size_t>(row)];
            if (!(current == incoming)) {
                current = incoming;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            ++row;
            ++next;
        }
    }
    if (row < rowCount()) {
        beginRemoveRows({}, row, rowCount() - 1);
        m_entries.erase(m_entries.begin() + row, m_entries.end());
        endRemoveRows();
    }
}

void JournalTableModel::insertEntries(
    int row, std::vector<JournalEntry>::const_iterator first, std::vector<JournalEntry>::const_iterator last)
{
    beginInsertRows({}, row, row + static_cast<int>(last - first) - 1);
    m_entries.insert(m_entries.begin() + row, first, last);
    endInsertRows();
}

int JournalTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int JournalTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JournalTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case RawValueRole:
        return rawValue(row, index.column());
    case IsObservationRole:
        return row.isObservation();
    case EntryIdRole:
        return qint64 { row.id };
    case SeverityRole:
        return index.column() == Outcome ? severityOf(row.outcome) : QVariant();
    }
    return {};
}

QVariant JournalTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static constexpr std::array<const char*, ColumnCount> titles { QT_TR_NOOP("Time"), QT_TR_NOOP("Actor"),
        QT_TR_NOOP("Action"), QT_TR_NOOP("Pipeline"), QT_TR_NOOP("Stage"), QT_TR_NOOP("Repository"), QT_TR_NOOP("Tag"),
        QT_TR_NOOP("Digest before"), QT_TR_NOOP("Digest after"), QT_TR_NOOP("Outcome"), QT_TR_NOOP("Error / note") };
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    return tr(titles[static_cast<std::size_t>(section)]);
}

} // namespace gantry::model
