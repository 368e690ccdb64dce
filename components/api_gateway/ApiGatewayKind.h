#pragma once

#include "components/registry/ComponentRegistry.h"

namespace sb::comp {
ComponentKind apiGatewayKind();
}
