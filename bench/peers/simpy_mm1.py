#!/usr/bin/python3
"""M/M/1 at rho = 0.9 in SimPy (Debian's python3-simpy, SimPy 2 API), the same model as
bench_engine's mm1 and bench_ns3_mm1. Prints customers/s and the mean response time."""
import random
import sys
import time

from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, request, release, simulate

CUSTOMERS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
SERVICE = 0.001
ARRIVAL = SERVICE / 0.9
total = [0.0, 0]


class Customer(Process):
    def visit(self, server):
        arrived = now()
        yield request, self, server
        yield hold, self, random.expovariate(1 / SERVICE)
        yield release, self, server
        total[0] += now() - arrived
        total[1] += 1


class Source(Process):
    def generate(self, server):
        for _ in range(CUSTOMERS):
            c = Customer()
            activate(c, c.visit(server))
            yield hold, self, random.expovariate(1 / ARRIVAL)


random.seed(1)
initialize()
server = Resource(1)
source = Source()
activate(source, source.generate(server))
start = time.perf_counter()
simulate(until=1e9)
wall = time.perf_counter() - start
print(f"SimPy M/M/1: {total[1]} customers in {wall:.3f} s = {total[1] / wall:.0f} customers/s, "
      f"mean response {1e3 * total[0] / total[1]:.3f} ms (theory 10 ms)")
