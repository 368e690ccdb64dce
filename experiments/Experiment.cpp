#include "experiments/Experiment.h"

#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/PropertySpec.h"
#include "emulator/RunControl.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace sb::experiments {

namespace {

nlohmann::json parseScalar(const std::string& text) {
    const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_discarded() && (parsed.is_number() || parsed.is_boolean()))
        return parsed;
    return text;
}

std::vector<std::string> splitOn(const std::string& text, char sep) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, sep))
        parts.push_back(part);
    return parts;
}

std::uint64_t splitMix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

Parameter parseVary(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw std::invalid_argument("--vary '" + text +
                                    "' must be NODE.PROPERTY=V1,V2 or NODE.PROPERTY=A:B:STEP");
    Parameter p{text.substr(0, eq), {}, {}};
    const std::string values = text.substr(eq + 1);
    const std::vector<std::string> range = splitOn(values, ':');
    if (range.size() == 3) {
        char* end = nullptr;
        double v[3];
        for (int i = 0; i < 3; ++i) {
            v[i] = std::strtod(range[i].c_str(), &end);
            if (range[i].empty() || *end || !std::isfinite(v[i]))
                throw std::invalid_argument("--vary " + p.path + ": '" + range[i] + "' in range '" +
                                            values + "' is not a number");
        }
        p.values = rangeValues("--vary " + p.path + ": range '" + values + "'", v[0], v[1], v[2]);
        return p;
    }
    for (const std::string& v : splitOn(values, ',')) {
        if (v.empty())
            throw std::invalid_argument("--vary " + p.path + ": empty value in '" + values + "'");
        p.values.push_back(parseScalar(v));
    }
    return p;
}

std::vector<nlohmann::json> rangeValues(const std::string& what, double from, double to,
                                        double step) {
    if (!std::isfinite(from) || !std::isfinite(to) || !std::isfinite(step) || step <= 0 ||
        to < from)
        throw std::invalid_argument(what + " needs A <= B and STEP > 0");
    const auto steps = static_cast<std::size_t>(std::floor((to - from) / step + 1e-9));
    if (steps >= 10000)
        throw std::invalid_argument(what + " has more than 10000 values");
    std::vector<nlohmann::json> values;
    for (std::size_t i = 0; i <= steps; ++i) {
        const double x = from + static_cast<double>(i) * step;
        if (x == std::floor(x) && std::fabs(x) < 9e15)
            values.emplace_back(static_cast<std::int64_t>(x));
        else
            values.emplace_back(x);
    }
    return values;
}

void applyParameter(design::Design& design, const std::string& path, const nlohmann::json& value) {
    const auto dot = path.find('.');
    if (dot == std::string::npos)
        throw std::invalid_argument("parameter '" + path +
                                    "' must be NODE.PROPERTY, e.g. web1.workers");
    const std::string nodeId = path.substr(0, dot);
    const std::string property = path.substr(dot + 1);
    design::Node* node = design.node(design::NodeId{nodeId});
    if (!node)
        throw std::invalid_argument("parameter '" + path + "': the design has no node '" + nodeId +
                                    "'");
    const design::ComponentDescriptor* descriptor =
        comp::ComponentRegistry::builtin().find(node->kind);
    const design::PropertySpec* spec = descriptor ? descriptor->property(property) : nullptr;
    if (!spec)
        throw std::invalid_argument("parameter '" + path + "': node '" + nodeId +
                                    "' has no property '" + property + "'");
    const std::string problem = design::checkValue(*spec, value, property);
    if (!problem.empty())
        throw std::invalid_argument("parameter '" + path + "': " + problem);
    node->props[property] = value;
}

std::vector<std::vector<nlohmann::json>> crossedPoints(const std::vector<Parameter>& parameters) {
    std::vector<Parameter> unzipped = parameters;
    for (Parameter& p : unzipped)
        p.zip.clear();
    return sweepPoints(unzipped);
}

std::vector<std::vector<nlohmann::json>> sweepPoints(const std::vector<Parameter>& parameters) {
    // Dimensions: a lone parameter, or every parameter of one zip group; crossed in the
    // order they first appear.
    std::vector<std::vector<std::size_t>> dimensions;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const std::string& zip = parameters[i].zip;
        auto same = std::find_if(dimensions.begin(), dimensions.end(), [&](const auto& dim) {
            return !zip.empty() && parameters[dim.front()].zip == zip;
        });
        if (same == dimensions.end()) {
            dimensions.push_back({i});
            continue;
        }
        const Parameter& first = parameters[same->front()];
        if (first.values.size() != parameters[i].values.size())
            throw std::invalid_argument("zipped parameters '" + first.path + "' (" +
                                        std::to_string(first.values.size()) + " values) and '" +
                                        parameters[i].path + "' (" +
                                        std::to_string(parameters[i].values.size()) +
                                        " values) in group '" + zip + "' need as many values each");
        same->push_back(i);
    }
    std::size_t count = 1;
    for (const auto& dim : dimensions) {
        count *= std::max<std::size_t>(1, parameters[dim.front()].values.size());
        if (count > kMaxPoints)
            throw std::invalid_argument("the sweep has more than " + std::to_string(kMaxPoints) +
                                        " points; vary fewer properties or fewer values");
    }
    std::vector<std::vector<nlohmann::json>> points{std::vector<nlohmann::json>(parameters.size())};
    for (const auto& dim : dimensions) {
        std::vector<std::vector<nlohmann::json>> next;
        for (const auto& point : points)
            for (std::size_t v = 0; v < parameters[dim.front()].values.size(); ++v) {
                next.push_back(point);
                for (std::size_t i : dim)
                    next.back()[i] = parameters[i].values[v];
            }
        points = std::move(next);
    }
    return points;
}

std::uint64_t runSeed(std::uint64_t base, std::size_t point, std::size_t replication) {
    return splitMix(splitMix(base ^ splitMix(point)) + replication);
}

double studentT95(std::size_t df) {
    static constexpr double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                       2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                       2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                       2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
    if (df == 0)
        return 0;
    if (df <= 30)
        return table[df - 1];
    // Cornish-Fisher expansion around the normal quantile; within 1e-3 beyond 30.
    const double z = 1.959964, n = static_cast<double>(df);
    return z + (z * z * z + z) / (4 * n) +
           (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n);
}

Interval interval(const std::vector<double>& sample) {
    Interval r;
    if (sample.empty())
        return r;
    double sum = 0;
    for (double v : sample)
        sum += v;
    r.mean = sum / static_cast<double>(sample.size());
    if (sample.size() < 2)
        return r;
    double ss = 0;
    for (double v : sample)
        ss += (v - r.mean) * (v - r.mean);
    const double n = static_cast<double>(sample.size());
    r.halfWidth = studentT95(sample.size() - 1) * std::sqrt(ss / (n - 1) / n);
    return r;
}

const std::vector<std::string>& metricNames() {
    static const std::vector<std::string> names{"throughput_rps", "mean_ms", "p50_ms",
                                                "p95_ms",         "p99_ms",  "error_rate"};
    return names;
}

double metric(const emu::RunResult& r, const std::string& name) {
    if (const auto dot = name.find('.'); dot != std::string::npos) {
        const std::string id = name.substr(0, dot), key = name.substr(dot + 1);
        const emu::NodeResult* n = r.node(id);
        if (!n)
            throw std::invalid_argument("metric '" + name + "': the run has no node '" + id + "'");
        if (key == "utilization")
            return n->utilization;
        if (key == "mean_ms")
            return n->latencyMeanMs;
        if (key == "p50_ms")
            return n->latencyP50Ms;
        if (key == "p95_ms")
            return n->latencyP95Ms;
        if (key == "p99_ms")
            return n->latencyP99Ms;
        std::string known = "utilization, mean_ms, p50_ms, p95_ms, p99_ms";
        for (const auto& [metricName, value] : n->metrics) {
            if (metricName == key)
                return value;
            known += ", " + metricName;
        }
        throw std::invalid_argument("metric '" + name + "': node '" + id + "' reports no '" + key +
                                    "' (it reports " + known + ")");
    }
    if (name == "throughput_rps")
        return r.throughputRps;
    if (name == "mean_ms")
        return r.meanMs;
    if (name == "p50_ms")
        return r.p50Ms;
    if (name == "p95_ms")
        return r.p95Ms;
    if (name == "p99_ms")
        return r.p99Ms;
    if (name == "p999_ms")
        return r.p999Ms;
    if (name == "max_ms")
        return r.maxMs;
    if (name == "error_rate")
        return r.total ? static_cast<double>(r.failed) / static_cast<double>(r.total) : 0;
    throw std::invalid_argument("unknown metric '" + name +
                                "' (known: throughput_rps, mean_ms, p50_ms, p95_ms, p99_ms, "
                                "p999_ms, max_ms, error_rate, NODE.NAME)");
}

void checkMetric(const design::Design& design, const std::string& name) {
    if (const auto dot = name.find('.'); dot != std::string::npos) {
        const std::string id = name.substr(0, dot);
        if (dot + 1 == name.size())
            throw std::invalid_argument("metric '" + name + "' must be NODE.NAME, e.g. web.p99_ms");
        if (!design.node(design::NodeId{id}))
            throw std::invalid_argument("metric '" + name + "': the design has no node '" + id +
                                        "'");
        return;
    }
    const emu::RunResult none;
    metric(none, name); // throws naming an unknown metric
}

std::string Target::text() const {
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, bound).ptr; // shortest exact form
    return metric + (below ? "<" : ">") + std::string(text, end);
}

Target parseTarget(const std::string& text) {
    const auto op = text.find_first_of("<>");
    if (op == std::string::npos || op == 0 || op + 1 == text.size())
        throw std::invalid_argument("target '" + text +
                                    "' must be METRIC<BOUND or METRIC>BOUND, e.g. p99_ms<200");
    Target t{text.substr(0, op), text[op] == '<', 0};
    const std::string bound = text.substr(op + 1);
    char* end = nullptr;
    t.bound = std::strtod(bound.c_str(), &end);
    if (*end || !std::isfinite(t.bound))
        throw std::invalid_argument("target '" + text + "': '" + bound + "' is not a number");
    if (t.metric.find('.') == std::string::npos)
        checkMetric(design::Design{}, t.metric);
    return t;
}

std::vector<Target> parseTargets(const std::string& list) {
    std::vector<Target> targets;
    for (const std::string& part : splitOn(list, ','))
        targets.push_back(parseTarget(part));
    if (targets.empty())
        throw std::invalid_argument("--targets is empty");
    return targets;
}

Verdict judge(const Target& target, const std::vector<double>& sample) {
    if (sample.size() < 2)
        return Verdict::Inconclusive;
    const Interval ci = interval(sample);
    const bool good = target.below ? ci.high() < target.bound : ci.low() > target.bound;
    const bool bad = target.below ? ci.low() >= target.bound : ci.high() <= target.bound;
    return good ? Verdict::Met : bad ? Verdict::NotMet : Verdict::Inconclusive;
}

const char* verdictName(Verdict verdict) {
    switch (verdict) {
    case Verdict::Met:
        return "met";
    case Verdict::NotMet:
        return "not met";
    case Verdict::Inconclusive:
        break;
    }
    return "inconclusive";
}

std::vector<std::string> Plan::metricList() const {
    std::vector<std::string> list = metrics.empty() ? metricNames() : metrics;
    for (const Target& t : targets)
        if (std::find(list.begin(), list.end(), t.metric) == list.end())
            list.push_back(t.metric);
    return list;
}

design::Design pointDesign(const Plan& plan, const std::vector<nlohmann::json>& values) {
    design::Design d = plan.design;
    for (std::size_t i = 0; i < values.size(); ++i)
        applyParameter(d, plan.parameters[i].path, values[i]);
    return d;
}

namespace {

/// Runs one replication of one point and hands its result to `use`, while it lives.
template <class Use>
auto withRun(const Plan& plan, const design::Design& design, std::size_t point,
             std::size_t replication, Use use) {
    emu::RunSettings settings = plan.settings;
    settings.seed = runSeed(plan.settings.seed, point, replication);
    emu::RunControl control(
        comp::buildSimulation(design, comp::ComponentRegistry::builtin(), settings.seed), settings);
    return use(control.runHere());
}

} // namespace

emu::RunResult runResult(const Plan& plan, const design::Design& design, std::size_t point,
                         std::size_t replication) {
    return withRun(plan, design, point, replication, [](const emu::RunResult& r) { return r; });
}

std::vector<double> runOnce(const Plan& plan, const design::Design& design, std::size_t point,
                            std::size_t replication) {
    return withRun(plan, design, point, replication, [&plan](const emu::RunResult& r) {
        std::vector<double> values;
        for (const std::string& name : plan.metricList())
            values.push_back(metric(r, name));
        return values;
    });
}

std::vector<PointResult> run(const Plan& plan, unsigned jobs,
                             const std::function<void(std::size_t, std::size_t)>& progress,
                             const std::atomic<bool>* cancel) {
    std::vector<std::size_t> all(sweepPoints(plan.parameters).size());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = i;
    return runPoints(plan, all, jobs, progress, cancel);
}

std::vector<PointResult> runPoints(const Plan& plan, const std::vector<std::size_t>& indices,
                                   unsigned jobs,
                                   const std::function<void(std::size_t, std::size_t)>& progress,
                                   const std::atomic<bool>* cancel) {
    const auto points = sweepPoints(plan.parameters);
    std::vector<design::Design> designs;
    for (std::size_t index : indices) {
        if (index >= points.size())
            throw std::invalid_argument("point " + std::to_string(index) + " is not in the sweep");
        designs.push_back(pointDesign(plan, points[index]));
    }
    const std::size_t reps = std::max<std::size_t>(1, plan.replications);
    const std::size_t total = indices.size() * reps;
    const std::size_t metricCount = plan.metricList().size();
    std::vector<PointResult> results(indices.size());
    for (std::size_t p = 0; p < indices.size(); ++p) {
        results[p].values = points[indices[p]];
        results[p].samples.assign(metricCount, std::vector<double>(reps));
    }
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t done = 0, completed = 0; // done counts skipped and failed runs too
    std::string error;
    auto worker = [&] {
        for (std::size_t i = next++; i < total; i = next++) {
            const std::size_t p = i / reps, rep = i % reps;
            try {
                if (cancel && *cancel)
                    throw std::runtime_error("cancelled");
                const std::vector<double> values = runOnce(plan, designs[p], indices[p], rep);
                for (std::size_t m = 0; m < metricCount; ++m)
                    results[p].samples[m][rep] = values[m];
                const std::lock_guard lock(mutex);
                ++completed;
            } catch (const std::exception& e) {
                const std::lock_guard lock(mutex);
                if (error.empty())
                    error = e.what();
            }
            const std::lock_guard lock(mutex);
            ++done;
            changed.notify_all();
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < std::max(1u, jobs); ++t)
        threads.emplace_back(worker);
    {
        std::unique_lock lock(mutex);
        std::size_t shown = 0;
        while (shown < total) {
            changed.wait(lock, [&] { return done != shown; });
            shown = done;
            const std::size_t finished = completed;
            lock.unlock();
            if (progress)
                progress(finished, total);
            lock.lock();
        }
    }
    for (auto& t : threads)
        t.join();
    if (cancel && *cancel)
        throw std::runtime_error("cancelled");
    if (!error.empty())
        throw std::runtime_error(error);
    return results;
}

nlohmann::json pointJson(const Plan& plan, const PointResult& point) {
    const std::vector<std::string> metrics = plan.metricList();
    nlohmann::json j;
    j["values"] = nlohmann::json::object();
    for (std::size_t i = 0; i < point.values.size(); ++i)
        j["values"][plan.parameters[i].path] = point.values[i];
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        const Interval ci = interval(point.samples[m]);
        j["metrics"][metrics[m]] = {{"mean", ci.mean},
                                    {"ci95_low", ci.low()},
                                    {"ci95_high", ci.high()},
                                    {"runs", point.samples[m]}};
    }
    if (!plan.targets.empty()) {
        bool all = true;
        for (const Target& t : plan.targets) {
            const auto m = static_cast<std::size_t>(
                std::find(metrics.begin(), metrics.end(), t.metric) - metrics.begin());
            const Verdict v = judge(t, point.samples[m]);
            j["targets"][t.text()] = verdictName(v);
            all = all && v == Verdict::Met;
        }
        j["meets_targets"] = all;
    }
    return j;
}

nlohmann::json toJson(const Plan& plan, const std::vector<PointResult>& points) {
    nlohmann::json doc;
    doc["replications"] = plan.replications;
    doc["seed"] = plan.settings.seed;
    doc["duration_s"] = plan.settings.durationSeconds;
    doc["warmup_s"] = plan.settings.warmupSeconds;
    doc["parameters"] = nlohmann::json::array();
    for (const Parameter& p : plan.parameters) {
        nlohmann::json j{{"path", p.path}, {"values", p.values}};
        if (!p.zip.empty())
            j["zip"] = p.zip;
        doc["parameters"].push_back(std::move(j));
    }
    if (!plan.metrics.empty() || !plan.targets.empty())
        doc["metrics"] = plan.metricList();
    if (!plan.targets.empty()) {
        doc["targets"] = nlohmann::json::array();
        for (const Target& t : plan.targets)
            doc["targets"].push_back(t.text());
    }
    doc["points"] = nlohmann::json::array();
    for (const PointResult& point : points)
        doc["points"].push_back(pointJson(plan, point));
    return doc;
}

std::vector<PointResult> pointsFromJson(const Plan& plan, const nlohmann::json& results) {
    const std::vector<std::string> metrics = plan.metricList();
    if (!results.is_object() || !results.contains("points") || !results["points"].is_array())
        throw std::invalid_argument("the results have no list of points");
    std::vector<PointResult> points;
    for (const nlohmann::json& j : results["points"]) {
        const std::string at = "point " + std::to_string(points.size() + 1);
        if (!j.is_object() || !j.contains("values") || !j["values"].is_object())
            throw std::invalid_argument(at + " has no 'values' object");
        PointResult point;
        for (const Parameter& p : plan.parameters) {
            if (!j["values"].contains(p.path))
                throw std::invalid_argument(at + " has no value of " + p.path);
            point.values.push_back(j["values"][p.path]);
        }
        for (const std::string& m : metrics) {
            const nlohmann::json* runs = nullptr;
            if (j.contains("metrics") && j["metrics"].is_object() && j["metrics"].contains(m) &&
                j["metrics"][m].is_object() && j["metrics"][m].contains("runs"))
                runs = &j["metrics"][m]["runs"];
            if (!runs || !runs->is_array())
                throw std::invalid_argument(at + " has no runs of " + m);
            std::vector<double> sample;
            for (const nlohmann::json& v : *runs) {
                if (!v.is_number())
                    throw std::invalid_argument(at + " has a run of " + m +
                                                " that is not a number");
                sample.push_back(v.get<double>());
            }
            point.samples.push_back(std::move(sample));
        }
        points.push_back(std::move(point));
    }
    return points;
}

std::string toCsv(const Plan& plan, const std::vector<PointResult>& points) {
    const std::vector<std::string> metrics = plan.metricList();
    std::ostringstream out;
    out.precision(10);
    for (const Parameter& p : plan.parameters)
        out << p.path << ',';
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        const std::string& n = metrics[m];
        out << n << "_mean," << n << "_ci95_low," << n << "_ci95_high"
            << (m + 1 < metrics.size() ? "," : "\n");
    }
    for (const PointResult& point : points) {
        for (const nlohmann::json& v : point.values)
            out << (v.is_string() ? v.get<std::string>() : v.dump()) << ',';
        for (std::size_t m = 0; m < metrics.size(); ++m) {
            const Interval ci = interval(point.samples[m]);
            out << ci.mean << ',' << ci.low() << ',' << ci.high()
                << (m + 1 < metrics.size() ? "," : "\n");
        }
    }
    return out.str();
}

} // namespace sb::experiments
