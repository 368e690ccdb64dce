#include "practice/Problem.h"

#include "components/registry/ComponentRegistry.h"
#include "design/BoundedJson.h"
#include "design/DesignJson.h"
#include "design/PropertySpec.h"
#include "design/Roles.h"
#include "practice/EmbeddedTexts.h"
#include "practice/FieldReader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <stdexcept>

namespace sb::practice {

namespace {

using nlohmann::json;

/// The most requests per second a problem may ask the grader to drive: more would make a
/// grading run take minutes.
constexpr double kMaxGradedRps = 20000;
constexpr std::string_view kDataCentreTarget = "datacentre";

std::set<std::string, std::less<>> knownRoles(const design::DescriptorCatalog& catalog) {
    std::set<std::string, std::less<>> roles;
    for (const design::ComponentDescriptor* d : catalog.all())
        for (std::string_view role : d->roles)
            roles.emplace(role);
    return roles;
}

/// The alternatives of a role expression ("@writer|@server" -> writer, server); empty when
/// it is not one.
std::vector<std::string> alternatives(const std::string& expression) {
    std::vector<std::string> out;
    std::stringstream in(expression);
    std::string part;
    while (std::getline(in, part, '|')) {
        if (part.size() < 2 || part.front() != '@')
            return {};
        out.push_back(part.substr(1));
    }
    if (expression.empty() || expression.back() == '|')
        return {};
    return out;
}

void readTraffic(FieldReader& r, const json& t, ProblemTraffic& out) {
    if (!r.object(t, "traffic",
                  {"daily_users", "requests_per_user_per_day", "peak_factor", "mix", "object_bytes",
                   "retention_days", "replication", "keys", "zipf_s", "growth_per_year",
                   "timeout_ms"}))
        return;
    EnvelopeInputs& e = out.envelope;
    e.dailyUsers = r.number(t, "traffic", "daily_users", 1, 1e11, true).value_or(e.dailyUsers);
    e.requestsPerUserPerDay =
        r.number(t, "traffic", "requests_per_user_per_day", 0, 1e6, true).value_or(0);
    e.peakFactor = r.number(t, "traffic", "peak_factor", 1, 1000, true).value_or(1);
    e.objectBytes = r.number(t, "traffic", "object_bytes", 0, 1e12, true).value_or(0);
    e.retentionDays = r.number(t, "traffic", "retention_days", 0, 1e6, false).value_or(365);
    e.replication = r.number(t, "traffic", "replication", 1, 100, false).value_or(3);
    e.keys = r.whole(t, "traffic", "keys", 1e8, true).value_or(1);
    if (e.keys == 0)
        r.error("traffic.keys must be at least 1");
    e.zipfS = r.number(t, "traffic", "zipf_s", 0, 3, false).value_or(0.99);
    out.growthPerYear = r.number(t, "traffic", "growth_per_year", 0, 100, false).value_or(0);
    out.timeoutMs = r.number(t, "traffic", "timeout_ms", 1, 600000, false).value_or(3000);
    const auto mix = t.find("mix");
    if (mix == t.end()) {
        r.error("traffic.mix is missing (fractions read, write, static, async adding up to 1)");
    } else if (r.object(*mix, "traffic.mix", {"read", "write", "static", "async"})) {
        out.read = r.number(*mix, "traffic.mix", "read", 0, 1, false).value_or(0);
        out.write = r.number(*mix, "traffic.mix", "write", 0, 1, false).value_or(0);
        out.staticShare = r.number(*mix, "traffic.mix", "static", 0, 1, false).value_or(0);
        out.async = r.number(*mix, "traffic.mix", "async", 0, 1, false).value_or(0);
        const double sum = out.read + out.write + out.staticShare + out.async;
        if (std::abs(sum - 1) > 1e-6)
            r.error("traffic.mix must add up to 1, got " + design::formatNumber(sum));
    }
    e.writeFraction = out.write;
    if (out.peakRps() > kMaxGradedRps)
        r.error("traffic: the peak rate (daily_users x requests_per_user_per_day / 86400 x "
                "peak_factor) must be at most " +
                design::formatNumber(kMaxGradedRps) + " req/s for the grader to drive, got " +
                design::formatNumber(std::round(out.peakRps())));
}

void readFaults(FieldReader& r, const json& list, const design::DescriptorCatalog& catalog,
                std::vector<ProblemFault>& out) {
    if (!list.is_array()) {
        r.error("faults must be a list, got " + design::describeValue(list));
        return;
    }
    const auto roles = knownRoles(catalog);
    std::set<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& f = list[i];
        const std::string path = "faults[" + std::to_string(i) + "]";
        if (!r.object(f, path,
                      {"name", "at_s", "target", "action", "duration_s", "factor", "latency_ms",
                       "property", "value", "all"}))
            continue;
        ProblemFault fault;
        fault.name = r.text(f, path, "name", true);
        if (!fault.name.empty() && !names.insert(fault.name).second)
            r.error(path + ".name '" + fault.name + "' is used by an earlier fault");
        fault.fault.atSeconds = r.number(f, path, "at_s", 0, 86400, true).value_or(0);
        fault.fault.action = r.text(f, path, "action", true);
        static const std::set<std::string, std::less<>> actions{"fail", "slow", "spike", "set"};
        if (!fault.fault.action.empty() && !actions.contains(fault.fault.action))
            r.error(path +
                    ".action must be one of fail, slow, spike, set (actions on a node or "
                    "data centre), got '" +
                    fault.fault.action + "'");
        fault.fault.target = r.text(f, path, "target", true);
        const auto alts = alternatives(fault.fault.target);
        if (!fault.fault.target.empty() && alts.empty())
            r.error(path +
                    ".target must name roles, such as \"@writer\" or \"@writer|@server\", "
                    "got '" +
                    fault.fault.target + "'");
        for (const std::string& role : alts)
            if (role != kDataCentreTarget && !roles.contains(role)) {
                std::string known;
                for (const std::string& k : roles)
                    known += (known.empty() ? "" : ", ") + k;
                r.error(path + ".target: no kind has the role '" + role + "' (roles: " + known +
                        ", or datacentre)");
            }
        if (const auto all = f.find("all"); all != f.end()) {
            if (!all->is_boolean())
                r.error(path + ".all must be true or false, got " + design::describeValue(*all));
            else
                fault.all = all->get<bool>();
        }
        for (const char* key : {"duration_s", "factor", "latency_ms", "value"})
            if (f.contains(key) && !f[key].is_number())
                r.error(path + "." + key + " must be a number, got " +
                        design::describeValue(f[key]));
        if (f.contains("property") && !f["property"].is_string())
            r.error(path + ".property must be a property name, got " +
                    design::describeValue(f["property"]));
        for (const char* key : {"duration_s", "factor", "latency_ms", "property", "value"})
            if (f.contains(key))
                fault.fault.params[key] = f[key];
        out.push_back(std::move(fault));
    }
}

void readRequirements(FieldReader& r, const json& q, Requirements& out) {
    if (!r.object(q, "requirements",
                  {"functional", "p99_ms", "error_rate", "availability", "lost_writes",
                   "stale_read_fraction", "budget_monthly", "recovery_s", "session_misses"}))
        return;
    out.functional = r.texts(q, "requirements", "functional", 1, 20);
    out.p99Ms = r.number(q, "requirements", "p99_ms", 0.001, 600000, false);
    out.errorRate = r.number(q, "requirements", "error_rate", 0, 1, false);
    out.availability = r.number(q, "requirements", "availability", 0, 1, false);
    out.lostWrites = r.whole(q, "requirements", "lost_writes", 1e12, false);
    out.staleReadFraction = r.number(q, "requirements", "stale_read_fraction", 0, 1, false);
    out.budgetMonthly = r.number(q, "requirements", "budget_monthly", 0, 1e12, false);
    out.recoverySeconds = r.number(q, "requirements", "recovery_s", 0, 3600, false);
    out.sessionMisses = r.whole(q, "requirements", "session_misses", 1e12, false);
    if (!out.p99Ms && !out.errorRate && !out.availability && !out.lostWrites &&
        !out.staleReadFraction && !out.budgetMonthly && !out.recoverySeconds && !out.sessionMisses)
        r.error("requirements sets no target (p99_ms, error_rate, availability, lost_writes, "
                "stale_read_fraction, budget_monthly, recovery_s or session_misses): nothing "
                "could be graded");
}

std::vector<std::string> resolveTargets(const ProblemFault& f, const design::Design& d,
                                        const design::DescriptorCatalog& catalog) {
    for (const std::string& role : alternatives(f.fault.target)) {
        std::vector<std::string> hit;
        if (role == kDataCentreTarget) {
            for (const design::DataCentre& dc : d.datacentres)
                hit.push_back(dc.id.value);
        } else {
            for (const design::Node& n : d.nodes)
                if (catalog.hasRole(n.kind, role))
                    hit.push_back(n.id.value);
        }
        if (!hit.empty()) {
            if (!f.all)
                hit.resize(1);
            return hit;
        }
    }
    return {};
}

} // namespace

double ProblemTraffic::peakRps() const {
    return computeEnvelope(envelope).peakQps;
}

design::Design gradedDesign(const Problem& problem, const design::Design& candidate,
                            const design::DescriptorCatalog& catalog,
                            std::vector<ResolvedFault>* resolved) {
    design::Design d = candidate;
    std::vector<design::Node*> sources;
    for (design::Node& n : d.nodes)
        if (catalog.hasRole(n.kind, design::roles::kTrafficSource))
            sources.push_back(&n);
    const ProblemTraffic& t = problem.traffic;
    for (design::Node* n : sources) {
        json& p = n->props;
        p["rate_rps"] = t.peakRps() / static_cast<double>(sources.size());
        p["mix"] = {{"read", t.read},
                    {"write", t.write},
                    {"static", t.staticShare},
                    {"async", t.async},
                    {"join", 0}};
        p["keys"] = t.envelope.keys;
        p["zipf_s"] = t.envelope.zipfS;
        p["timeout_ms"] = t.timeoutMs;
        p["arrival"] = "poisson";
        p["pattern"] = "steady";
        p.erase("traffic_log");
        p.erase("traffic_speed");
    }
    d.faults.clear();
    if (resolved)
        resolved->clear();
    for (const ProblemFault& f : problem.faults) {
        ResolvedFault r;
        r.name = f.name;
        r.action = f.fault.action;
        r.expression = f.fault.target;
        r.atSeconds = f.fault.atSeconds;
        if (const auto it = f.fault.params.find("duration_s"); it != f.fault.params.end())
            r.durationSeconds = it->get<double>();
        r.targets = resolveTargets(f, d, catalog);
        for (const std::string& target : r.targets) {
            design::Fault applied = f.fault;
            applied.target = target;
            d.faults.push_back(std::move(applied));
        }
        if (resolved)
            resolved->push_back(std::move(r));
    }
    d.chaos.enabled = false;
    d.run.durationSeconds = problem.durationSeconds;
    d.run.warmupSeconds = problem.warmupSeconds;
    d.run.seed = problem.seeds.front();
    d.targets.p99Ms = problem.requirements.p99Ms;
    d.targets.errorRate = problem.requirements.errorRate;
    d.targets.lostWrites = problem.requirements.lostWrites;
    return d;
}

ProblemLoad readProblem(std::string_view text, const std::string& id,
                        const design::DescriptorCatalog& catalog) {
    ProblemLoad load;
    std::string parseError;
    const json doc = design::parseBoundedJson(text, parseError);
    if (!parseError.empty()) {
        load.errors.push_back("the file " + parseError);
        return load;
    }
    FieldReader r(load.errors);
    if (!r.object(doc, "the problem",
                  {"format", "version", "title", "difficulty", "statement", "traffic", "run",
                   "faults", "requirements", "hints", "reference", "debrief"}))
        return load;
    r.header(doc, kProblemFormat, kProblemVersion, "problem");

    Problem p;
    p.id = id;
    p.title = r.text(doc, "", "title", true);
    p.difficulty = r.text(doc, "", "difficulty", true);
    if (!p.difficulty.empty() && p.difficulty != "easy" && p.difficulty != "medium" &&
        p.difficulty != "hard")
        r.error("difficulty must be easy, medium or hard, got '" + p.difficulty + "'");
    p.statement = r.text(doc, "", "statement", true);
    p.debrief = r.text(doc, "", "debrief", true);
    p.hints = r.texts(doc, "", "hints", 3, 3);

    if (const auto t = doc.find("traffic"); t == doc.end())
        r.error("traffic is missing");
    else
        readTraffic(r, *t, p.traffic);

    if (const auto run = doc.find("run"); run != doc.end()) {
        if (r.object(*run, "run", {"duration_s", "warmup_s", "seeds"})) {
            p.durationSeconds = r.number(*run, "run", "duration_s", 1, 3600, false).value_or(30);
            p.warmupSeconds = r.number(*run, "run", "warmup_s", 0, 3600, false).value_or(5);
            if (p.warmupSeconds >= p.durationSeconds)
                r.error("run.warmup_s must be shorter than run.duration_s");
            if (const auto seeds = run->find("seeds"); seeds != run->end()) {
                const bool ok = seeds->is_array() && !seeds->empty() && seeds->size() <= 20 &&
                                std::all_of(seeds->begin(), seeds->end(),
                                            [](const json& s) { return s.is_number_unsigned(); });
                if (ok)
                    p.seeds = seeds->get<std::vector<std::uint64_t>>();
                else
                    r.error("run.seeds must be a list of 1 to 20 whole numbers, got " +
                            design::describeValue(*seeds));
            }
        }
    }

    if (const auto f = doc.find("faults"); f != doc.end())
        readFaults(r, *f, catalog, p.faults);
    for (const ProblemFault& f : p.faults)
        if (f.fault.atSeconds >= p.durationSeconds)
            r.error("fault '" + f.name + "' at " + design::formatNumber(f.fault.atSeconds) +
                    " s comes after the run's end (run.duration_s " +
                    design::formatNumber(p.durationSeconds) + ")");

    if (const auto q = doc.find("requirements"); q == doc.end())
        r.error("requirements is missing");
    else
        readRequirements(r, *q, p.requirements);

    const auto ref = doc.find("reference");
    if (ref == doc.end()) {
        r.error("reference is missing (a design that passes the grading)");
    } else {
        const design::LoadResult design = design::readDesignJson(*ref, catalog);
        for (const design::Problem& problem : design.problems)
            if (problem.isError())
                r.error("reference: " + problem.message);
        if (design.ok())
            p.reference = *design.design;
    }
    if (!load.errors.empty())
        return load;

    // The schedule applies to the reference: every fault hits something, and the graded
    // design (the faults' parameters included) is a valid design.
    std::vector<ResolvedFault> resolved;
    const design::Design graded = gradedDesign(p, p.reference, catalog, &resolved);
    for (const ResolvedFault& f : resolved)
        if (f.targets.empty())
            r.error("fault '" + f.name + "': its target " + f.expression +
                    " matches nothing in the reference design");
    const design::LoadResult check = design::readDesignJson(design::toJson(graded), catalog);
    for (const design::Problem& problem : check.problems)
        if (problem.isError())
            r.error("the reference design under the problem's traffic and faults: " +
                    problem.message);
    if (load.errors.empty())
        load.problem = std::move(p);
    return load;
}

ProblemLoad readProblemFile(const std::string& path, const design::DescriptorCatalog& catalog) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ProblemLoad load;
        load.errors.push_back("cannot read the problem file '" + path + "'");
        return load;
    }
    std::stringstream text;
    text << in.rdbuf();
    return readProblem(text.str(), std::filesystem::path(path).stem().string(), catalog);
}

const std::vector<Problem>& builtinProblems() {
    static const std::vector<Problem> problems = [] {
        std::vector<Problem> out;
        for (const EmbeddedText& text : problemTexts()) {
            ProblemLoad load =
                readProblem(text.json, std::string(text.name), comp::ComponentRegistry::builtin());
            if (!load.ok()) {
                std::string message = "the built-in problem " + std::string(text.name) + ":";
                for (const std::string& e : load.errors)
                    message += "\n  " + e;
                throw std::runtime_error(message);
            }
            out.push_back(std::move(*load.problem));
        }
        return out;
    }();
    return problems;
}

const Problem* findProblem(std::string_view id) {
    if (id.ends_with(".json"))
        id.remove_suffix(5);
    for (const Problem& p : builtinProblems())
        if (p.id == id)
            return &p;
    return nullptr;
}

} // namespace sb::practice
