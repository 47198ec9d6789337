#pragma once

// Helpers for data-driven tests of registry/ code, which speaks std::string while Qt Test speaks
// QByteArray.

#include <QByteArray>
#include <QTest>
#include <string>
#include <type_traits>

namespace gantry::test {

inline QByteArray bytes(const std::string& text)
{
    return QByteArray::fromStdString(text);
}

inline std::string str(const QByteArray& text)
{
    return text.toStdString();
}

// One `_data()` row per line: string literals become QByteArray cells, anything else stays as is.
template<typename... Values> void row(const char* name, const Values&... values)
{
    const auto cell = [](const auto& value) {
        if constexpr (std::is_convertible_v<decltype(value), const char*>)
            return QByteArray(value);
        else
            return value;
    };
    (QTest::newRow(name) << ... << cell(values));
}

} // namespace gantry::test
