// Starts two loopback registries seeded with a small demo pipeline, prints where they are, and
// keeps them running until its standard input closes (killed, its registries die with it). scripts/demo uses
// it; the dashboard's demo (issue 5) builds on it.
#include "support/imagefixture.h"
#include "support/testregistry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSocketNotifier>

#include <cstdio>

using namespace gantry::test;

namespace {

struct DemoImage {
    QString repository;
    QString tag;
    QStringList platforms;
    int ageDays;
};

bool seed(TestRegistry& registry, const QList<DemoImage>& images)
{
    quint64 seed = 1;
    for (const auto& image : images) {
        ImageSpec spec;
        spec.layerCount = 3;
        spec.layerSize = 256 * 1024;
        spec.platforms = image.platforms;
        spec.created = QDateTime::currentDateTimeUtc().addDays(-image.ageDays);
        spec.seed = seed++;
        auto pushed = ImageFixture(registry).push(image.repository, image.tag, spec);
        if (!pushed) {
            std::fprintf(stderr, "demo: pushing %s:%s failed: %s\n", qPrintable(image.repository),
                qPrintable(image.tag), qPrintable(pushed.error()));
            return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    TestRegistry staging;
    TestRegistry production;
    if (!staging.start() || !production.start()) {
        std::fprintf(stderr, "demo: %s%s\n", qPrintable(staging.errorString()), qPrintable(production.errorString()));
        return 1;
    }
    const QStringList multiArch { QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64") };
    const QString fastFeedback = QStringLiteral("shop/fast-feedback/checkout");
    if (!seed(staging,
            { { fastFeedback, QStringLiteral("2.2.3"), {}, 40 }, { fastFeedback, QStringLiteral("2.2.4rc1"), {}, 9 },
                { fastFeedback, QStringLiteral("2.2.4"), multiArch, 6 },
                { fastFeedback, QStringLiteral("2.2.4.1"), multiArch, 2 } }))
        return 1;
    std::printf("STAGING=%s\nPRODUCTION=%s\nREPOSITORY=%s\n", qPrintable(staging.host()), qPrintable(production.host()),
        qPrintable(fastFeedback));
    std::fflush(stdout);

    QSocketNotifier input(0, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&input] {
        char buffer[256];
        if (std::fread(buffer, 1, sizeof buffer, stdin) == 0) {
            input.setEnabled(false);
            QCoreApplication::quit();
        }
    });
    return QCoreApplication::exec(); // the registries stop with their objects
}
