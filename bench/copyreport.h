#pragma once

#include "bench/benchmarkresults.h"

namespace gantry::bench {

// Prints the comparison table and each target of the issue, met or missed, to stdout.
// Returns how many targets were missed (a target without data counts as missed).
int printReport(const BenchmarkResults& results);

} // namespace gantry::bench
