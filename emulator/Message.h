#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace sb::emu {

/// A message one node sends another over a link that is not a request: it has no reply and
/// visits no station (a replication entry, an acknowledgement, a probe). The engine delivers
/// it after the link's latency (jitter and slowing included) unless the link drops it
/// (loss) or is cut when it is sent or when it would arrive, or the receiver is down then;
/// the sender is not told. The body is a small trivially copyable value whose type the
/// sender and the receiver agree on by `tag`.
struct Message {
    static constexpr std::size_t kBodyBytes = 48;

    std::uint32_t tag = 0;
    std::uint32_t link = 0; ///< the link it travels on
    std::uint32_t from = 0; ///< the sender's node index
    std::uint32_t to = 0;   ///< the receiver's node index
    alignas(8) std::array<std::byte, kBodyBytes> body{};

    template <typename T> static Message of(std::uint32_t tag, const T& value) {
        static_assert(std::is_trivially_copyable_v<T> && sizeof(T) <= kBodyBytes,
                      "a message body is a small trivially copyable value");
        Message m;
        m.tag = tag;
        std::memcpy(m.body.data(), &value, sizeof(T));
        return m;
    }
    template <typename T> T as() const {
        static_assert(std::is_trivially_copyable_v<T> && sizeof(T) <= kBodyBytes,
                      "a message body is a small trivially copyable value");
        T value;
        std::memcpy(&value, body.data(), sizeof(T));
        return value;
    }
};

} // namespace sb::emu
