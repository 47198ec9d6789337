#pragma once

#include "tests/support/testregistry.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

namespace gantry::bench {

// What one run asked of the registries, read from their access logs. A TLS probe that
// never became an HTTP request (a client trying https on a plain-HTTP port) is not in there.
struct RegistryTraffic
{
    QMap<QString, int> byMethod {};
    int requests = 0;
    int mounts = 0; // POST …?mount= answered 201
    int blobUploads = 0; // blob uploads completed (PUT …/blobs/uploads/…?digest=)
    qint64 bytesUploaded = 0; // sizes of those blobs: the access log does not record request sizes
    int notFound = 0; // 404 answers: HEAD probes for blobs or manifests that are not there

    RegistryTraffic& operator+=(const RegistryTraffic& other);
    QString methods() const; // "GET 1, HEAD 2, POST 6, PUT 1"
};

// blobSizes maps "sha256:…" to the size the image's manifest gives it.
RegistryTraffic summarizeTraffic(const QList<test::AccessLogEntry>& entries, const QHash<QString, qint64>& blobSizes);

} // namespace gantry::bench
