#include "model/tables/clustertablemodel.h"

#include "model/clusters/certificatelifetime.h"
#include "model/tables/displaytext.h"
#include "model/tables/tableroles.h"

#include <QStringList>

namespace gantry::model {

namespace {

const QString warningMarker = QStringLiteral("\u26A0 ");

QStringList qStrings(const std::vector<std::string>& strings)
{
    QStringList list;
    for (const auto& string : strings)
        list << displayText(string);
    return list;
}

} // namespace

bool ClusterTableModel::Row::operator==(const Row& other) const
{
    const auto datesOf = [](const Row& row) {
        return row.leaf ? std::optional(std::pair(row.leaf->notBefore, row.leaf->notAfter)) : std::nullopt;
    };
    return name == other.name && site == other.site && environment == other.environment && server == other.server
        && runs == other.runs && runsDetail == other.runsDetail && runsFlagged == other.runsFlagged
        && datesOf(*this) == datesOf(other) && (!leaf || leaf->issuer == other.leaf->issuer) && status == other.status
        && statusDetail == other.statusDetail;
}

ClusterTableModel::Row ClusterTableModel::rowFor(const ClusterView& cluster)
{
    const ClusterReport& report = cluster.report;
    Row row;
    row.name = displayText(report.name);
    row.site = displayText(report.site);
    row.environment = displayText(report.environment);
    row.server = displayText(report.server);
    if (report.servedLeaf)
        row.leaf = report.servedLeaf->certificate;
    row.status = report.status;
    QStringList detail { displayText(report.reason) };
    if (!report.trusted && !report.trustError.empty())
        detail << tr("not trusted: %1").arg(displayText(report.trustError));
    if (!report.error.empty() && report.error != report.reason)
        detail << displayText(report.error);
    row.statusDetail = detail.join(QLatin1Char('\n'));

    if (!cluster.runs) {
        row.runsDetail = tr("The workspace names no image for this cluster.");
        return row;
    }
    const ClusterRuns& runs = *cluster.runs;
    QStringList parts;
    if (!runs.versions.empty())
        parts << qStrings(runs.versions).join(QStringLiteral(", "));
    parts << (runs.digest.empty() ? tr("%1 (unresolved)").arg(displayText(runs.image)) : shortDigest(runs.digest));
    row.runs = parts.join(QStringLiteral(" \u00B7 "));
    QStringList lines { tr("runs %1").arg(displayText(runs.image)) };
    if (!runs.stage.empty())
        lines << tr("stage %1 of %2").arg(displayText(runs.stage), displayText(runs.pipeline));
    if (!runs.digest.empty())
        lines << displayText(runs.digest);
    lines << qStrings(runs.flags);
    if (!runs.error.empty())
        lines << displayText(runs.error);
    row.runsDetail = lines.join(QLatin1Char('\n'));
    row.runsFlagged = !runs.flags.empty() || !runs.error.empty();
    return row;
}

void ClusterTableModel::setClusters(std::span<const ClusterView> clusters, registry::Timestamp taken)
{
    std::vector<Row> incoming;
    incoming.reserve(clusters.size());
    for (const auto& cluster : clusters)
        incoming.push_back(rowFor(cluster));
    mergeRows(std::move(incoming), [](const Row& row) { return row.name; });
    // Rows that did not change still age: their days and bars are as of the new snapshot.
    if (taken != m_taken) {
        m_taken = taken;
        columnChanged(CertificateExpires);
        columnChanged(DaysLeft);
        columnChanged(Lifetime);
    }
}

void ClusterTableModel::setThresholds(const CertificateThresholds& thresholds)
{
    m_thresholds = thresholds;
    columnChanged(CertificateExpires);
    columnChanged(DaysLeft);
    columnChanged(Lifetime);
}

QVariant ClusterTableModel::otherRole(const Row& row, int column, int role) const
{
    switch (role) {
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case SeverityRole:
        return status(row, column);
    case LifetimeRole:
        if (column == Lifetime && row.leaf)
            return QVariant::fromValue(certificateLifetime(*row.leaf, m_taken, m_thresholds));
        return {};
    default:
        return {};
    }
}

QVariant ClusterTableModel::display(const Row& row, int column) const
{
    switch (column) {
    case Cluster:
        return row.name;
    case Site:
        return row.site;
    case Environment:
        return row.environment;
    case Runs:
        return row.runsFlagged ? warningMarker + row.runs : row.runs;
    case CertificateExpires:
        return row.leaf ? localDate(row.leaf->notAfter) : QString();
    case DaysLeft:
    case Lifetime: {
        if (!row.leaf)
            return QString();
        const auto verdict = judgeCertificate(*row.leaf, m_taken, m_thresholds);
        return daysLeftText(verdict.daysLeft, verdict.status == Severity::Expired);
    }
    case Status:
        return QString::fromUtf8(clusterStatusText(row.status));
    }
    return {};
}

QVariant ClusterTableModel::rawValue(const Row& row, int column) const
{
    switch (column) {
    case Runs:
        return row.runs;
    case CertificateExpires:
        return row.leaf ? QVariant(qint64(row.leaf->notAfter.time_since_epoch().count())) : QVariant();
    case DaysLeft:
        return row.leaf ? QVariant(daysBetween(m_taken, row.leaf->notAfter)) : QVariant();
    case Lifetime:
        return row.leaf ? QVariant(certificateLifetime(*row.leaf, m_taken, m_thresholds).elapsed) : QVariant();
    case Status:
        return static_cast<int>(row.status);
    default:
        return display(row, column);
    }
}

QVariant ClusterTableModel::toolTip(const Row& row, int column) const
{
    switch (column) {
    case Cluster:
        return row.server;
    case Runs:
        return row.runsDetail;
    case CertificateExpires:
    case DaysLeft:
    case Lifetime:
        if (!row.leaf)
            return tr("No certificate was served.");
        return tr("%1 → %2\nissued by %3")
            .arg(localDateTime(row.leaf->notBefore), localDateTime(row.leaf->notAfter), displayText(row.leaf->issuer));
    case Status:
        return row.statusDetail;
    default:
        return {};
    }
}

QVariant ClusterTableModel::status(const Row& row, int column) const
{
    switch (column) {
    case Runs:
        return row.runsFlagged ? QVariant(static_cast<int>(Severity::Warning)) : QVariant();
    case CertificateExpires:
    case DaysLeft:
    case Lifetime:
        if (!row.leaf)
            return {};
        return static_cast<int>(judgeCertificate(*row.leaf, m_taken, m_thresholds).status);
    case Status:
        return static_cast<int>(row.status);
    default:
        return {};
    }
}

QVariant ClusterTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Cluster:
        return tr("Cluster");
    case Site:
        return tr("Site");
    case Environment:
        return tr("Environment");
    case Runs:
        return tr("Runs");
    case CertificateExpires:
        return tr("Certificate expires");
    case DaysLeft:
        return tr("Days left");
    case Lifetime:
        return tr("Lifetime");
    case Status:
        return tr("Status");
    }
    return {};
}

} // namespace gantry::model
