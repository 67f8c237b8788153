// Process-wide counters of the store, read by /metrics. Plain relaxed atomics: the writer thread
// and readers bump them without a lock, and a scrape reads them without stopping anyone.
// Thread-safety: every member is an atomic.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace zx {

struct StoreStats {
  std::atomic<int64_t> queue_depth{0};          // write jobs waiting for the writer thread
  std::atomic<uint64_t> batches{0};             // write batches run (one transaction each)
  std::atomic<uint64_t> batch_jobs{0};          // write jobs in those batches
  std::atomic<uint64_t> batch_nanos{0};         // time spent running batches, commit included
  std::atomic<uint64_t> max_batch{0};           // the largest batch seen
  std::atomic<uint64_t> reads{0};               // read transactions
  std::atomic<uint64_t> read_nanos{0};          // time spent in them (waiting for a connection included)
};

StoreStats& GlobalStoreStats();

inline uint64_t NanosSince(std::chrono::steady_clock::time_point start) {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count());
}

// Counts one read transaction on leaving scope.
class ReadTimer {
 public:
  ReadTimer() : start_(std::chrono::steady_clock::now()) {}
  ~ReadTimer() {
    auto& s = GlobalStoreStats();
    s.reads.fetch_add(1, std::memory_order_relaxed);
    s.read_nanos.fetch_add(NanosSince(start_), std::memory_order_relaxed);
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace zx
