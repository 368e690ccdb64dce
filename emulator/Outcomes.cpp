#include "emulator/Outcomes.h"

#include <algorithm>
#include <stdexcept>

namespace sb::emu {

Outcomes::Outcomes()
    : m_reasons{"none", "overloaded", "timeout", "node_down", "partition", "dropped", "no_route"} {}

FailReason Outcomes::failReason(std::string_view name) {
    const auto it = std::find(m_reasons.begin(), m_reasons.end(), name);
    if (it != m_reasons.end())
        return static_cast<FailReason>(it - m_reasons.begin());
    if (m_reasons.size() >= static_cast<std::size_t>(kMaxFailReasons))
        throw std::length_error("too many failure reasons (at most " +
                                std::to_string(kMaxFailReasons) + "): cannot add '" +
                                std::string(name) + "'");
    m_reasons.emplace_back(name);
    return static_cast<FailReason>(m_reasons.size() - 1);
}

std::string_view Outcomes::name(FailReason reason) const {
    const auto code = static_cast<std::size_t>(reason);
    return code < m_reasons.size() ? std::string_view(m_reasons[code]) : std::string_view("?");
}

CounterId Outcomes::counter(std::string_view name, Column column) {
    const auto it = std::find_if(m_counters.begin(), m_counters.end(),
                                 [&](const Counter& c) { return c.name == name; });
    if (it != m_counters.end())
        return {static_cast<std::uint32_t>(it - m_counters.begin())};
    m_counters.push_back({std::string(name), column});
    m_values.push_back(0);
    return {static_cast<std::uint32_t>(m_counters.size() - 1)};
}

std::uint64_t Outcomes::value(std::string_view name) const {
    for (std::size_t i = 0; i < m_counters.size(); ++i)
        if (m_counters[i].name == name)
            return m_values[i];
    return 0;
}

} // namespace sb::emu
