#pragma once

#include "model/dashboard/dashboardsnapshot.h"
#include "model/dashboard/tagentry.h"
#include "model/policy/severity.h"
#include "model/tables/tableroles.h"

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QHash>
#include <array>
#include <optional>
#include <vector>

namespace gantry::model {

/// Every tag of every stage of a DashboardSnapshot, one row each, for the Tags page. Takes snapshots by
/// value and merges them by (stage, tag): changed rows get dataChanged, new ones are inserted, gone ones
/// removed, so selection and scroll survive a refresh. Sort and filter on RawValueRole, never on text.
/// Roles (tableroles.h): RawValueRole is qint64 for times (seconds since the epoch), sizes, classes and
/// tags (a rank in tagLess order), QString for texts; Expires sorts expired, then by date, then unknown,
/// newest, forever. SeverityRole on Expires: how urgent the expiry is. EmphasisRole on Tag: a workspace
/// cluster runs the row's artifact.
///
/// Not on RowTableModel: built for 100,000 rows, it fills by one reset, finds rows by a hash and signals
/// per run of changed rows, where the shared merge signals per row.
class TagTableModel final : public QAbstractTableModel
{
    Q_DECLARE_TR_FUNCTIONS(TagTableModel)
public:
    enum Column { Repository, Tag, Class, Digest, Created, Size, Platforms, KeptBy, Expires, ColumnCount };
    /// Expiry within these many days is a warning, within criticalDays critical.
    static constexpr int warningDays = 28;
    static constexpr int criticalDays = 14;

    explicit TagTableModel(QObject* parent = nullptr);

    /// Without QAbstractTableModel's checks through virtual calls: a sort of 100,000 rows asks 3 million times.
    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Merges the tags of every stage of `snapshot`. A tag listed twice in one stage shows once.
    void setSnapshot(const DashboardSnapshot& snapshot);

    const TagEntry& entry(int row) const { return m_rows[static_cast<std::size_t>(row)]; }
    QString pipeline(int row) const;
    QString stage(int row) const;
    QString repository(int row) const;
    QString digest(int row) const;
    QString tagReference(int row) const; ///< `repository:tag`
    QString digestReference(int row) const; ///< `repository@digest`
    /// `<tag>-stable` when the row is a final or patch whose stage lacks that tag: what Apply -stable writes.
    std::optional<QString> missingStableTag(int row) const;
    /// Ok, warning, critical or expired by days left; an unknown retention is critical.
    Severity expirySeverity(int row) const;
    /// RawValueRole order without building QVariants: what a proxy sorting 100,000 rows wants. Compares
    /// ranks computed once per column and snapshot, so that a sort reads one small array, not the rows.
    bool rawLess(int left, int right, int column) const;

    quint32 stageCount() const { return static_cast<quint32>(m_stages.size()); }
    /// The lower-case repository of stage `stage` (a TagEntry's `stage`): searched with the row's searchText.
    const QString& stageSearchText(quint32 stage) const { return m_stages[stage].repositorySearch; }

private:
    struct StageNames
    {
        QString pipeline;
        QString stage;
        QString repository;
        QString repositorySearch;
    };
    struct RowKey
    {
        quint32 stage = 0;
        QString tag;
        bool operator==(const RowKey&) const = default;
        friend size_t qHash(const RowKey& key, size_t seed = 0) { return qHashMulti(seed, key.stage, key.tag); }
    };
    /// Sortable value of a cell: `text` for text columns, else `number`.
    struct RawKey
    {
        qint64 number = 0;
        QStringView text;
        bool isText = false;
    };

    std::vector<TagEntry> entriesOf(const DashboardSnapshot& snapshot, QHash<RowKey, int>& keys);
    quint32 stageIndex(const StageView& view);
    void removeRowsMissingFrom(const QHash<RowKey, int>& fresh);
    void updateAndAppend(std::vector<TagEntry> fresh);
    void reindex();
    RowKey keyOf(const TagEntry& entry) const { return { entry.stage, entry.tag }; }
    RawKey rawKey(const TagEntry& entry, int column) const;
    QString displayText(const TagEntry& entry, int column) const;
    QString toolTip(const TagEntry& entry, int column) const;
    const std::vector<int>& sortRanks(int column) const;
    /// Every change to m_rows calls it before it signals: a proxy re-sorts from inside those signals.
    void forgetSortRanks();

    std::vector<StageNames> m_stages; ///< grows only: rows point into it by index
    std::vector<TagEntry> m_rows;
    QHash<RowKey, int> m_rowOf;
    mutable std::array<std::vector<int>, ColumnCount> m_sortRanks; ///< per column, filled on demand
};

} // namespace gantry::model
