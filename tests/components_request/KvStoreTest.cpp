// The Dynamo-style key-value store against its own reference: with N = 3 and
// R = W = 1, reads under concurrent writes return versions older than ones already
// acknowledged (stale); with R + W > N a read never returns a version older than the
// newest acknowledged before it began (any read quorum meets every write quorum). Losing
// members: a sloppy quorum with hinted handoff keeps writes available and hands them over
// when the member is back; without it, keys whose replicas are down refuse writes.
#include "TestDesign.h"

#include "design/DesignJson.h"

#include <QTest>

using namespace sbtest;

namespace {

/// 2,000 requests a second, half of them writes, over 50 hot keys, through a web tier with
/// room for all of them, to a store of 5 members with 5 ms (mean) to each member.
TestDesign store(int r, int w, json more = json::object()) {
    json kv = {{"members", 5},      {"replicas", 3},          {"read_quorum", r},
               {"write_quorum", w}, {"member_latency_ms", 5}, {"member_ms", 0.2}};
    kv.update(more);
    TestDesign d;
    d.node("users", "clients",
           {{"rate_rps", 2000},
            {"users", 5000},
            {"keys", 50},
            {"mix", {{"read", 0.5}, {"write", 0.5}, {"static", 0.0}}}})
        .node(
            "web", "web_server",
            {{"workers", 512}, {"service_ms", 0.1}, {"embedded_db_ms", 0}, {"queue_limit", 10000}})
        .node("kv", "kv_store", kv)
        .link("users", "web", {{"latency_ms", 0.1}})
        .link("web", "kv", {{"latency_ms", 0.1}});
    return d;
}

} // namespace

class KvStoreTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void oneReplyAndOneAckServeStaleReads() {
        const auto r = store(1, 1).run(30, 5);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.failed, std::uint64_t(0));
        QVERIFY2(r.metric("kv", "stale_at_start") > 100,
                 QByteArray::number(r.metric("kv", "stale_at_start")));
        QVERIFY(r.counter("stale_reads") > 0);
        QCOMPARE(static_cast<double>(r.counter("stale_reads")), r.metric("kv", "stale_reads"));
    }

    void overlappingQuorumsServeNothingOlderThanAcknowledged() {
        for (const auto& [rq, wq] : {std::pair{2, 2}, std::pair{1, 3}, std::pair{3, 1}}) {
            const auto r = store(rq, wq).run(30, 5);
            QVERIFY2(r.error.empty(), r.error.c_str());
            QVERIFY(r.metric("kv", "reads") > 10000);
            QCOMPARE(r.metric("kv", "stale_at_start"), 0.0);
        }
    }

    void hintedHandoffKeepsWritesAvailableAndHandsThemOver() {
        // One member down from 10 s to 20 s; N = 3, W = 2, R = 2.
        TestDesign d = store(2, 2);
        d.fault(10, "kv", "set", {{"property", "members_down"}, {"value", 1}})
            .fault(20, "kv", "set", {{"property", "members_down"}, {"value", 0}});
        const auto r = d.run(30, 5);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.failed, std::uint64_t(0)); // every write found W members, stand-ins too
        QVERIFY(r.metric("kv", "hinted_writes") > 100);
        QCOMPARE(r.metric("kv", "handed_off"), r.metric("kv", "hinted_writes"));
        QCOMPARE(r.metric("kv", "members_up"), 5.0);
    }

    void theQuorumStoreTemplateLosesANodeAndNothingFails() {
        auto loaded = sb::design::readDesignFile(SCALEBOARD_SOURCE_DIR
                                                 "/resources/templates/quorum-store.json",
                                                 sb::comp::ComponentRegistry::builtin());
        QVERIFY(loaded.ok());
        const auto r =
            sb::comp::runDesign(*loaded.design, sb::comp::runSettingsFor(*loaded.design));
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.failed, std::uint64_t(0));
        QCOMPARE(r.metric("kv", "stale_at_start"), 0.0);
        QVERIFY(r.metric("kv", "hinted_writes") > 1000); // 20 s of a fifth of the writes' copies
        QCOMPARE(r.metric("kv", "handed_off"), r.metric("kv", "hinted_writes"));
        QCOMPARE(r.metric("kv", "members_up"), 5.0);
    }

    void withoutHandoffKeysWithTooFewReplicasRefuseWrites() {
        // Two of five members down: a key whose three replicas include both has one left,
        // short of W = 2; reads with R = 1 still find it.
        const auto r = store(1, 2, {{"hinted_handoff", false}, {"members_down", 2}}).run(30, 5);
        QVERIFY2(r.error.empty(), r.error.c_str());
        const std::uint64_t refused = r.failedBy("quorum_unavailable");
        QVERIFY(refused > 0);
        QCOMPARE(static_cast<double>(refused), r.metric("kv", "quorum_unavailable"));
        QCOMPARE(r.failedByClass[static_cast<int>(sb::emu::RequestClass::Read)], std::uint64_t(0));
        // With handoff the same writes go to stand-ins instead.
        const auto h = store(1, 2, {{"hinted_handoff", true}, {"members_down", 2}}).run(30, 5);
        QCOMPARE(h.failedBy("quorum_unavailable"), std::uint64_t(0));
    }
};

QTEST_GUILESS_MAIN(KvStoreTest)
#include "KvStoreTest.moc"
