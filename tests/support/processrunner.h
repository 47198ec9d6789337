#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

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

} // namespace gantry::test
