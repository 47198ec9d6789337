#include "model/journal/actor.h"

#include "model/journal/journalentry.h"

namespace gantry::model {

std::string actorName(const std::string& registryUser)
{
    return registryUser.empty() ? localUserName() : registryUser;
}

} // namespace gantry::model
