#pragma once

#include "workspace/ExperimentRecord.h"
#include "workspace/RunRecord.h"

#include <initializer_list>
#include <string>
#include <string_view>

namespace sb::ws {

/// A checksum of a row's stored texts (64-bit FNV-1a, 16 hex digits): a bit flipped in
/// any of them changes it, so a damaged row is found even where SQLite's own checks
/// pass.
std::string rowChecksum(std::initializer_list<std::string_view> texts);

/// Checks a run row's settings and summary against the shape the readers rely on (the
/// --json result's keys and types); returns what is wrong, or an empty string.
std::string checkRunShape(const RunRecord& run);

/// Checks an experiment row's plan and results against the shape the readers rely on
/// (the plan an object; the results an object whose `points` is a list of objects, each
/// with a `values` object); returns what is wrong, or an empty string.
std::string checkExperimentShape(const ExperimentRecord& experiment);

} // namespace sb::ws
