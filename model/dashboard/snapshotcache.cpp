#include "model/dashboard/snapshotcache.h"

#include "base/localfile.h"
#include "model/dashboard/snapshotjson.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSaveFile>
#include <QStandardPaths>

namespace gantry::model {

namespace {
// 2: statuses are Severity numbers (notice came in after ok), so a format-1 file would misread them.
constexpr int CacheFormat = 2;
} // namespace

registry::Status saveSnapshot(const DashboardSnapshot& snapshot, const std::string& path)
{
    const auto file = QString::fromStdString(path);
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return registry::fail(registry::ErrorKind::Io,
            "cannot write the snapshot cache " + path + ": " + out.errorString().toStdString());
    // A registry's header (a media type) can hold bytes that are not UTF-8; nlohmann would throw.
    const auto text = nlohmann::json { { "format", CacheFormat }, { "snapshot", snapshot } }.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.write(text.data(), static_cast<qint64>(text.size()));
    if (!out.commit())
        return registry::fail(registry::ErrorKind::Io,
            "cannot write the snapshot cache " + path + ": " + out.errorString().toStdString());
    return {};
}

registry::Result<DashboardSnapshot> loadSnapshot(const std::string& path)
{
    auto bytes = registry::readCappedFile(path, 256 * 1024 * 1024, "a snapshot cache");
    if (!bytes)
        return std::unexpected(bytes.error());
    if (!*bytes)
        return registry::fail(registry::ErrorKind::NotFound, "no snapshot cache at " + path);
    try {
        const auto json = nlohmann::json::parse(**bytes);
        if (json.value("format", 0) != CacheFormat)
            return registry::fail(
                registry::ErrorKind::Unsupported, "the snapshot cache " + path + " has another format");
        return json.at("snapshot").get<DashboardSnapshot>();
    } catch (const nlohmann::json::exception& error) {
        return registry::fail(
            registry::ErrorKind::InvalidInput, "the snapshot cache " + path + " is damaged: " + error.what());
    }
}

std::string defaultSnapshotCachePath(const std::string& workspacePath)
{
    const auto key = QCryptographicHash::hash(
        QFileInfo(QString::fromStdString(workspacePath)).absoluteFilePath().toUtf8(), QCryptographicHash::Sha256)
                         .toHex()
                         .left(16);
    return (QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/snapshot-")
        + QString::fromLatin1(key) + QStringLiteral(".json"))
        .toStdString();
}

} // namespace gantry::model
