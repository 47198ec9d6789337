#pragma once

#include "tests/support/outcome.h"

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace gantry::test {

class TestRegistry;

// What test image to make. Layers are random bytes (a seeded generator: the same spec gives
// the same digests, another seed other ones) with uncompressed layer media types; nothing
// but a client that untars layers cares that they are not tar files.
struct ImageSpec
{
    enum class Format {
        Oci, // application/vnd.oci.image.manifest.v1+json / index.v1+json
        DockerV2, // application/vnd.docker.distribution.manifest.v2+json / manifest.list.v2+json
    };

    Format format = Format::Oci;
    int layerCount = 1;
    qint64 layerSize = 1024; // bytes per layer
    // Empty: a single manifest for linux/amd64. Otherwise an index (manifest list) with one
    // child per "os/architecture[/variant]", in this order.
    QStringList platforms {};
    QDateTime created {}; // the config's "created"; null leaves it out
    QMap<QString, QString> annotations {}; // on the top-level manifest or index
    QMap<QString, QString> labels {}; // config.Labels of every image
    quint64 seed = 1;
};

struct PushedImage
{
    QString reference {}; // "127.0.0.1:PORT/repository:tag"
    QString repository {};
    QString tag {};
    QString digest {}; // sha256 of `manifest`, the top-level manifest or index
    QString mediaType {};
    QByteArray manifest {}; // exact bytes as pushed
    QStringList childDigests {}; // the index's manifests in order; empty for a single manifest
    QStringList blobDigests {}; // configs and layers, no duplicates, in manifest order
    qint64 totalSize = 0; // all manifests and all distinct blobs, in bytes
};

// Builds images on disk and pushes them with skopeo, independently of the code under test.
//
// skopeo's oci: transport only picks OCI media types out of an index.json ("no descriptor
// found for reference" for a Docker v2 manifest), so images are written in skopeo's dir:
// layout instead (manifest.json, <hex>.manifest.json per child, blobs named by hex) and
// pushed with `skopeo copy --all --preserve-digests dir:… docker://…`, which keeps every byte
// of both formats.
class ImageFixture
{
public:
    explicit ImageFixture(const TestRegistry& registry);

    Outcome<PushedImage> push(const QString& repository, const QString& tag, const ImageSpec& spec = {});

private:
    const TestRegistry& m_registry;
    QTemporaryDir m_scratch;
    int m_pushes = 0;
};

} // namespace gantry::test
