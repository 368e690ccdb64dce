// The guided path (docs/lessons.md): eleven lessons in step order; each one's own step
// design meets every goal on its run; step 4's fault on the step-3 design misses the
// availability, failover and error goals and the debrief says why; bad lesson files name
// what is wrong.
#include "practice/LessonRun.h"

#include <QtTest>
#include <algorithm>

using namespace sb;

class LessonsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void elevenLessonsInStepOrder() {
        const auto& lessons = practice::builtinLessons();
        QCOMPARE(lessons.size(), std::size_t{11});
        for (std::size_t i = 0; i < lessons.size(); ++i) {
            QCOMPARE(lessons[i].step, int(i) + 1);
            QVERIFY(lessons[i].problem.id.starts_with("scaling-step"));
            QCOMPARE(lessons[i].problem.seeds.size(), std::size_t{1});
            QVERIFY(!lessons[i].goals.empty());
        }
        QCOMPARE(practice::findLesson("4")->id, std::string("step04-replication"));
        QCOMPARE(practice::findLesson("04")->id, std::string("step04-replication"));
        QVERIFY(!practice::findLesson("12"));
    }

    void ownDesignMeetsItsGoals_data() {
        QTest::addColumn<int>("step");
        for (const practice::Lesson& l : practice::builtinLessons())
            QTest::newRow(l.id.c_str()) << l.step;
    }
    void ownDesignMeetsItsGoals() {
        QFETCH(int, step);
        const practice::Lesson& l = *practice::findLesson(std::to_string(step));
        const practice::Debrief d = practice::runLesson(l, l.problem.reference);
        QVERIFY2(d.goalsMet(), practice::formatDebrief(d).c_str());
        QCOMPARE(d.goals.size(), l.goals.size() + 1);
        for (const practice::GoalOutcome& g : d.goals)
            QVERIFY(!g.checks.empty());
        QVERIFY(d.text.find('{') == std::string::npos); // every placeholder filled
        QVERIFY(!d.faults.empty() && !d.faults.front().targets.empty());
        QVERIFY(d.progress() >= practice::LessonProgress::GoalsMet);
    }

    void skippingTheFixMissesTheGoal() {
        // Step 4's primary failure on the step-3 design (one database, no replica).
        const practice::Lesson& l = *practice::findLesson("4");
        const practice::Debrief d =
            practice::runLesson(l, practice::findLesson("3")->problem.reference);
        QVERIFY(!d.goalsMet());
        QCOMPARE(d.progress(), practice::LessonProgress::Tried);
        const practice::GoalOutcome& answered = d.goals[0];
        QCOMPARE(answered.goal.id, std::string("answered"));
        QVERIFY(!answered.met());
        QVERIFY(answered.checks[0].measured < 0.1); // 5.2% answered while db was down
        QVERIFY(answered.checks[0].why.find("node_failed db at 15 s") != std::string::npos);
        const practice::GoalOutcome& failover = d.goals[1];
        QVERIFY(!failover.met());
        QCOMPARE(failover.checks[0].measured, 10.0); // back only when db recovered at 25 s
        const std::string text = practice::formatDebrief(d);
        QVERIFY(text.find("Why: With one database") != std::string::npos);
        QVERIFY(text.find("GOALS MISSED: 0 of 3 goals met") != std::string::npos);
        // The lesson's own design: the bonus (no lost writes) is missed with asynchronous
        // replication, and the debrief says how many were lost.
        const practice::Debrief own = practice::runLesson(l, l.problem.reference);
        QCOMPARE(own.progress(), practice::LessonProgress::GoalsMet);
        QVERIFY(!own.bonusMet());
        QVERIFY(own.goals.back().checks[0].measured > 0);
    }

    void statelessStepTellsStep6FromStep7() {
        // Step 7's web-server failure on the step-6 design (stateful servers behind a sticky
        // balancer): as many requests are answered as with step 7's own design, but the
        // failed server's users lose their sessions; step 7's session store keeps them.
        const practice::Lesson& l = *practice::findLesson("7");
        const practice::Debrief d =
            practice::runLesson(l, practice::findLesson("6")->problem.reference);
        QVERIFY(!d.goalsMet());
        const auto signedIn =
            std::find_if(d.goals.begin(), d.goals.end(),
                         [](const practice::GoalOutcome& g) { return g.goal.id == "signed-in"; });
        QVERIFY(signedIn != d.goals.end());
        QVERIFY(!signedIn->met());
        QCOMPARE(signedIn->checks[0].id, std::string("session_misses"));
        QVERIFY(signedIn->checks[0].measured > 0);
        QVERIFY2(signedIn->checks[0].why.find("node_failed web1 at 15 s") != std::string::npos,
                 signedIn->checks[0].why.c_str());
        QVERIFY(!signedIn->checks[0].evidence.lines.empty()); // each server's count
        for (const practice::GoalOutcome& g : d.goals)
            if (g.goal.id != "signed-in")
                QVERIFY2(g.met(), g.goal.id.c_str()); // the other goals cannot tell them apart
        const std::string text = practice::formatDebrief(d);
        QVERIFY(text.find("Why: The sessions lived on the web servers") != std::string::npos);
        const practice::Debrief own = practice::runLesson(l, l.problem.reference);
        QVERIFY(own.goalsMet());
        QCOMPARE(own.goals[2].checks[0].measured, 0.0);
        QVERIFY(own.text.find("0 requests found their session missing") != std::string::npos);
    }

    void sameSeedSameDebrief() {
        const practice::Lesson& l = *practice::findLesson("3");
        QCOMPARE(practice::toJson(practice::runLesson(l, l.problem.reference, 7)).dump(),
                 practice::toJson(practice::runLesson(l, l.problem.reference, 7)).dump());
    }

    void badLessonsAreNamed_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("error");
        const QString head = QStringLiteral(
            R"({"format": "scaleboard-lesson", "version": 1, "step": 4, "title": "t",
                "briefing": "b", "debrief": "%1", "problem": "%2", %3
                "bonus": {"id": "b", "text": "t", "measure": "p99_ms", "target": 100,
                          "if_missed": "m"}})");
        const QString goal = QStringLiteral(
            R"("goals": [{"id": "g", "text": "t", "measure": "%1", "target": %2,
                          "if_missed": "m"}],)");
        QTest::newRow("unknown problem") << head.arg("x", "no-such", goal.arg("p99_ms", "1"))
                                         << "problem: no built-in problem called 'no-such'";
        QTest::newRow("unknown measure")
            << head.arg("x", "scaling-step04-replication", goal.arg("speed", "1"))
            << "goals[0].measure must be one of";
        QTest::newRow("target out of range")
            << head.arg("x", "scaling-step04-replication", goal.arg("error_rate", "2"))
            << "goals[0].target must be a number from 0 to 1, got 2";
        QTest::newRow("unknown placeholder")
            << head.arg("{nope}", "scaling-step04-replication", goal.arg("p99_ms", "1"))
            << "debrief: no placeholder {nope}";
        QTest::newRow("fault after the end")
            << head.arg("x", "scaling-step04-replication",
                        QStringLiteral(R"("run": {"duration_s": 10},)") + goal.arg("p99_ms", "1"))
            << "starts at 15 s, after the run's end";
    }
    void badLessonsAreNamed() {
        QFETCH(QString, json);
        QFETCH(QString, error);
        const practice::LessonLoad load = practice::readLesson(json.toStdString(), "bad");
        QVERIFY(!load.ok());
        std::string all;
        for (const std::string& e : load.errors)
            all += e + "\n";
        QVERIFY2(all.find(error.toStdString()) != std::string::npos, all.c_str());
    }

    void progressAndSuggestion() {
        using P = practice::LessonProgress;
        QCOMPARE(practice::progressFromKey(practice::progressKey(P::BonusMet)), P::BonusMet);
        QCOMPARE(practice::progressFromKey("junk"), P::NotStarted);
        QCOMPARE(practice::bestProgress(P::GoalsMet, P::Tried), P::GoalsMet);
        QCOMPARE(practice::suggestedLesson({P::GoalsMet, P::Tried, P::NotStarted}), 1);
        QCOMPARE(practice::suggestedLesson({P::GoalsMet, P::BonusMet}), 0);
        QCOMPARE(practice::suggestedLesson({P::BonusMet, P::BonusMet}), -1);
    }
};

QTEST_GUILESS_MAIN(LessonsTest)
#include "LessonsTest.moc"
