#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sb::practice {

/// The {placeholders} a lesson's debrief may use that a run fills in (docs/lessons.md):
/// p99_ms, error_rate, requests, failed, lost_writes, stale_reads, offered_rps, fault,
/// fault_at_s, fault_end_s, hit, first_moment; besides, {goal.ID} for each goal.
const std::vector<std::string>& runPlaceholders();
/// The same, comma-separated, for messages.
std::string joinedRunPlaceholders();
/// The names between braces in `text`, in order ("{p99_ms} ms" -> p99_ms).
std::vector<std::string> placeholdersOf(std::string_view text);
/// `text` with each {name} replaced by its value; a name without one is left as it is.
std::string fillTemplate(std::string_view text, const std::map<std::string, std::string>& values);

} // namespace sb::practice
