#include "ui/statustable.h"

#include "model/tables/tableroles.h"
#include "ui/severitydelegate.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace gantry::ui {

QTableView* newStatusTable(QAbstractItemModel* source, const QString& objectName, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setObjectName(objectName);
    auto* sorted = new QSortFilterProxyModel(table);
    sorted->setSourceModel(source);
    sorted->setSortRole(model::RawValueRole);
    table->setModel(sorted);
    table->setItemDelegate(new SeverityDelegate(SeverityDelegate::Style::Text, table));
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace gantry::ui
