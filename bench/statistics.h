#pragma once

#include <QList>

namespace gantry::bench {

struct Spread
{
    double median = 0;
    double min = 0;
    double max = 0;
    qsizetype count = 0;
};

// The middle value (the mean of the two middle ones for an even count): the figure the
// targets are judged on, because one stalled run must not decide a comparison.
Spread spreadOf(QList<double> values);

} // namespace gantry::bench
