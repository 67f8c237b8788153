// Rollup latency against plain SQL over the same records, on any installation:
//   build/rollup_bench DB_URL [queries=2000] [seed=1] [sql_queries=queries]
// Builds the rollups from the records (start-up time and memory), then answers `queries` random
// element × region × period questions twice — from the rollups and by plain SQL with the indexes
// the schema has — checks every answer is the same, and prints p50/p99/max of both and the ratio.
// Ends with freshness: rows written through the database reach the rollups' refresher-driven view.
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "analytics/rollups.h"
#include "app/app.h"
#include "core/region_code.h"

namespace {

using Clock = std::chrono::steady_clock;
using zx::Period;
using zx::PeriodKind;

struct Check {
  const char* element;
  const char* sql;  // binds: subtree low, high, first day, last day
};

// The same questions as tests/analytics/rollups_test.cpp, from the definitions.
const Check kChecks[] = {
    {"visits.count", "SELECT COUNT(*) FROM visits WHERE village_code BETWEEN ? AND ? AND day BETWEEN ? AND ?"},
    {"visits.satisfied", "SELECT COUNT(*) FROM visits WHERE village_code BETWEEN ? AND ? AND day BETWEEN ? AND ? AND "
                         "satisfaction = 'satisfied'"},
    {"checkins.count", "SELECT COUNT(*) FROM checkins WHERE village_code BETWEEN ? AND ? AND day BETWEEN ? AND ?"},
    {"checkins.within", "SELECT COUNT(*) FROM checkins WHERE village_code BETWEEN ? AND ? AND day BETWEEN ? AND ? AND within = 1"},
    {"households.total", "SELECT COUNT(*) FROM households WHERE village_code BETWEEN ? AND ? AND active = 1 AND ? <= ?"},
    {"households.monitored", "SELECT COUNT(*) FROM households WHERE village_code BETWEEN ? AND ? AND active = 1 AND "
                             "status = 'monitored' AND ? <= ?"},
    {"dispatch.in_post", "SELECT COUNT(*) FROM dispatches WHERE village_code BETWEEN ? AND ? AND status = 'in_post' AND ? <= ?"},
    {"income.total", "SELECT COALESCE(SUM(amount_yuan), 0) FROM collective_income WHERE village_code BETWEEN ? AND ? AND "
                     "CAST(year AS TEXT) || '-01-01' BETWEEN ? AND ?"},
    {"party_orgs.weak", "SELECT COUNT(*) FROM party_org_ratings WHERE village_code BETWEEN ? AND ? AND "
                        "rating IN ('backward', 'weak') AND CAST(year AS TEXT) || '-01-01' BETWEEN ? AND ?"},
};

double Rss() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

double Pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: rollup_bench DB_URL [queries=2000] [seed=1]\n");
    return 2;
  }
  std::string url = argv[1];
  int queries = argc > 2 ? std::atoi(argv[2]) : 2000;
  std::mt19937_64 rng(argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1);
  // At national scale one SQL answer for the country scans a hundred million rows: the first
  // `sql_queries` questions are also asked of SQL and compared, the rest time the rollups only.
  int sql_queries = argc > 4 ? std::atoi(argv[4]) : queries;
  utsname u{};
  uname(&u);
  std::printf("machine: %s %s, %ld cores\n", u.machine, u.release, sysconf(_SC_NPROCESSORS_ONLN));
  auto db = zx::OpenAppDatabase(url, 4);
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", db.status().ToString().c_str());
    return 1;
  }
  // Regions by level, so random questions cover village to country evenly by level.
  std::vector<std::vector<std::string>> by_level(6);
  int64_t visits = 0, checkins = 0, households = 0;
  (void)(*db)->Read([&](zx::Connection& c) -> zx::Status {
    ZX_ASSIGN_OR_RETURN(zx::Stmt st, c.Prepare("SELECT code, level FROM regions"));
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      by_level[static_cast<size_t>(st->Int(1))].push_back(st->Text(0));
    }
    visits = *zx::QueryInt(c, "SELECT COUNT(*) FROM visits");
    checkins = *zx::QueryInt(c, "SELECT COUNT(*) FROM checkins");
    households = *zx::QueryInt(c, "SELECT COUNT(*) FROM households");
    return zx::Status::Ok();
  });
  std::printf("data: %zu villages, %lld households, %lld visits, %lld check-ins\n", by_level[5].size(),
              static_cast<long long>(households), static_cast<long long>(visits), static_cast<long long>(checkins));
  // Only the regions that have records below them (plus the country) are asked about: the tree
  // of the whole country is loaded, a county's data sit in one branch.
  std::vector<std::string> with_data;
  (void)(*db)->Read([&](zx::Connection& c) -> zx::Status {
    ZX_ASSIGN_OR_RETURN(zx::Stmt st, c.Prepare("SELECT DISTINCT village_code FROM households"));
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      with_data.push_back(st->Text(0));
    }
    return zx::Status::Ok();
  });
  std::sort(with_data.begin(), with_data.end());
  auto has_data = [&](const std::string& code, zx::RegionLevel level) {
    auto r = zx::SubtreeRange(code, level);
    auto it = std::lower_bound(with_data.begin(), with_data.end(), r.low);
    return it != with_data.end() && *it <= r.high;
  };
  for (int l = 0; l < 6; ++l) {
    std::vector<std::string> keep;
    for (auto& code : by_level[static_cast<size_t>(l)])
      if (has_data(code, static_cast<zx::RegionLevel>(l))) keep.push_back(code);
    by_level[static_cast<size_t>(l)] = std::move(keep);
  }

  double rss0 = Rss();
  auto t0 = Clock::now();
  zx::analytics::Rollups::Options o;
  o.start_refresher = false;
  auto rollups = zx::analytics::Rollups::Open(**db, o);
  if (!rollups.ok()) {
    std::fprintf(stderr, "%s\n", rollups.status().ToString().c_str());
    return 1;
  }
  double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
  auto stats = (*rollups)->stats();
  std::printf("build: %.2f s, %lld rows read, %lld series entries, %.1f MiB in series, RSS +%.1f MiB (%.1f MiB total)\n",
              build_s, static_cast<long long>(stats.rows_loaded), static_cast<long long>(stats.entries),
              static_cast<double>(stats.bytes) / 1048576.0, Rss() - rss0, Rss());

  std::vector<double> roll_us, sql_us;
  std::vector<std::vector<double>> roll_by_level(6);
  int mismatches = 0;
  int first = *zx::ParseDay("2025-10-01");
  for (int q = 0; q < queries; ++q) {
    const Check& check = kChecks[rng() % (sizeof kChecks / sizeof kChecks[0])];
    size_t level = 0;
    do level = rng() % 6; while (by_level[level].empty());
    const std::string& code = by_level[level][rng() % by_level[level].size()];
    int day = first + static_cast<int>(rng() % 420);
    static const PeriodKind kinds[] = {PeriodKind::kDay, PeriodKind::kWeek, PeriodKind::kMonth, PeriodKind::kQuarter,
                                       PeriodKind::kYear};
    Period p = zx::PeriodContaining(kinds[rng() % 5], day);
    auto a = Clock::now();
    auto got = (*rollups)->Value(check.element, code, p);
    double us = std::chrono::duration<double, std::micro>(Clock::now() - a).count();
    roll_us.push_back(us);
    roll_by_level[level].push_back(us);
    if (q >= sql_queries) continue;
    auto range = zx::SubtreeRange(code, static_cast<zx::RegionLevel>(level));
    double expected = -1;
    a = Clock::now();
    (void)(*db)->Read([&](zx::Connection& c) -> zx::Status {
      ZX_ASSIGN_OR_RETURN(zx::Stmt st, c.Prepare(check.sql));
      st.Bind(range.low, range.high, zx::FormatDay(p.from), zx::FormatDay(p.to));
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (row) expected = st->Double(0);
      return zx::Status::Ok();
    });
    sql_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
    double value = got.ok() && got->value ? *got->value : -2;
    if (std::fabs(value - expected) > 1e-6) {
      if (++mismatches <= 5)
        std::printf("MISMATCH %s %s %s: rollup %.0f, SQL %.0f\n", check.element, code.c_str(), p.label.c_str(), value,
                    expected);
    }
  }
  std::printf("queries: %d random element x region x period (%d also by SQL), answers equal: %s (%d differ)\n",
              queries, std::min(queries, sql_queries), mismatches ? "NO" : "yes", mismatches);
  std::printf("rollups: p50 %.1f us, p99 %.1f us, max %.1f us\n", Pct(roll_us, 0.5), Pct(roll_us, 0.99), Pct(roll_us, 1));
  std::printf("SQL:     p50 %.1f us, p99 %.1f us, max %.1f us\n", Pct(sql_us, 0.5), Pct(sql_us, 0.99), Pct(sql_us, 1));
  std::printf("ratio:   SQL/rollups p50 %.0fx, p99 %.0fx\n", Pct(sql_us, 0.5) / Pct(roll_us, 0.5),
              Pct(sql_us, 0.99) / Pct(roll_us, 0.99));
  static const char* kLevels[] = {"country", "province", "city", "county", "township", "village"};
  for (size_t l = 0; l < 6; ++l)
    if (!roll_by_level[l].empty())
      std::printf("  %-8s p50 %.1f us, p99 %.1f us (%zu queries)\n", kLevels[l], Pct(roll_by_level[l], 0.5),
                  Pct(roll_by_level[l], 0.99), roll_by_level[l].size());
  rollups->reset();

  // Freshness: the running refresher (200 ms polls) against writes made through the database.
  zx::analytics::Rollups::Options live;
  auto fresh = zx::analytics::Rollups::Open(**db, live);
  if (fresh.ok() && !by_level[5].empty()) {
    std::vector<double> lag_ms;
    Period today = zx::PeriodContaining(PeriodKind::kDay, *zx::ParseDay("2026-11-21"));
    for (int i = 0; i < 20; ++i) {
      const std::string& village = by_level[5][rng() % by_level[5].size()];
      double before = *(*fresh)->Value("visits.count", zx::kCountryCode, today)->value;
      auto w = (*db)->Write([&](zx::Connection& c) -> zx::Status {
        return c.Execute("INSERT INTO visits(household_id, village_code, day, kind, satisfaction, visitor_name, created_at) "
                         "SELECT id, village_code, '2026-11-21', 'routine', 'satisfied', 'bench', 0 FROM households "
                         "WHERE village_code = ? LIMIT 1", village);
      });
      if (!w.ok()) break;
      auto a = Clock::now();
      while (*(*fresh)->Value("visits.count", zx::kCountryCode, today)->value == before &&
             Clock::now() - a < std::chrono::seconds(5))
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      lag_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
      std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 200));
    }
    std::printf("freshness: write durable -> visible in rollups: p50 %.0f ms, max %.0f ms (%zu writes, 200 ms polls)\n",
                Pct(lag_ms, 0.5), Pct(lag_ms, 1), lag_ms.size());
    // The bench's own visits are taken back out.
    (void)(*db)->Write([](zx::Connection& c) { return c.Execute("DELETE FROM visits WHERE visitor_name = 'bench'"); });
  }
  (*db)->Close();
  return mismatches ? 1 : 0;
}
