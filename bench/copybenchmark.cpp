#include "bench/copybenchmark.h"

#include "bench/processcpu.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cstdio>

namespace gantry::bench {

namespace {

const QString sourceRepository = QStringLiteral("bench/source");
const QString tag = QStringLiteral("1.0");
constexpr int copyTimeoutMs = 300000;

QString withTag(const QString& repository)
{
    return repository + QLatin1Char(':') + tag;
}

QString slug(Tool tool)
{
    switch (tool) {
    case Tool::Gantryctl:
        return QStringLiteral("g");
    case Tool::SkopeoWarm:
        return QStringLiteral("sw");
    case Tool::SkopeoCold:
        return QStringLiteral("sc");
    }
    return {};
}

QHash<QString, qint64> blobSizesOf(const QByteArray& manifest)
{
    QHash<QString, qint64> sizes;
    const QJsonObject root = QJsonDocument::fromJson(manifest).object();
    QJsonArray descriptors = root.value(QLatin1String("layers")).toArray();
    descriptors.prepend(root.value(QLatin1String("config")));
    for (const QJsonValue& descriptor : std::as_const(descriptors)) {
        const QJsonObject object = descriptor.toObject();
        sizes.insert(object.value(QLatin1String("digest")).toString(), object.value(QLatin1String("size")).toInteger());
    }
    return sizes;
}

} // namespace

CopyBenchmark::CopyBenchmark(BenchmarkOptions options)
    : m_options(std::move(options))
{
    m_results.rounds = m_options.rounds;
    m_results.gantryctl = m_options.gantryctl;
}

test::Outcome<void> CopyBenchmark::setUp()
{
    if (!m_scratch.isValid())
        return test::failure(QStringLiteral("no temporary directory: %1").arg(m_scratch.errorString()));
    if (!m_source.start())
        return test::failure(QStringLiteral("source registry: %1").arg(m_source.errorString()));
    if (!m_other.start())
        return test::failure(QStringLiteral("second registry: %1").arg(m_other.errorString()));

    for (const test::TestRegistry* registry : { &m_source, &m_other }) {
        const pid_t pid = findProcessWithArgument(registry->configPath());
        if (pid == 0)
            return test::failure(QStringLiteral("no process serves %1").arg(registry->configPath()));
        m_registryPids << pid;
    }

    test::ImageFixture fixture(m_source);
    auto pushed = fixture.push(sourceRepository, tag,
        test::ImageSpec { .layerCount = m_options.layerCount, .layerSize = m_options.layerSize, .seed = 20261123 });
    if (!pushed)
        return test::failure(QStringLiteral("pushing the image: %1").arg(pushed.error()));
    m_image = *pushed;
    m_blobSizes = blobSizesOf(m_image.manifest);
    m_results.image = { m_image.digest, static_cast<int>(m_image.blobDigests.size()), 0, m_options.layerCount,
        m_options.layerSize };
    for (const qint64 size : std::as_const(m_blobSizes))
        m_results.image.blobBytes += size;

    const ChildRun version = runChild(m_options.skopeo, { QStringLiteral("--version") },
        QProcessEnvironment::systemEnvironment(), m_scratch.path(), 30000);
    if (!version.ok())
        return test::failure(version.errorString);
    m_results.skopeoVersion = QString::fromUtf8(version.standardOutput.trimmed());

    m_tools = std::make_unique<CopyTools>(m_options.gantryctl, m_options.skopeo, m_scratch.path());
    if (auto primed = m_tools->primeSkopeoCache(m_source, withTag(sourceRepository), QStringLiteral("bench/prime:1.0"));
        !primed)
        return test::failure(QStringLiteral("priming skopeo's cache: %1").arg(primed.error()));
    // gantryctl's warm-up: its binary and libraries in the page cache, as skopeo's are now.
    auto warmUp = m_tools->prepare(
        Tool::Gantryctl, m_source, withTag(sourceRepository), m_source, QStringLiteral("bench/warmup:1.0"));
    if (!warmUp)
        return test::failure(warmUp.error());
    const ChildRun warmUpRun
        = runChild(warmUp->program, warmUp->arguments, warmUp->environment, m_scratch.path(), copyTimeoutMs);
    if (!warmUpRun.ok())
        return test::failure(QStringLiteral("gantryctl warm-up: %1").arg(warmUpRun.errorString));
    return {};
}

void CopyBenchmark::run()
{
    const QList<Tool> tools { Tool::Gantryctl, Tool::SkopeoWarm, Tool::SkopeoCold };
    for (int round = 1; round <= m_options.rounds; ++round) {
        QList<Tool> order;
        for (qsizetype i = 0; i < tools.size(); ++i)
            order << tools.at((i + round - 1) % tools.size());
        for (const Tool tool : std::as_const(order))
            record(round, Scenario::SameRegistry, tool, m_source,
                QStringLiteral("bench/same-%1-%2").arg(slug(tool)).arg(round));
        for (const Tool tool : std::as_const(order))
            record(round, Scenario::CrossRegistry, tool, m_other,
                QStringLiteral("bench/cross-%1-%2").arg(slug(tool)).arg(round));
        // Onto what the same tool wrote a moment ago: identical digest under the same tag.
        for (const Tool tool : std::as_const(order))
            record(
                round, Scenario::NoOp, tool, m_source, QStringLiteral("bench/same-%1-%2").arg(slug(tool)).arg(round));
        if (!m_options.verbose)
            std::fprintf(stderr, "round %d/%d done\n", round, m_options.rounds);
    }
}

void CopyBenchmark::record(
    int round, Scenario scenario, Tool tool, const test::TestRegistry& to, const QString& repository)
{
    auto measured = measure(tool, to, repository);
    if (measured) {
        if (auto verified = verify(tool, *measured, to, repository); !verified)
            measured = test::failure(verified.error());
    }
    if (!measured) {
        m_results.failures << QStringLiteral("round %1, %2, %3: %4")
                                  .arg(round)
                                  .arg(scenarioName(scenario), toolName(tool), measured.error());
        return;
    }
    if (m_options.verbose) {
        std::fprintf(stderr,
            "round %d %-14s %-12s %8.1f ms  cpu %6.1f ms  rss %6.1f MiB  %3d requests (%s)  %lld B up\n", round,
            qPrintable(scenarioName(scenario)), qPrintable(toolName(tool)), measured->run.wallMs(),
            measured->run.userMs + measured->run.systemMs, static_cast<double>(measured->run.peakRssKiB) / 1024.0,
            measured->traffic.requests, qPrintable(measured->traffic.methods()),
            static_cast<long long>(measured->traffic.bytesUploaded));
    }
    m_results.series[{ scenario, tool }].append(*measured);
}

test::Outcome<Measurement> CopyBenchmark::measure(Tool tool, const test::TestRegistry& to, const QString& repository)
{
    auto invocation = m_tools->prepare(tool, m_source, withTag(sourceRepository), to, withTag(repository));
    if (!invocation)
        return test::failure(invocation.error());
    m_source.clearAccessLog();
    m_other.clearAccessLog();
    Measurement measurement;
    const double registryCpuBefore = registryCpuMs();
    measurement.run = runChild(
        invocation->program, invocation->arguments, invocation->environment, m_scratch.path(), copyTimeoutMs);
    // Read before the access logs: their marker requests cost the registries CPU too.
    measurement.registryCpuMs = registryCpuMs() - registryCpuBefore;
    if (!measurement.run.ok())
        return test::failure(measurement.run.errorString);
    measurement.traffic = summarizeTraffic(m_source.accessLog(), m_blobSizes);
    measurement.traffic += summarizeTraffic(m_other.accessLog(), m_blobSizes);
    if (tool == Tool::Gantryctl) {
        QJsonParseError error;
        measurement.gantryReport = QJsonDocument::fromJson(measurement.run.standardOutput, &error).object();
        if (error.error != QJsonParseError::NoError)
            return test::failure(QStringLiteral("gantryctl --json printed no JSON: %1").arg(error.errorString()));
    }
    return measurement;
}

double CopyBenchmark::registryCpuMs() const
{
    double total = 0;
    for (const pid_t pid : m_registryPids)
        total += std::max(processCpuMs(pid), 0.0);
    return total;
}

test::Outcome<void> CopyBenchmark::verify(
    Tool tool, const Measurement& measurement, const test::TestRegistry& to, const QString& repository) const
{
    // A fast copy of the wrong thing is no result: the destination must hold the source's digest.
    const test::HttpReply head = to.request(QByteArrayLiteral("HEAD"),
        QStringLiteral("/v2/%1/manifests/%2").arg(repository, tag),
        { { QByteArrayLiteral("Accept"),
            QByteArrayLiteral("application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
                              "application/vnd.docker.distribution.manifest.v2+json, "
                              "application/vnd.docker.distribution.manifest.list.v2+json") } });
    const QString stored = QString::fromLatin1(head.header(QByteArrayLiteral("Docker-Content-Digest")));
    if (head.status != 200 || stored != m_image.digest)
        return test::failure(QStringLiteral("the destination %1/%2:%3 holds %4 (HTTP %5), not %6")
                                 .arg(to.host(), repository, tag, stored.isEmpty() ? QStringLiteral("nothing") : stored)
                                 .arg(head.status)
                                 .arg(m_image.digest));
    if (tool == Tool::Gantryctl) {
        const QJsonObject& report = measurement.gantryReport;
        if (report.value(QLatin1String("digest")).toString() != m_image.digest)
            return test::failure(
                QStringLiteral("gantryctl reported digest %1").arg(report.value(QLatin1String("digest")).toString()));
    }
    return {};
}

} // namespace gantry::bench
