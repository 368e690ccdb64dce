#include "components/registry/ComponentRegistry.h"

#include "components/api_gateway/ApiGatewayKind.h"
#include "components/cache/CacheKind.h"
#include "components/cdn/CdnKind.h"
#include "components/clients/ClientsKind.h"
#include "components/db_primary/DbPrimaryKind.h"
#include "components/db_replica/DbReplicaKind.h"
#include "components/dns/DnsKind.h"
#include "components/kv_store/KvStoreKind.h"
#include "components/load_balancer/LoadBalancerKind.h"
#include "components/monitor/MonitorKind.h"
#include "components/object_store/ObjectStoreKind.h"
#include "components/queue/QueueKind.h"
#include "components/rate_limiter/RateLimiterKind.h"
#include "components/service/ServiceKind.h"
#include "components/session_store/SessionStoreKind.h"
#include "components/shard_router/ShardRouterKind.h"
#include "components/web_server/WebServerKind.h"
#include "components/worker/WorkerKind.h"

namespace sb::comp {

const ComponentRegistry& ComponentRegistry::builtin() {
    static const ComponentRegistry registry = [] {
        ComponentRegistry r;
        r.add(clientsKind());
        r.add(webServerKind());
        r.add(dnsKind());
        r.add(loadBalancerKind());
        r.add(sessionStoreKind());
        r.add(cacheKind());
        r.add(cdnKind());
        r.add(objectStoreKind());
        r.add(dbPrimaryKind());
        r.add(dbReplicaKind());
        r.add(shardRouterKind());
        r.add(queueKind());
        r.add(workerKind());
        r.add(monitorKind());
        r.add(rateLimiterKind());
        r.add(kvStoreKind());
        r.add(serviceKind());
        r.add(apiGatewayKind());
        return r;
    }();
    return registry;
}

void ComponentRegistry::add(ComponentKind kind) {
    m_kinds.push_back(std::move(kind));
}

const ComponentKind* ComponentRegistry::kind(std::string_view name) const {
    for (const auto& k : m_kinds)
        if (k.descriptor.kind == name)
            return &k;
    return nullptr;
}

const design::ComponentDescriptor* ComponentRegistry::find(std::string_view name) const {
    const ComponentKind* k = kind(name);
    return k ? &k->descriptor : nullptr;
}

std::vector<const design::ComponentDescriptor*> ComponentRegistry::all() const {
    std::vector<const design::ComponentDescriptor*> out;
    for (const auto& k : m_kinds)
        out.push_back(&k.descriptor);
    return out;
}

} // namespace sb::comp
