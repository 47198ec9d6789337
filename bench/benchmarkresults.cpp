#include "bench/benchmarkresults.h"

namespace gantry::bench {

QString scenarioName(Scenario scenario)
{
    switch (scenario) {
    case Scenario::SameRegistry:
        return QStringLiteral("same-registry");
    case Scenario::CrossRegistry:
        return QStringLiteral("cross-registry");
    case Scenario::NoOp:
        return QStringLiteral("no-op re-copy");
    }
    return {};
}

const QList<Measurement>& BenchmarkResults::runs(Scenario scenario, Tool tool) const
{
    static const QList<Measurement> none;
    const auto found = series.find({ scenario, tool });
    return found == series.end() ? none : found->second;
}

} // namespace gantry::bench
