#include "components/common/HttpRequestMapping.h"

#include <array>

namespace sb::comp {

namespace {

constexpr std::array<std::string_view, 12> kAssetExtensions = {".css",  ".js",    ".png",  ".jpg",
                                                               ".jpeg", ".gif",   ".svg",  ".ico",
                                                               ".woff", ".woff2", ".webp", ".map"};

std::string_view withoutQuery(std::string_view path) {
    const std::size_t q = path.find_first_of("?#");
    return q == std::string_view::npos ? path : path.substr(0, q);
}

bool isAsset(std::string_view path) {
    if (path.starts_with("/static/") || path.starts_with("/assets/"))
        return true;
    const std::size_t slash = path.rfind('/');
    const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
    for (std::string_view ext : kAssetExtensions)
        if (file.size() > ext.size() && file.ends_with(ext))
            return true;
    return false;
}

} // namespace

std::optional<emu::RequestClass> requestClassOf(std::string_view method, std::string_view path) {
    path = withoutQuery(path);
    if (method == "GET" || method == "HEAD")
        return isAsset(path) ? emu::RequestClass::Static : emu::RequestClass::Read;
    if (method == "OPTIONS")
        return emu::RequestClass::Read;
    if (method == "POST" && (path == "/jobs" || path.starts_with("/jobs/")))
        return emu::RequestClass::Async;
    if (method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE")
        return emu::RequestClass::Write;
    return std::nullopt;
}

std::uint64_t stableHash(std::string_view text) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::uint32_t keyOfPath(std::string_view path, std::uint64_t keys) {
    path = withoutQuery(path);
    while (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    const std::size_t slash = path.rfind('/');
    const std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
    std::uint64_t n = 0;
    bool numeric = !last.empty() && last.size() <= 18;
    for (char c : last) {
        if (c < '0' || c > '9') {
            numeric = false;
            break;
        }
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (keys == 0)
        return 0;
    if (numeric && n >= 1)
        return static_cast<std::uint32_t>((n - 1) % keys);
    return static_cast<std::uint32_t>(stableHash(path) % keys);
}

} // namespace sb::comp
