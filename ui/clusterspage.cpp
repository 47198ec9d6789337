#include "ui/clusterspage.h"

#include "model/dashboard/dashboard.h"
#include "model/tables/clustertablemodel.h"
#include "model/tables/sitetablemodel.h"
#include "ui/certificatelifetimedelegate.h"
#include "ui/expirychart.h"
#include "ui/statustable.h"

#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace gantry::ui {

ClustersPage::ClustersPage(const model::CertificateThresholds& thresholds, QWidget* parent)
    : QWidget(parent)
    , m_thresholds(thresholds)
    , m_clusters(new model::ClusterTableModel(this))
    , m_sites(new model::SiteTableModel(this))
    , m_chart(new ExpiryChart(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_lowerSplitter(new QSplitter(Qt::Horizontal, this))
{
    m_clusters->setThresholds(thresholds);
    m_clusterTable = newStatusTable(m_clusters, QStringLiteral("clusterTable"), this);
    m_clusterTable->setItemDelegateForColumn(
        model::ClusterTableModel::Lifetime, new CertificateLifetimeDelegate(m_clusterTable));
    m_clusterTable->horizontalHeader()->resizeSection(model::ClusterTableModel::Lifetime, 160);
    m_clusterTable->sortByColumn(model::ClusterTableModel::DaysLeft, Qt::AscendingOrder);
    m_siteTable = newStatusTable(m_sites, QStringLiteral("siteTable"), this);
    m_siteTable->sortByColumn(model::SiteTableModel::Site, Qt::AscendingOrder);
    m_chart->setObjectName(QStringLiteral("expiryChart"));

    m_lowerSplitter->addWidget(m_siteTable);
    m_lowerSplitter->addWidget(m_chart);
    m_lowerSplitter->setStretchFactor(1, 2);
    m_splitter->addWidget(m_clusterTable);
    m_splitter->addWidget(m_lowerSplitter);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
    restoreState();
}

ClustersPage::~ClustersPage()
{
    saveState();
}

void ClustersPage::setSnapshot(const model::DashboardSnapshot& snapshot)
{
    m_clusters->setClusters(snapshot.clusters, snapshot.taken);
    m_sites->setSites(snapshot.sites);
    m_chart->setClusters(snapshot.clusters, snapshot.taken, m_thresholds);
    if (m_fitColumns && !snapshot.clusters.empty()) {
        m_fitColumns = false;
        for (QTableView* table : { m_clusterTable, m_siteTable })
            table->resizeColumnsToContents();
        m_clusterTable->setColumnWidth(model::ClusterTableModel::Lifetime, 160);
    }
}

void ClustersPage::restoreState()
{
    QSettings settings;
    m_fitColumns = !settings.contains(QStringLiteral("clusters/clusterHeader"));
    if (m_fitColumns)
        m_lowerSplitter->setSizes({ 400, 800 });
    m_clusterTable->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("clusters/clusterHeader")).toByteArray());
    m_siteTable->horizontalHeader()->restoreState(settings.value(QStringLiteral("clusters/siteHeader")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("clusters/splitter")).toByteArray());
    m_lowerSplitter->restoreState(settings.value(QStringLiteral("clusters/lowerSplitter")).toByteArray());
}

void ClustersPage::saveState() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("clusters/clusterHeader"), m_clusterTable->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("clusters/siteHeader"), m_siteTable->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("clusters/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("clusters/lowerSplitter"), m_lowerSplitter->saveState());
}

ClustersPage::ClustersPage(model::Dashboard& dashboard, QWidget* parent)
    : ClustersPage(dashboard.workspace().certificateThresholds, parent)
{
    setSnapshot(dashboard.snapshot());
    connect(&dashboard, &model::Dashboard::snapshotChanged, this,
        [this, &dashboard] { setSnapshot(dashboard.snapshot()); });
}

} // namespace gantry::ui
