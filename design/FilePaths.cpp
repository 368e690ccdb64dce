#include "design/FilePaths.h"

#include <filesystem>

namespace sb::design {

void resolveFilePaths(Design& design, const DescriptorCatalog& catalog, const std::string& folder) {
    namespace fs = std::filesystem;
    for (Node& node : design.nodes) {
        const ComponentDescriptor* descriptor = catalog.find(node.kind);
        if (!descriptor)
            continue;
        for (const PropertySpec& spec : descriptor->properties) {
            if (!spec.filePath || !node.props.contains(spec.name) ||
                !node.props[spec.name].is_string())
                continue;
            const fs::path value = node.props[spec.name].get<std::string>();
            if (!value.empty() && value.is_relative())
                node.props[spec.name] = (fs::path(folder) / value).lexically_normal().string();
        }
    }
}

} // namespace sb::design
