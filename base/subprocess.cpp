#include "base/subprocess.h"

#include "base/deadline.h"
#include "base/filedescriptor.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

extern char** environ;

namespace gantry::registry {

namespace {

using Clock = std::chrono::steady_clock;

std::string errnoText(int error)
{
    return std::strerror(error);
}

struct Pipe
{
    FileDescriptor readEnd;
    FileDescriptor writeEnd;
};

Result<Pipe> makePipe()
{
    // O_CLOEXEC: a program another thread starts at the same time must not inherit our ends,
    // or it would keep the pipe open and we would never see end-of-file.
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return fail(ErrorKind::Io, "could not create a pipe: " + errnoText(errno));
    return Pipe { FileDescriptor(fds[0]), FileDescriptor(fds[1]) };
}

void setNonBlocking(const FileDescriptor& fd)
{
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags >= 0)
        ::fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK);
}

// Writing to a program that exits without reading its input raises SIGPIPE, whose default action
// kills the whole application. Block it in this thread while we work, and swallow the one we caused.
class SigpipeBlocker
{
public:
    SigpipeBlocker()
    {
        sigemptyset(&m_sigpipeOnly);
        sigaddset(&m_sigpipeOnly, SIGPIPE);
        sigset_t pending;
        sigemptyset(&pending);
        m_wasPending = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &m_sigpipeOnly, &m_previousMask);
    }
    SigpipeBlocker(const SigpipeBlocker&) = delete;
    SigpipeBlocker& operator=(const SigpipeBlocker&) = delete;
    ~SigpipeBlocker()
    {
        if (m_raisedByUs && !m_wasPending) {
            const timespec noWait {};
            while (sigtimedwait(&m_sigpipeOnly, nullptr, &noWait) == -1 && errno == EINTR) { }
        }
        pthread_sigmask(SIG_SETMASK, &m_previousMask, nullptr);
    }

    void noteBrokenPipe() { m_raisedByUs = true; }
    const sigset_t& previousMask() const { return m_previousMask; }
    const sigset_t& sigpipeOnly() const { return m_sigpipeOnly; }

private:
    sigset_t m_sigpipeOnly {};
    sigset_t m_previousMask {};
    bool m_wasPending = false;
    bool m_raisedByUs = false;
};

// Whatever way runProcess leaves, the child is killed if still running and always reaped.
class ChildProcess
{
public:
    explicit ChildProcess(pid_t pid)
        : m_pid(pid)
    {
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess()
    {
        if (!m_reaped) {
            ::kill(m_pid, SIGKILL);
            waitBlocking();
        }
    }

    /// True once the child has ended; its wait status is then in `status`.
    Result<bool> tryReap(int& status)
    {
        for (;;) {
            const pid_t result = ::waitpid(m_pid, &status, WNOHANG);
            if (result == m_pid) {
                m_reaped = true;
                return true;
            }
            if (result == 0)
                return false;
            if (errno != EINTR)
                return fail(ErrorKind::Io, "could not wait for a program: " + errnoText(errno));
        }
    }

private:
    void waitBlocking()
    {
        int status = 0;
        while (::waitpid(m_pid, &status, 0) == -1 && errno == EINTR) { }
        m_reaped = true;
    }

    pid_t m_pid;
    bool m_reaped = false;
};

class SpawnSetup
{
public:
    SpawnSetup()
    {
        posix_spawn_file_actions_init(&m_actions);
        posix_spawnattr_init(&m_attributes);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;
    ~SpawnSetup()
    {
        posix_spawn_file_actions_destroy(&m_actions);
        posix_spawnattr_destroy(&m_attributes);
    }

    posix_spawn_file_actions_t m_actions;
    posix_spawnattr_t m_attributes;
};

// One read per wake-up, so that a flooding program is caught by the size check in between.
// Closes the descriptor at end of stream (or on an error nothing can be done about).
void readSome(FileDescriptor& fd, std::string& into)
{
    char buffer[16 * 1024];
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n > 0)
        into.append(buffer, static_cast<std::size_t>(n));
    else if (n == 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK))
        fd.reset();
}

} // namespace

Result<ProcessResult> runProcess(const ProcessRequest& request)
{
    if (request.program.empty())
        return fail(ErrorKind::InvalidInput, "no program to run");
    const auto deadline = Clock::now() + request.timeout;
    SigpipeBlocker sigpipeBlocker;

    auto input = makePipe();
    auto output = makePipe();
    auto errors = makePipe();
    if (!input)
        return std::unexpected(input.error());
    if (!output)
        return std::unexpected(output.error());
    if (!errors)
        return std::unexpected(errors.error());

    std::vector<std::string> argumentStrings;
    argumentStrings.reserve(request.arguments.size() + 1);
    argumentStrings.push_back(request.program);
    argumentStrings.insert(argumentStrings.end(), request.arguments.begin(), request.arguments.end());
    std::vector<char*> argv;
    for (std::string& argument : argumentStrings)
        argv.push_back(argument.data());
    argv.push_back(nullptr);

    pid_t pid = -1;
    {
        SpawnSetup setup;
        // dup2 clears O_CLOEXEC on the copies; the originals close on exec.
        posix_spawn_file_actions_adddup2(&setup.m_actions, input->readEnd.get(), STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&setup.m_actions, output->writeEnd.get(), STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&setup.m_actions, errors->writeEnd.get(), STDERR_FILENO);
        // The program gets the signal mask we had before blocking SIGPIPE, and SIGPIPE's default action.
        posix_spawnattr_setflags(&setup.m_attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
        posix_spawnattr_setsigmask(&setup.m_attributes, &sigpipeBlocker.previousMask());
        posix_spawnattr_setsigdefault(&setup.m_attributes, &sigpipeBlocker.sigpipeOnly());
        const int error
            = posix_spawnp(&pid, request.program.c_str(), &setup.m_actions, &setup.m_attributes, argv.data(), environ);
        if (error != 0)
            return fail(ErrorKind::Io, "could not start " + request.program + ": " + errnoText(error));
    }
    ChildProcess child(pid);
    input->readEnd.reset();
    output->writeEnd.reset();
    errors->writeEnd.reset();

    FileDescriptor& toChild = input->writeEnd;
    FileDescriptor& fromStdout = output->readEnd;
    FileDescriptor& fromStderr = errors->readEnd;
    setNonBlocking(toChild);
    setNonBlocking(fromStdout);
    setNonBlocking(fromStderr);
    std::size_t written = 0;
    if (request.standardInput.empty())
        toChild.reset();

    const auto timedOut = [&] {
        return fail(
            ErrorKind::Timeout, request.program + " did not finish within " + describeDuration(request.timeout));
    };

    ProcessResult result;
    while (toChild.isOpen() || fromStdout.isOpen() || fromStderr.isOpen()) {
        if (Clock::now() >= deadline)
            return timedOut();
        pollfd fds[3] {};
        nfds_t count = 0;
        pollfd* inputPoll = nullptr;
        pollfd* stdoutPoll = nullptr;
        pollfd* stderrPoll = nullptr;
        if (toChild.isOpen()) {
            fds[count] = { toChild.get(), POLLOUT, 0 };
            inputPoll = &fds[count++];
        }
        if (fromStdout.isOpen()) {
            fds[count] = { fromStdout.get(), POLLIN, 0 };
            stdoutPoll = &fds[count++];
        }
        if (fromStderr.isOpen()) {
            fds[count] = { fromStderr.get(), POLLIN, 0 };
            stderrPoll = &fds[count++];
        }
        const int ready = ::poll(fds, count, pollMilliseconds(deadline));
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return fail(ErrorKind::Io, "could not watch " + request.program + ": " + errnoText(errno));
        }
        if (inputPoll && inputPoll->revents != 0) {
            const ssize_t n = ::write(
                toChild.get(), request.standardInput.data() + written, request.standardInput.size() - written);
            if (n > 0)
                written += static_cast<std::size_t>(n);
            else if (n < 0 && errno == EPIPE)
                sigpipeBlocker.noteBrokenPipe(); // the program did not want all of its input: not our problem
            if (written == request.standardInput.size() || (n < 0 && errno != EAGAIN && errno != EINTR))
                toChild.reset();
        }
        if (stdoutPoll && stdoutPoll->revents != 0)
            readSome(fromStdout, result.standardOutput);
        if (stderrPoll && stderrPoll->revents != 0)
            readSome(fromStderr, result.standardError);
        if (result.standardOutput.size() > request.maxOutputBytes
            || result.standardError.size() > request.maxOutputBytes)
            return fail(ErrorKind::TooLarge,
                request.program + " wrote more than " + std::to_string(request.maxOutputBytes) + " bytes");
    }

    // Both output streams ended; the program normally exits at the same moment, but one that closed
    // them early still gets only what is left of its time.
    int status = 0;
    for (auto pause = std::chrono::milliseconds(1);;) {
        auto reaped = child.tryReap(status);
        if (!reaped)
            return std::unexpected(reaped.error());
        if (*reaped)
            break;
        if (Clock::now() >= deadline)
            return timedOut();
        ::poll(nullptr, 0, static_cast<int>(pause.count()));
        pause = std::min(pause * 2, std::chrono::milliseconds(20));
    }
    if (WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.terminatingSignal = WTERMSIG(status);
    return result;
}

} // namespace gantry::registry
