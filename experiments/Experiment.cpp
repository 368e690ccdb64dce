#include "experiments/Experiment.h"

#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/PropertySpec.h"
#include "emulator/RunControl.h"

#include <atomic>
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
    Parameter p{text.substr(0, eq), {}};
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
        if (v[2] <= 0 || v[1] < v[0])
            throw std::invalid_argument("--vary " + p.path + ": range '" + values +
                                        "' needs A <= B and STEP > 0");
        const auto steps = static_cast<std::size_t>(std::floor((v[1] - v[0]) / v[2] + 1e-9));
        if (steps >= 10000)
            throw std::invalid_argument("--vary " + p.path + ": range '" + values +
                                        "' has more than 10000 values");
        for (std::size_t i = 0; i <= steps; ++i) {
            const double x = v[0] + static_cast<double>(i) * v[2];
            if (x == std::floor(x) && std::fabs(x) < 9e15)
                p.values.emplace_back(static_cast<std::int64_t>(x));
            else
                p.values.emplace_back(x);
        }
        return p;
    }
    for (const std::string& v : splitOn(values, ',')) {
        if (v.empty())
            throw std::invalid_argument("--vary " + p.path + ": empty value in '" + values + "'");
        p.values.push_back(parseScalar(v));
    }
    return p;
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
    std::vector<std::vector<nlohmann::json>> points{{}};
    for (const Parameter& p : parameters) {
        std::vector<std::vector<nlohmann::json>> next;
        for (const auto& point : points)
            for (const nlohmann::json& v : p.values) {
                next.push_back(point);
                next.back().push_back(v);
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
    if (name == "error_rate")
        return r.total ? static_cast<double>(r.failed) / static_cast<double>(r.total) : 0;
    throw std::invalid_argument("unknown metric '" + name + "'");
}

std::vector<PointResult> run(const Plan& plan, unsigned jobs,
                             const std::function<void(std::size_t, std::size_t)>& progress) {
    const auto points = crossedPoints(plan.parameters);
    std::vector<design::Design> designs;
    for (const auto& values : points) {
        design::Design d = plan.design;
        for (std::size_t i = 0; i < values.size(); ++i)
            applyParameter(d, plan.parameters[i].path, values[i]);
        designs.push_back(std::move(d));
    }
    const std::size_t reps = std::max<std::size_t>(1, plan.replications);
    const std::size_t total = points.size() * reps;
    const std::size_t metricCount = metricNames().size();
    std::vector<PointResult> results(points.size());
    for (std::size_t p = 0; p < points.size(); ++p) {
        results[p].values = points[p];
        results[p].samples.assign(metricCount, std::vector<double>(reps));
    }
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t done = 0;
    std::string error;
    auto worker = [&] {
        for (std::size_t i = next++; i < total; i = next++) {
            const std::size_t p = i / reps, rep = i % reps;
            try {
                emu::RunSettings settings = plan.settings;
                settings.seed = runSeed(plan.settings.seed, p, rep);
                emu::RunControl control(comp::buildSimulation(designs[p],
                                                              comp::ComponentRegistry::builtin(),
                                                              settings.seed),
                                        settings);
                const emu::RunResult& r = control.runHere();
                for (std::size_t m = 0; m < metricCount; ++m)
                    results[p].samples[m][rep] = metric(r, metricNames()[m]);
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
            lock.unlock();
            if (progress)
                progress(shown, total);
            lock.lock();
        }
    }
    for (auto& t : threads)
        t.join();
    if (!error.empty())
        throw std::runtime_error(error);
    return results;
}

nlohmann::json toJson(const Plan& plan, const std::vector<PointResult>& points) {
    nlohmann::json doc;
    doc["replications"] = plan.replications;
    doc["seed"] = plan.settings.seed;
    doc["duration_s"] = plan.settings.durationSeconds;
    doc["warmup_s"] = plan.settings.warmupSeconds;
    doc["parameters"] = nlohmann::json::array();
    for (const Parameter& p : plan.parameters)
        doc["parameters"].push_back({{"path", p.path}, {"values", p.values}});
    doc["points"] = nlohmann::json::array();
    for (const PointResult& point : points) {
        nlohmann::json j;
        for (std::size_t i = 0; i < point.values.size(); ++i)
            j["values"][plan.parameters[i].path] = point.values[i];
        for (std::size_t m = 0; m < metricNames().size(); ++m) {
            const Interval ci = interval(point.samples[m]);
            j["metrics"][metricNames()[m]] = {{"mean", ci.mean},
                                              {"ci95_low", ci.low()},
                                              {"ci95_high", ci.high()},
                                              {"runs", point.samples[m]}};
        }
        doc["points"].push_back(std::move(j));
    }
    return doc;
}

std::string toCsv(const Plan& plan, const std::vector<PointResult>& points) {
    std::ostringstream out;
    out.precision(10);
    for (const Parameter& p : plan.parameters)
        out << p.path << ',';
    for (std::size_t m = 0; m < metricNames().size(); ++m) {
        const std::string& n = metricNames()[m];
        out << n << "_mean," << n << "_ci95_low," << n << "_ci95_high"
            << (m + 1 < metricNames().size() ? "," : "\n");
    }
    for (const PointResult& point : points) {
        for (const nlohmann::json& v : point.values)
            out << (v.is_string() ? v.get<std::string>() : v.dump()) << ',';
        for (std::size_t m = 0; m < metricNames().size(); ++m) {
            const Interval ci = interval(point.samples[m]);
            out << ci.mean << ',' << ci.low() << ',' << ci.high()
                << (m + 1 < metricNames().size() ? "," : "\n");
        }
    }
    return out.str();
}

} // namespace sb::experiments
