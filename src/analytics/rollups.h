// The rollup service: answers any indicator × any region × any period from the in-memory rollup
// store (rollup_store.h), keeps it current from the change rows every write leaves
// (migration 0013) — no batch job — and rebuilds it from the records at start.
//
// Freshness: a background thread polls the change rows every `poll_interval_ms` (200 ms by
// default), recomputes only the touched region and days from the records, and swaps the new
// values in; readers never wait for the database.
// Thread-safety: all public methods are safe from many threads.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "analytics/indicators.h"
#include "analytics/rollup_store.h"
#include "core/periods.h"
#include "store/database.h"

namespace zx::analytics {

struct RollupStats {
  int64_t nodes = 0;
  int64_t elements = 0;
  int64_t entries = 0;
  int64_t bytes = 0;
  double build_seconds = 0;     // the last full build
  int64_t rows_loaded = 0;      // rows read by the last full build
  int64_t rows_skipped = 0;     // rows naming an unknown region or a malformed day
  int64_t changes_applied = 0;  // change rows applied since start
  int64_t refreshes = 0;        // region windows recomputed since start
  int64_t last_poll_unix_ms = 0;
  double last_poll_ms = 0;      // time the last poll with changes took
  double max_lag_ms = 0;        // the longest a change waited (from its poll's start back to the previous poll)
  bool from_snapshot = false;   // the store came from the snapshot file, not from the records
  int64_t snapshots_saved = 0;  // snapshot files written since start (at start, every N changes, at stop)
  std::string snapshot_note;    // why the snapshot was not used, or how saving it went
};

struct Answer {
  std::optional<double> value;  // nullopt: no value (division by zero, nothing to count)
  std::vector<std::pair<std::string, std::optional<double>>> parts;  // referenced elements/indicators
};

struct RankedRegion {
  std::string code, name;
  int level = 0;
  std::optional<double> value, previous, change, target;
  std::optional<bool> meets_target;
  int rank = 0;  // 1 = best; regions without a value come last, unranked (0)
};

class Rollups {
 public:
  struct Options {
    int poll_interval_ms = 200;
    bool start_refresher = true;
    // Where to save the store at Stop() and load it from at Open() (rollup_snapshot.h); empty:
    // always build from the records.
    std::string snapshot_path;
    // SQLite with a snapshot: the change rows applied since the last save are kept, not deleted,
    // so that after a crash the next start loads the last file and applies them again instead of
    // building from every record; the file is saved again (and the kept rows deleted) once this
    // many changes were applied since, and right after a build from the records.
    int64_t snapshot_every_changes = 200000;
    // False for a command that reads the rollups while a server may be running: it applies change
    // rows without deleting them and never touches the snapshot token, leaving both to the server.
    bool consume_changes = true;
  };
  static Result<std::unique_ptr<Rollups>> Open(Database& db, const Options& options);
  ~Rollups();
  // Stops the refresher thread and saves the snapshot if one is configured (idempotent); call
  // before the database closes.
  void Stop();

  // Applies pending change rows now (tests, commands); returns how many were applied.
  Result<int64_t> Poll();
  // Throws away the store and builds it again from the records.
  Status Rebuild();

  Catalogue& catalogue() { return catalogue_; }
  const Catalogue& catalogue() const { return catalogue_; }
  RollupStats stats() const;

  // NotFound for an unknown indicator or region.
  Result<Answer> Value(const std::string& indicator, const std::string& region_code, const Period& period) const;
  // The children of `region_code`, ranked by the indicator (best first by its direction), with
  // the previous period's value, the change, and the target in force for the period's year.
  Result<std::vector<RankedRegion>> Rank(const std::string& indicator, const std::string& region_code,
                                         const Period& period) const;
  // The target in force for a region and year: its own, or the nearest ancestor's.
  Result<std::optional<double>> TargetFor(const std::string& indicator, const std::string& region_code, int year) const;

 private:
  Rollups(Database& db, const Options& options) : db_(db), options_(options) {}
  Status LoadCustomIndicators();
  // Loads the snapshot file if it matches the database; false (with the reason in the stats) if not.
  bool LoadSnapshotIfCurrent();
  Status SaveSnapshotNow();
  // With poll_mu_ held.
  Status SaveSnapshotLocked();
  // Saves when enough changes were applied since the last save (keep_changes_ only).
  Status SaveSnapshotIfDue();
  Result<std::shared_ptr<RollupStore>> BuildStore(int64_t* rows_loaded, int64_t* rows_skipped) const;
  void RefresherLoop();
  std::optional<double> Evaluate(const IndicatorDef& def, const RollupStore& store, int node, const Period& period,
                                 int depth, std::vector<std::pair<std::string, std::optional<double>>>* parts) const;
  std::optional<double> ElementValue(int element, const RollupStore& store, int node, const Period& period) const;
  std::shared_ptr<RollupStore> store() const;

  Database& db_;
  Options options_;
  Catalogue catalogue_;
  mutable std::shared_mutex mu_;             // guards store_ swaps and its series
  std::shared_ptr<RollupStore> store_;
  mutable std::mutex poll_mu_;               // one poll at a time
  mutable std::mutex stats_mu_;
  RollupStats stats_;

  // SQLite only: check-ins are read from their table by id (migration 0019), not from change rows;
  // the highest id already reflected in the store. Guarded by poll_mu_.
  bool checkins_by_id_ = false;
  int64_t checkins_seen_ = 0;
  // Applied change rows are kept (see Options::snapshot_every_changes; or the command does not
  // consume them): polls read the rows above applied_high_, the highest id applied. SQLite only,
  // where one writer commits ids in order. Guarded by poll_mu_.
  bool keep_changes_ = false;
  int64_t applied_high_ = 0;
  int64_t applied_since_save_ = 0;

  std::thread refresher_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  bool stopped_ = false;
};

// The index of an element id in Elements(), or -1.
int ElementIndex(const std::string& id);

}  // namespace zx::analytics
