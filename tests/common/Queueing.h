#pragma once

namespace sb::test {

/// Erlang C: the probability that a customer waits at c servers with offered load a
/// (arrival rate / service rate), a < c.
inline double erlangC(int c, double a) {
    double sum = 0, term = 1;
    for (int k = 0; k < c; ++k) {
        if (k > 0)
            term *= a / k;
        sum += term;
    }
    const double top = term * a / c * (c / (c - a)); // a^c/c! * c/(c-a)
    return top / (sum + top);
}

/// The mean time in system of an M/M/c queue: the wait Erlang C predicts plus the service.
inline double mmcResponseTime(int c, double lambda, double mu) {
    return erlangC(c, lambda / mu) / (c * mu - lambda) + 1.0 / mu;
}

} // namespace sb::test
