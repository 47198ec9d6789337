#include "bench/registrytraffic.h"

#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace gantry::bench {

RegistryTraffic& RegistryTraffic::operator+=(const RegistryTraffic& other)
{
    for (auto it = other.byMethod.cbegin(); it != other.byMethod.cend(); ++it)
        byMethod[it.key()] += it.value();
    requests += other.requests;
    mounts += other.mounts;
    blobUploads += other.blobUploads;
    bytesUploaded += other.bytesUploaded;
    notFound += other.notFound;
    return *this;
}

QString RegistryTraffic::methods() const
{
    QStringList parts;
    for (auto it = byMethod.cbegin(); it != byMethod.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    return parts.join(QStringLiteral(", "));
}

RegistryTraffic summarizeTraffic(const QList<test::AccessLogEntry>& entries, const QHash<QString, qint64>& blobSizes)
{
    RegistryTraffic traffic;
    for (const test::AccessLogEntry& entry : entries) {
        ++traffic.requests;
        ++traffic.byMethod[entry.method];
        if (entry.status == 404)
            ++traffic.notFound;
        const QUrl url(entry.path);
        const QUrlQuery query(url);
        const bool uploads = url.path().contains(QLatin1String("/blobs/uploads/"));
        if (entry.method == QLatin1String("POST") && uploads && query.hasQueryItem(QStringLiteral("mount"))
            && entry.status == 201)
            ++traffic.mounts;
        // Monolithic or chunked, an upload ends with the PUT that names the digest.
        if (entry.method == QLatin1String("PUT") && uploads && entry.status == 201) {
            ++traffic.blobUploads;
            traffic.bytesUploaded
                += blobSizes.value(query.queryItemValue(QStringLiteral("digest"), QUrl::FullyDecoded));
        }
    }
    return traffic;
}

} // namespace gantry::bench
