#include "ui/registriespage.h"

#include "model/dashboard/dashboard.h"
#include "model/tables/registrystatusmodel.h"
#include "ui/statustable.h"

#include <QHeaderView>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace gantry::ui {

namespace {

registry::Timestamp currentTime()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

const QString headerKey = QStringLiteral("registries/header");

} // namespace

RegistriesPage::RegistriesPage(QWidget* parent)
    : QWidget(parent)
    , m_registries(new model::RegistryStatusModel(this))
    , m_table(newStatusTable(m_registries, QStringLiteral("registryTable"), this))
    , m_clock(new QTimer(this))
{
    m_table->sortByColumn(model::RegistryStatusModel::Name, Qt::AscendingOrder);
    m_table->horizontalHeader()->restoreState(QSettings().value(headerKey).toByteArray());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);

    m_clock->setInterval(std::chrono::seconds(30));
    connect(m_clock, &QTimer::timeout, this, [this] { m_registries->setNow(currentTime()); });
    m_clock->start();
}

RegistriesPage::~RegistriesPage()
{
    QSettings().setValue(headerKey, m_table->horizontalHeader()->saveState());
}

void RegistriesPage::setSnapshot(const model::DashboardSnapshot& snapshot)
{
    m_registries->setRegistries(snapshot.registries, currentTime());
}

RegistriesPage::RegistriesPage(model::Dashboard& dashboard, QWidget* parent)
    : RegistriesPage(parent)
{
    setSnapshot(dashboard.snapshot());
    connect(&dashboard, &model::Dashboard::snapshotChanged, this,
        [this, &dashboard] { setSnapshot(dashboard.snapshot()); });
}

} // namespace gantry::ui
