#pragma once

#include <QString>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace gantry::ui {

/// A read-only table over one of the dashboard's status models: its text coloured by SeverityRole
/// (SeverityDelegate's Text style), sorted on RawValueRole, whole rows selected. The proxy and the
/// delegate are children of the table.
QTableView* newStatusTable(QAbstractItemModel* source, const QString& objectName, QWidget* parent);

} // namespace gantry::ui
