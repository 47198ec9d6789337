#pragma once

// Measures how long the event loop of the thread it lives on goes without turning: a 5 ms timer
// notes the gaps between its ticks; the longest gap less the interval is the longest stall.

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>
#include <algorithm>

namespace gantry::test {

class EventLoopStall : public QObject
{
public:
    explicit EventLoopStall(QObject* parent = nullptr)
        : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(IntervalMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last >= 0)
                m_gapsMs.append(static_cast<double>(now - m_last) / 1e6);
            m_last = now;
        });
    }

    void start()
    {
        m_gapsMs.clear();
        m_last = -1;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    int ticks() const { return static_cast<int>(m_gapsMs.size()); }
    double longestStallMs() const
    {
        return m_gapsMs.isEmpty() ? 0 : std::max(0.0, *std::ranges::max_element(m_gapsMs) - IntervalMs);
    }
    // The gap below which `share` of all gaps fall, less the interval.
    double stallPercentileMs(double share) const
    {
        if (m_gapsMs.isEmpty())
            return 0;
        auto sorted = m_gapsMs;
        std::ranges::sort(sorted);
        const auto index = static_cast<qsizetype>(share * static_cast<double>(sorted.size() - 1));
        return std::max(0.0, sorted[index] - IntervalMs);
    }

private:
    static constexpr int IntervalMs = 5;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    QList<double> m_gapsMs;
};

} // namespace gantry::test
