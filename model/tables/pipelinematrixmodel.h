#pragma once

#include "model/dashboard/pipelinematrix.h"
#include "model/tables/tableroles.h"

#include <QAbstractTableModel>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace gantry::model {

/// One pipeline as a matrix: a row per version tag (final, patch, pre-release) found in any of its
/// stages, newest release first; a column per stage in promotion order. `-stable` and floating tags
/// are no rows: they show as badges on the cell of the artifact they point at. Columns follow the
/// pipeline's stages, so there is no fixed Column enum. Roles (tableroles.h): CellStateRole, DigestRole,
/// BadgesRole, TagRole; RawValueRole is the image's creation time (QDateTime, UTC), invalid when absent
/// or unknown; SeverityRole greys absent and unreadable cells and marks drift critical (EmphasisRole).
///
/// Not on RowTableModel: its columns are the pipeline's stages, not a fixed enum, and its rows keep
/// release order (newest first), so a refresh inserts where a row belongs rather than appending.
class PipelineMatrixModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit PipelineMatrixModel(QObject* parent = nullptr);

    /// Shows another pipeline (a reset: its columns differ); the snapshot last given stays.
    void setPipeline(const std::string& name);
    const std::string& pipeline() const { return m_pipeline; }
    /// Merges by tag: rows come and go with insert/remove, changed cells get dataChanged.
    /// Keeps the shared snapshot (the dashboard's: no copy on the GUI thread) and merges by tag.
    void setSnapshot(SharedSnapshot snapshot);
    /// For a snapshot made on the spot (tests): takes a copy.
    void setSnapshot(const DashboardSnapshot& snapshot)
    {
        setSnapshot(std::make_shared<const DashboardSnapshot>(snapshot));
    }

    std::string tagAt(int row) const;
    int rowOf(const std::string& tag) const; ///< -1 when the tag is no row
    std::string stageAt(int column) const;
    /// The stage after the last one that has the tag: where "Promote" takes it; nullopt when the tag
    /// is in the last stage already (or the row does not exist).
    std::optional<std::string> nextStageFor(int row) const;

    /// Shows "promoting…" in a cell until a snapshot has the tag there or clearPromoting is called.
    void markPromoting(const std::string& tag, const std::string& stage);
    void clearPromoting(const std::string& tag, const std::string& stage);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString cellText(const MatrixRow& row, int column) const;
    QString cellToolTip(const MatrixRow& row, int column) const;
    bool isPromoting(const std::string& tag, int column) const;
    void mergeRows(std::vector<MatrixRow> rows);

    std::string m_pipeline;
    SharedSnapshot m_snapshot = std::make_shared<const DashboardSnapshot>();
    PipelineView m_view;
    std::vector<MatrixRow> m_rows; ///< newest release first
    std::set<std::pair<std::string, std::string>> m_promoting; ///< (tag, stage)
};

} // namespace gantry::model
