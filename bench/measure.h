// SPDX-License-Identifier: GPL-3.0-or-later
// What the benchmarks measure besides their own answers: elapsed time, this process's CPU time
// (all threads; on a shared machine wall time says as much about the neighbours) and peak RSS.
#pragma once

#include <vector>

class QElapsedTimer;

namespace kstudio::bench {

double secondsSince(const QElapsedTimer &timer);
double millisecondsSince(const QElapsedTimer &timer);
double cpuSeconds();  // user + system time of every thread of this process so far
long peakRssMiB();    // the process's peak resident set size
double median(std::vector<double> values); // the middle value (upper middle); 0 for none

} // namespace kstudio::bench
