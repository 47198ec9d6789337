// The backend of scripts/demo and scripts/screenshots: two loopback registries seeded with the demo
// pipelines, and three loopback TLS endpoints acting as Kubernetes API servers whose certificates
// expire in 5, 25 and 80 days. It prints where everything is, then takes commands on its standard
// input, one a line: `advance` pushes the second wave (what happened after Gantry's first refresh)
// and answers ADVANCED. It stops when its standard input closes; its registries and servers die with it.
#include "demo/democlusters.h"
#include "demo/demopipelines.h"
#include "tests/support/testregistry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <cstdio>
#include <unistd.h>

using namespace gantry::test;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QElapsedTimer started;
    started.start();
    TestRegistry staging;
    TestRegistry production;
    if (!staging.start() || !production.start()) {
        std::fprintf(stderr, "demo: %s%s\n", qPrintable(staging.errorString()), qPrintable(production.errorString()));
        return 1;
    }
    DemoClusters clusters;
    if (!clusters.start({ 5, 25, 80 })) {
        std::fprintf(stderr, "demo: the cluster endpoints did not start: %s\n", qPrintable(clusters.errorString()));
        return 1;
    }
    DemoSeeder seeder(demoVersions(), QDateTime::currentDateTimeUtc());
    if (!seeder.push(demoFirstWave(staging, production)))
        return 1;
    QStringList ports;
    for (const quint16 port : clusters.ports())
        ports << QString::number(port);
    std::printf("STAGING=%s\nPRODUCTION=%s\nREPOSITORY=shop/fast-feedback/checkout\nCLUSTER_CA=%s\n"
                "CLUSTER_PORTS=%s\nREADY=%.1f s\n",
        qPrintable(staging.host()), qPrintable(production.host()), qPrintable(clusters.caCertificatePath()),
        qPrintable(ports.join(QLatin1Char(' '))), static_cast<double>(started.elapsed()) / 1000);
    std::fflush(stdout);

    // Plain read(2): stdio would wait for a full buffer before handing over a short command.
    QByteArray pending;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char buffer[256];
        const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (count <= 0) {
            input.setEnabled(false);
            QCoreApplication::quit();
            return;
        }
        pending.append(buffer, count);
        for (qsizetype end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
            const QByteArray command = pending.left(end).trimmed();
            pending.remove(0, end + 1);
            if (command == "advance")
                std::printf("%s\n", seeder.push(demoSecondWave(staging, production)) ? "ADVANCED" : "FAILED");
            else if (!command.isEmpty())
                std::printf("UNKNOWN=%s\n", command.constData());
            std::fflush(stdout);
        }
    });
    return QCoreApplication::exec(); // the registries and servers stop with their objects
}
