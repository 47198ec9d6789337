#include "bench/childprocess.h"

#include <QDir>
#include <QFile>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace gantry::bench {

namespace {

// execve wants NUL-terminated char* arrays; they must exist before fork, because only
// async-signal-safe calls are allowed in the child of a multi-threaded process.
class CStringArray
{
public:
    explicit CStringArray(const QStringList& items)
    {
        m_storage.reserve(items.size());
        for (const QString& item : items)
            m_storage.push_back(item.toLocal8Bit());
        for (QByteArray& item : m_storage)
            m_pointers.push_back(item.data());
        m_pointers.push_back(nullptr);
    }
    char* const* data() const { return m_pointers.data(); }

private:
    std::vector<QByteArray> m_storage;
    std::vector<char*> m_pointers;
};

double milliseconds(const timeval& time)
{
    return static_cast<double>(time.tv_sec) * 1000.0 + static_cast<double>(time.tv_usec) / 1000.0;
}

QByteArray readAndRemove(const QString& path)
{
    QFile file(path);
    QByteArray content;
    if (file.open(QIODevice::ReadOnly))
        content = file.readAll();
    file.remove();
    return content;
}

} // namespace

ChildRun runChild(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment,
    const QString& scratchDirectory, int timeoutMs)
{
    static int serial = 0;
    ++serial;
    const QString outPath = QDir(scratchDirectory).filePath(QStringLiteral("child-%1.out").arg(serial));
    const QString errPath = QDir(scratchDirectory).filePath(QStringLiteral("child-%1.err").arg(serial));
    const QByteArray outPathBytes = QFile::encodeName(outPath);
    const QByteArray errPathBytes = QFile::encodeName(errPath);
    const QByteArray programBytes = QFile::encodeName(program);
    const CStringArray argv(QStringList { program } + arguments);
    const CStringArray envp(environment.toStringList());

    ChildRun run;
    // The child reports a failed redirect or execve through this pipe; a successful execve
    // closes it (O_CLOEXEC), so the parent reads end-of-file.
    int startPipe[2];
    if (::pipe2(startPipe, O_CLOEXEC) != 0) {
        run.errorString = QStringLiteral("pipe2 failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return run;
    }
    const auto started = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) {
        run.errorString = QStringLiteral("fork failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(startPipe[0]);
        ::close(startPipe[1]);
        return run;
    }
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        const int in = ::open("/dev/null", O_RDONLY);
        const int out = ::open(outPathBytes.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = ::open(errPathBytes.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in >= 0 && out >= 0 && err >= 0 && ::dup2(in, 0) >= 0 && ::dup2(out, 1) >= 0 && ::dup2(err, 2) >= 0)
            ::execve(programBytes.constData(), argv.data(), envp.data());
        const int failure = errno;
        [[maybe_unused]] const auto written = ::write(startPipe[1], &failure, sizeof failure);
        ::_exit(127);
    }
    ::close(startPipe[1]);
    int execError = 0;
    ssize_t reported = -1;
    do
        reported = ::read(startPipe[0], &execError, sizeof execError);
    while (reported < 0 && errno == EINTR);
    ::close(startPipe[0]);

    std::mutex mutex;
    std::condition_variable reaped;
    bool done = false;
    bool killed = false;
    std::thread watchdog([&] {
        std::unique_lock lock(mutex);
        if (!reaped.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return done; })) {
            killed = true;
            ::kill(pid, SIGKILL);
        }
    });

    int status = 0;
    rusage usage {};
    pid_t waited = -1;
    do
        waited = ::wait4(pid, &status, 0, &usage);
    while (waited < 0 && errno == EINTR);
    run.wallTime = std::chrono::steady_clock::now() - started;
    {
        std::lock_guard lock(mutex);
        done = true;
    }
    reaped.notify_all();
    watchdog.join();

    run.standardOutput = readAndRemove(outPath);
    run.standardError = readAndRemove(errPath);
    const QString commandLine = QStringList(QStringList { program } + arguments).join(QLatin1Char(' '));
    if (waited != pid) {
        run.errorString
            = QStringLiteral("%1: wait4 failed: %2").arg(commandLine, QString::fromLocal8Bit(std::strerror(errno)));
        return run;
    }
    run.peakRssKiB = usage.ru_maxrss;
    run.userMs = milliseconds(usage.ru_utime);
    run.systemMs = milliseconds(usage.ru_stime);
    if (reported > 0) {
        run.errorString
            = QStringLiteral("cannot start %1: %2").arg(program, QString::fromLocal8Bit(std::strerror(execError)));
    } else if (killed) {
        run.errorString = QStringLiteral("%1 did not finish within %2 ms").arg(commandLine).arg(timeoutMs);
    } else if (WIFSIGNALED(status)) {
        run.errorString = QStringLiteral("%1 died of signal %2").arg(commandLine).arg(WTERMSIG(status));
    } else {
        run.exitCode = WEXITSTATUS(status);
        if (run.exitCode != 0)
            run.errorString = QStringLiteral("%1 failed (exit %2): %3")
                                  .arg(commandLine)
                                  .arg(run.exitCode)
                                  .arg(QString::fromUtf8(run.standardError.trimmed().right(2000)));
    }
    return run;
}

} // namespace gantry::bench
