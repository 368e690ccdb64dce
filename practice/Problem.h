#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "practice/Envelope.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::practice {

inline constexpr const char* kProblemFormat = "scaleboard-problem";
inline constexpr int kProblemVersion = 1;

/// The traffic a problem expects; the grader drives its peak rate through the candidate's
/// traffic sources for the whole run (docs/practice.md, "Problem files").
struct ProblemTraffic {
    EnvelopeInputs envelope; ///< daily users, requests, object sizes, keys, skew, ...
    double read = 0.9, write = 0.1, staticShare = 0, async = 0; ///< the request mix
    double timeoutMs = 3000;  ///< a request slower than this has failed (the users' patience)
    double growthPerYear = 0; ///< expected growth, for the estimates (not emulated)

    /// The rate the grader drives: the envelope's peak QPS.
    double peakRps() const;
};

/// A fault of the problem's schedule. Its target names roles, not node ids, so that it
/// applies to any design: "@writer" is the candidate's first node with the role `writer`,
/// "@writer|@server" the first writer or, when there is none, the first server, and
/// "@datacentre" the first data centre. With `all`, every node with the role is hit.
struct ProblemFault {
    std::string name;    ///< what the scorecard calls it ("the primary database fails")
    design::Fault fault; ///< its target is the role expression
    bool all = false;
};

/// What the candidate's design must achieve; each target set is checked against the run.
struct Requirements {
    std::vector<std::string> functional; ///< what the system does (not graded by running)
    std::optional<double> p99Ms;         ///< p99 latency over the measured window at most
    std::optional<double> errorRate;     ///< share of failed requests at most
    /// Share of requests answered while each fault lasts, at least.
    std::optional<double> availability;
    std::optional<std::uint64_t> lostWrites; ///< acknowledged writes lost, at most
    std::optional<double> staleReadFraction; ///< stale reads per successful read, at most
    std::optional<double> budgetMonthly;     ///< estimated monthly cost at most
    /// Seconds from each fault's start until a whole second answers 90% of the offered
    /// requests again (after one fell below), at most.
    std::optional<double> recoverySeconds;
    /// Requests from users whose session the server answering did not hold (signed out: a
    /// stateful web tier losing a server), at most.
    std::optional<std::uint64_t> sessionMisses;
};

/// One interview problem (a file of resources/problems/, format docs/practice.md).
struct Problem {
    std::string id; ///< file name without ".json"
    std::string title;
    std::string difficulty; ///< "easy", "medium" or "hard"
    std::string statement;
    ProblemTraffic traffic;
    double durationSeconds = 30;
    double warmupSeconds = 5;
    std::vector<std::uint64_t> seeds{1};
    std::vector<ProblemFault> faults;
    Requirements requirements;
    std::vector<std::string> hints; ///< three levels, vaguest first
    design::Design reference;       ///< a design that passes the grading
    std::string debrief;            ///< why the reference is built the way it is
};

/// The outcome of reading a problem: the problem when it is valid, and every error found,
/// each naming the key it is about ("traffic.daily_users must be ...").
struct ProblemLoad {
    std::optional<Problem> problem;
    std::vector<std::string> errors;
    bool ok() const { return problem.has_value(); }
};

/// Reads a problem from JSON text; `id` names it (the file name without ".json"). Its
/// reference design is validated like a design file, and every fault must resolve
/// against it.
ProblemLoad readProblem(std::string_view text, const std::string& id,
                        const design::DescriptorCatalog& catalog);
/// Reads a problem file from disk; the id is the file name without ".json".
ProblemLoad readProblemFile(const std::string& path, const design::DescriptorCatalog& catalog);

/// The built-in problems (resources/problems/), sorted by id. A built-in file that does
/// not read is a build defect: test_practice_grading reads every one.
const std::vector<Problem>& builtinProblems();
/// A built-in problem by id; null when there is none.
const Problem* findProblem(std::string_view id);

/// A fault of the schedule resolved against a design.
struct ResolvedFault {
    std::string name;
    std::string action;
    std::string expression;           ///< the role expression it was written with
    std::vector<std::string> targets; ///< node or data-centre ids; empty = not applied
    double atSeconds = 0;
    std::optional<double> durationSeconds;
};

/// The candidate's design as the grader runs it: the problem's traffic through every
/// traffic source (the peak rate split evenly, the mix, keys, skew and timeout; a traffic
/// log dropped), the problem's faults resolved by role in place of the design's own, chaos
/// off, and the problem's run length. `resolved` receives what each fault hit.
design::Design gradedDesign(const Problem& problem, const design::Design& candidate,
                            const design::DescriptorCatalog& catalog,
                            std::vector<ResolvedFault>* resolved = nullptr);

} // namespace sb::practice
