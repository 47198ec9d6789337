#include "tests/support/filebytes.h"

#include "base/localfile.h"

namespace gantry::test {

QByteArray fileBytes(const QString& path)
{
    // Test files are small; the cap only bounds what a wrong path could make a test read.
    const auto text = registry::readCappedFile(path.toStdString(), 256 * 1024 * 1024, "read by a test");
    return text && *text ? QByteArray::fromStdString(**text) : QByteArray();
}

} // namespace gantry::test
