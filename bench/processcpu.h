#pragma once

#include <QString>
#include <sys/types.h>

namespace gantry::bench {

// The pid of a running process one of whose arguments is `argument` (the registry's config
// path: TestRegistry keeps its QProcess to itself); 0 when there is none.
pid_t findProcessWithArgument(const QString& argument);

// CPU time (user + system) a process has used so far, from /proc/<pid>/stat; -1 when gone.
// Clock-tick resolution (10 ms), so only medians over several runs mean much.
double processCpuMs(pid_t pid);

} // namespace gantry::bench
