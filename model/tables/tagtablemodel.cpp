#include "model/tables/tagtablemodel.h"

#include "model/policy/tagrank.h"
#include "model/tables/displaytext.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>
#include <algorithm>
#include <array>
#include <limits>
#include <numeric>

namespace gantry::model {

namespace {

constexpr qsizetype shortDigestHexDigits = 12;

QString dateText(qint64 seconds, const QString& format)
{
    return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc()).toString(format);
}

// Expired first (by the date they went), then dated ones by date, then the undated statuses.
qint64 expiryKey(const TagEntry& entry)
{
    constexpr qint64 last = std::numeric_limits<qint64>::max();
    switch (entry.retention) {
    case static_cast<std::int8_t>(RetentionStatus::Expired):
        return entry.expires == TagEntry::unknownTime ? TagEntry::unknownTime + 1 : entry.expires;
    case static_cast<std::int8_t>(RetentionStatus::KeptUntil):
        return entry.expires;
    case static_cast<std::int8_t>(RetentionStatus::Unknown):
        return last - 3;
    case static_cast<std::int8_t>(RetentionStatus::KeptWhileNewest):
        return last - 2;
    case static_cast<std::int8_t>(RetentionStatus::KeptForever):
        return last - 1;
    }
    return last; // no policy
}

QString expiryText(const TagEntry& entry)
{
    const QString date = dateText(entry.expires, QStringLiteral("yyyy-MM-dd"));
    switch (entry.retention) {
    case static_cast<std::int8_t>(RetentionStatus::Expired):
        return entry.expires == TagEntry::unknownTime ? QStringLiteral("expired")
                                                      : QStringLiteral("%1 (expired)").arg(date);
    case static_cast<std::int8_t>(RetentionStatus::KeptUntil):
        return QStringLiteral("%1 (%2 d)").arg(date).arg(entry.daysLeft);
    case static_cast<std::int8_t>(RetentionStatus::Unknown):
        return QStringLiteral("unknown");
    case static_cast<std::int8_t>(RetentionStatus::KeptWhileNewest):
        return entry.newestCount > 0 ? QStringLiteral("kept while among newest %1").arg(entry.newestCount)
                                     : QStringLiteral("kept while among the newest");
    }
    return QStringLiteral("forever"); // kept forever, or no policy: the registry deletes nothing
}

QString shortDigest(QStringView digest)
{
    const qsizetype colon = digest.indexOf(u':');
    return digest.left(colon + 1 + shortDigestHexDigits).toString();
}

} // namespace

TagTableModel::TagTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

QModelIndex TagTableModel::index(int row, int column, const QModelIndex& parent) const
{
    const bool inside
        = row >= 0 && static_cast<std::size_t>(row) < m_rows.size() && column >= 0 && column < ColumnCount;
    return inside && !parent.isValid() ? createIndex(row, column) : QModelIndex();
}

int TagTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TagTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TagTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TagEntry& row = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == Size ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case RawValueRole: {
        const RawKey key = rawKey(row, index.column());
        return key.isText ? QVariant(key.text.toString()) : QVariant(key.number);
    }
    case SeverityRole:
        return index.column() == Expires ? QVariant(static_cast<int>(expirySeverity(index.row()))) : QVariant();
    case EmphasisRole:
        return index.column() == Tag && !row.runningClusters.isEmpty() ? QVariant(true) : QVariant();
    }
    return {};
}

QVariant TagTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static const std::array<const char*, ColumnCount> titles { QT_TR_NOOP("Repository"), QT_TR_NOOP("Tag"),
        QT_TR_NOOP("Class"), QT_TR_NOOP("Digest"), QT_TR_NOOP("Created"), QT_TR_NOOP("Size"), QT_TR_NOOP("Platforms"),
        QT_TR_NOOP("Kept by"), QT_TR_NOOP("Expires") };
    return tr(titles[static_cast<std::size_t>(section)]);
}

QString TagTableModel::displayText(const TagEntry& row, int column) const
{
    switch (column) {
    case Repository:
        return m_stages[row.stage].repository;
    case Tag: // the tag itself stays as sent for the actions (copy reference, apply -stable)
        return model::displayText(row.tag);
    case Class:
        return QString::fromLatin1(toString(row.releaseClass));
    case Digest:
        return shortDigest(row.digest());
    case Created:
        return row.created == TagEntry::unknownTime ? QString()
                                                    : dateText(row.created, QStringLiteral("yyyy-MM-dd HH:mm"));
    case Size:
        return row.size < 0 ? QString() : QLocale::c().formattedDataSize(row.size, 1);
    case Platforms: // from the registry's manifests
        return model::displayText(row.platforms);
    case KeptBy:
        return row.keptBy;
    case Expires:
        return expiryText(row);
    }
    return {};
}

QString TagTableModel::toolTip(const TagEntry& row, int column) const
{
    switch (column) {
    case Tag:
        return row.runningClusters.isEmpty() ? QString()
                                             : tr("Runs on %1").arg(model::displayText(row.runningClusters));
    case Digest:
        return row.digest().toString();
    case KeptBy:
    case Expires:
        return row.reason;
    }
    return {};
}

TagTableModel::RawKey TagTableModel::rawKey(const TagEntry& row, int column) const
{
    switch (column) {
    case Repository:
        return { 0, m_stages[row.stage].repository, true };
    case Tag:
        return { row.tagRank, {}, false };
    case Class:
        return { static_cast<qint64>(row.releaseClass), {}, false };
    case Digest:
        return { 0, row.digest(), true };
    case Created:
        return { row.created, {}, false };
    case Size:
        return { row.size, {}, false };
    case Platforms:
        return { 0, row.platforms, true };
    case KeptBy:
        return { 0, row.keptBy, true };
    case Expires:
        return { expiryKey(row), {}, false };
    }
    return {};
}

bool TagTableModel::rawLess(int left, int right, int column) const
{
    const std::vector<int>& ranks = sortRanks(column);
    return ranks[static_cast<std::size_t>(left)] < ranks[static_cast<std::size_t>(right)];
}

const std::vector<int>& TagTableModel::sortRanks(int column) const
{
    std::vector<int>& ranks = m_sortRanks[static_cast<std::size_t>(column)];
    if (ranks.size() == m_rows.size())
        return ranks;
    const auto less
        = [&](const RawKey& a, const RawKey& b) { return a.isText ? a.text.compare(b.text) < 0 : a.number < b.number; };
    std::vector<int> order(m_rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::ranges::sort(order, [&](int a, int b) { return less(rawKey(entry(a), column), rawKey(entry(b), column)); });
    ranks.assign(m_rows.size(), 0);
    int rank = 0;
    for (std::size_t i = 1; i < order.size(); ++i) {
        if (less(rawKey(entry(order[i - 1]), column), rawKey(entry(order[i]), column)))
            ++rank;
        ranks[static_cast<std::size_t>(order[i])] = rank;
    }
    return ranks;
}

void TagTableModel::forgetSortRanks()
{
    for (std::vector<int>& ranks : m_sortRanks)
        ranks.clear();
}

Severity TagTableModel::expirySeverity(int row) const
{
    const TagEntry& tag = entry(row);
    if (tag.retention == static_cast<std::int8_t>(RetentionStatus::Expired))
        return Severity::Expired;
    if (tag.retention == static_cast<std::int8_t>(RetentionStatus::Unknown))
        return Severity::Critical;
    if (tag.retention != static_cast<std::int8_t>(RetentionStatus::KeptUntil) || tag.daysLeft == TagEntry::noDaysLeft)
        return Severity::Ok;
    if (tag.daysLeft < 0)
        return Severity::Expired;
    if (tag.daysLeft <= criticalDays)
        return Severity::Critical;
    return tag.daysLeft <= warningDays ? Severity::Warning : Severity::Ok;
}

QString TagTableModel::pipeline(int row) const
{
    return m_stages[entry(row).stage].pipeline;
}

QString TagTableModel::stage(int row) const
{
    return m_stages[entry(row).stage].stage;
}

QString TagTableModel::repository(int row) const
{
    return m_stages[entry(row).stage].repository;
}

QString TagTableModel::digest(int row) const
{
    return entry(row).digest().toString();
}

QString TagTableModel::tagReference(int row) const
{
    return repository(row) + u':' + entry(row).tag;
}

QString TagTableModel::digestReference(int row) const
{
    return repository(row) + u'@' + digest(row);
}

std::optional<QString> TagTableModel::missingStableTag(int row) const
{
    const TagEntry& tag = entry(row);
    if (tag.releaseClass != ReleaseClass::Final && tag.releaseClass != ReleaseClass::Patch)
        return std::nullopt;
    QString stable = tag.tag + QStringLiteral("-stable");
    if (m_rowOf.contains(RowKey { tag.stage, stable }))
        return std::nullopt;
    return stable;
}

// Taking snapshots: conversion to compact rows and the merge by key.
void TagTableModel::setSnapshot(const DashboardSnapshot& snapshot)
{
    QHash<RowKey, int> freshRows;
    std::vector<TagEntry> fresh = entriesOf(snapshot, freshRows);
    if (m_rows.empty()) {
        // The first fill: nothing is selected yet, and one reset is far cheaper than 100,000 insertions.
        if (fresh.empty())
            return;
        beginResetModel();
        m_rows = std::move(fresh);
        m_rowOf = std::move(freshRows);
        forgetSortRanks();
        endResetModel();
        return;
    }
    removeRowsMissingFrom(freshRows);
    updateAndAppend(std::move(fresh));
}

// `keys` gets each entry's index; its tag shares the entry's buffer.
std::vector<TagEntry> TagTableModel::entriesOf(const DashboardSnapshot& snapshot, QHash<RowKey, int>& keys)
{
    std::size_t count = 0;
    for (const StageView& view : snapshot.stages)
        count += view.tags.size();
    std::vector<TagEntry> entries;
    entries.reserve(count);
    std::vector<std::string_view> tags;
    tags.reserve(count);
    keys.reserve(static_cast<qsizetype>(count));
    TextPool pool;
    for (const StageView& view : snapshot.stages) {
        const quint32 stage = stageIndex(view);
        for (const TagRow& row : view.tags) {
            TagEntry entry = makeTagEntry(row, stage, pool);
            if (keys.contains(keyOf(entry)))
                continue;
            keys.insert(keyOf(entry), static_cast<int>(entries.size()));
            entries.push_back(std::move(entry));
            tags.push_back(row.tag);
        }
    }
    const std::vector<int> ranks = tagRanks(tags);
    for (std::size_t i = 0; i < entries.size(); ++i)
        entries[i].tagRank = ranks[i];
    return entries;
}

quint32 TagTableModel::stageIndex(const StageView& view)
{
    StageNames names { QString::fromStdString(view.pipeline), QString::fromStdString(view.stage),
        QString::fromStdString(view.repository), QString::fromStdString(view.repository).toLower() };
    const auto same = [&](const StageNames& known) {
        return known.pipeline == names.pipeline && known.stage == names.stage && known.repository == names.repository;
    };
    const auto found = std::ranges::find_if(m_stages, same);
    if (found != m_stages.end())
        return static_cast<quint32>(found - m_stages.begin());
    m_stages.push_back(std::move(names));
    return static_cast<quint32>(m_stages.size() - 1);
}

void TagTableModel::removeRowsMissingFrom(const QHash<RowKey, int>& fresh)
{
    const auto gone = [&](int row) { return !fresh.contains(keyOf(entry(row))); };
    // From the end, one signal per run of gone rows, so that the rows before a run keep their numbers.
    bool removed = false;
    for (int last = rowCount() - 1; last >= 0; --last) {
        if (!gone(last))
            continue;
        int first = last;
        while (first > 0 && gone(first - 1))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        forgetSortRanks();
        endRemoveRows();
        removed = true;
        last = first;
    }
    if (removed)
        reindex();
}

void TagTableModel::updateAndAppend(std::vector<TagEntry> fresh)
{
    std::vector<bool> changed(m_rows.size(), false);
    std::vector<TagEntry> added;
    for (TagEntry& entry : fresh) {
        const auto found = m_rowOf.constFind(keyOf(entry));
        if (found == m_rowOf.cend()) {
            added.push_back(std::move(entry));
            continue;
        }
        TagEntry& current = m_rows[static_cast<std::size_t>(found.value())];
        if (current == entry)
            continue;
        current = std::move(entry);
        changed[static_cast<std::size_t>(found.value())] = true;
    }
    forgetSortRanks();
    for (int first = 0; first < rowCount(); ++first) {
        if (!changed[static_cast<std::size_t>(first)])
            continue;
        int last = first;
        while (last + 1 < rowCount() && changed[static_cast<std::size_t>(last + 1)])
            ++last;
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
        first = last;
    }
    if (added.empty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
    for (TagEntry& entry : added) {
        m_rowOf.insert(keyOf(entry), rowCount());
        m_rows.push_back(std::move(entry));
    }
    forgetSortRanks();
    endInsertRows();
}

void TagTableModel::reindex()
{
    m_rowOf.clear();
    m_rowOf.reserve(rowCount());
    for (int row = 0; row < rowCount(); ++row)
        m_rowOf.insert(keyOf(entry(row)), row);
}

} // namespace gantry::model
