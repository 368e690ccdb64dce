// libFuzzer target for the workspace reader. The first byte picks what the rest is:
// - even: a whole file, opened as a workspace;
// - odd: the texts of a design row and a run row (design JSON, settings, summary, series,
//   separated by NUL bytes), written into a real workspace the way another program could,
//   then opened.
// Opening must give a workspace or a named failure, never a crash; and every run it
// returns must be safe to read the way the run history and the reports read it.
#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"
#include "workspace/SqliteConnection.h"
#include "workspace/SqliteStatement.h"
#include "workspace/WorkspaceFile.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

const std::string& scratchPath() {
    // In memory where there is a tmpfs: a save syncs the file, and disks sync slowly.
    static const std::string path = [] {
        std::string dir = (::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp") +
                          std::string("/fuzz-workspace-XXXXXX");
        if (!::mkdtemp(dir.data()))
            std::abort();
        return dir + "/w.sbw";
    }();
    return path;
}

std::vector<std::string> split(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> parts(1);
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == 0 && parts.size() < 4)
            parts.emplace_back();
        else
            parts.back() += static_cast<char>(data[i]);
    }
    parts.resize(4);
    return parts;
}

void writeRows(const std::string& path, const std::vector<std::string>& parts) {
    const auto& catalog = sb::comp::ComponentRegistry::builtin();
    static const sb::design::Design small = [&] {
        auto loaded = sb::design::readDesign(
            R"({"format":"scaleboard-design","version":1,"nodes":[{"id":"users","kind":"clients"},
                {"id":"web","kind":"web_server"}],"links":[{"from":"users","to":"web"}]})",
            catalog);
        if (!loaded.ok())
            std::abort();
        return *loaded.design;
    }();
    sb::ws::RunRecord run;
    run.startedAt = "2026-12-01T00:00:00Z";
    if (!sb::ws::WorkspaceFile::save(path, small, {run}).empty())
        std::abort();
    sb::ws::SqliteConnection db(path, sb::ws::SqliteConnection::Mode::ReadWrite);
    if (!parts[0].empty())
        sb::ws::SqliteStatement(db, "UPDATE design SET json = ?, checksum = NULL")
            .bind(1, parts[0])
            .run();
    sb::ws::SqliteStatement(db, "UPDATE runs SET settings = ?, summary = ?, series_csv = ?, "
                                "checksum = NULL")
        .bind(1, parts[1])
        .bind(2, parts[2])
        .bind(3, parts[3])
        .run();
}

/// Reads a run as the run history dock and the reports do; throws if a type is wrong.
double readLikeTheWindow(const sb::ws::RunRecord& r) {
    using nlohmann::json;
    const auto& s = r.summary;
    double sum = s.value("/requests/total"_json_pointer, 0.0) +
                 s.value("/requests/failed"_json_pointer, 0.0) +
                 s.value("/latency_ms/p99"_json_pointer, 0.0) + s.value("throughput_rps", 0.0);
    sum += static_cast<double>(r.settings.value("seed", std::uint64_t{0})) +
           r.settings.value("duration_s", 0.0) + r.settings.value("warmup_s", 0.0);
    if (auto nodes = s.find("nodes"); nodes != s.end())
        for (const auto& [id, node] : nodes->items())
            sum += node.value("utilization", 0.0) + static_cast<double>(id.size());
    if (auto data = s.find("data"); data != s.end())
        for (const auto& [key, value] : data->items())
            sum += value.get<double>();
    if (auto events = s.find("events"); events != s.end())
        for (const auto& e : *events)
            sum += e.value("t_s", 0.0) + static_cast<double>(e.value("kind", std::string{}).size());
    return sum;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::string& path = scratchPath();
    ::unlink(path.c_str());
    if (data[0] % 2 == 0) {
        std::ofstream(path, std::ios::binary)
            .write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
    } else {
        writeRows(path, split(data + 1, size - 1));
    }
    const auto opened = sb::ws::WorkspaceFile::open(path, sb::comp::ComponentRegistry::builtin());
    if (!opened.ok()) {
        if (opened.error.empty()) {
            std::fprintf(stderr, "refused without a reason\n");
            std::abort();
        }
        return 0;
    }
    volatile double sink = 0;
    for (const auto& run : opened.workspace->runs)
        sink = sink + readLikeTheWindow(run);
    return 0;
}
