#include "ui/expirychart.h"

#include "model/tables/displaytext.h"
#include "ui/severitydelegate.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QScatterSeries>
#include <algorithm>
#include <map>

namespace gantry::ui {

namespace {

constexpr qint64 dayMs = 24 * 3600 * 1000LL;

qint64 msOf(registry::Timestamp time)
{
    return model::toDateTime(time).toMSecsSinceEpoch();
}

struct Plotted
{
    QString name;
    qint64 notAfter = 0;
    model::Severity status = model::Severity::Ok;
};

} // namespace

ExpiryChart::ExpiryChart(QWidget* parent)
    : QChartView(parent)
    , m_chart(new QChart)
{
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setTitle(tr("Certificate expiry"));
    setMinimumHeight(220);
}

void ExpiryChart::setClusters(std::span<const model::ClusterView> clusters, registry::Timestamp taken,
    const model::CertificateThresholds& thresholds)
{
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    std::vector<Plotted> plotted;
    for (const auto& cluster : clusters) {
        if (cluster.report.servedLeaf) {
            plotted.push_back({ model::displayText(cluster.report.name),
                msOf(cluster.report.servedLeaf->certificate.notAfter), cluster.report.status });
        }
    }
    // The soonest at the top, where the eye starts.
    std::ranges::sort(plotted, [](const Plotted& a, const Plotted& b) { return a.notAfter > b.notAfter; });
    const qint64 now = msOf(taken);
    const double height = std::max<double>(static_cast<double>(plotted.size()), 1.0);
    addZone(
        tr("critical"), now, now + thresholds.criticalDays * dayMs, height, severityColour(model::Severity::Critical));
    addZone(tr("warning"), now + thresholds.criticalDays * dayMs, now + thresholds.warningDays * dayMs, height,
        severityColour(model::Severity::Warning));
    addNowLine(now, height);

    std::map<model::Severity, QScatterSeries*> byStatus;
    auto* names = new QCategoryAxis;
    names->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    qint64 earliest = now - 7 * dayMs;
    qint64 latest = now + (thresholds.warningDays + 7) * dayMs;
    for (std::size_t i = 0; i < plotted.size(); ++i) {
        QScatterSeries*& series = byStatus[plotted[i].status];
        if (!series) {
            series = new QScatterSeries;
            series->setName(QString::fromUtf8(model::clusterStatusText(plotted[i].status)));
            series->setColor(severityColour(plotted[i].status));
            series->setMarkerSize(12);
        }
        series->append(static_cast<double>(plotted[i].notAfter), static_cast<double>(i));
        names->append(plotted[i].name, static_cast<double>(i));
        earliest = std::min(earliest, plotted[i].notAfter - 3 * dayMs);
        latest = std::max(latest, plotted[i].notAfter + 7 * dayMs);
    }
    for (const auto& [status, series] : byStatus)
        m_chart->addSeries(series);

    auto* dates = new QDateTimeAxis;
    dates->setFormat(QStringLiteral("MMM d"));
    dates->setTickCount(7);
    dates->setRange(QDateTime::fromMSecsSinceEpoch(earliest), QDateTime::fromMSecsSinceEpoch(latest));
    names->setRange(-0.5, height - 0.5);
    m_chart->addAxis(dates, Qt::AlignBottom);
    m_chart->addAxis(names, Qt::AlignLeft);
    attachAxes();
}

void ExpiryChart::addZone(const QString& name, qint64 from, qint64 to, double height, const QColor& colour)
{
    auto* zone = new QAreaSeries;
    auto* upper = new QLineSeries(zone);
    auto* lower = new QLineSeries(zone);
    upper->append({ { static_cast<double>(from), height - 0.5 }, { static_cast<double>(to), height - 0.5 } });
    lower->append({ { static_cast<double>(from), -0.5 }, { static_cast<double>(to), -0.5 } });
    zone->setUpperSeries(upper);
    zone->setLowerSeries(lower);
    zone->setName(tr("%1 zone").arg(name));
    QColor fill = colour;
    fill.setAlpha(50);
    zone->setBrush(fill);
    zone->setPen(Qt::NoPen);
    m_chart->addSeries(zone);
}

void ExpiryChart::addNowLine(qint64 now, double height)
{
    auto* line = new QLineSeries;
    line->setName(tr("now"));
    line->append({ { static_cast<double>(now), -0.5 }, { static_cast<double>(now), height - 0.5 } });
    line->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
    m_chart->addSeries(line);
}

void ExpiryChart::attachAxes()
{
    for (QAbstractSeries* series : m_chart->series()) {
        for (QAbstractAxis* axis : m_chart->axes())
            series->attachAxis(axis);
    }
}

} // namespace gantry::ui
