// Counters for /metrics in the Prometheus text format: requests by method, route pattern and
// status class, a latency histogram per route, the store's writer and reader counters, open
// connections, and the process's start time. One fixed slot per route (and per method for
// requests matching no route), made before serving, so counting is a few relaxed atomic adds
// and never takes a lock.
// Thread-safety: Observe and Render from any thread once constructed.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zx {

struct Route;

// Connections and requests the HTTP server holds right now (the server bumps these).
struct ServerGauges {
  std::atomic<int64_t> open_connections{0};
  std::atomic<int64_t> in_flight{0};
};
ServerGauges& GlobalServerGauges();

class HttpMetrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 6> kBuckets = {0.005, 0.025, 0.1, 0.5, 2.5, 10};

  explicit HttpMetrics(const std::vector<Route>& routes);
  ~HttpMetrics();

  // route_index: the router's index of the matched route, or -1 (then the method picks a slot).
  void Observe(int route_index, std::string_view method, int status, double seconds);
  std::string Render() const;

 private:
  struct Slot;
  std::vector<std::unique_ptr<Slot>> slots_;
  size_t route_count_ = 0;
};

// The /metrics access rule: Prometheus scrapes without a session, so a caller on the loopback
// interface may read the metrics, unless a reverse proxy on the same host forwarded the request
// (it then carries a forwarding header, and the real caller is elsewhere). Everyone else needs a
// session with metrics.read.
bool IsLoopbackAddress(std::string_view address);
bool MetricsOpenTo(std::string_view remote_address, bool forwarded);

// Seconds since the Unix epoch when this process started (first use of the metrics).
double ProcessStartSeconds();

}  // namespace zx
