// The kernel's contract: order by time then insertion, no scheduling into the past,
// identical traces give identical fingerprints, streams independent per owner.
#include "emulator/EventSet.h"
#include "emulator/Kernel.h"
#include "emulator/RandomStream.h"
#include "emulator/RequestPool.h"
#include "emulator/Simulation.h"

#include <QtTest>
#include <random>

using namespace sb::emu;

namespace {

class Recorder final : public Entity {
public:
    std::vector<std::pair<Time, std::uint64_t>> seen;
    Kernel* kernel = nullptr;
    void handleEvent(std::uint32_t, std::uint64_t payload) override {
        seen.emplace_back(kernel->now(), payload);
    }
};

/// Starts cancellable timers on demand and records the ones that fire.
class TimerNode final : public Node {
public:
    TimerNode(Simulation& sim, std::string id)
        : Node(sim, std::move(id), "timers") {}
    void onRequest(std::uint32_t, std::uint32_t) override {}
    void onTimer(std::uint32_t timer, std::uint64_t payload) override {
        fired.emplace_back(timer, payload);
    }
    TimerHandle start(Time delay, std::uint32_t timer, std::uint64_t payload) {
        return startCancellableTimer(delay, timer, payload);
    }
    void cancel(TimerHandle& h) { cancelTimer(h); }
    std::vector<std::pair<std::uint32_t, std::uint64_t>> fired;
};

} // namespace

class EngineKernelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eventsRunInTimeThenInsertionOrder() {
        Kernel kernel;
        Recorder r;
        r.kernel = &kernel;
        const auto id = kernel.addEntity(&r);
        kernel.schedule(30, id, 0, 3);
        kernel.schedule(10, id, 0, 1);
        kernel.schedule(30, id, 0, 4);
        kernel.schedule(20, id, 0, 2);
        kernel.runUntil(100);
        const std::vector<std::pair<Time, std::uint64_t>> expected{
            {10, 1}, {20, 2}, {30, 3}, {30, 4}};
        QCOMPARE(r.seen, expected);
        QCOMPARE(kernel.now(), Time(100)); // the clock ends at the limit
    }

    void schedulingIntoThePastFails() {
        Kernel kernel;
        Recorder r;
        r.kernel = &kernel;
        const auto id = kernel.addEntity(&r);
        kernel.schedule(50, id, 0);
        kernel.runUntil(60);
        QVERIFY_THROWS_EXCEPTION(SchedulingError, kernel.schedule(40, id, 0));
        kernel.schedule(60, id, 0); // now is allowed
    }

    void eventsAfterTheLimitWait() {
        Kernel kernel;
        Recorder r;
        r.kernel = &kernel;
        const auto id = kernel.addEntity(&r);
        kernel.schedule(150, id, 0, 7);
        QCOMPARE(kernel.runUntil(100), Kernel::StopReason::TimeLimit);
        QVERIFY(r.seen.empty());
        QCOMPARE(kernel.pendingEvents(), std::size_t(1));
        QCOMPARE(kernel.runUntil(kNever), Kernel::StopReason::NoMoreEvents);
        QCOMPARE(r.seen.size(), std::size_t(1));
    }

    void heapsAgreeWithASortedOrder_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("4-ary heap") << 0;
        QTest::newRow("binary heap") << 1;
        QTest::newRow("radix heap") << 2; // inserts before the last pop re-bucket it
    }
    void heapsAgreeWithASortedOrder() {
        QFETCH(int, kind);
        std::unique_ptr<EventSet> set;
        if (kind == 0)
            set = std::make_unique<QuaternaryHeapEventSet>();
        else if (kind == 1)
            set = std::make_unique<BinaryHeapEventSet>();
        else
            set = std::make_unique<RadixEventSet>();
        std::mt19937_64 rng(5);
        std::vector<Event> all;
        for (std::uint64_t i = 0; i < 20000; ++i) {
            Event e{static_cast<Time>(rng() % 1000), i, 0, 0, i};
            all.push_back(e);
            set->insert(e);
            if (i % 3 == 0) { // interleave pops with inserts
                Event popped = set->pop();
                all.erase(std::find_if(all.begin(), all.end(), [&](const Event& x) {
                    return x.sequence == popped.sequence;
                }));
                for (const auto& other : all)
                    QVERIFY(!other.before(popped));
            }
        }
        std::sort(all.begin(), all.end(),
                  [](const Event& a, const Event& b) { return a.before(b); });
        for (const auto& e : all)
            QCOMPARE(set->pop().sequence, e.sequence);
        QVERIFY(set->empty());
    }

    void radixHeapPopsInTimeThenSequenceOrderAsAKernelUsesIt() {
        // As in a kernel: each insert falls due at or after the last pop, many at the same
        // time (ties broken by sequence), some far ahead, some after a peek without a pop;
        // the pops must come out exactly as from the 4-ary heap.
        RadixEventSet radix;
        QuaternaryHeapEventSet reference;
        std::mt19937_64 rng(11);
        std::uint64_t sequence = 0;
        Time now = 0;
        auto insert = [&](Time at) {
            const Event e{at, sequence, 0, 0, sequence};
            ++sequence;
            radix.insert(e);
            reference.insert(e);
        };
        for (int i = 0; i < 64; ++i)
            insert(static_cast<Time>(rng() % 1000));
        for (int i = 0; i < 200000; ++i) {
            QCOMPARE(radix.size(), reference.size());
            QCOMPARE(radix.peek().sequence, reference.peek().sequence);
            const std::uint64_t r = rng();
            if (r % 5 != 0) { // else the earliest stays, as when a lane's event came first
                const Event a = radix.pop();
                const Event b = reference.pop();
                QCOMPARE(a.sequence, b.sequence);
                QVERIFY(a.time >= now);
                now = a.time;
            }
            const Time delay = r % 4 == 0   ? 0
                               : r % 4 == 1 ? static_cast<Time>(r % 7)
                               : r % 4 == 2 ? static_cast<Time>(r % 5000)
                                            : static_cast<Time>(r % (Time{1} << 40));
            insert(now + delay);
            if (r % 3 == 0)
                insert(now + delay / 2);
            if (radix.size() > 5000)
                QCOMPARE(radix.pop().sequence, reference.pop().sequence);
        }
        while (!reference.empty())
            QCOMPARE(radix.pop().sequence, reference.pop().sequence);
        QVERIFY(radix.empty());
    }

    void fingerprintFollowsTheTrace() {
        auto run = [](Time shift) {
            Kernel kernel;
            Recorder r;
            r.kernel = &kernel;
            const auto id = kernel.addEntity(&r);
            for (int i = 0; i < 100; ++i)
                kernel.schedule(i * 10 + (i == 50 ? shift : 0), id, 0);
            kernel.runUntil(kNever);
            return kernel.fingerprint();
        };
        QCOMPARE(run(0), run(0));
        QVERIFY(run(0) != run(1));
    }

    void aCancelledTimerDoesNotFire() {
        Kernel kernel;
        Recorder r;
        r.kernel = &kernel;
        const auto id = kernel.addEntity(&r);
        const TimerHandle a = kernel.scheduleCancellable(10, id, 0, 1);
        const TimerHandle b = kernel.scheduleCancellable(20, id, 0, 2);
        kernel.schedule(30, id, 0, 3);
        QVERIFY(kernel.cancel(a));
        QCOMPARE(kernel.pendingEvents(), std::size_t(2));
        QCOMPARE(kernel.runUntil(kNever), Kernel::StopReason::NoMoreEvents);
        const std::vector<std::pair<Time, std::uint64_t>> expected{{20, 2}, {30, 3}};
        QCOMPARE(r.seen, expected); // the payload is the one given, not the slot's
        QCOMPARE(kernel.eventsExecuted(), std::uint64_t(2));
        QCOMPARE(kernel.pendingEvents(), std::size_t(0));
        QVERIFY(!kernel.cancel(b)); // fired
        QVERIFY(!kernel.cancel(a)); // cancelled already
    }

    void cancellingAFiredOrUnknownHandleIsHarmless() {
        Kernel kernel;
        Recorder r;
        r.kernel = &kernel;
        const auto id = kernel.addEntity(&r);
        QVERIFY(!kernel.cancel(TimerHandle{}));
        QVERIFY(!kernel.cancel(TimerHandle{12345, 0}));
        const TimerHandle first = kernel.scheduleCancellableIn(5, id, 0, 1);
        kernel.runUntil(10);
        // The fired timer's slot is reused: its old handle must not cancel the new timer.
        const TimerHandle second = kernel.scheduleCancellableIn(5, id, 0, 2);
        QCOMPARE(second.slot, first.slot);
        QVERIFY(!kernel.cancel(first));
        QCOMPARE(kernel.pendingTarget(first), UINT32_MAX);
        QCOMPARE(kernel.pendingTarget(second), id);
        kernel.runUntil(kNever);
        QCOMPARE(r.seen.size(), std::size_t(2));
        // And a cancelled timer's slot, reused, is not cancelled by the old handle either.
        const TimerHandle third = kernel.scheduleCancellableIn(5, id, 0, 3);
        QVERIFY(kernel.cancel(third));
        const TimerHandle fourth = kernel.scheduleCancellableIn(7, id, 0, 4);
        QVERIFY(!kernel.cancel(third));
        QVERIFY(kernel.step());
        QCOMPARE(r.seen.back(), (std::pair<Time, std::uint64_t>{kernel.now(), 4}));
        QVERIFY(!kernel.cancel(fourth));
        QVERIFY(!kernel.step());
    }

    void cancellableTimersThatAreNotCancelledLeaveTheTraceAlone() {
        // The same schedule with plain events, with cancellable ones, and with cancellable
        // ones plus a cancelled extra: one order and one fingerprint.
        auto run = [](int mode) {
            Kernel kernel;
            Recorder r;
            r.kernel = &kernel;
            const auto id = kernel.addEntity(&r);
            const auto lane = kernel.addLane();
            std::mt19937_64 rng(7);
            std::vector<TimerHandle> extra;
            for (int i = 0; i < 500; ++i) {
                const Time at = static_cast<Time>(rng() % 1000);
                if (i % 7 == 0)
                    kernel.scheduleInLane(lane, 100, id, 1, static_cast<std::uint64_t>(i));
                else if (mode == 0)
                    kernel.schedule(at, id, 0, static_cast<std::uint64_t>(i));
                else
                    kernel.scheduleCancellable(at, id, 0, static_cast<std::uint64_t>(i));
                if (mode == 2 && i % 5 == 0)
                    extra.push_back(kernel.scheduleCancellable(at, id, 2, 0));
            }
            for (TimerHandle h : extra)
                kernel.cancel(h);
            kernel.runUntil(kNever);
            return std::make_pair(r.seen, kernel.fingerprint());
        };
        const auto plain = run(0);
        QCOMPARE(run(1), plain);
        QCOMPARE(run(2).first, plain.first);
        QCOMPARE(run(2).second, plain.second); // dropped events are not hashed
    }

    void nodesAndActionsCancelTheirTimers() {
        Simulation sim(1);
        auto& node = sim.addNode<TimerNode>("n");
        TimerHandle kept = node.start(10, 1, 11);
        TimerHandle dropped = node.start(20, 2, 22);
        int ran = 0;
        auto counted = std::make_shared<int>(0);
        TimerHandle action = sim.at(15, [&ran, counted] { ++ran; });
        TimerHandle other = sim.at(16, [&ran] { ran += 10; });
        node.cancel(dropped);
        QVERIFY(!dropped.valid()); // cleared
        node.cancel(dropped);      // and harmless again
        TimerHandle notAnAction = kept;
        sim.cancel(notAnAction); // an action handle is asked for: a node's timer stays
        sim.cancel(action);
        QCOMPARE(counted.use_count(), 1L); // the cancelled action is let go of
        sim.kernel().runUntil(kNever);
        const std::vector<std::pair<std::uint32_t, std::uint64_t>> expected{{1, 11}};
        QCOMPARE(node.fired, expected);
        QCOMPARE(ran, 10);
        sim.cancel(other); // ran already
        node.cancel(kept); // fired already
        QCOMPARE(sim.kernel().pendingEvents(), std::size_t(0));
    }

    void streamsAreIndependentPerOwnerAndPurpose() {
        RandomStream a(1, "web1", "service"), b(1, "web1", "service");
        RandomStream c(1, "web2", "service"), d(2, "web1", "service"), e(1, "web1", "arrivals");
        const auto first = a.next();
        QCOMPARE(b.next(), first);
        QVERIFY(c.next() != first);
        QVERIFY(d.next() != first);
        QVERIFY(e.next() != first);
        double sum = 0;
        for (int i = 0; i < 100000; ++i)
            sum += a.uniform();
        QVERIFY(std::abs(sum / 100000 - 0.5) < 0.005);
    }

    void requestSlotsAreReusedAndStaleHandlesRejected() {
        RequestPool pool;
        const auto s1 = pool.acquire();
        const auto handle = pool.handle(s1);
        QCOMPARE(pool.resolve(handle), s1);
        pool.release(s1);
        QCOMPARE(pool.resolve(handle), UINT32_MAX);
        const auto s2 = pool.acquire();
        QCOMPARE(s2, s1); // reused, no growth
        QCOMPARE(pool.resolve(handle), UINT32_MAX);
        // References stay valid while the pool grows.
        Request& r = pool[s2];
        r.key = 99;
        for (int i = 0; i < 10000; ++i)
            pool.acquire();
        QCOMPARE(r.key, 99u);
    }

    void requestsInFlightBeyondTheCapThrowInsteadOfGrowing() {
        // A run whose traffic would grow memory without bound stops with this error (the
        // run control turns it into a RunError naming the node, like any engine failure).
        RequestPool pool(64);
        std::vector<std::uint32_t> slots;
        for (int i = 0; i < 64; ++i)
            slots.push_back(pool.acquire());
        QVERIFY_THROWS_EXCEPTION(CapacityError, pool.acquire());
        pool.release(slots.back());
        pool.acquire(); // a freed slot is taken again below the cap
        QCOMPARE(pool.live(), std::size_t(64));
        try {
            pool.acquire();
            QFAIL("the pool grew past its cap");
        } catch (const CapacityError& e) {
            QVERIFY(
                std::string(e.what()).starts_with("more than 64 requests are in flight at once"));
        }
    }
};

QTEST_GUILESS_MAIN(EngineKernelTest)
#include "test_engine_kernel.moc"
