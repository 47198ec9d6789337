#pragma once

#include <QByteArray>
#include <QString>

namespace gantry::test {

// A whole file a test wrote or a tool made (a certificate, a log, a journal), read as Gantry reads
// files (readCappedFile); empty when it is missing or cannot be read, which the check after it
// then reports.
QByteArray fileBytes(const QString& path);

} // namespace gantry::test
