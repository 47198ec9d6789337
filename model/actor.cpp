#include "actor.h"

#include "journalentry.h"

namespace gantry::model {

std::string actorName(const std::string& registryUser)
{
    return registryUser.empty() ? localUserName() : registryUser;
}

} // namespace gantry::model
