#include "tests/support/processrunner.h"

#include <QProcess>
#include <csignal>
#include <sys/prctl.h>

namespace gantry::test {

namespace {

// Error texts end up in test logs; test passwords are fake, but the habit matters.
QString redactedCommandLine(const QString& program, const QStringList& arguments)
{
    QStringList shown { program };
    bool secretNext = false;
    for (const QString& argument : arguments) {
        const bool isCredentialFlag = argument.endsWith(QLatin1String("creds"));
        if (secretNext)
            shown << QStringLiteral("<redacted>");
        else if (argument.contains(QLatin1String("creds=")))
            shown << argument.section(QLatin1Char('='), 0, 0) + QStringLiteral("=<redacted>");
        else
            shown << argument;
        secretNext = isCredentialFlag && !secretNext;
    }
    return shown.join(QLatin1Char(' '));
}

} // namespace

ProcessResult runProcess(
    const QString& program, const QStringList& arguments, int timeoutMs, const QProcessEnvironment& environment)
{
    ProcessResult result;
    const QString commandLine = redactedCommandLine(program, arguments);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        result.errorString = QStringLiteral("cannot start %1: %2").arg(commandLine, process.errorString());
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.errorString = QStringLiteral("%1 did not finish within %2 ms").arg(commandLine).arg(timeoutMs);
        return result;
    }
    result.exitCode = process.exitCode();
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit || result.exitCode != 0) {
        result.errorString = QStringLiteral("%1 failed (exit %2): %3")
                                 .arg(commandLine)
                                 .arg(result.exitCode)
                                 .arg(QString::fromUtf8(result.standardError.trimmed()));
    }
    return result;
}

void killWithStartingThread(QProcess& process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

void stopServerProcess(std::unique_ptr<QProcess>& process)
{
    if (!process)
        return;
    if (process->state() != QProcess::NotRunning) {
        process->kill();
        process->waitForFinished(10000);
    }
    process.reset();
}

} // namespace gantry::test
