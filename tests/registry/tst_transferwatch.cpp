// TransferWatch's decisions on explicit clock readings: which limit ends an attempt, and when,
// without waiting for any of them.

#include "registry/http/transferwatch.h"

#include <QTest>

using namespace gantry::registry;
using namespace std::chrono_literals;

namespace {

const TransferLimits limits { .connect = 1s, .firstByte = 5s, .stallWindow = 10s, .minimumBytesPerSecond = 100 };
const SteadyClock::time_point start {};

QString verdict(const std::optional<std::string>& reason)
{
    return reason ? QString::fromStdString(*reason) : QString();
}

} // namespace

class TestTransferWatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answerMustStartWithinTheFirstByteLimit()
    {
        TransferWatch watch(limits, false, start);
        QCOMPARE(verdict(watch.check(0, 0, 0, start + 4999ms)), QString());
        QCOMPARE(verdict(watch.check(0, 0, 0, start + 5s)), QStringLiteral("sent no answer within 5 s"));
    }

    void firstByteCountsFromTheBodysLastByte()
    {
        TransferWatch watch(limits, true, start);
        // Sending for 20 s at a good pace, then waiting: the wait starts when the body is all out.
        QCOMPARE(verdict(watch.check(0, 4000, 0, start)), QString());
        QCOMPARE(verdict(watch.check(2000, 4000, 0, start + 10s)), QString());
        QCOMPARE(verdict(watch.check(4000, 4000, 0, start + 20s)), QString());
        QCOMPARE(verdict(watch.check(4000, 4000, 0, start + 24s)), QString());
        QCOMPARE(verdict(watch.check(4000, 4000, 0, start + 25s)), QStringLiteral("sent no answer within 5 s"));
    }

    void stalledUploadIsGivenUp()
    {
        TransferWatch watch(limits, true, start);
        QCOMPARE(verdict(watch.check(0, 1'000'000, 0, start)), QString());
        QCOMPARE(verdict(watch.check(999, 1'000'000, 0, start + 10s)),
            QStringLiteral("stalled: fewer than 100 bytes a second for 10 s"));
    }

    void bodyThatKeepsMovingRunsAsLongAsItNeeds()
    {
        TransferWatch watch(limits, false, start);
        watch.answerStarted();
        std::int64_t received = 0;
        for (auto at = start; at < start + 1h; at += 10s, received += 1000)
            QCOMPARE(verdict(watch.check(0, 0, received, at)), QString());
    }

    void dribbledBodyIsGivenUp()
    {
        TransferWatch watch(limits, false, start);
        watch.answerStarted();
        QCOMPARE(verdict(watch.check(0, 0, 0, start)), QString());
        // 999 bytes in 10 s: under 100 a second, however steadily they come.
        for (int second = 1; second < 10; ++second)
            QCOMPARE(verdict(watch.check(0, 0, second * 111, start + std::chrono::seconds(second))), QString());
        QCOMPARE(verdict(watch.check(0, 0, 999, start + 10s)),
            QStringLiteral("stalled: fewer than 100 bytes a second for 10 s"));
    }

    void earlyAnswerEndsTheWaitForTheBody()
    {
        // A 401 or 413 before the body is all sent: the answer is what counts from then on.
        TransferWatch watch(limits, true, start);
        QCOMPARE(verdict(watch.check(0, 1'000'000, 0, start)), QString());
        watch.answerStarted();
        QCOMPARE(verdict(watch.check(10, 1'000'000, 0, start + 1s)), QString());
        QCOMPARE(verdict(watch.check(10, 1'000'000, 5000, start + 11s)), QString());
    }

    void restartedTransferOpensANewWindow()
    {
        // curl resends a rewound body on a fresh connection: its counters start again at zero.
        TransferWatch watch(limits, true, start);
        QCOMPARE(verdict(watch.check(5000, 1'000'000, 0, start)), QString());
        QCOMPARE(verdict(watch.check(0, 1'000'000, 0, start + 9s)), QString());
        QCOMPARE(verdict(watch.check(1000, 1'000'000, 0, start + 18s)), QString());
    }
};

QTEST_GUILESS_MAIN(TestTransferWatch)
#include "tst_transferwatch.moc"
