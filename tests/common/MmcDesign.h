#pragma once

#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"

#include <QtGlobal>
#include <string>

namespace sb::test {

/// Clients at `rate` req/s (reads only) into one web server: `workers` servers with 100 ms
/// exponential service and no other work, over a link without latency. An M/M/c station
/// drawn as a user would draw it.
inline design::Design mmcDesign(double rate, int workers) {
    const std::string text = R"({"format":"scaleboard-design","version":1,"name":"M/M/c",
      "nodes":[{"id":"users","kind":"clients","props":{"rate_rps":)" +
                             std::to_string(rate) + R"(,"timeout_ms":600000,
                 "mix":{"read":1,"write":0,"static":0,"async":0,"join":0}}},
               {"id":"web","kind":"web_server","props":{"workers":)" +
                             std::to_string(workers) + R"(,"service_ms":100,
                 "embedded_db_ms":0,"queue_limit":1000000,"timeout_ms":600000}}],
      "links":[{"from":"users","to":"web","props":{"latency_ms":0}}]})";
    auto loaded = design::readDesign(text, comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        qFatal("%s", design::formatProblems(loaded.problems).c_str());
    return *loaded.design;
}

} // namespace sb::test
