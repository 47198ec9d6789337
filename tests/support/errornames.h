#pragma once

#include "registry/authenticator.h"
#include "registry/error.h"

#include <QString>

namespace gantry::test {

// QCOMPARE cannot print Gantry's enum classes (ADL finds registry::toString, which returns a
// string_view), so tests compare their names.
inline QString kindName(registry::ErrorKind kind)
{
    const auto name = registry::toString(kind);
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

inline QString kindName(registry::AuthMode mode)
{
    const auto name = registry::toString(mode);
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

} // namespace gantry::test
