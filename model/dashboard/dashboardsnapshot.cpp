#include "model/dashboard/dashboardsnapshot.h"

namespace gantry::model {

std::string_view toString(RegistryAuth auth)
{
    switch (auth) {
    case RegistryAuth::Unknown:
        return "unknown";
    case RegistryAuth::Anonymous:
        return "anonymous";
    case RegistryAuth::Basic:
        return "basic";
    case RegistryAuth::Token:
        return "token";
    case RegistryAuth::Failed:
        return "failed";
    }
    return "unknown";
}

} // namespace gantry::model
