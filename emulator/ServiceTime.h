#pragma once

#include "emulator/RandomStream.h"
#include "emulator/Time.h"

#include <string_view>

namespace sb::emu {

/// The purpose of the random stream a node draws its service times from
/// (Simulation::stream): one name for every station, so seeded runs keep their numbers.
inline constexpr std::string_view kServiceTimeStream = "service";

/// A service-time distribution with a mean: exponential, constant, lognormal (cv 1) or
/// uniform on [0, 2 x mean].
class ServiceTime {
public:
    enum class Shape { Exponential, Constant, Lognormal, Uniform };

    ServiceTime() = default;
    ServiceTime(Shape shape, Time mean)
        : m_shape(shape)
        , m_mean(mean) {}
    /// Parses "exponential", "constant", "lognormal", "uniform"; unknown names are exponential.
    static Shape parseShape(std::string_view name);

    Time sample(RandomStream& rng) const;
    Time mean() const { return m_mean; }
    Shape shape() const { return m_shape; }

private:
    Shape m_shape = Shape::Exponential;
    Time m_mean = 0;
};

} // namespace sb::emu
