#pragma once

// Running a program the way a user runs it, as a benchmark's child process, and timing it.

#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace sbbench {

/// How a child process ran: its wall time, the CPU time its threads used, its exit code.
struct ChildRun {
    double wallSeconds = 0;
    double cpuSeconds = 0;
    int exitCode = -1;
};

/// Runs `args` (the program's path first) to its end with its standard output sent to
/// `out`; throws when it could not be started or did not exit by itself.
inline ChildRun runChild(std::vector<std::string> args, const std::string& out = "/dev/null") {
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = fork();
    if (child == 0) {
        const int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
            _exit(126);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (child < 0 || wait4(child, &status, 0, &usage) != child || !WIFEXITED(status))
        throw std::runtime_error(args[0] + " did not run to its end");
    ChildRun r;
    r.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.cpuSeconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                   static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    r.exitCode = WEXITSTATUS(status);
    return r;
}

/// The one-minute load average, to print beside a timing ("unknown" when unreadable).
inline std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string one;
    in >> one;
    return one.empty() ? "unknown" : one;
}

} // namespace sbbench
