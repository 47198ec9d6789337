// The pages' constructors that follow a model::Dashboard, apart from the rest of each page: tests
// and screenshots build pages without a dashboard (and without its worker thread) and feed them
// snapshots through setSnapshot, so they need not link the dashboard at all.
#include "ui/clusterspage.h"
#include "model/dashboard/dashboard.h"
#include "ui/registriespage.h"

namespace gantry::ui {

ClustersPage::ClustersPage(model::Dashboard& dashboard, QWidget* parent)
    : ClustersPage(dashboard.workspace().certificateThresholds, parent)
{
    setSnapshot(dashboard.snapshot());
    connect(&dashboard, &model::Dashboard::snapshotChanged, this,
        [this, &dashboard] { setSnapshot(dashboard.snapshot()); });
}

RegistriesPage::RegistriesPage(model::Dashboard& dashboard, QWidget* parent)
    : RegistriesPage(parent)
{
    setSnapshot(dashboard.snapshot());
    connect(&dashboard, &model::Dashboard::snapshotChanged, this,
        [this, &dashboard] { setSnapshot(dashboard.snapshot()); });
}

} // namespace gantry::ui
