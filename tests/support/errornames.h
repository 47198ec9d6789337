#pragma once

#include "base/error.h"
#include "registry/auth/authenticator.h"

#include <QString>
#include <expected>
#include <string_view>

namespace gantry::test {

// QCOMPARE cannot print Gantry's enum classes (ADL finds their toString, which returns a
// string_view), so tests compare their names: nameOf(status) for any of them.
template<typename Enum> QString nameOf(Enum value)
{
    const std::string_view name = toString(value);
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

inline QString kindName(registry::ErrorKind kind)
{
    return nameOf(kind);
}

inline QString kindName(registry::AuthMode mode)
{
    return nameOf(mode);
}

/// The failure text of a registry result, or "" when it succeeded (see why() in outcome.h).
template<typename T> const char* why(const std::expected<T, registry::Error>& result)
{
    return result ? "" : result.error().message.c_str();
}

} // namespace gantry::test
