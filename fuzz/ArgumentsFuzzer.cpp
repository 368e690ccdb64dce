// libFuzzer target for scaleboard-cli's argument parser: any argument list must give a
// command to run, help, or a bad-input exit with a message, never a crash or undefined
// behaviour. The input is the arguments separated by NUL bytes; nothing is run.
#include "cli/CliApp.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> args{"scaleboard-cli"};
    std::string current;
    for (std::size_t i = 0; i < size && args.size() < 64; ++i) {
        if (data[i] == 0) {
            args.push_back(current);
            current.clear();
        } else {
            current += static_cast<char>(data[i]);
        }
    }
    if (!current.empty())
        args.push_back(current);
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const int code = sb::cli::checkArguments(static_cast<int>(args.size()), argv.data());
    if (code != -1 && code != 0 && code != 2) {
        std::fprintf(stderr, "unexpected exit code %d\n", code);
        std::abort();
    }
    return 0;
}
