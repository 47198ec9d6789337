#pragma once

#include "model/dashboard/dashboardsnapshot.h"

#include <QChartView>
#include <span>

namespace gantry::ui {

/// When each cluster's served certificate expires, on a time axis: one dot per cluster (its name on
/// the left, its colour its status), a "now" line, and the critical and warning zones after now.
class ExpiryChart final : public QChartView
{
    Q_OBJECT
public:
    explicit ExpiryChart(QWidget* parent = nullptr);

    /// `taken`: the snapshot's time, where "now" is drawn and the zones begin.
    void setClusters(std::span<const model::ClusterView> clusters, registry::Timestamp taken,
        const model::CertificateThresholds& thresholds);

private:
    void addZone(const QString& name, qint64 from, qint64 to, double height, const QColor& colour);
    void addNowLine(qint64 now, double height);
    void attachAxes();

    QChart* m_chart = nullptr;
};

} // namespace gantry::ui
