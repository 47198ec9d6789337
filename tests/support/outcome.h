#pragma once

#include <QByteArray>
#include <QString>
#include <expected>

namespace gantry::test {

// Test support reports failures as text a QVERIFY2 can print: `QVERIFY2(r, why(r))`.
template<typename T> using Outcome = std::expected<T, QString>;

// The failure text of an outcome, or "" when it succeeded. Qt 6.4's QVERIFY2 evaluates its
// message even when the check passes, so `qPrintable(r.error())` there reads an empty expected.
template<typename T> const char* why(const std::expected<T, QString>& outcome)
{
    static thread_local QByteArray text;
    text = outcome ? QByteArray() : outcome.error().toLocal8Bit();
    return text.constData();
}

inline std::unexpected<QString> failure(const QString& message)
{
    return std::unexpected(message);
}

} // namespace gantry::test
