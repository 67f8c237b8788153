// The national-scale data generator: a deterministic data set on the real division tree, written
// straight through the bulk path (Connection::CopyRows inside Database::WriteAlone), for measuring
// the system at county, province and nation scale on one machine.
//
// Determinism: every village's rows come from its own RNG seeded by (seed, village code), and every
// row id is derived from the village code (code × 1000 + ordinal), so a county generated alone is
// row for row the same as that county inside a province or nation run. Generated ids are therefore
// at least 10^14 (and below 2^53, so the web UI reads them exactly); application ids stay far below.
// ID numbers are unique by construction (county area code, a birth date from the township and the
// person's ordinal, the village number as sequence), so no lookup of taken numbers is needed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "auth/pii_crypto.h"
#include "core/status.h"
#include "store/database.h"

namespace zx {

// National totals the scales are proportional to (the issue counts 620,573 villages; the imported
// tree has 620,572 after the import merges its placeholder rows).
inline constexpr int64_t kNationVillages = 620573;
inline constexpr int64_t kNationHouseholds = 20000000;
inline constexpr int64_t kNationVisits = 100000000;
inline constexpr int64_t kNationCheckins = 50000000;
inline constexpr int64_t kNationCadres = 300000;
// Dated records fall in 2026-01-01 .. 2026-11-20.
inline constexpr int kGenDays = 324;

// What one village gets; a pure function of (seed, village code).
struct VillagePlan {
  int households = 0;   // 16..48, mean 20,000,000 / 620,573 ≈ 32.2
  int visits = 0;       // 5 per household
  bool cadre = false;   // a stationed first secretary, with probability 300,000 / 620,573
  int checkins = 0;     // the cadre's days in the village: mean 50,000,000 / 300,000 ≈ 166.7
  int income_items[2] = {0, 0};  // collective income items (2–4) for 2025 and 2026
};
VillagePlan PlanVillage(uint64_t seed, const std::string& village_code);

// The people of a village: 5 post holders, 2 reserve cadres, and the stationed cadre if any.
inline constexpr int kPostsPerVillage = 5;
inline constexpr int kReservesPerVillage = 2;

struct GeneratorProgress {
  int64_t villages_done = 0, villages_total = 0;
  std::map<std::string, int64_t> rows;  // per table
  int64_t total_rows = 0;
  double seconds = 0;
  bool final = false;
};

struct GeneratorOptions {
  std::string root = "000000000000";  // the region whose villages are generated
  uint64_t seed = 2026;
  bool force = false;          // regenerate over earlier generated data (deletes it first)
  int batch_rows = 50000;      // rows per WriteAlone transaction (whole villages, so slightly more)
  // Called after every committed batch and once at the end (final = true).
  std::function<void(const GeneratorProgress&)> progress;
};

struct GeneratorReport {
  int64_t villages = 0;
  std::map<std::string, int64_t> rows;
  int64_t total_rows = 0;
  double seconds = 0;
  int64_t deleted = 0;  // rows removed first by --force
};

// The row counts a generation of these villages produces (the scale formula), per table.
std::map<std::string, int64_t> ExpectedRows(uint64_t seed, const std::vector<std::string>& village_codes);

// Village codes (level 5) under `root`, in code order.
Result<std::vector<std::string>> VillagesUnder(Database& db, const std::string& root);

// The meta key that marks a database holding generated data (its value: root and seed).
inline constexpr const char* kGeneratedMetaKey = "bench_generated";

// Generates the data set. Refuses a database that already holds generated data (meta key above)
// unless options.force, which first deletes every generated row (ids ≥ 10^14) and the mark.
Result<GeneratorReport> GenerateDataSet(Database& db, const PiiCrypto& crypto, const GeneratorOptions& options);

// Tables the generator writes, parents first.
const std::vector<std::string>& GeneratedTables();

}  // namespace zx
