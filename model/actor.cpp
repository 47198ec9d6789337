#include "actor.h"

#include <QString>
#include <QSysInfo>
#include <pwd.h>
#include <unistd.h>

namespace gantry::model {

std::string actorName(const std::string& registryUser)
{
    if (!registryUser.empty())
        return registryUser;
    // The password database, not $USER: an environment variable is whatever the caller set.
    if (const passwd* entry = getpwuid(geteuid()); entry && entry->pw_name)
        return entry->pw_name;
    return "uid " + std::to_string(geteuid());
}

std::string machineName()
{
    return QSysInfo::machineHostName().toStdString();
}

} // namespace gantry::model
