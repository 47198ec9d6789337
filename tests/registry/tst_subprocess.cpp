#include "base/subprocess.h"
#include "tests/support/errornames.h"

#include <QElapsedTimer>
#include <QTest>
#include <csignal>

using namespace gantry::registry;
using gantry::test::kindName;
using namespace std::chrono_literals;

namespace {

ProcessRequest request(std::string program, std::vector<std::string> arguments = {}, std::string input = {})
{
    ProcessRequest request;
    request.program = std::move(program);
    request.arguments = std::move(arguments);
    request.standardInput = std::move(input);
    return request;
}

ProcessRequest withTimeout(ProcessRequest request, std::chrono::milliseconds timeout)
{
    request.timeout = timeout;
    return request;
}

} // namespace

class TestSubprocess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void feedsInputAndCapturesOutput()
    {
        // Larger than a pipe buffer both ways: writing and reading must interleave, or both sides block.
        std::string input;
        for (int i = 0; input.size() < 700'000; ++i)
            input += "line " + std::to_string(i) + "\n";
        const auto result = runProcess(request("cat", {}, input));
        QVERIFY2(result.has_value(), result ? "" : result.error().message.c_str());
        QVERIFY(result->succeeded());
        QCOMPARE(result->standardOutput.size(), input.size());
        QVERIFY(result->standardOutput == input);
        QVERIFY(result->standardError.empty());
    }

    void passesArgumentsWithoutShell()
    {
        const auto result = runProcess(request("printf", { "%s|", "a b", "$HOME", ";", "*", "'q'" }));
        QVERIFY(result.has_value());
        QCOMPARE(result->standardOutput, std::string("a b|$HOME|;|*|'q'|"));
    }

    void separatesStreamsAndReportsExitCode()
    {
        const auto result = runProcess(request("sh", { "-c", "echo out; echo err >&2; exit 3" }));
        QVERIFY(result.has_value());
        QCOMPARE(result->exitCode, 3);
        QCOMPARE(result->terminatingSignal, 0);
        QVERIFY(!result->succeeded());
        QCOMPARE(result->standardOutput, std::string("out\n"));
        QCOMPARE(result->standardError, std::string("err\n"));
    }

    void reportsTerminatingSignal()
    {
        const auto result = runProcess(request("sh", { "-c", "kill -TERM $$" }));
        QVERIFY(result.has_value());
        QCOMPARE(result->terminatingSignal, SIGTERM);
        QVERIFY(!result->succeeded());
    }

    void programThatIgnoresItsInputDoesNotKillUs()
    {
        // Without SIGPIPE handling, writing the rest of this input would end the test process.
        const auto result = runProcess(request("true", {}, std::string(4'000'000, 'x')));
        QVERIFY(result.has_value());
        QVERIFY(result->succeeded());
    }

    void missingProgramIsAnError()
    {
        const auto result = runProcess(request("gantry-no-such-program"));
        QVERIFY(!result.has_value());
        QCOMPARE(kindName(result.error().kind), kindName(ErrorKind::Io));
        QVERIFY(result.error().message.find("gantry-no-such-program") != std::string::npos);
    }

    void timeoutKillsTheProgram()
    {
        QElapsedTimer timer;
        timer.start();
        const auto result = runProcess(withTimeout(request("sleep", { "30" }), 300ms));
        QVERIFY(!result.has_value());
        QCOMPARE(kindName(result.error().kind), kindName(ErrorKind::Timeout));
        QVERIFY(result.error().message.find("sleep") != std::string::npos);
        QVERIFY(result.error().message.find("300 ms") != std::string::npos);
        QVERIFY2(timer.elapsed() < 5000, "the program was not killed at its timeout");
    }

    void timeoutAlsoCoversAProgramThatClosedItsOutput()
    {
        const auto result = runProcess(withTimeout(request("sh", { "-c", "exec >&- 2>&-; exec sleep 30" }), 300ms));
        QVERIFY(!result.has_value());
        QCOMPARE(kindName(result.error().kind), kindName(ErrorKind::Timeout));
    }

    void floodingOutputIsAnError()
    {
        ProcessRequest flood = request("yes");
        flood.maxOutputBytes = 100'000;
        const auto result = runProcess(flood);
        QVERIFY(!result.has_value());
        QCOMPARE(kindName(result.error().kind), kindName(ErrorKind::TooLarge));
    }
};

QTEST_GUILESS_MAIN(TestSubprocess)
#include "tst_subprocess.moc"
