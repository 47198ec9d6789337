#include "tests/support/imagefixture.h"

#include "tests/support/imagelayout.h"
#include "tests/support/processrunner.h"
#include "tests/support/skopeo.h"
#include "tests/support/testregistry.h"

#include <QDir>

namespace gantry::test {

ImageFixture::ImageFixture(const TestRegistry& registry)
    : m_registry(registry)
{
}

Outcome<PushedImage> ImageFixture::push(const QString& repository, const QString& tag, const ImageSpec& spec)
{
    if (!m_scratch.isValid())
        return failure(QStringLiteral("ImageFixture: no temporary directory"));
    // One layout per push, removed afterwards: a 100 MiB image should not linger on disk.
    QDir layout(QDir(m_scratch.path()).filePath(QStringLiteral("push-%1").arg(++m_pushes)));
    Outcome<PushedImage> image = writeImageLayout(layout.path(), spec);
    if (image) {
        const ProcessResult result = runProcess(QStringLiteral("skopeo"),
            QStringList { QStringLiteral("--insecure-policy"), QStringLiteral("copy"), QStringLiteral("--quiet"),
                QStringLiteral("--all"), QStringLiteral("--preserve-digests") }
                + Skopeo::registryFlags(m_registry, QStringLiteral("dest-"))
                + QStringList { QStringLiteral("dir:") + layout.path(),
                    QStringLiteral("docker://%1/%2:%3").arg(m_registry.host(), repository, tag) },
            120000, Skopeo::isolatedEnvironment(m_scratch.path()));
        if (!result.ok())
            image = failure(result.errorString);
    }
    layout.removeRecursively();
    if (!image)
        return image;
    image->repository = repository;
    image->tag = tag;
    image->reference = QStringLiteral("%1/%2:%3").arg(m_registry.host(), repository, tag);
    return image;
}

} // namespace gantry::test
