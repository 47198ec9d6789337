#include "bench/statistics.h"

#include <algorithm>

namespace gantry::bench {

Spread spreadOf(QList<double> values)
{
    Spread spread;
    spread.count = values.size();
    if (values.isEmpty())
        return spread;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    spread.median = values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2.0;
    spread.min = values.first();
    spread.max = values.last();
    return spread;
}

} // namespace gantry::bench
