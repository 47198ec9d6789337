#pragma once

#include <Qt>

namespace gantry::model {

/// The item roles of every table model and proxy in model/tables, in one enum so that no two
/// models give one number two meanings. model/ links no Qt Gui, so it has no QColor or QFont: a
/// model says how urgent a cell is (SeverityRole) and whether it stands out (EmphasisRole), and
/// ui/severitydelegate.h picks colours and fonts.
enum TableRole : int {
    RawValueRole = Qt::UserRole + 1, ///< what proxies sort and filter on, never the display text
    SeverityRole, ///< int(Severity) of a cell coloured by urgency; invalid for plain cells
    EmphasisRole, ///< true: the cell is bold, e.g. a site at risk, a tag a cluster runs, a drifted cell
    LifetimeRole, ///< a CertificateLifetime, for the Clusters page's lifetime bar
    IsObservationRole, ///< JournalTableModel, bool, any column: a tag movement Gantry saw, not an action
    EntryIdRole, ///< JournalTableModel, qint64, any column: the journal entry's id
    CellStateRole, ///< PipelineMatrixModel: MatrixCell::State, as int
    DigestRole, ///< PipelineMatrixModel: the cell's full digest, empty when absent
    BadgesRole, ///< PipelineMatrixModel, QStringList: "stable" and the floating tags on the cell's digest
    TagRole, ///< PipelineMatrixModel: the row's tag
};

} // namespace gantry::model
