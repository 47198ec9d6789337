// TLS probe benchmark: 100 clusters probed at once with probeAll. 90 are real TLS endpoints
// (`openssl s_server`, each on its own port with its own certificate, expiring in 1 to 90 days);
// 10 are unreachable: 5 closed ports and 5 listeners that never answer, which cost a whole
// timeout each. A report, not a test: exit 0 when the target is missed, non-zero only when
// something could not run.

#include "bench/statistics.h"
#include "registry/tls/tlsprobe.h"
#include "tests/support/opensslserver.h"
#include "tests/support/silentendpoints.h"
#include "tests/support/testpki.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <array>
#include <cstdio>
#include <map>

using namespace gantry;
using registry::ProbeFailure;

namespace {

constexpr int tlsEndpoints = 90;
constexpr int closedPorts = 5;
constexpr int silentListeners = 5;
constexpr double targetMs = 5000;

int cannotRun(const QString& why)
{
    std::fprintf(stderr, "bench_probe: %s\n", qPrintable(why));
    return 2;
}

int option(const QCommandLineParser& parser, const QCommandLineOption& option)
{
    bool isNumber = false;
    const int value = parser.value(option).toInt(&isNumber);
    return isNumber && value > 0 ? value : 0;
}

registry::ProbeTarget loopback(quint16 port, const std::string& caPem, std::chrono::milliseconds timeout)
{
    return { .host = "127.0.0.1", .port = port, .serverName = {}, .caPem = caPem, .timeout = timeout };
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Probes 100 TLS endpoints, ten of them unreachable."));
    parser.addHelpOption();
    const QCommandLineOption roundsOption(
        QStringLiteral("rounds"), QStringLiteral("Rounds (default 3)."), QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
        QStringLiteral("Per-target timeout in ms (default 2500)."), QStringLiteral("MS"), QStringLiteral("2500"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"),
        QStringLiteral("Probes at once (default 32)."), QStringLiteral("N"), QStringLiteral("32"));
    parser.addOptions({ roundsOption, timeoutOption, concurrencyOption });
    parser.process(app);
    const int rounds = option(parser, roundsOption);
    const int concurrency = option(parser, concurrencyOption);
    const std::chrono::milliseconds timeout(option(parser, timeoutOption));
    if (rounds == 0 || concurrency == 0 || timeout.count() == 0)
        return cannotRun(QStringLiteral("--rounds, --timeout and --concurrency want positive numbers"));

    test::TestPki pki;
    QFile caFile(pki.caCertificatePath());
    if (!pki.isValid() || !caFile.open(QIODevice::ReadOnly))
        return cannotRun(pki.errorString());
    const std::string caPem = caFile.readAll().toStdString();

    QElapsedTimer setup;
    setup.start();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::vector<std::unique_ptr<test::OpenSslServer>> servers;
    for (int i = 0; i < tlsEndpoints; ++i) {
        const auto certificate = pki.issue(QStringLiteral("cluster-%1").arg(i), test::TestPki::defaultSubjectAltNames(),
            now.addDays(i - 89), now.addDays(i + 1));
        servers.push_back(std::make_unique<test::OpenSslServer>(certificate));
        if (!servers.back()->start())
            return cannotRun(servers.back()->errorString());
    }
    std::array<test::ClosedPort, closedPorts> closed;
    std::array<test::SilentListener, silentListeners> silent;
    // Every tenth target is unreachable, so they are spread over the batches as in a real list.
    std::vector<registry::ProbeTarget> targets;
    for (std::size_t i = 0, server = 0, unreachable = 0; targets.size() < tlsEndpoints + closedPorts + silentListeners;
         ++i) {
        if (i % 10 != 9) {
            targets.push_back(loopback(servers[server++]->port(), caPem, timeout));
            continue;
        }
        const quint16 port
            = unreachable < closedPorts ? closed[unreachable].port() : silent[unreachable - closedPorts].port();
        if (port == 0)
            return cannotRun(QStringLiteral("no loopback port for an unreachable endpoint"));
        targets.push_back(loopback(port, caPem, timeout));
        ++unreachable;
    }
    std::printf("Probing %zu TLS endpoints on loopback (%d openssl s_server, %d closed ports, %d silent listeners),\n"
                "timeout %lld ms, %d at once, %d rounds; servers started in %.1f s\n\n",
        targets.size(), tlsEndpoints, closedPorts, silentListeners, static_cast<long long>(timeout.count()),
        concurrency, rounds, static_cast<double>(setup.elapsed()) / 1000);

    std::printf("%5s %9s %7s %7s %7s %7s %7s %14s\n", "round", "wall ms", "ok", "trusted", "refused", "timeout",
        "other", "slowest ok ms");
    QList<double> walls;
    bool countsAsExpected = true;
    for (int round = 1; round <= rounds; ++round) {
        QElapsedTimer wall;
        wall.start();
        const auto results = registry::probeAll(targets, concurrency);
        walls << static_cast<double>(wall.nsecsElapsed()) / 1e6;
        std::map<ProbeFailure, int> counts;
        int trusted = 0;
        long long slowestOk = 0;
        for (const auto& result : results) {
            ++counts[result.failure];
            trusted += result.trusted ? 1 : 0;
            if (result.failure == ProbeFailure::None)
                slowestOk = std::max<long long>(slowestOk, result.elapsed.count());
            else if (result.failure != ProbeFailure::Refused && result.failure != ProbeFailure::TimedOut)
                std::fprintf(stderr, "  unexpected: %s\n", result.error.c_str());
        }
        const int other = static_cast<int>(results.size()) - counts[ProbeFailure::None] - counts[ProbeFailure::Refused]
            - counts[ProbeFailure::TimedOut];
        countsAsExpected = countsAsExpected && counts[ProbeFailure::None] == tlsEndpoints && trusted == tlsEndpoints
            && counts[ProbeFailure::Refused] == closedPorts && counts[ProbeFailure::TimedOut] == silentListeners;
        std::printf("%5d %9.0f %7d %7d %7d %7d %7d %14lld\n", round, walls.last(), counts[ProbeFailure::None], trusted,
            counts[ProbeFailure::Refused], counts[ProbeFailure::TimedOut], other, slowestOk);
        for (auto& listener : silent)
            listener.takeReceived();
    }
    const bench::Spread spread = bench::spreadOf(walls);
    std::printf("\nwall ms: one probeAll of all targets, median %.0f, min %.0f, max %.0f. The silent listeners each\n"
                "cost the whole timeout, so the floor is about %lld ms.\n",
        spread.median, spread.min, spread.max, static_cast<long long>(timeout.count()));
    const bool met = countsAsExpected && spread.max < targetMs;
    std::printf("\nTargets:\n  100 clusters, ten unreachable, under %.0f s: %s (slowest round %.2f s%s)\n",
        targetMs / 1000, met ? "met" : "MISSED", spread.max / 1000,
        countsAsExpected ? "" : "; some probes did not end as expected");
    return 0;
}
