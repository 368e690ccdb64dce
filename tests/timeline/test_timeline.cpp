#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/DesignJson.h"
#include "emulator/RunControl.h"
#include "timeline/Breakpoint.h"
#include "timeline/Explanation.h"
#include "timeline/TimelineRecorder.h"

#include <QTest>
#include <condition_variable>
#include <mutex>

using namespace sb;

namespace {

design::Design templateDesign(const char* name) {
    auto loaded = design::readDesignFile(std::string(SCALEBOARD_SOURCE_DIR) +
                                             "/resources/templates/" + name + ".json",
                                         comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        qFatal("template %s does not load", name);
    return *loaded.design;
}

struct Recorded {
    timeline::Timeline timeline;
    emu::RunResult result;
};

Recorded record(const design::Design& d) {
    emu::RunSettings settings = comp::runSettingsFor(d);
    emu::RunControl control(
        comp::buildSimulation(d, comp::ComponentRegistry::builtin(), settings.seed), settings);
    timeline::TimelineRecorder recorder;
    control.watch(&recorder);
    const emu::RunResult& result = control.runHere();
    recorder.complete(result);
    return {recorder.timeline(), result};
}

/// Index of the first sentence of `kind` (about `node` when given), or -1.
int find(const std::vector<timeline::Sentence>& s, const std::string& kind,
         const std::string& node = {}) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i].kind == kind && (node.empty() || s[i].node == node))
            return static_cast<int>(i);
    return -1;
}

/// Waits (on the engine's own signal, never a timer) for a snapshot that says paused.
class PauseWatch final : public emu::RunObserver {
public:
    void snapshot(emu::SnapshotPtr s) override {
        std::lock_guard lock(m_mutex);
        if (s->paused && !m_paused)
            m_paused = s;
        m_changed.notify_all();
    }
    void finished(std::shared_ptr<const emu::RunResult>) override {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_changed.notify_all();
    }
    emu::SnapshotPtr waitPaused() {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::minutes(5),
                           [this] { return m_paused || m_finished; });
        return m_paused;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    emu::SnapshotPtr m_paused;
    bool m_finished = false;
};

} // namespace

class TestTimeline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void recordsEverySampleOfEveryNodeAndLink() {
        const Recorded r = record(templateDesign("step04-replication"));
        const timeline::Timeline& t = r.timeline;
        const auto& layout = t.layout();
        QCOMPARE(t.samples(), r.result.series.rows()); // 60 s at 0.1 s: no merged rows
        QCOMPARE(layout.nodeIds.size(), r.result.nodes.size());
        QCOMPARE(layout.seriesColumns, r.result.series.columns());
        QCOMPARE(t.events(), r.result.events);
        // Each recorded series value is the engine's, to the stored 1/1000 (kept as a float).
        for (const char* name : {"throughput_rps", "error_rate", "db.up", "db.utilization"}) {
            const int c = t.column(name);
            QVERIFY2(c >= 0, name);
            for (std::size_t s = 0; s < t.samples(); ++s)
                QVERIFY(std::abs(t.value(s, static_cast<std::size_t>(c)) -
                                 r.result.series.values(static_cast<std::size_t>(c))[s]) <=
                        6e-4 * std::max(1.0, std::abs(r.result.series.values(
                                                 static_cast<std::size_t>(c))[s])));
        }
        // The counts add up to the result's: arrivals over the whole run per node.
        const emu::Snapshot end = t.snapshotAt(t.samples() - 1);
        QCOMPARE(end.ok + end.failed, r.result.ok + r.result.failed);
        // Link rates sum to what the links carried.
        double carried = 0;
        for (std::size_t s = 0; s < t.samples(); ++s)
            carried += t.linkRate(s, 0) * layout.resolutionSeconds;
        QVERIFY(carried > 0);
    }

    void readsBackWhatItWrote() {
        const Recorded r = record(templateDesign("step11-multi-datacentre"));
        const std::string bytes = r.timeline.encode();
        const timeline::Timeline back = timeline::Timeline::decode(bytes);
        QVERIFY(back == r.timeline);
        // Compact: 60 s of the 34-node step 11 in well under a megabyte.
        qInfo("step 11, 60 s: %zu samples x %zu values in %zu bytes", r.timeline.samples(),
              r.timeline.channelCount(), bytes.size());
        QVERIFY(bytes.size() < 1'000'000);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 timeline::Timeline::decode(bytes.substr(0, bytes.size() / 2)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, timeline::Timeline::decode("SBTX"));
    }

    void snapshotsShowTheMoment() {
        const Recorded r = record(templateDesign("step04-replication"));
        const timeline::Timeline& t = r.timeline;
        const auto dbUp = [&](double seconds) {
            const emu::Snapshot s = t.snapshotAt(t.sampleAt(seconds));
            for (const auto& n : s.nodes)
                if (n.id == "db")
                    return n.up;
            qFatal("no db");
        };
        QVERIFY(dbUp(29.5));
        QVERIFY(!dbUp(30.5));
        QCOMPARE(t.time(t.sampleAt(30.05)), 30.0);
    }

    void explainsStep4InOrder() {
        const Recorded r = record(templateDesign("step04-replication"));
        const design::Design d = templateDesign("step04-replication");
        const auto s = timeline::explain(r.timeline, &d);
        const int failure = find(s, "first_failure", "db");
        const int detected = find(s, "detected_down", "db");
        const int promoted = find(s, "promoted");
        const int lost = find(s, "lost_writes");
        QVERIFY(failure >= 0 && detected > failure && promoted > detected && lost > promoted);
        QCOMPARE(s[failure].seconds, 30.0);
        QCOMPARE(s[detected].seconds, 35.0);
        QVERIFY(s[lost].text.starts_with(std::to_string(r.result.counter("lost_writes")) + " "));
        QVERIFY(find(s, "errors_began") >= 0);
    }

    void explainsStep11() {
        const Recorded r = record(templateDesign("step11-multi-datacentre"));
        const design::Design d = templateDesign("step11-multi-datacentre");
        const auto s = timeline::explain(r.timeline, &d);
        const int outage = find(s, "first_failure", "dc-east");
        const int ttl = find(s, "dns_ttl_window", "dns");
        const int scaleOut = find(s, "scale_out", "dc-west");
        QVERIFY(outage >= 0 && ttl > outage && scaleOut > ttl);
        QVERIFY(s[ttl].text.find("TTL of 10.0 s") != std::string::npos);
        QVERIFY(s[scaleOut].text.find("EU West") != std::string::npos);
        // The window runs from the DNS failover to about the record's TTL later.
        const std::size_t by = s[ttl].text.find(" by ");
        QVERIFY(by != std::string::npos);
        const double until = std::stod(s[ttl].text.substr(by + 4));
        QVERIFY2(until > 35 && until <= 31 + 10 + 1, s[ttl].text.c_str());
    }

    void parsesBreakpoints() {
        const auto b = timeline::Breakpoint::parse("error rate > 5%");
        QVERIFY(b && b->when == timeline::Breakpoint::When::ErrorRateAbove);
        QCOMPARE(b->threshold, 0.05);
        QCOMPARE(timeline::Breakpoint::parse(b->describe()), b);
        for (const char* text : {"p99 > 250 ms", "db down", "any node detected down",
                                 "db detected down", "web1 queue > 50", "alert fired"})
            QCOMPARE(timeline::Breakpoint::parse(text)->describe(), std::string(text));
        QVERIFY(!timeline::Breakpoint::parse("when it feels slow"));
    }

    void breakpointPausesWithinOneSample() {
        const design::Design d = templateDesign("step11-multi-datacentre");
        // The reference: where the series first crosses 5 % in a run without breakpoints.
        const Recorded reference = record(d);
        const int c = reference.result.series.column("error_rate");
        double crossing = -1;
        for (std::size_t s = 0; s < reference.result.series.rows() && crossing < 0; ++s)
            if (reference.result.series.values(static_cast<std::size_t>(c))[s] > 0.05)
                crossing = reference.result.series.time()[s];
        QVERIFY(crossing > 0);

        emu::RunSettings settings = comp::runSettingsFor(d);
        PauseWatch watch;
        emu::RunControl control(
            comp::buildSimulation(d, comp::ComponentRegistry::builtin(), settings.seed), settings,
            &watch);
        timeline::BreakpointSet breakpoints;
        breakpoints.add(*timeline::Breakpoint::parse("error rate > 5%"));
        control.watch(&breakpoints);
        control.start();
        const emu::SnapshotPtr paused = watch.waitPaused();
        QVERIFY(paused);
        QCOMPARE(control.state(), emu::RunState::Paused);
        const double at = emu::toSeconds(paused->now);
        QVERIFY2(at >= crossing && at - crossing <= settings.resolutionSeconds + 1e-9,
                 qPrintable(QString("paused at %1 s, crossed at %2 s").arg(at).arg(crossing)));
        QCOMPARE(breakpoints.hits().size(), std::size_t(1));
        QVERIFY(breakpoints.hits()[0].value > 0.05);
        QVERIFY(breakpoints.armed().empty());
        control.stop();
        QVERIFY(control.waitFinished(std::chrono::minutes(1)));
    }
};

QTEST_GUILESS_MAIN(TestTimeline)
#include "test_timeline.moc"
