#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <chrono>

namespace gantry::bench {

// What one measured child process cost and left behind.
struct ChildRun
{
    int exitCode = -1;
    QString errorString {}; // empty when the process ran and exited 0
    std::chrono::nanoseconds wallTime {}; // fork to reaped, what a user or CI job waits
    qint64 peakRssKiB = 0; // the child's own ru_maxrss
    double userMs = 0;
    double systemMs = 0;
    QByteArray standardOutput {};
    QByteArray standardError {};

    bool ok() const { return errorString.isEmpty(); }
    double wallMs() const { return std::chrono::duration<double, std::milli>(wallTime).count(); }
};

// Runs `program` (an absolute path) to completion with fork/execve and reaps it with wait4(),
// because QProcess neither reports the child's rusage nor starts it without an event-loop
// round trip. Output goes to files in scratchDirectory (pipes would need a reader thread
// while we block in wait4). The child dies with us (PR_SET_PDEATHSIG) and is killed after
// timeoutMs.
ChildRun runChild(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment,
    const QString& scratchDirectory, int timeoutMs);

} // namespace gantry::bench
