#pragma once

#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"
#include "review/ScalingPath.h"

#include <QtGlobal>

namespace sb::test {

/// The built-in component kinds.
inline const comp::ComponentRegistry& registry() {
    return comp::ComponentRegistry::builtin();
}

/// Step `n` of the scaling path's templates; aborts the test run when it does not load.
inline design::Design step(int n) {
    auto loaded = design::readDesign(review::ScalingPath::step(n)->json, registry());
    if (!loaded.ok())
        qFatal("step %d does not load", n);
    return *loaded.design;
}

/// The built-in template `id` (retry-storm, microservices, ...); aborts the test run when it
/// is missing or does not load.
inline design::Design builtinTemplate(const char* id) {
    const review::DesignTemplate* t = review::ScalingPath::find(id);
    auto loaded = t ? design::readDesign(t->json, registry()) : design::LoadResult{};
    if (!t || !loaded.ok())
        qFatal("template %s does not load", id);
    return *loaded.design;
}

} // namespace sb::test
