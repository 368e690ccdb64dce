#include "emulator/ServiceTime.h"

namespace sb::emu {

ServiceTime::Shape ServiceTime::parseShape(std::string_view name) {
    if (name == "constant")
        return Shape::Constant;
    if (name == "lognormal")
        return Shape::Lognormal;
    if (name == "uniform")
        return Shape::Uniform;
    return Shape::Exponential;
}

Time ServiceTime::sample(RandomStream& rng) const {
    const double mean = static_cast<double>(m_mean);
    switch (m_shape) {
    case Shape::Constant:
        return m_mean;
    case Shape::Exponential:
        return static_cast<Time>(rng.exponential(mean));
    case Shape::Lognormal:
        return static_cast<Time>(rng.lognormal(mean, 1.0));
    case Shape::Uniform:
        return static_cast<Time>(rng.uniform(0.0, 2.0 * mean));
    }
    return m_mean;
}

} // namespace sb::emu
