#include "tests/support/imagelayout.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <memory>
#include <openssl/evp.h>
#include <random>
#include <vector>

namespace gantry::test {

namespace {

struct MediaTypes
{
    QString manifest;
    QString index;
    QString config;
    QString layer;
};

MediaTypes mediaTypesFor(ImageSpec::Format format)
{
    if (format == ImageSpec::Format::DockerV2) {
        return { QStringLiteral("application/vnd.docker.distribution.manifest.v2+json"),
            QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json"),
            QStringLiteral("application/vnd.docker.container.image.v1+json"),
            QStringLiteral("application/vnd.docker.image.rootfs.diff.tar") };
    }
    return { QStringLiteral("application/vnd.oci.image.manifest.v1+json"),
        QStringLiteral("application/vnd.oci.image.index.v1+json"),
        QStringLiteral("application/vnd.oci.image.config.v1+json"),
        QStringLiteral("application/vnd.oci.image.layer.v1.tar") };
}

struct Descriptor
{
    QString digest;
    qint64 size = 0;
};

struct MdContextFree
{
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

// Streams a blob to <directory>/<hex>, hashing as it goes (OpenSSL: several times faster than
// QCryptographicHash, which matters for 100 MiB images).
class BlobWriter
{
public:
    explicit BlobWriter(const QString& directory)
        : m_directory(directory)
        , m_file(QDir(directory).filePath(QStringLiteral("incoming")))
        , m_context(EVP_MD_CTX_new())
    {
        m_ok = m_file.open(QIODevice::WriteOnly | QIODevice::Truncate) && m_context
            && EVP_DigestInit_ex(m_context.get(), EVP_sha256(), nullptr) == 1;
    }

    void write(const char* data, qsizetype size)
    {
        m_ok = m_ok && m_file.write(data, size) == size
            && EVP_DigestUpdate(m_context.get(), data, static_cast<size_t>(size)) == 1;
        m_size += size;
    }

    Outcome<Descriptor> finish()
    {
        unsigned char hash[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        m_ok = m_ok && EVP_DigestFinal_ex(m_context.get(), hash, &length) == 1;
        m_file.close();
        const QString hex = QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(hash), length).toHex());
        const QString target = QDir(m_directory).filePath(hex);
        QFile::remove(target); // the same blob twice (identical configs): keep one copy
        if (!m_ok || !m_file.rename(target))
            return failure(QStringLiteral("cannot write blob %1 in %2").arg(hex, m_directory));
        return Descriptor { QStringLiteral("sha256:") + hex, m_size };
    }

private:
    QString m_directory;
    QFile m_file;
    std::unique_ptr<EVP_MD_CTX, MdContextFree> m_context;
    qint64 m_size = 0;
    bool m_ok = false;
};

Outcome<Descriptor> writeBlob(const QString& directory, const QByteArray& bytes)
{
    BlobWriter writer(directory);
    writer.write(bytes.constData(), bytes.size());
    return writer.finish();
}

Outcome<Descriptor> writeRandomBlob(const QString& directory, qint64 size, std::seed_seq& seed)
{
    std::mt19937_64 generator(seed);
    std::vector<quint64> chunk(128 * 1024); // 1 MiB
    BlobWriter writer(directory);
    for (qint64 written = 0; written < size;) {
        for (quint64& word : chunk)
            word = generator();
        const qint64 part = std::min<qint64>(size - written, static_cast<qint64>(chunk.size() * sizeof(quint64)));
        writer.write(reinterpret_cast<const char*>(chunk.data()), part);
        written += part;
    }
    return writer.finish();
}

QJsonObject descriptorJson(const QString& mediaType, const Descriptor& descriptor)
{
    return { { QStringLiteral("mediaType"), mediaType }, { QStringLiteral("digest"), descriptor.digest },
        { QStringLiteral("size"), descriptor.size } };
}

QJsonObject mapToJson(const QMap<QString, QString>& map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

// "linux/arm64/v8" → {"os": "linux", "architecture": "arm64", "variant": "v8"}
QJsonObject platformJson(const QString& platform)
{
    const QStringList parts = platform.split(QLatin1Char('/'));
    QJsonObject object { { QStringLiteral("os"), parts.value(0) }, { QStringLiteral("architecture"), parts.value(1) } };
    if (parts.size() > 2)
        object.insert(QStringLiteral("variant"), parts.at(2));
    return object;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QString sha256Of(const QByteArray& bytes)
{
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(bytes.constData(), static_cast<size_t>(bytes.size()), hash, &length, EVP_sha256(), nullptr);
    return QStringLiteral("sha256:")
        + QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(hash), length).toHex());
}

// One image (config and layers) for one platform; returns its manifest's bytes.
Outcome<QByteArray> writeImage(const QString& directory, const ImageSpec& spec, const QString& platform,
    int platformIndex, const QJsonObject& annotations, PushedImage& image)
{
    const MediaTypes types = mediaTypesFor(spec.format);
    QJsonArray layers;
    QJsonArray diffIds;
    QList<Descriptor> blobs; // config first, then layers, as a registry client would list them
    for (int i = 0; i < spec.layerCount; ++i) {
        std::seed_seq seed { static_cast<quint32>(spec.seed), static_cast<quint32>(spec.seed >> 32),
            static_cast<quint32>(platformIndex), static_cast<quint32>(i) };
        const Outcome<Descriptor> layer = writeRandomBlob(directory, spec.layerSize, seed);
        if (!layer)
            return failure(layer.error());
        layers.append(descriptorJson(types.layer, *layer));
        diffIds.append(layer->digest); // uncompressed layers: the diff ID is the blob digest
        blobs.append(*layer);
    }

    QJsonObject config = platformJson(platform);
    if (spec.created.isValid())
        config.insert(QStringLiteral("created"), spec.created.toUTC().toString(Qt::ISODate));
    QJsonObject runtime;
    if (!spec.labels.isEmpty())
        runtime.insert(QStringLiteral("Labels"), mapToJson(spec.labels));
    config.insert(QStringLiteral("config"), runtime);
    config.insert(QStringLiteral("rootfs"),
        QJsonObject { { QStringLiteral("type"), QStringLiteral("layers") }, { QStringLiteral("diff_ids"), diffIds } });
    const Outcome<Descriptor> configBlob = writeBlob(directory, QJsonDocument(config).toJson(QJsonDocument::Compact));
    if (!configBlob)
        return failure(configBlob.error());
    blobs.prepend(*configBlob);
    for (const Descriptor& blob : std::as_const(blobs)) {
        // Empty or repeated layers share a blob; count it once.
        if (!image.blobDigests.contains(blob.digest)) {
            image.blobDigests.append(blob.digest);
            image.totalSize += blob.size;
        }
    }

    QJsonObject manifest { { QStringLiteral("schemaVersion"), 2 }, { QStringLiteral("mediaType"), types.manifest },
        { QStringLiteral("config"), descriptorJson(types.config, *configBlob) }, { QStringLiteral("layers"), layers } };
    if (!annotations.isEmpty())
        manifest.insert(QStringLiteral("annotations"), annotations);
    const QByteArray bytes = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
    image.totalSize += bytes.size();
    return bytes;
}

} // namespace

Outcome<PushedImage> writeImageLayout(const QString& directory, const ImageSpec& spec)
{
    if (!QDir().mkpath(directory))
        return failure(QStringLiteral("cannot create %1").arg(directory));
    if (!writeFile(QDir(directory).filePath(QStringLiteral("version")), "Directory Transport Version: 1.1\n"))
        return failure(QStringLiteral("cannot write in %1").arg(directory));

    const MediaTypes types = mediaTypesFor(spec.format);
    const QJsonObject annotations = mapToJson(spec.annotations);
    PushedImage image;
    QByteArray top;
    if (spec.platforms.isEmpty()) {
        const Outcome<QByteArray> manifest
            = writeImage(directory, spec, QStringLiteral("linux/amd64"), 0, annotations, image);
        if (!manifest)
            return failure(manifest.error());
        top = *manifest;
        image.mediaType = types.manifest;
    } else {
        QJsonArray children;
        for (int i = 0; i < spec.platforms.size(); ++i) {
            const Outcome<QByteArray> manifest = writeImage(directory, spec, spec.platforms.at(i), i, {}, image);
            if (!manifest)
                return failure(manifest.error());
            const QString digest = sha256Of(*manifest);
            // skopeo's dir: layout keeps an index's children as <hex>.manifest.json.
            if (!writeFile(QDir(directory).filePath(digest.mid(7) + QStringLiteral(".manifest.json")), *manifest))
                return failure(QStringLiteral("cannot write in %1").arg(directory));
            QJsonObject child = descriptorJson(types.manifest, Descriptor { digest, manifest->size() });
            child.insert(QStringLiteral("platform"), platformJson(spec.platforms.at(i)));
            children.append(child);
            image.childDigests.append(digest);
        }
        QJsonObject index { { QStringLiteral("schemaVersion"), 2 }, { QStringLiteral("mediaType"), types.index },
            { QStringLiteral("manifests"), children } };
        if (!annotations.isEmpty())
            index.insert(QStringLiteral("annotations"), annotations);
        top = QJsonDocument(index).toJson(QJsonDocument::Compact);
        image.mediaType = types.index;
        image.totalSize += top.size();
    }
    if (!writeFile(QDir(directory).filePath(QStringLiteral("manifest.json")), top))
        return failure(QStringLiteral("cannot write in %1").arg(directory));
    image.manifest = top;
    image.digest = sha256Of(top);
    return image;
}

} // namespace gantry::test
