#pragma once

#include <string>

namespace sb::emu {
class ZipfSampler;
}

namespace sb::comp::contract {

/// Users that send requests: where they are (for a geo DNS) and which keys they ask for
/// (an origin publishing new versions follows the same popularity).
class IUserPopulation {
public:
    virtual ~IUserPopulation() = default;
    /// The users' region, "" when none is set.
    virtual const std::string& region() const = 0;
    virtual const emu::ZipfSampler& keys() const = 0;
};

} // namespace sb::comp::contract
