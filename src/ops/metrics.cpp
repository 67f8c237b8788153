#include "ops/metrics.h"

#include <fmt/format.h>

#include <chrono>

#include "http/router.h"
#include "store/store_stats.h"

namespace zx {

namespace {

const std::array<std::string_view, 7> kOtherMethods = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OTHER"};

const auto g_start_system = std::chrono::system_clock::now();
const auto g_start_steady = std::chrono::steady_clock::now();

// Label values are route patterns and methods, but escape anyway: the format demands it.
std::string Label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

double Seconds(uint64_t nanos) { return static_cast<double>(nanos) / 1e9; }

}  // namespace

ServerGauges& GlobalServerGauges() {
  static ServerGauges gauges;
  return gauges;
}

double ProcessStartSeconds() {
  return std::chrono::duration<double>(g_start_system.time_since_epoch()).count();
}

struct HttpMetrics::Slot {
  std::string method;
  std::string route;
  std::array<std::atomic<uint64_t>, 5> by_class{};                      // 1xx … 5xx
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};   // not cumulative; last is +Inf
  std::atomic<uint64_t> micros{0};
};

HttpMetrics::HttpMetrics(const std::vector<Route>& routes) : route_count_(routes.size()) {
  for (const Route& r : routes) {
    slots_.push_back(std::make_unique<Slot>());
    slots_.back()->method = r.method;
    slots_.back()->route = r.pattern;
  }
  for (auto m : kOtherMethods) {
    slots_.push_back(std::make_unique<Slot>());
    slots_.back()->method = std::string(m);
    slots_.back()->route = "(no route)";
  }
}

HttpMetrics::~HttpMetrics() = default;

void HttpMetrics::Observe(int route_index, std::string_view method, int status, double seconds) {
  size_t index;
  if (route_index >= 0 && static_cast<size_t>(route_index) < route_count_) {
    index = static_cast<size_t>(route_index);
  } else {
    size_t m = kOtherMethods.size() - 1;
    for (size_t i = 0; i < kOtherMethods.size() - 1; ++i)
      if (kOtherMethods[i] == method) m = i;
    index = route_count_ + m;
  }
  Slot& s = *slots_[index];
  int cls = status / 100;
  if (cls < 1 || cls > 5) cls = 5;
  s.by_class[cls - 1].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string HttpMetrics::Render() const {
  std::string out;
  out.reserve(16384);
  auto append = [&out](std::string_view s) { out.append(s); };

  append("# HELP zhenxing_http_requests_total HTTP requests answered, by method, route pattern and status class.\n");
  append("# TYPE zhenxing_http_requests_total counter\n");
  for (const auto& s : slots_) {
    for (size_t c = 0; c < s->by_class.size(); ++c) {
      uint64_t n = s->by_class[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += fmt::format("zhenxing_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}xx\"}} {}\n",
                         Label(s->method), Label(s->route), c + 1, n);
    }
  }

  append("# HELP zhenxing_http_request_duration_seconds Time from a request's last byte read to its answer, by route.\n");
  append("# TYPE zhenxing_http_request_duration_seconds histogram\n");
  for (const auto& s : slots_) {
    uint64_t total = 0;
    std::array<uint64_t, kBuckets.size() + 1> counts{};
    for (size_t b = 0; b < counts.size(); ++b) total += counts[b] = s->buckets[b].load(std::memory_order_relaxed);
    if (total == 0) continue;
    std::string labels = fmt::format("method=\"{}\",route=\"{}\"", Label(s->method), Label(s->route));
    uint64_t running = 0;
    for (size_t b = 0; b < kBuckets.size(); ++b) {
      running += counts[b];
      out += fmt::format("zhenxing_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, kBuckets[b], running);
    }
    out += fmt::format("zhenxing_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, total);
    out += fmt::format("zhenxing_http_request_duration_seconds_sum{{{}}} {:.6f}\n", labels,
                       static_cast<double>(s->micros.load(std::memory_order_relaxed)) / 1e6);
    out += fmt::format("zhenxing_http_request_duration_seconds_count{{{}}} {}\n", labels, total);
  }

  auto gauge = [&out](std::string_view name, std::string_view type, std::string_view help, auto value) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
  };
  const ServerGauges& g = GlobalServerGauges();
  gauge("zhenxing_http_open_connections", "gauge", "Client connections open now.",
        g.open_connections.load(std::memory_order_relaxed));
  gauge("zhenxing_http_requests_in_flight", "gauge", "Requests read and not yet answered.",
        g.in_flight.load(std::memory_order_relaxed));

  const StoreStats& st = GlobalStoreStats();
  gauge("zhenxing_db_write_queue_depth", "gauge", "Write jobs waiting for the writer thread.",
        st.queue_depth.load(std::memory_order_relaxed));
  gauge("zhenxing_db_write_batches_total", "counter", "Write batches run, one transaction each.",
        st.batches.load(std::memory_order_relaxed));
  gauge("zhenxing_db_write_batch_jobs_total", "counter", "Write jobs run in those batches (jobs / batches = mean batch size).",
        st.batch_jobs.load(std::memory_order_relaxed));
  gauge("zhenxing_db_write_batch_max_jobs", "gauge", "The largest write batch since the start.",
        st.max_batch.load(std::memory_order_relaxed));
  gauge("zhenxing_db_write_batch_seconds_total", "counter", "Time spent running write batches, commit included.",
        fmt::format("{:.6f}", Seconds(st.batch_nanos.load(std::memory_order_relaxed))));
  gauge("zhenxing_db_reads_total", "counter", "Read transactions.", st.reads.load(std::memory_order_relaxed));
  gauge("zhenxing_db_read_seconds_total", "counter", "Time spent in read transactions, waiting for a connection included.",
        fmt::format("{:.6f}", Seconds(st.read_nanos.load(std::memory_order_relaxed))));

  double uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - g_start_steady).count();
  gauge("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.",
        fmt::format("{:.3f}", ProcessStartSeconds()));
  gauge("zhenxing_uptime_seconds", "gauge", "Seconds since the process started.", fmt::format("{:.3f}", uptime));
  return out;
}

bool IsLoopbackAddress(std::string_view a) {
  if (a == "::1") return true;
  if (a.rfind("::ffff:", 0) == 0) a.remove_prefix(7);  // IPv4-mapped
  return a.rfind("127.", 0) == 0;
}

bool MetricsOpenTo(std::string_view remote_address, bool forwarded) {
  return !forwarded && IsLoopbackAddress(remote_address);
}

}  // namespace zx
