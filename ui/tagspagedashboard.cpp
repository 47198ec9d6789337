// TagsPage's tie to the Dashboard, in a file of its own: a page built without one (as tests build it)
// links no worker.
#include "model/dashboard/dashboard.h"
#include "ui/tagspage.h"

namespace gantry::ui {

TagsPage::TagsPage(model::Dashboard& dashboard, QWidget* parent)
    : TagsPage(parent)
{
    connect(&dashboard, &model::Dashboard::snapshotChanged, this,
        [this, &dashboard] { setSnapshot(dashboard.snapshot()); });
    connect(this, &TagsPage::applyStableRequested, &dashboard,
        [&dashboard](const QString& reference) { dashboard.applyStable(reference.toStdString()); });
    setSnapshot(dashboard.snapshot());
}

} // namespace gantry::ui
