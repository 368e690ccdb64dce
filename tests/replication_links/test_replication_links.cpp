// Replication travels on the links: a cut, slowed or lossy primary -> replica link, or a
// partition between the data centres of a primary and its replica, makes the replica fall
// behind (its lag and the stale reads rise against the same run and seed without the
// fault), and after the heal it catches up through the log (lag back near the baseline)
// without losing a write. Peer replication between primaries gets through a lossy link.
// The other traffic between tiers travels on links too: a cut or slowed link from a writing
// web server to its cache holds the invalidations back (the cache serves stale reads until
// they get through), and a reshard's key copies cross the router's links (a slowed link
// slows them; on a cut one they fail and are sent again, so the migration ends after the
// heal with every moved key in place).
#include "components/common/DatabaseNode.h"
#include "tests/components_data/DesignRun.h"

#include <QtTest>
#include <algorithm>
#include <optional>

using namespace datatest;
using sb::emu::fromSeconds;

namespace replinks {

constexpr int kKeys = 200;
constexpr double kDuration = 60;
constexpr double kFaultAt = 10, kFaultFor = 20;

json mix(double read, double write) {
    return {{"read", read}, {"write", write}, {"static", 0}, {"async", 0}, {"join", 0}};
}

json clients(double rate, double read) {
    return {{"rate_rps", rate}, {"mix", mix(read, 1 - read)}, {"keys", kKeys}, {"zipf_s", 1.0}};
}

json web() {
    return {{"workers", 256}, {"service_ms", 1}, {"service_dist", "constant"}};
}

/// users -> web1 -> db1 -> r1, web1 reading from r1.
json oneDataCentre(std::optional<json> fault) {
    json faults = json::array();
    if (fault)
        faults.push_back(*fault);
    return design(
        json::array({node("users", "clients", clients(500, 0.8)), node("web1", "web_server", web()),
                     node("db1", "db_primary"), node("r1", "db_replica", {{"lag_ms", 20}})}),
        json::array(
            {edge("users", "web1"), edge("web1", "db1"), edge("web1", "r1"), edge("db1", "r1")}),
        faults);
}

/// East writes (users -> web1 -> db1); west reads from the replica (readers -> web2 -> r1),
/// which follows db1 across the data centres.
json twoDataCentres(bool partition) {
    json faults = json::array();
    if (partition)
        faults.push_back(
            fault(kFaultAt, "east", "partition", {{"peer", "west"}, {"duration_s", kFaultFor}}));
    json d =
        design(json::array(
                   {node("users", "clients", clients(100, 0)), node("web1", "web_server", web()),
                    node("db1", "db_primary"), node("readers", "clients", clients(400, 1.0)),
                    node("web2", "web_server", web()), node("r1", "db_replica", {{"lag_ms", 20}})}),
               json::array({edge("users", "web1"), edge("web1", "db1"), edge("readers", "web2"),
                            edge("web2", "r1"), edge("db1", "r1")}),
               faults);
    d["datacenters"] = json::array({{{"id", "east"}, {"region", "us-east"}, {"label", "East"}},
                                    {{"id", "west"}, {"region", "us-west"}, {"label", "West"}}});
    for (auto& n : d["nodes"])
        n["dc"] = n["id"] == "readers" || n["id"] == "web2" || n["id"] == "r1" ? "west" : "east";
    return d;
}

/// One run, and what the replica missed: the keys whose version on r1 at the end is older
/// than what db1 held `settle` seconds before it (time enough to apply what came after).
struct Outcome {
    sb::emu::SeriesTable series;
    std::uint64_t staleReads = 0, lostWrites = 0;
    int keysBehind = 0;
    double column(const std::string& name, double t) const {
        const int c = series.column(name);
        if (c < 0)
            qFatal("no series column %s", name.c_str());
        double value = 0;
        for (std::size_t i = 0; i < series.rows() && series.time()[i] <= t + 1e-9; ++i)
            value = series.values(static_cast<std::size_t>(c))[i];
        return value;
    }
    /// The largest and the mean of a column over rows with time in [from, to].
    std::pair<double, double> over(const std::string& name, double from, double to) const {
        const int c = series.column(name);
        if (c < 0)
            qFatal("no series column %s", name.c_str());
        double most = 0, sum = 0;
        int n = 0;
        for (std::size_t i = 0; i < series.rows(); ++i)
            if (series.time()[i] >= from - 1e-9 && series.time()[i] <= to + 1e-9) {
                const double v = series.values(static_cast<std::size_t>(c))[i];
                most = std::max(most, v);
                sum += v;
                ++n;
            }
        return {most, n ? sum / n : 0.0};
    }
    double staleBetween(double from, double to) const {
        return column("r1.stale_reads", to) - column("r1.stale_reads", from);
    }
};

Outcome runDesign(const json& document, std::uint64_t seed, double settle = 2) {
    auto sim =
        sb::comp::buildSimulation(load(document), sb::comp::ComponentRegistry::builtin(), seed);
    sim->start(100 * sb::emu::kMillisecond, 0);
    sim->kernel().runUntil(fromSeconds(kDuration - settle));
    const auto* primary = dynamic_cast<const sb::comp::DatabaseNode*>(sim->findNode("db1"));
    const auto* replica = dynamic_cast<const sb::comp::DatabaseNode*>(sim->findNode("r1"));
    if (!primary || !replica)
        qFatal("db1 and r1 are database nodes");
    std::vector<std::uint64_t> written(kKeys);
    for (std::uint32_t k = 0; k < kKeys; ++k)
        written[k] = primary->version(k);
    sim->kernel().runUntil(fromSeconds(kDuration));
    Outcome out;
    for (std::uint32_t k = 0; k < kKeys; ++k)
        out.keysBehind += replica->version(k) < written[k] ? 1 : 0;
    out.series = sim->series();
    out.staleReads = sim->outcomes().value("stale_reads");
    out.lostWrites = sim->outcomes().value("lost_writes");
    return out;
}

/// After a run, the keys s3 holds (every one moved there or written there since) and how
/// many of them it holds in a version no other shard has surpassed.
std::pair<int, int> keysOnTheNewShard(const json& document) {
    auto sim = sb::comp::buildSimulation(load(document), sb::comp::ComponentRegistry::builtin(), 1);
    sim->start(100 * sb::emu::kMillisecond, 0);
    sim->kernel().runUntil(fromSeconds(kDuration));
    std::vector<const sb::comp::DatabaseNode*> shards;
    for (const char* id : {"s1", "s2", "s3"}) {
        shards.push_back(dynamic_cast<const sb::comp::DatabaseNode*>(sim->findNode(id)));
        if (!shards.back())
            qFatal("%s is a database node", id);
    }
    int held = 0, newest = 0;
    for (std::uint32_t k = 0; k < 2000; ++k) {
        const std::uint64_t mine = shards[2]->version(k);
        if (mine == 0)
            continue;
        ++held;
        newest += mine >= std::max(shards[0]->version(k), shards[1]->version(k)) ? 1 : 0;
    }
    return {held, newest};
}

json linkFault(const std::string& action, json params) {
    params["duration_s"] = kFaultFor;
    return fault(kFaultAt, "db1->r1", action, params);
}

} // namespace replinks

using namespace replinks;

class ReplicationLinksTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void replicaFallsBehindAndCatchesUp_data() {
        QTest::addColumn<json>("faulted");
        QTest::addColumn<json>("baseline");
        QTest::addColumn<double>("minPeakLagMs"); ///< the least peak lag the fault must cause
        QTest::newRow("link cut 20 s") << oneDataCentre(linkFault("fail", json::object()))
                                       << oneDataCentre(std::nullopt) << 15000.0;
        QTest::newRow("link slowed by 2 s")
            << oneDataCentre(linkFault("slow", {{"latency_ms", 2000}}))
            << oneDataCentre(std::nullopt) << 1800.0;
        QTest::newRow("link loses half") << oneDataCentre(linkFault("drop", {{"fraction", 0.5}}))
                                         << oneDataCentre(std::nullopt) << 150.0;
        QTest::newRow("data centres partitioned 20 s")
            << twoDataCentres(true) << twoDataCentres(false) << 15000.0;
    }
    void replicaFallsBehindAndCatchesUp() {
        QFETCH(json, faulted);
        QFETCH(json, baseline);
        QFETCH(double, minPeakLagMs);
        for (std::uint64_t seed : {1u, 2u}) {
            const Outcome base = runDesign(baseline, seed);
            const Outcome hit = runDesign(faulted, seed);
            const auto [basePeak, baseMean] =
                base.over("r1.lag_ms", kFaultAt, kFaultAt + kFaultFor);
            const auto [hitPeak, hitMean] = hit.over("r1.lag_ms", kFaultAt, kFaultAt + kFaultFor);
            const double end = kFaultAt + kFaultFor;
            const auto [baseAfterPeak, baseAfter] = base.over("r1.lag_ms", end + 10, kDuration);
            const auto [hitAfterPeak, hitAfter] = hit.over("r1.lag_ms", end + 10, kDuration);
            const double baseStale = base.staleBetween(kFaultAt, end);
            const double hitStale = hit.staleBetween(kFaultAt, end);
            const double baseStaleAfter = base.staleBetween(end + 10, kDuration);
            const double hitStaleAfter = hit.staleBetween(end + 10, kDuration);
            qInfo("seed %llu: lag during the fault peak %.0f / mean %.0f ms (without it %.0f / "
                  "%.0f); after %.0f ms (%.0f); stale reads during %.0f (%.0f), after %.0f "
                  "(%.0f); keys behind at the end %d",
                  static_cast<unsigned long long>(seed), hitPeak, hitMean, basePeak, baseMean,
                  hitAfter, baseAfter, hitStale, baseStale, hitStaleAfter, baseStaleAfter,
                  hit.keysBehind);
            // Falls behind: the lag and the stale reads rise against the run without it.
            QVERIFY(hitPeak >= minPeakLagMs);
            QVERIFY(hitPeak > 5 * basePeak);
            QVERIFY(hitMean > 3 * baseMean);
            QVERIFY(hitStale > 1.5 * baseStale + 20);
            // Catches up: ten seconds after the heal the lag and stale reads are back near
            // the baseline.
            QVERIFY(hitAfter < 1.5 * baseAfter + 5);
            QVERIFY(hitAfterPeak < 3 * baseAfterPeak + 50);
            QVERIFY(hitStaleAfter < 1.5 * baseStaleAfter + 20);
            // And lost no write: every version db1 held 2 s before the end reached r1.
            QCOMPARE(hit.keysBehind, 0);
            QCOMPARE(base.keysBehind, 0);
            QCOMPARE(hit.lostWrites, std::uint64_t(0));
        }
    }

    void sameSeedSameNumbers() {
        const json d = oneDataCentre(linkFault("drop", {{"fraction", 0.5}}));
        const Outcome a = runDesign(d, 7), b = runDesign(d, 7);
        QCOMPARE(a.staleReads, b.staleReads);
        QCOMPARE(a.series.values(static_cast<std::size_t>(a.series.column("r1.lag_ms"))),
                 b.series.values(static_cast<std::size_t>(b.series.column("r1.lag_ms"))));
    }

    void peerWritesGetThroughALossyLink() {
        // Two primaries replicating to each other; each web server writes to its own; the
        // p1 -> p2 link loses half of what it carries for 20 s.
        auto peers = [](bool lossy) {
            json faults = json::array();
            if (lossy)
                faults.push_back(fault(kFaultAt, "p1->p2", "drop",
                                       {{"fraction", 0.5}, {"duration_s", kFaultFor}}));
            const json primary{{"recovery", "multi_primary"}, {"peer_lag_ms", 20}};
            return design(
                json::array({node("u1", "clients", clients(200, 0.5)),
                             node("u2", "clients", clients(200, 0.5)),
                             node("w1", "web_server", web()), node("w2", "web_server", web()),
                             node("p1", "db_primary", primary), node("p2", "db_primary", primary)}),
                json::array({edge("u1", "w1"), edge("u2", "w2"), edge("w1", "p1"), edge("w2", "p2"),
                             edge("p1", "p2"), edge("p2", "p1")}),
                faults);
        };
        const auto clean = run(peers(false), kDuration, 3);
        const auto lossy = run(peers(true), kDuration, 3);
        qInfo("p2 received %.0f peer writes (%.0f without loss); p1 resent %.0f",
              lossy.metric("p2", "peer_writes_received"),
              clean.metric("p2", "peer_writes_received"), lossy.metric("p1", "peer_resends"));
        QCOMPARE(clean.metric("p1", "peer_resends"), 0.0);
        QVERIFY(lossy.metric("p1", "peer_resends") > 100);
        // Every write p1 sent reached p2: as many as in the clean run, give or take the
        // writes that differ because the two runs diverge (the same clients and seed).
        const double got = lossy.metric("p2", "peer_writes_received");
        const double sent = lossy.metric("p1", "writes");
        QVERIFY2(got >= sent - 20, qPrintable(QStringLiteral("%1 of %2").arg(got).arg(sent)));
    }

    void invalidationsTravelTheLink_data() {
        QTest::addColumn<QString>("action");
        QTest::addColumn<json>("params");
        QTest::newRow("cut") << QStringLiteral("fail") << json::object();
        QTest::newRow("slowed by 2 s") << QStringLiteral("slow") << json{{"latency_ms", 2000}};
    }
    void invalidationsTravelTheLink() {
        QFETCH(QString, action);
        QFETCH(json, params);
        // Writers write through w1, which invalidates c1; readers read c1 through w2.
        auto cached = [](std::optional<json> f) {
            json faults = json::array();
            if (f)
                faults.push_back(*f);
            return design(
                json::array({node("writers", "clients", clients(100, 0)),
                             node("readers", "clients", clients(400, 1.0)),
                             node("w1", "web_server", web()), node("w2", "web_server", web()),
                             node("c1", "cache", {{"ttl_s", 600}, {"capacity", 1000}}),
                             node("db1", "db_primary")}),
                json::array({edge("writers", "w1"), edge("readers", "w2"), edge("w1", "c1"),
                             edge("w1", "db1"), edge("w2", "c1"), edge("w2", "db1")}),
                faults);
        };
        params["duration_s"] = kFaultFor;
        const auto base = run(cached(std::nullopt), kDuration, 1);
        const auto hit =
            run(cached(fault(kFaultAt, "w1->c1", action.toStdString(), params)), kDuration, 1);
        const double end = kFaultAt + kFaultFor;
        auto stale = [](const sb::emu::RunResult& r, double from, double to) {
            return at(r, "c1.stale_reads", to) - at(r, "c1.stale_reads", from);
        };
        const double during = stale(hit, kFaultAt, end), baseDuring = stale(base, kFaultAt, end);
        const double after = stale(hit, end + 10, kDuration);
        const double baseAfter = stale(base, end + 10, kDuration);
        qInfo("%s: c1 stale reads during the fault %.0f (without it %.0f), from 10 s after the "
              "heal %.0f (%.0f)",
              qPrintable(action), during, baseDuring, after, baseAfter);
        QVERIFY(during > 5 * baseDuring + 100);
        if (action == QLatin1String("slow")) {
            // Late invalidations still arrive: after the heal the cache is as fresh as
            // without the fault.
            QVERIFY(after < 1.5 * baseAfter + 20);
        } else {
            // Lost ones are lost: an entry stays stale until its key is written again (or
            // its TTL ends), so the stale reads fall back after the heal but not all the way.
            QVERIFY(after < during / 10);
            QVERIFY(after > baseAfter);
        }
    }

    void migrationCopiesTravelTheLinks() {
        // Two of three shards in use; at 10 s a third joins, and a third of the keys are
        // copied to it at 400 keys a second over router -> s3.
        auto sharded = [](std::optional<json> linkFault) {
            json faults = json::array({fault(kFaultAt, "router", "add_shard", {{"shards", 1}})});
            if (linkFault)
                faults.push_back(*linkFault);
            json users = clients(400, 0.8);
            users["keys"] = 2000;
            return design(
                json::array({node("users", "clients", users), node("web", "web_server", web()),
                             node("router", "shard_router",
                                  {{"partitioning", "consistent"},
                                   {"key_space", 2000},
                                   {"active_shards", 2},
                                   {"migration_rps", 400}}),
                             node("s1", "db_primary"), node("s2", "db_primary"),
                             node("s3", "db_primary")}),
                json::array({edge("users", "web"), edge("web", "router"), edge("router", "s1"),
                             edge("router", "s2"), edge("router", "s3")}),
                faults);
        };
        auto doneAt = [](const sb::emu::RunResult& r) {
            const auto done = events(r, "migration_done");
            return done.empty() ? -1.0 : sb::emu::toSeconds(done.back().time);
        };
        const auto base = run(sharded(std::nullopt), kDuration, 1);
        const auto slowed = run(sharded(fault(kFaultAt, "router->s3", "slow",
                                              {{"latency_ms", 1000}, {"duration_s", kFaultFor}})),
                                kDuration, 1);
        const auto cut =
            run(sharded(fault(kFaultAt, "router->s3", "fail", {{"duration_s", kFaultFor}})),
                kDuration, 1);
        const double heal = kFaultAt + kFaultFor;
        auto staleAfter = [&](const sb::emu::RunResult& r) {
            return at(r, "stale_reads", kDuration) - at(r, "stale_reads", heal + 10);
        };
        qInfo("migration done at %.1f s (slowed %.1f s, cut %.1f s); copy time %.1f ms (slowed "
              "%.1f ms); copies failed on the cut link %.0f; stale reads from 10 s after the "
              "heal %.0f (without the fault %.0f)",
              doneAt(base), doneAt(slowed), doneAt(cut), base.metric("router", "migration_copy_ms"),
              slowed.metric("router", "migration_copy_ms"),
              cut.metric("router", "migration_copy_failures"), staleAfter(cut), staleAfter(base));
        // Without a fault the copies land in milliseconds and the migration ends in seconds.
        QVERIFY(doneAt(base) > kFaultAt && doneAt(base) < heal);
        QCOMPARE(base.metric("router", "migration_copy_failures"), 0.0);
        QVERIFY(base.metric("router", "migration_copy_ms") < 50);
        // A link slowed by 1 s each way: each copy's round trip takes 2 s more.
        QVERIFY(slowed.metric("router", "migration_copy_ms") > 2000);
        // A cut link fails the copies; they are sent again and land after the heal.
        QVERIFY(cut.metric("router", "migration_copy_failures") > 100);
        QVERIFY(doneAt(cut) > heal);
        QVERIFY(doneAt(cut) < heal + 10);
        QCOMPARE(cut.metric("router", "migration_remaining"), 0.0);
        // With every moved key in place, reads on the new shard are as fresh as without the
        // fault, and s3 holds as many keys as without it, each in its newest version.
        QVERIFY(staleAfter(cut) < 1.5 * staleAfter(base) + 20);
        const auto [baseKeys, baseNewest] = keysOnTheNewShard(sharded(std::nullopt));
        const auto [cutKeys, cutNewest] = keysOnTheNewShard(
            sharded(fault(kFaultAt, "router->s3", "fail", {{"duration_s", kFaultFor}})));
        qInfo("s3 holds %d keys (%d without the fault), %d of them (%d) in the newest version",
              cutKeys, baseKeys, cutNewest, baseNewest);
        QVERIFY(baseKeys > 300);
        QVERIFY(cutKeys >= baseKeys - 5);
        QCOMPARE(cutNewest, cutKeys);
        QCOMPARE(baseNewest, baseKeys);
    }
};

QTEST_GUILESS_MAIN(ReplicationLinksTest)
#include "test_replication_links.moc"
