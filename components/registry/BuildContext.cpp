#include "components/registry/BuildContext.h"

namespace sb::comp {

std::string BuildContext::region() const {
    if (node.dc.empty())
        return {};
    const design::DataCentre* dc = design.dataCentre(design::DataCentreId{node.dc});
    return dc ? dc->region : std::string{};
}

} // namespace sb::comp
