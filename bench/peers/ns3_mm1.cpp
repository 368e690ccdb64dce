// M/M/1 at rho = 0.9 with ns-3's event scheduler only (Simulator::Schedule), for a
// like-for-like comparison with Scaleboard's kernel. Prints customers/s and the mean.
#include <ns3/core-module.h>

#include <chrono>
#include <cstdio>
#include <deque>

using namespace ns3;

namespace {
Ptr<ExponentialRandomVariable> arrivals, service;
std::deque<double> waiting; // arrival times of queued customers
bool busy = false;
double busyArrival = 0;
unsigned long long left = 1'000'000, done = 0;
double sum = 0;

void startService(double arrival) {
    busy = true;
    busyArrival = arrival;
    Simulator::Schedule(Seconds(service->GetValue()), [] {
        sum += Simulator::Now().GetSeconds() - busyArrival;
        ++done;
        busy = false;
        if (!waiting.empty()) {
            double next = waiting.front();
            waiting.pop_front();
            startService(next);
        }
    });
}

void arrive() {
    const double now = Simulator::Now().GetSeconds();
    if (busy)
        waiting.push_back(now);
    else
        startService(now);
    if (--left > 0)
        Simulator::Schedule(Seconds(arrivals->GetValue()), &arrive);
}
} // namespace

int main() {
    RngSeedManager::SetSeed(1);
    arrivals = CreateObject<ExponentialRandomVariable>();
    arrivals->SetAttribute("Mean", DoubleValue(0.001 / 0.9));
    service = CreateObject<ExponentialRandomVariable>();
    service->SetAttribute("Mean", DoubleValue(0.001));
    const auto start = std::chrono::steady_clock::now();
    Simulator::Schedule(Seconds(arrivals->GetValue()), &arrive);
    Simulator::Run();
    Simulator::Destroy();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("ns-3 M/M/1: %llu customers in %.3f s = %.0f customers/s, mean response %.3f ms "
                "(theory 10 ms)\n",
                done, wall, done / wall, 1e3 * sum / done);
}
