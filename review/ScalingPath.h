#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sb::review {

/// A built-in design template. Templates named "stepNN-..." are the steps of the scaling
/// path, from one server (1) to several data centres (11).
struct DesignTemplate {
    int step = 0;          ///< 1-11 for the scaling path, 0 for other templates
    std::string name;      ///< file name without ".json" ("step03-load-balancer")
    std::string title;     ///< the design's name ("Step 3: a load balancer")
    std::string summary;   ///< the first sentence of its description
    std::string_view json; ///< the design file's text
};

/// The scaling path's templates, embedded in the binary at build time.
class ScalingPath {
public:
    /// Every built-in template, sorted by name.
    static const std::vector<DesignTemplate>& templates();
    /// A template by name, with or without ".json"; null when there is none.
    static const DesignTemplate* find(std::string_view name);
    /// The template of a step (1-11); null when the path has no such step.
    static const DesignTemplate* step(int number);
};

} // namespace sb::review
