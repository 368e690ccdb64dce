// The eleven step templates: each loads, validates and runs for its default duration, its
// fault schedule shows the step's lesson, and step N's traffic on step N-1's design shows
// why step N exists.
#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/DesignJson.h"
#include "review/ScalingPath.h"

#include <QDir>
#include <QtTest>
#include <set>

using namespace sb;

namespace {

design::Design load(const review::DesignTemplate& t) {
    auto loaded = design::readDesign(t.json, comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        qFatal("template %s: %s", t.name.c_str(), design::formatProblems(loaded.problems).c_str());
    return *loaded.design;
}

design::Design step(int n) {
    const review::DesignTemplate* t = review::ScalingPath::step(n);
    if (!t)
        qFatal("no template for step %d", n);
    return load(*t);
}

struct Outcome {
    emu::RunResult result;

    double errorRate() const {
        return result.total ? double(result.failed) / double(result.total) : 0.0;
    }
    double utilisation(const std::string& node) const {
        const emu::NodeResult* n = result.node(node);
        return n ? n->utilization : 0.0;
    }
    std::uint64_t completed(const std::string& node) const {
        const emu::NodeResult* n = result.node(node);
        return n ? n->completed : 0;
    }
};

// How long a template's run takes is measured in bench/ (bench_engine), not here: unit
// tests do not read the wall clock.
Outcome run(const design::Design& d) {
    return Outcome{comp::runDesign(d, comp::runSettingsFor(d))};
}

/// `earlier` with `later`'s client populations in place of its own (linked where the old
/// ones were) and, when `withFaults`, `later`'s faults that name something `earlier` has.
design::Design withTraffic(design::Design earlier, const design::Design& later, bool withFaults) {
    std::vector<design::Link> entry; // where the old populations sent their requests
    for (const auto& n : earlier.nodes)
        if (n.kind == "clients")
            for (const design::Link* l : earlier.linksFrom(n.id))
                entry.push_back(*l);
    std::erase_if(earlier.links, [&](const design::Link& l) {
        const design::Node* from = earlier.node(l.from);
        return from && from->kind == "clients";
    });
    std::erase_if(earlier.nodes, [](const design::Node& n) { return n.kind == "clients"; });
    for (const auto& n : later.nodes) {
        if (n.kind != "clients")
            continue;
        design::Node population = n;
        population.dc.clear();
        earlier.nodes.push_back(population);
        std::set<std::string> targets;
        for (design::Link l : entry)
            if (targets.insert(l.to.value).second) {
                l.from = n.id;
                earlier.links.push_back(l);
            }
    }
    earlier.faults.clear();
    if (withFaults)
        for (const auto& f : later.faults)
            if (earlier.node(design::NodeId{f.target}) ||
                earlier.dataCentre(design::DataCentreId{f.target}))
                earlier.faults.push_back(f);
    earlier.run = later.run;
    return earlier;
}

design::Design withoutFaults(design::Design d) {
    d.faults.clear();
    return d;
}

std::size_t count(const emu::RunResult& r, const std::string& kind) {
    return r.countEvents(kind);
}

void report(const char* what, const Outcome& before, const Outcome& after) {
    qInfo("%s: previous step p50 %.1f p99 %.1f ms, errors %.2f%% | this step p50 %.1f p99 %.1f "
          "ms, errors %.2f%%",
          what, before.result.p50Ms, before.result.p99Ms, 100 * before.errorRate(),
          after.result.p50Ms, after.result.p99Ms, 100 * after.errorRate());
}

} // namespace

class TemplatesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyFileIsEmbedded() {
        const QDir dir(QStringLiteral(SCALEBOARD_SOURCE_DIR "/resources/templates"));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
        QCOMPARE(review::ScalingPath::templates().size(), std::size_t(files.size()));
        for (const QString& file : files)
            QVERIFY2(review::ScalingPath::find(file.toStdString()), qPrintable(file));
        for (int n = 1; n <= 11; ++n)
            QVERIFY2(review::ScalingPath::step(n), qPrintable(QString::number(n)));
    }

    void templateRunsForItsDefaultDuration_data() {
        QTest::addColumn<int>("step");
        for (int n = 1; n <= 11; ++n)
            QTest::newRow(review::ScalingPath::step(n)->name.c_str()) << n;
    }
    void templateRunsForItsDefaultDuration() {
        QFETCH(int, step);
        const review::DesignTemplate& t = *review::ScalingPath::step(step);
        const design::Design d = load(t);
        // What a user sees first: a title, a description with what to watch and to try,
        // run defaults, targets and a fault schedule.
        QVERIFY(t.title.starts_with("Step " + std::to_string(step) + ":"));
        QVERIFY(d.description.find("Watch:") != std::string::npos);
        QVERIFY(d.description.find("Try:") != std::string::npos);
        QVERIFY(d.run.durationSeconds && d.run.warmupSeconds && d.run.seed);
        QVERIFY(d.targets.p99Ms && d.targets.errorRate);
        QVERIFY(!d.faults.empty());
        // Cards never overlap on the canvas (nodes are 168 x 56, centred on x, y).
        for (std::size_t i = 0; i < d.nodes.size(); ++i)
            for (std::size_t j = i + 1; j < d.nodes.size(); ++j)
                QVERIFY2(std::abs(d.nodes[i].x - d.nodes[j].x) >= 168 ||
                             std::abs(d.nodes[i].y - d.nodes[j].y) >= 56,
                         (d.nodes[i].id.value + " overlaps " + d.nodes[j].id.value).c_str());

        const Outcome o = run(d);
        qInfo("%s: %llu requests, %.0f req/s, p50 %.1f p99 %.1f ms, errors %.2f%%, stale %llu, "
              "lost writes %llu, %zu events",
              t.name.c_str(), static_cast<unsigned long long>(o.result.total),
              o.result.throughputRps, o.result.p50Ms, o.result.p99Ms, 100 * o.errorRate(),
              static_cast<unsigned long long>(o.result.counter("stale_reads")),
              static_cast<unsigned long long>(o.result.counter("lost_writes")),
              o.result.events.size());
        QVERIFY(o.result.total > 0);
        // Every fault in the schedule happened.
        QVERIFY(!o.result.events.empty());
        checkFaultLesson(step, o);
    }

    // The microservices template: what its description claims (p99 and errors within its
    // targets, no 429s under the gateway's limit), and parallel fan-out costing the
    // slower call where sequence costs both (the catalog set to sequence: its reads, 80%
    // of the traffic, wait for the shorter call too, about 11 ms more each).
    void microservicesParallelFanOutCostsTheSlowerCall() {
        const review::DesignTemplate* t = review::ScalingPath::find("microservices");
        QVERIFY(t);
        design::Design parallel = load(*t);
        QVERIFY(parallel.description.find("Watch:") != std::string::npos);
        QVERIFY(parallel.description.find("Try:") != std::string::npos);
        const Outcome p = run(parallel);
        QVERIFY(p.result.error.empty());
        QVERIFY(p.result.total > 20000);
        QVERIFY2(p.result.p99Ms < *parallel.targets.p99Ms, QByteArray::number(p.result.p99Ms));
        QVERIFY(p.errorRate() <= *parallel.targets.errorRate);
        QCOMPARE(p.result.counter("rate_limited"), std::uint64_t(0));
        QVERIFY(p.completed("pricing") > 0 && p.completed("inventory") > 0);
        // A few reads stale, as the description says (the cache-aside race), and no more.
        const double stale = double(p.result.counter("stale_reads")) / double(p.result.total);
        QVERIFY2(stale > 0.003 && stale < 0.03, QByteArray::number(stale));

        design::Design sequence = parallel;
        for (auto& n : sequence.nodes)
            if (n.id.value == "catalog")
                n.props["fan_out"] = "sequence";
        const Outcome s = run(sequence);
        QVERIFY(s.result.error.empty());
        report("catalog parallel -> sequence", p, s);
        QVERIFY2(s.result.meanMs - p.result.meanMs > 6,
                 qPrintable(QStringLiteral("mean %1 ms parallel, %2 ms sequence")
                                .arg(p.result.meanMs)
                                .arg(s.result.meanMs)));
        QVERIFY(s.result.p99Ms > p.result.p99Ms);
    }

    // Step N's traffic on step N-1's design, then on step N's: faults left out unless the
    // lesson is about a failure (7: a web server fails; 10: a primary fails; 11: a data
    // centre fails).
    void step2SeparateDatabaseFreesTheWebServer() {
        const auto [before, after] = lesson(2, false);
        report("step 2", before, after);
        QVERIFY(before.utilisation("web1") > 0.95); // pages and queries share 8 workers
        QVERIFY(after.utilisation("web1") < 0.45);
        QVERIFY(after.result.p99Ms < 0.5 * before.result.p99Ms);
    }
    void step3LoadBalancerSpreadsWhatOneServerCannotCarry() {
        const auto [before, after] = lesson(3, false);
        report("step 3", before, after);
        QVERIFY(before.errorRate() > 0.05); // one server answers 503 to the overflow
        QVERIFY(after.errorRate() < 0.001);
        for (const char* web : {"web1", "web2", "web3"})
            QVERIFY(after.utilisation(web) < 0.7);
    }
    void step4ReplicasTakeTheReads() {
        const auto [before, after] = lesson(4, false);
        report("step 4", before, after);
        QVERIFY(before.utilisation("db") > 0.95); // one database saturated by reads
        QVERIFY(after.utilisation("db") < 0.4);   // the primary only writes
        QVERIFY(after.utilisation("replica1") < 0.6 && after.utilisation("replica2") < 0.6);
        QVERIFY(after.result.p99Ms < 0.5 * before.result.p99Ms);
    }
    void step5CacheRemovesDatabaseLoad() {
        const auto [before, after] = lesson(5, false);
        report("step 5", before, after);
        const double readsBefore =
            double(before.completed("replica1") + before.completed("replica2"));
        const double readsAfter = double(after.completed("replica1") + after.completed("replica2"));
        const double hitRate = after.result.metric("cache", "hit_rate");
        qInfo("replica reads %.0f -> %.0f, cache hit rate %.3f", readsBefore, readsAfter, hitRate);
        QVERIFY(hitRate > 0.6);
        // Only misses reach the replicas: their reads fall by about the hit rate.
        QVERIFY(readsAfter < (1 - hitRate + 0.05) * readsBefore);
        QVERIFY(after.result.meanMs < before.result.meanMs);
    }
    void step6CdnServesAssetsNearTheUsers() {
        const auto [before, after] = lesson(6, false);
        report("step 6", before, after);
        auto webCompleted = [](const Outcome& o) {
            return double(o.completed("web1") + o.completed("web2") + o.completed("web3"));
        };
        qInfo("web tier requests %.0f -> %.0f, mean %.1f -> %.1f ms", webCompleted(before),
              webCompleted(after), before.result.meanMs, after.result.meanMs);
        // 40% of the requests are assets: they leave the web tier...
        QVERIFY(webCompleted(after) < 0.7 * webCompleted(before));
        // ...and come from an edge a few milliseconds away instead of the data centre.
        QVERIFY(after.result.meanMs < before.result.meanMs - 5);
    }
    void step7StatelessServersKeepSessionsThroughAFailure() {
        const auto [before, after] = lesson(7, true);
        report("step 7", before, after);
        qInfo("session misses %llu -> %llu",
              static_cast<unsigned long long>(before.result.counter("session_misses")),
              static_cast<unsigned long long>(after.result.counter("session_misses")));
        QVERIFY(before.result.counter("session_misses") > 1000);
        QCOMPARE(after.result.counter("session_misses"), std::uint64_t{0});
    }
    void step8QueueTakesSlowJobsOffTheRequestPath() {
        const auto [before, after] = lesson(8, false);
        report("step 8", before, after);
        // 5% of requests carry a 200 ms job: inline it sets the 99th percentile.
        QVERIFY(before.result.p99Ms > 200);
        QVERIFY(after.result.p99Ms < 0.6 * before.result.p99Ms);
        QVERIFY(after.result.meanMs < before.result.meanMs - 8);
    }
    void step9ShardsCarryTheWrites() {
        const auto [before, after] = lesson(9, false);
        report("step 9", before, after);
        QVERIFY(before.utilisation("db") > 0.95); // one primary cannot commit them all
        QVERIFY(before.errorRate() > 0.02 || before.result.p99Ms > 1000);
        QVERIFY(after.errorRate() < 0.005);
        QVERIFY(after.result.p99Ms < 0.5 * before.result.p99Ms);
    }
    void step10MonitoringRaisesAlertsAndAutomationRecovers() {
        const auto [before, after] = lesson(10, true);
        report("step 10", before, after);
        QCOMPARE(count(before.result, "alert_fired"), std::size_t{0}); // nobody is told
        QVERIFY(count(after.result, "alert_fired") >= 1);
        QVERIFY(count(after.result, "alert_cleared") >= 1);
        QVERIFY(count(after.result, "promoted") >= 1);
    }
    void step11SecondDataCentreSurvivesAnOutage() {
        const auto [before, after] = lesson(11, true);
        report("step 11", before, after);
        // dc-east is down for 20 of the 55 measured seconds: one data centre loses all of
        // that; two lose only what resolvers send to the dead one until their TTL expires.
        // (Assets still come from the CDN outside the data centre: 35% of requests.)
        QVERIFY(before.errorRate() > 0.2);
        QVERIFY(after.errorRate() < 0.1);
        QVERIFY(count(after.result, "dns_failover") >= 1);
    }

private:
    static std::pair<Outcome, Outcome> lesson(int n, bool withFaults) {
        const design::Design later = step(n);
        const Outcome before = run(withTraffic(step(n - 1), later, withFaults));
        const Outcome after = run(withFaults ? later : withoutFaults(later));
        return {before, after};
    }

    static void checkFaultLesson(int step, const Outcome& o) {
        const auto& r = o.result;
        switch (step) {
        case 1: // the only server fails for 10 s: the site is down
        case 2: // the database fails for 10 s: every page needs it
            QVERIFY(o.errorRate() > 0.1);
            break;
        case 3: // a web server fails: the balancer takes it out
            QVERIFY(count(r, "detected_down") >= 1);
            QVERIFY(o.errorRate() < 0.05);
            break;
        case 4: // the primary fails: a replica is promoted, recent writes are lost
            QVERIFY(count(r, "failover") == 1 && count(r, "promoted") == 1);
            QVERIFY(r.counter("lost_writes") > 0);
            break;
        case 5: // the cache fails: reads fall back to the database
            QVERIFY(o.errorRate() < 0.01);
            break;
        case 6: // the CDN fails: static requests go to the origin
            QVERIFY(count(r, "cdn_fallback") >= 1);
            QVERIFY(o.errorRate() < 0.01);
            break;
        case 7: // a web server fails: no session is lost, the tier scales out
            QCOMPARE(r.counter("session_misses"), std::uint64_t{0});
            QVERIFY(count(r, "scale_out") >= 1);
            break;
        case 8: // a worker pool fails: jobs wait in the replicated queue, none lost
            QCOMPARE(r.counter("lost_messages"), std::uint64_t{0});
            QVERIFY(o.errorRate() < 0.01);
            break;
        case 9: { // a fourth shard joins: about a quarter of the keys move
            QCOMPARE(count(r, "reshard"), std::size_t{1});
            break;
        }
        case 10: // a shard primary fails: an alert fires and clears, a replica is promoted
            QVERIFY(count(r, "alert_fired") >= 1 && count(r, "alert_cleared") >= 1);
            QVERIFY(count(r, "promoted") >= 1);
            break;
        case 11: // a data centre fails: geoDNS moves its users to the other one
            QVERIFY(count(r, "dns_failover") >= 1);
            QVERIFY(o.errorRate() < 0.1);
            break;
        }
    }
};

QTEST_GUILESS_MAIN(TemplatesTest)
#include "TemplatesTest.moc"
