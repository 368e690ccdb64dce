// libFuzzer target for the design reader: any bytes must give a design or problems, never a
// crash, a hang or undefined behaviour; and a design that loads must write out and read back
// as the same design.
#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& catalog = sb::comp::ComponentRegistry::builtin();
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    sb::design::LoadResult loaded = sb::design::readDesign(text, catalog);
    if (!loaded.ok() && loaded.problems.empty()) {
        std::fprintf(stderr, "rejected without a problem\n");
        std::abort();
    }
    sb::design::LoadResult draft = sb::design::readDraftDesign(text, catalog);
    if (loaded.ok() && !(draft.ok() && *draft.design == *loaded.design)) {
        std::fprintf(stderr, "a valid design reads differently as a draft\n");
        std::abort();
    }
    if (!draft.ok())
        return 0;
    const std::string written = sb::design::writeDesign(*draft.design);
    sb::design::LoadResult again = sb::design::readDraftDesign(written, catalog);
    if (!again.ok() || !(*again.design == *draft.design)) {
        std::fprintf(stderr, "the design does not survive write and read:\n%s\n%s", written.c_str(),
                     sb::design::formatProblems(again.problems).c_str());
        std::abort();
    }
    return 0;
}
