#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <memory>

class QProcess;

namespace gantry::test {

// What a finished helper process (skopeo, htpasswd, curl…) left behind.
struct ProcessResult
{
    int exitCode = -1;
    QByteArray standardOutput {};
    QByteArray standardError {};
    QString errorString {}; // empty when the process ran and exited 0

    bool ok() const { return errorString.isEmpty(); }
};

// Runs a program to completion (killing it after timeoutMs) and captures both streams.
// errorString names the command line and quotes stderr, so a failed QVERIFY2 explains itself.
ProcessResult runProcess(const QString& program, const QStringList& arguments, int timeoutMs = 60000,
    const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());

// For a server a test starts (a registry, s_server): it is killed when the thread that starts it
// dies, so a crashed test leaves no process behind. Call before start().
void killWithStartingThread(QProcess& process);
// Kills such a server if it still runs, waits for it (at most 10 s) and lets it go.
void stopServerProcess(std::unique_ptr<QProcess>& process);

} // namespace gantry::test
