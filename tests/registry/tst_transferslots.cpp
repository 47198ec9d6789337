// TransferSlots: how the copier bounds the blobs that stream at once.
#include "registry/image/transferslots.h"

#include <QTest>
#include <future>

using namespace gantry::registry;
using namespace std::chrono_literals;

namespace {

// Long enough for a waiter that should not get a slot to have had every chance to take one.
constexpr auto stillWaiting = 150ms;

// Asks for a slot on another thread. Its end stops the wait, so a test that fails with a waiter
// still blocked ends instead of hanging.
class Waiter
{
public:
    explicit Waiter(TransferSlots& slots)
        : m_lease(std::async(std::launch::async, [&slots, this] { return slots.acquire(m_stop); }))
    {
    }
    ~Waiter()
    {
        m_stop = true;
        if (m_lease.valid())
            m_lease.wait();
    }
    bool isWaiting() { return m_lease.wait_for(stillWaiting) == std::future_status::timeout; }
    // True when a slot came within five seconds (held until the waiter ends).
    bool gotSlot()
    {
        if (m_lease.wait_for(5s) != std::future_status::ready)
            return false;
        m_held = m_lease.get();
        return static_cast<bool>(m_held);
    }
    // True when the wait ended within five seconds without a slot.
    bool endedEmpty()
    {
        if (m_lease.wait_for(5s) != std::future_status::ready)
            return false;
        return !m_lease.get();
    }
    void stop() { m_stop = true; }
    void giveBack() { m_held.release(); }

private:
    std::atomic_bool m_stop { false };
    TransferSlots::Lease m_held;
    std::future<TransferSlots::Lease> m_lease;
};

} // namespace

class TestTransferSlots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aWaiterGetsTheSlotOnlyWhenOneIsGivenBack()
    {
        TransferSlots slots(2);
        const std::atomic_bool stop { false };
        auto first = slots.acquire(stop);
        auto second = slots.acquire(stop);
        QVERIFY(first);
        QVERIFY(second);

        Waiter third(slots);
        QVERIFY(third.isWaiting());
        first.release();
        QVERIFY(!first);
        QVERIFY(third.gotSlot());
    }

    void aLeaseGivesItsSlotBackWhenItEnds()
    {
        TransferSlots slots(1);
        const std::atomic_bool stop { false };
        {
            auto held = slots.acquire(stop);
            QVERIFY(held);
            auto moved = std::move(held);
            QVERIFY(!held);
            QVERIFY(moved);
        }
        Waiter again(slots);
        QVERIFY(again.gotSlot());
    }

    void releasingTwiceGivesBackOneSlot()
    {
        TransferSlots slots(1);
        const std::atomic_bool stop { false };
        auto held = slots.acquire(stop);
        held.release();
        held.release();
        Waiter first(slots);
        QVERIFY(first.gotSlot());
        Waiter second(slots);
        QVERIFY(second.isWaiting());
        first.giveBack();
        QVERIFY(second.gotSlot());
    }

    void aStopEndsTheWaitWithoutASlot()
    {
        TransferSlots slots(1);
        std::atomic_bool stop { false };
        auto held = slots.acquire(stop);
        Waiter waiting(slots);
        QVERIFY(waiting.isWaiting());
        waiting.stop();
        QVERIFY(waiting.endedEmpty());
        // Stopped work takes no slot even when one is free.
        held.release();
        stop = true;
        QVERIFY(!slots.acquire(stop));
    }

    void fewerThanOneSlotMeansOne()
    {
        TransferSlots slots(0);
        const std::atomic_bool stop { false };
        auto only = slots.acquire(stop);
        QVERIFY(only);
        Waiter next(slots);
        QVERIFY(next.isWaiting());
        only.release();
        QVERIFY(next.gotSlot());
    }
};

QTEST_GUILESS_MAIN(TestTransferSlots)
#include "tst_transferslots.moc"
