#include "model/tables/pipelinematrixmodel.h"

#include "model/policy/severity.h"
#include "model/tables/displaytext.h"

#include <QDateTime>
#include <QStringList>
#include <algorithm>

namespace gantry::model {

namespace {

// Names and tags come from the workspace and the registries: shown escaped.
QString text(const std::string& value)
{
    return displayText(value);
}

// A drifted cell needs a look now; an absent one is a promotion still to come; a present one is plain.
QVariant severity(const MatrixCell& cell)
{
    switch (cell.state) {
    case MatrixCell::State::Drift:
        return static_cast<int>(Severity::Critical);
    case MatrixCell::State::Absent:
        return static_cast<int>(Severity::Notice);
    case MatrixCell::State::Unknown:
        return static_cast<int>(Severity::Unknown);
    case MatrixCell::State::Present:
        break;
    }
    return {};
}

QStringList textList(const std::vector<std::string>& values)
{
    QStringList list;
    for (const auto& value : values)
        list << text(value);
    return list;
}

} // namespace

PipelineMatrixModel::PipelineMatrixModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void PipelineMatrixModel::setPipeline(const std::string& name)
{
    beginResetModel();
    m_pipeline = name;
    m_promoting.clear();
    const auto it = std::ranges::find(m_snapshot->pipelines, name, &PipelineView::name);
    m_view = it == m_snapshot->pipelines.end() ? PipelineView { name, {}, {}, {} } : *it;
    m_rows = buildPipelineMatrix(*m_snapshot, m_view);
    endResetModel();
}

void PipelineMatrixModel::setSnapshot(SharedSnapshot snapshot)
{
    m_snapshot = std::move(snapshot);
    const auto it = std::ranges::find(m_snapshot->pipelines, m_pipeline, &PipelineView::name);
    PipelineView view = it == m_snapshot->pipelines.end() ? PipelineView { m_pipeline, {}, {}, {} } : *it;
    if (view.stages != m_view.stages) {
        // Other columns: nothing to merge against.
        setPipeline(m_pipeline);
        return;
    }
    m_view = std::move(view);
    auto rows = buildPipelineMatrix(*m_snapshot, m_view);
    std::erase_if(m_promoting, [&](const auto& promoting) {
        const auto row = std::ranges::find(rows, promoting.first, &MatrixRow::tag);
        const int column = static_cast<int>(std::ranges::find(m_view.stages, promoting.second) - m_view.stages.begin());
        return row != rows.end() && column < columnCount() && row->cells[static_cast<std::size_t>(column)].hasTag();
    });
    mergeRows(std::move(rows));
    if (!m_rows.empty()) // ages move on with the snapshot's time
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), { Qt::DisplayRole });
}

// Both lists are in the same order, and the rows kept are a subsequence of the new ones: remove what
// went, then walk both, inserting what is new and updating what changed.
void PipelineMatrixModel::mergeRows(std::vector<MatrixRow> rows)
{
    for (int i = rowCount() - 1; i >= 0; --i) {
        const auto& tag = m_rows[static_cast<std::size_t>(i)].tag;
        if (std::ranges::find(rows, tag, &MatrixRow::tag) == rows.end()) {
            beginRemoveRows({}, i, i);
            m_rows.erase(m_rows.begin() + i);
            endRemoveRows();
        }
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const int row = static_cast<int>(i);
        if (i < m_rows.size() && m_rows[i].tag == rows[i].tag) {
            if (m_rows[i] != rows[i]) {
                m_rows[i] = std::move(rows[i]);
                Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
            }
            continue;
        }
        beginInsertRows({}, row, row);
        m_rows.insert(m_rows.begin() + row, std::move(rows[i]));
        endInsertRows();
    }
}

std::string PipelineMatrixModel::tagAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)].tag : std::string();
}

int PipelineMatrixModel::rowOf(const std::string& tag) const
{
    const auto it = std::ranges::find(m_rows, tag, &MatrixRow::tag);
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

std::string PipelineMatrixModel::stageAt(int column) const
{
    return column >= 0 && column < columnCount() ? m_view.stages[static_cast<std::size_t>(column)] : std::string();
}

std::optional<std::string> PipelineMatrixModel::nextStageFor(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    const auto& cells = m_rows[static_cast<std::size_t>(row)].cells;
    const auto last = std::ranges::find_if(cells.rbegin(), cells.rend(), &MatrixCell::hasTag);
    if (last == cells.rend() || last == cells.rbegin())
        return std::nullopt;
    return m_view.stages[static_cast<std::size_t>(cells.rend() - last)];
}

void PipelineMatrixModel::markPromoting(const std::string& tag, const std::string& stage)
{
    m_promoting.emplace(tag, stage);
    const int row = rowOf(tag);
    const int column = static_cast<int>(std::ranges::find(m_view.stages, stage) - m_view.stages.begin());
    if (row >= 0 && column < columnCount())
        Q_EMIT dataChanged(index(row, column), index(row, column), { Qt::DisplayRole });
}

void PipelineMatrixModel::clearPromoting(const std::string& tag, const std::string& stage)
{
    if (m_promoting.erase({ tag, stage }) == 0)
        return;
    const int row = rowOf(tag);
    const int column = static_cast<int>(std::ranges::find(m_view.stages, stage) - m_view.stages.begin());
    if (row >= 0 && column < columnCount())
        Q_EMIT dataChanged(index(row, column), index(row, column), { Qt::DisplayRole });
}

bool PipelineMatrixModel::isPromoting(const std::string& tag, int column) const
{
    return m_promoting.contains({ tag, stageAt(column) });
}

int PipelineMatrixModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PipelineMatrixModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_view.stages.size());
}

QVariant PipelineMatrixModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto& row = m_rows[static_cast<std::size_t>(index.row())];
    const auto& cell = row.cells[static_cast<std::size_t>(index.column())];
    switch (role) {
    case Qt::DisplayRole:
        return cellText(row, index.column());
    case Qt::ToolTipRole:
        return cellToolTip(row, index.column());
    case CellStateRole:
        return static_cast<int>(cell.state);
    case DigestRole: // what actions use: as sent
        return QString::fromStdString(cell.digest);
    case RawValueRole:
        return cell.created ? QDateTime::fromSecsSinceEpoch(cell.created->time_since_epoch().count(), Qt::UTC)
                            : QVariant();
    case BadgesRole:
        return textList(cell.badges);
    case TagRole:
        return QString::fromStdString(row.tag);
    case SeverityRole:
        return severity(cell);
    case EmphasisRole:
        return cell.state == MatrixCell::State::Drift ? QVariant(true) : QVariant();
    default:
        return {};
    }
}

QString PipelineMatrixModel::cellText(const MatrixRow& row, int column) const
{
    const auto& cell = row.cells[static_cast<std::size_t>(column)];
    if (!cell.hasTag()) {
        if (isPromoting(row.tag, column))
            return tr("promoting…");
        return cell.state == MatrixCell::State::Unknown ? QStringLiteral("?") : QStringLiteral("—");
    }
    QString shown = text(digestHexPrefix(cell.digest));
    if (cell.created)
        shown += QStringLiteral(" · ") + text(formatAge(*cell.created, m_snapshot->taken));
    for (const auto& badge : cell.badges)
        shown += QStringLiteral("  [") + text(badge) + QLatin1Char(']');
    return shown;
}

QString PipelineMatrixModel::cellToolTip(const MatrixRow& row, int column) const
{
    const auto& cell = row.cells[static_cast<std::size_t>(column)];
    const QString stage = text(stageAt(column));
    switch (cell.state) {
    case MatrixCell::State::Unknown:
        return tr("%1 could not be read: %2").arg(stage, text(cell.error));
    case MatrixCell::State::Absent:
        return tr("%1 has no tag %2").arg(stage, text(row.tag));
    case MatrixCell::State::Drift: {
        const auto first = std::ranges::find_if(row.cells, &MatrixCell::hasTag);
        const QString firstStage = text(stageAt(static_cast<int>(first - row.cells.begin())));
        return tr("Drift: %1 has %2 at %3, but %4 has it at %5")
            .arg(stage, text(row.tag), text(cell.digest), firstStage, text(cell.expectedDigest));
    }
    case MatrixCell::State::Present:
        break;
    }
    QString tip = tr("%1:%2 at %3").arg(stage, text(row.tag), text(cell.digest));
    if (cell.created)
        tip += tr("\ncreated %1").arg(text(registry::formatRfc3339(*cell.created)));
    if (!cell.badges.empty())
        tip += tr("\nalso tagged: %1").arg(textList(cell.badges).join(QStringLiteral(", ")));
    return tip;
}

QVariant PipelineMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        return role == Qt::DisplayRole && section >= 0 && section < rowCount() ? text(tagAt(section)) : QVariant();
    }
    if (section < 0 || section >= columnCount())
        return {};
    const auto index = static_cast<std::size_t>(section);
    const bool isProtected = index < m_view.protectedStages.size() && m_view.protectedStages[index];
    if (role == Qt::DisplayRole)
        return text(m_view.stages[index]) + (isProtected ? tr(" (protected)") : QString());
    if (role == Qt::ToolTipRole) {
        const auto stage = std::ranges::find_if(m_snapshot->stages,
            [&](const StageView& view) { return view.pipeline == m_pipeline && view.stage == m_view.stages[index]; });
        return stage == m_snapshot->stages.end() ? QVariant(text(m_view.stages[index])) : text(stage->repository);
    }
    return {};
}

} // namespace gantry::model
