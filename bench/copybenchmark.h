#pragma once

#include "bench/benchmarkresults.h"
#include "bench/copytools.h"
#include "tests/support/imagefixture.h"
#include "tests/support/outcome.h"
#include "tests/support/testregistry.h"

#include <QHash>
#include <QTemporaryDir>
#include <memory>

namespace gantry::bench {

struct BenchmarkOptions
{
    int rounds = 7;
    int layerCount = 5;
    qint64 layerSize = 20 * 1024 * 1024;
    QString gantryctl {}; // absolute path
    QString skopeo {}; // absolute path
    bool verbose = false; // a line per run on stderr
};

// Two real registries, one pushed image, and rounds of copies by each tool, every copy a new
// process. Tools take turns in a rotating order so that neither always runs on a registry
// that has just been busy with the other.
class CopyBenchmark
{
public:
    explicit CopyBenchmark(BenchmarkOptions options);

    // Registries up, the image pushed, one unmeasured copy per tool (page cache, skopeo's cache).
    test::Outcome<void> setUp();
    // All rounds. A failed run is recorded in results().failures and the rounds go on.
    void run();
    const BenchmarkResults& results() const { return m_results; }

private:
    test::Outcome<Measurement> measure(Tool tool, const test::TestRegistry& to, const QString& repository);
    double registryCpuMs() const;
    test::Outcome<void> verify(
        Tool tool, const Measurement& measurement, const test::TestRegistry& to, const QString& repository) const;
    void record(int round, Scenario scenario, Tool tool, const test::TestRegistry& to, const QString& repository);

    BenchmarkOptions m_options;
    QTemporaryDir m_scratch;
    test::TestRegistry m_source;
    test::TestRegistry m_other;
    std::unique_ptr<CopyTools> m_tools;
    QList<pid_t> m_registryPids;
    test::PushedImage m_image;
    QHash<QString, qint64> m_blobSizes;
    BenchmarkResults m_results;
};

} // namespace gantry::bench
