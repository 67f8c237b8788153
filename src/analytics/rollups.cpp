#include "analytics/rollups.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "analytics/elements.h"
#include "analytics/rollup_snapshot.h"
#include "core/region_code.h"

namespace zx::analytics {
namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

int64_t UnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

struct FeedSql {
  std::string full;       // every row
  std::string region;     // one region, every day
  std::string region_days;  // one region, a window of days
  std::vector<int> elements;
};

const std::vector<FeedSql>& FeedStatements() {
  static const std::vector<FeedSql> sql = [] {
    std::vector<FeedSql> out;
    for (const auto& f : Feeds()) {
      FeedSql s;
      s.full = Replace(f.sql, "{where}", "1 = 1");
      s.region = Replace(f.sql, "{where}", f.region_expr + " = ?");
      if (!f.day_expr.empty())
        s.region_days = Replace(f.sql, "{where}", f.region_expr + " = ? AND " + f.day_expr + " BETWEEN ? AND ?");
      for (const auto& e : f.elements) s.elements.push_back(ElementIndex(e));
      out.push_back(std::move(s));
    }
    return out;
  }();
  return sql;
}

// Parses day text with a one-entry cache: rows come grouped, so the same day repeats.
class DayCache {
 public:
  std::optional<int> Parse(const std::string& text) {
    if (text != last_text_) {
      last_text_ = text;
      last_ = ParseDay(text);
    }
    return last_;
  }

 private:
  std::string last_text_ = "\x01";
  std::optional<int> last_;
};

Result<std::shared_ptr<const RollupTree>> ReadTree(Connection& c) {
  std::vector<RollupTree::Row> rows;
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, level FROM regions"));
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    rows.push_back({st->Text(0), static_cast<int>(st->Int(1))});
  }
  return std::shared_ptr<const RollupTree>(std::make_shared<RollupTree>(std::move(rows)));
}

// The feed that reads a source table (each source feeds one feed).
int FeedOfSource(const std::string& source) {
  const auto& feeds = Feeds();
  for (size_t f = 0; f < feeds.size(); ++f)
    if (std::find(feeds[f].sources.begin(), feeds[f].sources.end(), source) != feeds[f].sources.end())
      return static_cast<int>(f);
  return -1;
}

}  // namespace

int ElementIndex(const std::string& id) {
  static const std::unordered_map<std::string, int> index = [] {
    std::unordered_map<std::string, int> m;
    for (size_t i = 0; i < Elements().size(); ++i) m[Elements()[i].id] = static_cast<int>(i);
    return m;
  }();
  auto it = index.find(id);
  return it == index.end() ? -1 : it->second;
}

namespace {

// With the change rows kept (keep_changes_), polls read the rows above the highest id applied
// (saved in the snapshot), so ids must only grow. SQLite hands out one more than the largest id in
// the table: emptying it would start the ids again at 1, below what was applied. So the row with
// the covered id itself stays; being at or below the saved id, it is never applied again.
Status DeleteChangesCovered(Connection& c, int64_t covered) {
  return c.Execute("DELETE FROM rollup_changes WHERE id < ?", covered);
}

}  // namespace

Result<std::unique_ptr<Rollups>> Rollups::Open(Database& db, const Options& options) {
  std::unique_ptr<Rollups> r(new Rollups(db, options));
  r->checkins_by_id_ = db.dialect() == Dialect::kSqlite;
  r->keep_changes_ = r->checkins_by_id_ && (!options.consume_changes || !options.snapshot_path.empty());
  ZX_RETURN_IF_ERROR(r->LoadCustomIndicators());
  if (!options.snapshot_path.empty() && r->LoadSnapshotIfCurrent()) {
    // What was written while no server ran, or since the file was saved if the last run ended
    // in a crash: applied before the first answer.
    for (;;) {
      ZX_ASSIGN_OR_RETURN(int64_t applied, r->Poll());
      if (applied == 0) break;
    }
  } else {
    ZX_RETURN_IF_ERROR(r->Rebuild());
  }
  if (options.start_refresher) r->refresher_ = std::thread([p = r.get()] { p->RefresherLoop(); });
  return r;
}

Rollups::~Rollups() { Stop(); }

void Rollups::Stop() {
  {
    std::lock_guard<std::mutex> lock(stop_mu_);
    stopping_ = true;
    if (stopped_) return;
    stopped_ = true;
  }
  stop_cv_.notify_all();
  if (refresher_.joinable()) refresher_.join();
  if (!options_.snapshot_path.empty() && options_.consume_changes) {
    Status saved = SaveSnapshotNow();
    std::lock_guard<std::mutex> lock(stats_mu_);
    stats_.snapshot_note = saved.ok() ? "saved" : saved.ToString();
  }
}

bool Rollups::LoadSnapshotIfCurrent() {
  auto t0 = Clock::now();
  auto note = [&](std::string why) {
    std::lock_guard<std::mutex> lock(stats_mu_);
    stats_.snapshot_note = std::move(why);
    return false;
  };
  auto info = ReadSnapshotInfo(options_.snapshot_path);
  if (!info.ok()) return note(info.status().ToString());
  std::shared_ptr<const RollupTree> tree;
  bool current = false;
  Status read = db_.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM rollup_snapshot WHERE token = ?", info->token));
    current = n == 1;
    if (current) {
      ZX_ASSIGN_OR_RETURN(tree, ReadTree(c));
    }
    return Status::Ok();
  });
  if (!read.ok()) return note(read.ToString());
  if (!current) return note("the snapshot file does not match the database (written since, or restored)");
  SnapshotInfo loaded_info;
  auto loaded = LoadSnapshot(options_.snapshot_path, tree, static_cast<int>(Elements().size()), &loaded_info);
  if (!loaded.ok()) return note(loaded.status().ToString());
  if (!keep_changes_) {
    // Taken back before anything applies (and deletes) change rows, and only if still the same
    // token: from here the file no longer describes the database. With the change rows kept, the
    // file goes on describing it together with them, until the next save replaces both.
    bool taken = false;
    Status consumed = db_.Write([&](Connection& c) -> Status {
      ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM rollup_snapshot WHERE token = ?", loaded_info.token));
      taken = c.Changes() == 1;
      return Status::Ok();
    });
    if (!consumed.ok()) return note(consumed.ToString());
    if (!taken) return note("the database changed while the snapshot loaded");
  }
  {
    std::unique_lock<std::shared_mutex> lock(mu_);
    store_ = std::move(*loaded);
  }
  checkins_seen_ = loaded_info.checkins_seen;
  applied_high_ = keep_changes_ ? loaded_info.changes_applied : 0;
  applied_since_save_ = 0;
  std::lock_guard<std::mutex> lock(stats_mu_);
  stats_.build_seconds = MsSince(t0) / 1000.0;
  stats_.from_snapshot = true;
  stats_.snapshot_note = "loaded";
  return true;
}

Status Rollups::SaveSnapshotNow() {
  std::lock_guard<std::mutex> poll_lock(poll_mu_);  // the store does not change while it is written
  return SaveSnapshotLocked();
}

Status Rollups::SaveSnapshotIfDue() {
  std::lock_guard<std::mutex> poll_lock(poll_mu_);
  if (!keep_changes_ || !options_.consume_changes || options_.snapshot_path.empty() ||
      applied_since_save_ < options_.snapshot_every_changes) {
    return Status::Ok();
  }
  return SaveSnapshotLocked();
}

Status Rollups::SaveSnapshotLocked() {
  std::shared_ptr<RollupStore> current = store();
  if (!current) return Status::Ok();
  SnapshotInfo info{NewSnapshotToken(), checkins_seen_, applied_high_};
  // The file goes into place first, then the token and the deletion of the kept rows it now
  // covers, in one transaction: a crash between the two leaves a file whose token the database
  // does not hold, which is never used.
  ZX_RETURN_IF_ERROR(SaveSnapshot(*current, info, options_.snapshot_path));
  ZX_RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
    ZX_RETURN_IF_ERROR(c.Exec("DELETE FROM rollup_snapshot"));
    if (keep_changes_) ZX_RETURN_IF_ERROR(DeleteChangesCovered(c, applied_high_));
    return c.Execute("INSERT INTO rollup_snapshot(id, token, saved_at) VALUES (1, ?, ?)", info.token, UnixMs() / 1000);
  }));
  applied_since_save_ = 0;
  std::lock_guard<std::mutex> lock(stats_mu_);
  ++stats_.snapshots_saved;
  return Status::Ok();
}

Status Rollups::LoadCustomIndicators() {
  std::vector<IndicatorDef> defs;
  ZX_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, name, name_en, unit, direction, formula, definition FROM indicators "
                                           "ORDER BY created_at, id"));
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      IndicatorDef d;
      d.id = st->Text(0);
      d.name = st->Text(1);
      d.name_en = st->Text(2);
      d.unit = st->Text(3);
      d.higher_is_better = st->Text(4) == "higher";
      auto f = Formula::Parse(st->Text(5));
      if (!f.ok()) continue;  // saved formulas were validated; a hand-edited bad one is skipped, not fatal
      d.formula = std::move(*f);
      d.definition = st->Text(6);
      defs.push_back(std::move(d));
    }
    return Status::Ok();
  }));
  // Definitions may refer to each other; add them in rounds until nothing more resolves.
  for (bool progress = true; progress && !defs.empty();) {
    progress = false;
    for (auto it = defs.begin(); it != defs.end();) {
      if (catalogue_.Validate(*it).ok()) {
        catalogue_.Put(std::move(*it));
        it = defs.erase(it);
        progress = true;
      } else {
        ++it;
      }
    }
  }
  return Status::Ok();
}

namespace {

// Values on their way from the reading threads to the one thread that fills the store, as runs:
// all the values of one element for one region that came together (feeds come grouped by
// region), so a village's series is written in one allocation rather than grown value by value,
// which left the heap fragmented by a third.
struct LoadBatch {
  struct Run {
    int element, node;
    size_t begin, end;  // into entries
  };
  std::vector<Run> runs;
  std::vector<std::pair<int, double>> entries;
};

// A bounded hand-over of batches: readers wait when the filler is behind, so memory stays small.
class LoadQueue {
 public:
  explicit LoadQueue(int producers) : producers_(producers) {}
  void Push(LoadBatch&& batch) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return batches_.size() < 32 || aborted_; });
    if (aborted_) return;
    batches_.push_back(std::move(batch));
    not_empty_.notify_one();
  }
  void ProducerDone() {
    std::lock_guard<std::mutex> lock(mu_);
    --producers_;
    not_empty_.notify_one();
  }
  // False when every producer is done and nothing is left.
  bool Pop(LoadBatch* out) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !batches_.empty() || producers_ == 0; });
    if (batches_.empty()) return false;
    *out = std::move(batches_.front());
    batches_.pop_front();
    not_full_.notify_one();
    return true;
  }
  void Abort() {
    std::lock_guard<std::mutex> lock(mu_);
    aborted_ = true;
    not_full_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<LoadBatch> batches_;
  int producers_;
  bool aborted_ = false;
};

// Gathers one job's values into runs per element while the region stays the same.
class Batcher {
 public:
  Batcher(LoadQueue& q, int elements) : q_(q), pending_(static_cast<size_t>(elements)) {}
  ~Batcher() { Flush(); }
  void Add(int element, int node, int day, double value) {
    if (node != node_) EndRegion(node);
    auto& run = pending_[static_cast<size_t>(element)];
    if (run.empty()) touched_.push_back(element);
    run.emplace_back(day, value);
  }
  void Flush() {
    EndRegion(-1);
    if (batch_.runs.empty()) return;
    q_.Push(std::move(batch_));
    batch_ = {};
  }

 private:
  void EndRegion(int next) {
    for (int e : touched_) {
      auto& run = pending_[static_cast<size_t>(e)];
      size_t begin = batch_.entries.size();
      batch_.entries.insert(batch_.entries.end(), run.begin(), run.end());
      batch_.runs.push_back({e, node_, begin, batch_.entries.size()});
      run.clear();
    }
    touched_.clear();
    node_ = next;
    if (batch_.entries.size() >= 8192) {
      q_.Push(std::move(batch_));
      batch_ = {};
    }
  }

  LoadQueue& q_;
  std::vector<std::vector<std::pair<int, double>>> pending_;  // [element]
  std::vector<int> touched_;
  int node_ = -1;
  LoadBatch batch_;
};

// Finds the node of region codes that come grouped, with a one-entry cache.
class NodeCache {
 public:
  explicit NodeCache(const RollupTree& tree) : tree_(tree) {}
  int Find(const std::string& region) {
    if (region != last_) {
      node_ = tree_.Find(region);
      last_ = region;
    }
    return node_;
  }

 private:
  const RollupTree& tree_;
  std::string last_ = "\x01";
  int node_ = -1;
};

}  // namespace

Result<std::shared_ptr<RollupStore>> Rollups::BuildStore(int64_t* rows_loaded, int64_t* rows_skipped) const {
  std::shared_ptr<const RollupTree> tree;
  ZX_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(tree, ReadTree(c));
    return Status::Ok();
  }));
  auto store = std::make_shared<RollupStore>(tree, static_cast<int>(Elements().size()));
  const auto& defs = Feeds();
  const auto& feeds = FeedStatements();

  // One job per feed, the first-visit feeds as one; the biggest first so two readers finish
  // together. Each job reads in its own transaction: rows it sees beyond the change rows counted
  // before the build are applied again by the first poll, which is harmless (Rebuild).
  std::vector<int> jobs;  // feed index, or -1 for the first visits of every grain
  jobs.push_back(-1);
  for (size_t f = 0; f < feeds.size(); ++f)
    if (!IsFirstVisitFeed(defs[f])) jobs.push_back(static_cast<int>(f));
  // Heaviest first: the first visits (every visit, sorted), then visits, then check-ins.
  auto weight = [&](int f) {
    if (f < 0) return 3;
    const std::string& source = defs[static_cast<size_t>(f)].sources[0];
    return source == "visits" ? 2 : source == "checkins" ? 1 : 0;
  };
  std::stable_sort(jobs.begin(), jobs.end(), [&](int a, int b) { return weight(a) > weight(b); });
  const int month = ElementIndex("visits.hh_month"), quarter = ElementIndex("visits.hh_quarter"),
            year = ElementIndex("visits.hh_year");

  auto run_feed = [&](Connection& c, int f, Batcher& out, int64_t* loaded, int64_t* skipped) -> Status {
    const FeedSql& feed = feeds[static_cast<size_t>(f)];
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(feed.full));
    NodeCache nodes(*tree);
    DayCache days;
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      ++*loaded;
      int node = nodes.Find(st->Text(0));
      auto day = days.Parse(st->Text(1));
      if (node < 0 || !day) {
        ++*skipped;
        continue;
      }
      for (size_t i = 0; i < feed.elements.size(); ++i)
        if (!st->IsNull(static_cast<int>(i) + 2)) out.Add(feed.elements[i], node, *day, st->Double(static_cast<int>(i) + 2));
    }
    return Status::Ok();
  };
  auto run_first_visits = [&](Connection& c, Batcher& out, int64_t* loaded, int64_t* skipped) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(kFirstVisitsByMonthSql));
    NodeCache nodes(*tree);
    std::string last_village, last_quarter, last_year;
    int64_t last_household = -1;
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      ++*loaded;
      std::string village = st->Text(0);
      int64_t household = st->Int(1);
      std::string first = st->Text(3);
      int node = nodes.Find(village);
      auto day = ParseDay(first);
      if (node < 0 || !day) {
        ++*skipped;
        continue;
      }
      bool same = household == last_household && village == last_village;
      std::string y = first.substr(0, 4);
      std::string q = y + static_cast<char>('1' + ((first[5] - '0') * 10 + (first[6] - '0') - 1) / 3);
      out.Add(month, node, *day, 1);
      if (!same || q != last_quarter) out.Add(quarter, node, *day, 1);
      if (!same || y != last_year) out.Add(year, node, *day, 1);
      last_village = std::move(village);
      last_household = household;
      last_quarter = std::move(q);
      last_year = std::move(y);
    }
    return Status::Ok();
  };

  constexpr int kReaders = 2;  // the machines this runs on have two cores or more
  LoadQueue queue(kReaders);
  std::atomic<size_t> next{0};
  std::atomic<int64_t> loaded{0}, skipped{0};
  std::mutex error_mu;
  Status error = Status::Ok();
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&] {
      for (;;) {
        size_t j = next.fetch_add(1);
        if (j >= jobs.size()) break;
        int64_t l = 0, s = 0;
        Status st = db_.Read([&](Connection& c) -> Status {
          Batcher out(queue, store->elements());
          return jobs[j] < 0 ? run_first_visits(c, out, &l, &s) : run_feed(c, jobs[j], out, &l, &s);
        });
        loaded += l;
        skipped += s;
        if (!st.ok()) {
          std::lock_guard<std::mutex> lock(error_mu);
          if (error.ok()) error = st;
          queue.Abort();
          break;
        }
      }
      queue.ProducerDone();
    });
  }
  LoadBatch batch;
  std::vector<std::pair<int, double>> run;
  while (queue.Pop(&batch)) {
    for (const auto& r : batch.runs) {
      run.assign(batch.entries.begin() + static_cast<long>(r.begin), batch.entries.begin() + static_cast<long>(r.end));
      store->LoadDirectRun(r.element, r.node, &run);
    }
  }
  for (auto& t : readers) t.join();
  ZX_RETURN_IF_ERROR(error);
  *rows_loaded += loaded;
  *rows_skipped += skipped;
  for (int e = 0; e < store->elements(); ++e) store->BuildAggregates(e);
  store->ShrinkToFit();
  return store;
}

Status Rollups::Rebuild() {
  std::lock_guard<std::mutex> poll_lock(poll_mu_);
  auto t0 = Clock::now();
  // Change rows up to here are covered by the records the build reads.
  int64_t covered = 0, checkins_covered = 0;
  ZX_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(covered, QueryInt(c, "SELECT COALESCE(MAX(id), 0) FROM rollup_changes"));
    if (checkins_by_id_) {
      ZX_ASSIGN_OR_RETURN(checkins_covered, QueryInt(c, "SELECT COALESCE(MAX(id), 0) FROM checkins"));
    }
    return Status::Ok();
  }));
  int64_t loaded = 0, skipped = 0;
  ZX_ASSIGN_OR_RETURN(std::shared_ptr<RollupStore> fresh, BuildStore(&loaded, &skipped));
  {
    std::unique_lock<std::shared_mutex> lock(mu_);
    store_ = std::move(fresh);
  }
  checkins_seen_ = checkins_covered;
  applied_high_ = covered;
  applied_since_save_ = 0;
  if (covered > 0 && options_.consume_changes) {
    ZX_RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
      // The snapshot file stops describing the database once change rows go.
      ZX_RETURN_IF_ERROR(c.Exec("DELETE FROM rollup_snapshot"));
      return keep_changes_ ? DeleteChangesCovered(c, covered) : c.Execute("DELETE FROM rollup_changes WHERE id <= ?", covered);
    }));
  }
  // A file from the build on, so that a crash before the first clean stop (or after a division
  // import) does not mean another build from the records.
  Status saved = Status::Ok();
  if (keep_changes_ && options_.consume_changes && !options_.snapshot_path.empty()) saved = SaveSnapshotLocked();
  std::lock_guard<std::mutex> lock(stats_mu_);
  stats_.build_seconds = MsSince(t0) / 1000.0;
  stats_.rows_loaded = loaded;
  stats_.rows_skipped = skipped;
  stats_.from_snapshot = false;
  if (!saved.ok()) stats_.snapshot_note = saved.ToString();
  return Status::Ok();
}

std::shared_ptr<RollupStore> Rollups::store() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  return store_;
}

Result<int64_t> Rollups::Poll() {
  std::unique_lock<std::mutex> poll_lock(poll_mu_);
  auto t0 = Clock::now();
  std::shared_ptr<RollupStore> target = store();
  const RollupTree& tree = target->tree();
  const auto& feeds = Feeds();
  const auto& sql = FeedStatements();

  std::vector<int64_t> ids;
  int64_t checkins_read = 0, checkins_seen = checkins_seen_;
  bool regions_changed = false;
  struct Job {
    int feed, node, from, to;
    bool by_day;
    std::vector<std::vector<std::pair<int, double>>> values;  // per element of the feed
  };
  std::vector<Job> jobs;
  int64_t skipped = 0;

  ZX_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    std::set<std::tuple<int, int, int, int>> keys;
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
          "SELECT id, source, region_code, day, row_id FROM rollup_changes WHERE id > ? ORDER BY id LIMIT 100000"));
      st.Bind(keep_changes_ ? applied_high_ : int64_t{0});
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        ids.push_back(st->Int(0));
        std::string source = st->Text(1);
        // A deleted check-in's id may be handed out again: read again from below it.
        if (source == "checkins" && !st->IsNull(4)) checkins_seen = std::min(checkins_seen, st->Int(4) - 1);
        if (source == "regions") {
          regions_changed = true;
          continue;
        }
        int node = tree.Find(st->Text(2));
        if (node < 0) {
          ++skipped;
          continue;
        }
        std::optional<int> day = st->IsNull(3) ? std::nullopt : ParseDay(st->Text(3));
        for (size_t f = 0; f < feeds.size(); ++f) {
          const auto& srcs = feeds[f].sources;
          if (std::find(srcs.begin(), srcs.end(), source) == srcs.end()) continue;
          int from = kBeginningOfTime, to = kEndOfTime;
          if (day && !feeds[f].day_expr.empty()) GrainWindow(feeds[f].grain, *day, &from, &to);
          keys.insert({static_cast<int>(f), node, from, to});
        }
      }
    }
    if (regions_changed) return Status::Ok();
    if (checkins_by_id_) {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, village_code, day FROM checkins WHERE id > ? ORDER BY id LIMIT 100000"));
      st.Bind(checkins_seen);
      int feed = FeedOfSource("checkins");
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        ++checkins_read;
        checkins_seen = st->Int(0);
        int node = tree.Find(st->Text(1));
        auto day = ParseDay(st->Text(2));
        if (node < 0 || !day) {
          ++skipped;
          continue;
        }
        int from = 0, to = 0;
        GrainWindow(feeds[static_cast<size_t>(feed)].grain, *day, &from, &to);
        keys.insert({feed, node, from, to});
      }
    }
    for (const auto& [f, node, from, to] : keys) {
      Job job{f, node, from, to, from != kBeginningOfTime, {}};
      job.values.resize(sql[static_cast<size_t>(f)].elements.size());
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(job.by_day ? sql[static_cast<size_t>(f)].region_days
                                                         : sql[static_cast<size_t>(f)].region));
      std::string code = tree.code(node);
      if (job.by_day) st.Bind(code, FormatDay(from), FormatDay(to));
      else st.Bind(code);
      DayCache days;
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        auto day = days.Parse(st->Text(1));
        if (!day) continue;
        for (size_t i = 0; i < job.values.size(); ++i)
          if (!st->IsNull(static_cast<int>(i) + 2)) job.values[i].emplace_back(*day, st->Double(static_cast<int>(i) + 2));
      }
      jobs.push_back(std::move(job));
    }
    return Status::Ok();
  }));
  if (ids.empty() && checkins_read == 0) return int64_t{0};

  if (regions_changed) {
    // The tree itself changed: build everything again (rare: a division import).
    poll_lock.unlock();
    ZX_RETURN_IF_ERROR(Rebuild());
    return static_cast<int64_t>(ids.size());
  }
  {
    std::unique_lock<std::shared_mutex> lock(mu_);
    for (const auto& job : jobs) {
      const auto& elements = sql[static_cast<size_t>(job.feed)].elements;
      int from = job.by_day ? job.from : kBeginningOfTime, to = job.by_day ? job.to : kEndOfTime;
      for (size_t i = 0; i < elements.size(); ++i) target->ReplaceDirect(elements[i], job.node, from, to, job.values[i]);
    }
  }
  checkins_seen_ = checkins_seen;
  if (keep_changes_) {
    if (!ids.empty()) applied_high_ = std::max(applied_high_, *std::max_element(ids.begin(), ids.end()));
    applied_since_save_ += static_cast<int64_t>(ids.size()) + checkins_read;
  }
  // Delete exactly the rows applied: runs of consecutive ids, so a row another transaction
  // committed later with a smaller id (possible on PostgreSQL) is never deleted unseen.
  std::sort(ids.begin(), ids.end());
  if (!ids.empty() && !keep_changes_ && options_.consume_changes) ZX_RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
    ZX_RETURN_IF_ERROR(c.Exec("DELETE FROM rollup_snapshot"));  // the snapshot file stops describing the database
    size_t i = 0;
    while (i < ids.size()) {
      size_t j = i;
      while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1) ++j;
      ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM rollup_changes WHERE id BETWEEN ? AND ?", ids[i], ids[j]));
      i = j + 1;
    }
    return Status::Ok();
  }));
  double took = MsSince(t0);
  std::lock_guard<std::mutex> lock(stats_mu_);
  int64_t now = UnixMs();
  if (stats_.last_poll_unix_ms > 0)
    stats_.max_lag_ms = std::max(stats_.max_lag_ms, static_cast<double>(now - stats_.last_poll_unix_ms));
  stats_.changes_applied += static_cast<int64_t>(ids.size()) + checkins_read;
  stats_.refreshes += static_cast<int64_t>(jobs.size());
  stats_.rows_skipped += skipped;
  stats_.last_poll_ms = took;
  return static_cast<int64_t>(ids.size()) + checkins_read;
}

void Rollups::RefresherLoop() {
  std::unique_lock<std::mutex> lock(stop_mu_);
  while (!stopping_) {
    stop_cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_interval_ms), [&] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    auto applied = Poll();  // a failed poll (database busy) is retried on the next tick
    {
      std::lock_guard<std::mutex> s(stats_mu_);
      stats_.last_poll_unix_ms = UnixMs();
    }
    if (applied.ok() && *applied > 0) {
      Status saved = SaveSnapshotIfDue();  // the kept change rows go once the file covers them
      if (!saved.ok()) {
        std::lock_guard<std::mutex> s(stats_mu_);
        stats_.snapshot_note = saved.ToString();
      }
    }
    lock.lock();
  }
}

RollupStats Rollups::stats() const {
  RollupStats s;
  {
    std::lock_guard<std::mutex> lock(stats_mu_);
    s = stats_;
  }
  std::shared_lock<std::shared_mutex> lock(mu_);
  if (store_) {
    s.nodes = store_->tree().size();
    s.elements = store_->elements();
    s.entries = static_cast<int64_t>(store_->entries());
    s.bytes = static_cast<int64_t>(store_->bytes());
  }
  return s;
}

std::optional<double> Rollups::ElementValue(int element, const RollupStore& store, int node, const Period& period) const {
  const ElementDef& def = Elements()[static_cast<size_t>(element)];
  if (def.id == "regions.villages") return period.to >= *ParseDay("2000-01-01") ? store.tree().villages_below(node) : 0;
  if (!def.per_period.empty()) {
    auto it = def.per_period.find(period.kind);
    if (it != def.per_period.end()) return store.Sum(ElementIndex(it->second), node, period.from, period.to);
    // A week or a range: count each thing once over the whole period, by SQL over the subtree.
    const RollupTree& tree = store.tree();
    CodeRange range = SubtreeRange(tree.code(node), static_cast<RegionLevel>(tree.level(node)));
    std::optional<double> v;
    Status s = db_.Read([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, def.distinct_sql, range.low, range.high, FormatDay(period.from),
                                              FormatDay(period.to)));
      v = static_cast<double>(n);
      return Status::Ok();
    });
    return s.ok() ? v : std::nullopt;
  }
  if (def.temporal == Temporal::kStock) return store.Sum(element, node, kBeginningOfTime, period.to);
  return store.Sum(element, node, period.from, period.to);
}

std::optional<double> Rollups::Evaluate(const IndicatorDef& def, const RollupStore& store, int node,
                                        const Period& period, int depth,
                                        std::vector<std::pair<std::string, std::optional<double>>>* parts) const {
  if (depth > 16) return std::nullopt;
  return def.formula.Evaluate([&](const std::string& name) -> std::optional<double> {
    std::optional<double> v;
    int e = ElementIndex(name);
    if (e >= 0) {
      v = ElementValue(e, store, node, period);
    } else if (auto other = catalogue_.Find(name)) {
      v = Evaluate(*other, store, node, period, depth + 1, nullptr);
    }
    if (parts && std::none_of(parts->begin(), parts->end(), [&](const auto& p) { return p.first == name; }))
      parts->emplace_back(name, v);
    return v;
  });
}

Result<Answer> Rollups::Value(const std::string& indicator, const std::string& region_code, const Period& period) const {
  auto def = catalogue_.Find(indicator);
  if (!def) return Status::NotFound("指标 " + indicator + " 不存在");
  std::shared_lock<std::shared_mutex> lock(mu_);
  int node = store_->tree().Find(region_code);
  if (node < 0) return Status::NotFound("区划 " + region_code + " 不存在");
  Answer a;
  a.value = Evaluate(*def, *store_, node, period, 0, &a.parts);
  return a;
}

Result<std::optional<double>> Rollups::TargetFor(const std::string& indicator, const std::string& region_code,
                                                 int year) const {
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(region_code));
  auto chain = SelfAndAncestors(region_code, level);
  std::optional<double> target;
  ZX_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT target FROM indicator_targets WHERE indicator = ? AND year = ? AND "
                                           "region_code IN (?, ?, ?, ?, ?, ?) ORDER BY region_code DESC LIMIT 1"));
    st.Bind(indicator, year, chain[0], chain[1], chain[2], chain[3], chain[4], chain[5]);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) target = st->Double(0);
    return Status::Ok();
  }));
  return target;
}

Result<std::vector<RankedRegion>> Rollups::Rank(const std::string& indicator, const std::string& region_code,
                                               const Period& period) const {
  auto def = catalogue_.Find(indicator);
  if (!def) return Status::NotFound("指标 " + indicator + " 不存在");
  // Targets of the period's year for this indicator, by region.
  std::map<std::string, double> targets;
  int year = std::stoi(FormatDay(period.to).substr(0, 4));
  ZX_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT region_code, target FROM indicator_targets WHERE indicator = ? AND year = ?"));
    st.Bind(indicator, year);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      targets[st->Text(0)] = st->Double(1);
    }
    return Status::Ok();
  }));
  Period previous = PreviousPeriod(period);
  std::map<std::string, std::string> names;  // the tree keeps codes only; names of the children from the table
  ZX_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, name FROM regions WHERE parent_code = ?"));
    st.Bind(region_code);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      names[st->Text(0)] = st->Text(1);
    }
    return Status::Ok();
  }));
  std::vector<RankedRegion> out;
  std::shared_lock<std::shared_mutex> lock(mu_);
  const RollupTree& tree = store_->tree();
  int node = tree.Find(region_code);
  if (node < 0) return Status::NotFound("区划 " + region_code + " 不存在");
  auto [begin, end] = tree.children(node);
  for (const int32_t* it = begin; it != end; ++it) {
    RankedRegion r;
    r.code = tree.code(*it);
    r.name = names.count(r.code) ? names[r.code] : r.code;
    r.level = tree.level(*it);
    r.value = Evaluate(*def, *store_, *it, period, 0, nullptr);
    r.previous = Evaluate(*def, *store_, *it, previous, 0, nullptr);
    if (r.value && r.previous) r.change = *r.value - *r.previous;
    for (int n = *it; n >= 0 && !targets.empty(); n = tree.parent(n)) {
      auto t = targets.find(tree.code(n));
      if (t != targets.end()) {
        r.target = t->second;
        break;
      }
    }
    if (r.target && r.value)
      r.meets_target = def->higher_is_better ? *r.value >= *r.target : *r.value <= *r.target;
    out.push_back(std::move(r));
  }
  bool higher = def->higher_is_better;
  std::stable_sort(out.begin(), out.end(), [&](const RankedRegion& a, const RankedRegion& b) {
    if (a.value.has_value() != b.value.has_value()) return a.value.has_value();
    if (!a.value) return false;
    return higher ? *a.value > *b.value : *a.value < *b.value;
  });
  int rank = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if (!out[i].value) break;
    // Equal values share a rank (1, 2, 2, 4).
    if (i == 0 || *out[i].value != *out[i - 1].value) rank = static_cast<int>(i) + 1;
    out[i].rank = rank;
  }
  return out;
}

}  // namespace zx::analytics
