#include "journalentry.h"

#include <QString>
#include <QSysInfo>
#include <QtGlobal>

namespace gantry::model {

bool JournalEntry::isObservation() const
{
    return action == journal::appeared || action == journal::moved || action == journal::disappeared;
}

std::string localUserName()
{
    // USER on Unix, USERNAME on Windows; LOGNAME for the odd cron or sudo environment.
    for (const char* variable : { "USER", "USERNAME", "LOGNAME" }) {
        const auto name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name.toStdString();
    }
    return "unknown";
}

std::string localHostName()
{
    const auto name = QSysInfo::machineHostName();
    return name.isEmpty() ? std::string("unknown") : name.toStdString();
}

} // namespace gantry::model
