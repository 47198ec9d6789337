#pragma once

#include <QString>
#include <expected>

namespace gantry::test {

// Test support reports failures as text a QVERIFY2 can print: `QVERIFY2(r, qPrintable(r.error()))`.
template<typename T> using Outcome = std::expected<T, QString>;

inline std::unexpected<QString> failure(const QString& message)
{
    return std::unexpected(message);
}

} // namespace gantry::test
