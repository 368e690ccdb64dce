#include "design/AtomicFile.h"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sb::design {

namespace {

std::string reasonFor(int error) {
    if (error == ENOSPC)
        return std::string(std::strerror(error)) + " (the disk is full)";
    return std::strerror(error);
}

/// Writes all of `contents` to an open descriptor; returns 0 or the errno of the failure.
int writeAll(int fd, std::string_view contents) {
    const char* data = contents.data();
    std::size_t left = contents.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    return 0;
}

struct Place {
    std::string directory; ///< where the temporary file goes
    std::string name;      ///< the target's file name
};

Place placeOf(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return {".", path};
    return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

/// The temporary files of `name` are ".NAME.tmp-PID-XXXXXX"; this returns the prefix.
std::string tempPrefix(const std::string& name) {
    return "." + name + ".tmp-";
}

/// Removes temporary files that a killed writer of `name` left in `directory`: those
/// whose process no longer runs. Files of writers still running are left alone.
void removeStaleTemporaries(const Place& place) {
    DIR* dir = ::opendir(place.directory.c_str());
    if (!dir)
        return;
    const std::string prefix = tempPrefix(place.name);
    while (const dirent* entry = ::readdir(dir)) {
        const std::string file = entry->d_name;
        if (file.compare(0, prefix.size(), prefix) != 0)
            continue;
        const long pid = std::strtol(file.c_str() + prefix.size(), nullptr, 10);
        if (pid <= 0 || pid == ::getpid() || (::kill(static_cast<pid_t>(pid), 0) == 0) ||
            errno != ESRCH)
            continue;
        ::unlink((place.directory + "/" + file).c_str());
    }
    ::closedir(dir);
}

/// Writes straight into an existing special file (a terminal, a pipe, /dev/null): such a
/// file cannot be replaced by renaming, and must not be.
std::string writeDirectly(const std::string& path, std::string_view contents) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return "cannot write " + path + ": " + reasonFor(errno);
    const int error = writeAll(fd, contents);
    ::close(fd);
    return error ? "cannot write " + path + ": " + reasonFor(error) : std::string{};
}

} // namespace

std::string writeFileAtomically(const std::string& requested, std::string_view contents) {
    if (requested == "-") {
        std::fflush(stdout);
        const int error = writeAll(STDOUT_FILENO, contents);
        return error ? "cannot write to standard output: " + reasonFor(error) : std::string{};
    }
    std::string path = requested;
    mode_t mode = 0644;
    struct stat info {};
    if (::stat(requested.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode))
            return "cannot write " + requested + ": it is a folder";
        if (!S_ISREG(info.st_mode))
            return writeDirectly(requested, contents);
        // A link to a file: replace the file it points to and keep the link.
        char resolved[PATH_MAX];
        if (::realpath(requested.c_str(), resolved))
            path = resolved;
        mode = info.st_mode & 07777;
    }
    const Place place = placeOf(path);
    removeStaleTemporaries(place);
    std::string temp =
        place.directory + "/" + tempPrefix(place.name) + std::to_string(::getpid()) + "-XXXXXX";
    const int fd = ::mkstemp(temp.data());
    if (fd < 0)
        return "cannot create a temporary file beside " + requested + ": " + reasonFor(errno);
    int error = writeAll(fd, contents);
    if (!error && ::fchmod(fd, mode) != 0)
        error = errno;
    if (!error && ::fsync(fd) != 0)
        error = errno;
    if (::close(fd) != 0 && !error)
        error = errno;
    if (!error && std::rename(temp.c_str(), path.c_str()) != 0)
        error = errno;
    if (error) {
        ::unlink(temp.c_str());
        return "cannot write " + requested + ": " + reasonFor(error);
    }
    return {};
}

bool readWholeFile(const std::string& path, std::string& contents, std::string& error,
                   std::size_t maxBytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open " + path + ": " + std::strerror(errno);
        return false;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        error = "cannot open " + path + ": " +
                (S_ISDIR(info.st_mode) ? "it is a folder, not a file" : "it is not a file");
        ::close(fd);
        return false;
    }
    if (static_cast<std::size_t>(info.st_size) > maxBytes) {
        error = "cannot open " + path + ": it holds " + std::to_string(info.st_size) +
                " bytes, more than the " + std::to_string(maxBytes) + " this reads";
        ::close(fd);
        return false;
    }
    contents.clear();
    contents.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error = "cannot read " + path + ": " + std::strerror(errno);
            ::close(fd);
            return false;
        }
        if (n == 0)
            break;
        if (contents.size() + static_cast<std::size_t>(n) > maxBytes) {
            error = "cannot open " + path + ": it holds more than the " + std::to_string(maxBytes) +
                    " bytes this reads";
            ::close(fd);
            return false;
        }
        contents.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return true;
}

} // namespace sb::design
