#pragma once

#include "model/dashboard/dashboardsnapshot.h"
#include "model/tables/rowtablemodel.h"

#include <QCoreApplication>
#include <optional>
#include <span>

namespace gantry::model {

/// The Clusters page's table: a snapshot's clusters, merged by name so that selection survives a
/// refresh. Sorts on RawValueRole; SeverityRole says how to colour a cell; the Lifetime column gives a
/// CertificateLifetime in LifetimeRole (the served leaf, against the thresholds set here).
class ClusterTableModel final : public RowTableModel<ClusterTableModel>
{
    Q_DECLARE_TR_FUNCTIONS(ClusterTableModel)
    friend class RowTableModel<ClusterTableModel>;

public:
    enum Column { Cluster, Site, Environment, Runs, CertificateExpires, DaysLeft, Lifetime, Status, ColumnCount };

    using RowTableModel::RowTableModel;

    /// `taken`: when the snapshot was read; days left and the lifetime bar are as of then.
    void setClusters(std::span<const ClusterView> clusters, registry::Timestamp taken);
    /// From the workspace; they place the lifetime bar's marks.
    void setThresholds(const CertificateThresholds& thresholds);

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // What one row shows, compared as a whole to tell whether a refresh changed it.
    struct Row
    {
        QString name;
        QString site;
        QString environment;
        QString server;
        QString runs; ///< "2.2.4 · sha256:ab12cd34"
        QString runsDetail; ///< image, stage, digest, flags and error, one per line
        bool runsFlagged = false;
        std::optional<registry::CertificateInfo> leaf;
        Severity status = Severity::Ok;
        QString statusDetail;
        bool operator==(const Row& other) const;
    };
    static Row rowFor(const ClusterView& cluster);
    QVariant display(const Row& row, int column) const;
    QVariant rawValue(const Row& row, int column) const;
    QVariant otherRole(const Row& row, int column, int role) const;
    QVariant toolTip(const Row& row, int column) const;
    QVariant status(const Row& row, int column) const;

    std::vector<Row> m_rows;
    registry::Timestamp m_taken {};
    CertificateThresholds m_thresholds;
};

} // namespace gantry::model
