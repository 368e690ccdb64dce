#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "review/Finding.h"

namespace sb::review {

/// Reviews a design against the scaling path's principles: no single point of failure
/// (graph analysis), the database on its own servers, a stateless web tier, a cache, static
/// content on a CDN, heavy work behind a replicated queue, shards when the offered writes
/// outgrow one primary, monitoring, and more than one data centre behind geoDNS. Each
/// finding names its node and the step whose template shows the fix.
Findings reviewDesign(const design::Design& design, const design::DescriptorCatalog& catalog);

} // namespace sb::review
