#include "model/journal/journalentry.h"

#include <QString>
#include <QSysInfo>
#include <QtGlobal>
#include <pwd.h>
#include <unistd.h>

namespace gantry::model {

bool JournalEntry::isObservation() const
{
    return action == journal::appeared || action == journal::moved || action == journal::disappeared;
}

std::string localUserName()
{
    // The password database, not $USER: an environment variable is whatever the caller set.
    if (const passwd* entry = getpwuid(geteuid()); entry && entry->pw_name && *entry->pw_name)
        return entry->pw_name;
    return "uid " + std::to_string(geteuid());
}

std::string localHostName()
{
    const auto name = QSysInfo::machineHostName();
    return name.isEmpty() ? std::string("unknown") : name.toStdString();
}

} // namespace gantry::model
