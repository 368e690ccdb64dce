#pragma once

#include <string_view>

/// The roles a component kind may have: what it *is*, for every part of the product that
/// treats kinds alike (links, validation, the live views, the review, exports, chaos).
/// A kind names its roles in its descriptor; a new kind takes existing roles, or brings a
/// new one of its own, without anything outside its folder naming the kind.
namespace sb::design::roles {

inline constexpr std::string_view kTrafficSource = "traffic_source"; ///< where requests enter
inline constexpr std::string_view kResolver = "resolver";            ///< names to addresses
inline constexpr std::string_view kBalancer = "balancer";            ///< spreads over servers
inline constexpr std::string_view kEdgeCache = "edge_cache";         ///< static files near users
inline constexpr std::string_view kServer = "server";                ///< runs the application
inline constexpr std::string_view kCache = "cache";                  ///< an in-memory read cache
inline constexpr std::string_view kSessionStore = "session_store";   ///< holds user sessions
inline constexpr std::string_view kStaticOrigin = "static_origin";   ///< stores static files
inline constexpr std::string_view kWriter = "writer";                ///< takes writes (a primary)
inline constexpr std::string_view kReplica = "replica";              ///< a read copy of a writer
inline constexpr std::string_view kDataRouter = "data_router";       ///< routes keys to shards
inline constexpr std::string_view kQueue = "queue";                  ///< holds work for later
inline constexpr std::string_view kConsumer = "consumer";            ///< takes work off a queue
inline constexpr std::string_view kMonitor = "monitor";              ///< watches, serves nothing

} // namespace sb::design::roles
