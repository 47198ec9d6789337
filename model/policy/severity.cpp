#include "model/policy/severity.h"

#include <algorithm>

namespace gantry::model {

std::string_view toString(Severity severity)
{
    switch (severity) {
    case Severity::Ok:
        return "ok";
    case Severity::Notice:
        return "notice";
    case Severity::Warning:
        return "warning";
    case Severity::Critical:
        return "critical";
    case Severity::Unknown:
        return "unknown";
    case Severity::Expired:
        return "expired";
    }
    return "unknown";
}

Severity worst(Severity a, Severity b)
{
    return std::max(a, b);
}

} // namespace gantry::model
