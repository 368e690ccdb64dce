#pragma once

#include "components/contract/IHealthReporter.h"
#include "emulator/Message.h"
#include "emulator/Node.h"

#include <cstdint>

namespace sb::comp::contract {

/// Health checks travel on the links: a checker (a balancer, a DNS) sends a probe over the
/// link to each node it checks, and the checked node answers over the same link, at once
/// (a probe waits for no worker), with whether it can serve. The engine drops a message on
/// a cut or partitioned link, to a lossy link's loss, or to a node that is down, and a
/// slowed link delays it: so each of these fails the check as a dead target does, when the
/// answer is not back within the checker's timeout. Every kind a balancer or a DNS may link
/// to answers probes (healthAnswer).
enum HealthProbeTag : std::uint32_t {
    kHealthProbe = 0x4801, ///< checker -> checked: are you healthy? (round)
    kHealthAnswer,         ///< checked -> checker: the answer (round, healthy)
};

struct HealthProbe {
    std::uint32_t round = 0; ///< the checker's check the probe belongs to
    std::uint32_t healthy = 1;
};

/// `self`'s answer to `probe`: the probe's round, and healthy unless `self` reports
/// otherwise (IHealthReporter: a balancer with no healthy server behind it).
inline HealthProbe healthAnswer(const emu::Message& probe, const emu::Node& self) {
    HealthProbe answer = probe.as<HealthProbe>();
    const auto* reporter = dynamic_cast<const IHealthReporter*>(&self);
    answer.healthy = !reporter || reporter->reportsHealthy() ? 1 : 0;
    return answer;
}

} // namespace sb::comp::contract
