#include "modules/tasks/task_store.h"

#include <openssl/sha.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "auth/audit.h"
#include "modules/presence/presence_rules.h"

namespace zx {
namespace {

std::string Hex(const unsigned char* p, size_t n) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s += d[p[i] >> 4];
    s += d[p[i] & 15];
  }
  return s;
}

std::string ToBase64(const std::string& bin) {
  std::string out(sodium_base64_ENCODED_LEN(bin.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()), bin.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

struct Row {
  int64_t id = 0, task_id = 0;
  std::string region_code, region_name, status, deadline, title;
  std::optional<int64_t> user_id;
  bool passed_down = false, escalated = false;
  std::optional<int64_t> last_report_at, closed_at;
  std::string answers;
};

struct TaskNode {
  int64_t id = 0;
  std::optional<int64_t> parent_receiver_id;
};

// Every receiver of the tree below `task_id` (its own receivers and those of tasks passed down
// from them, at any depth), with each row's depth (1 = the task's own receivers).
Status TreeBelow(Connection& c, int64_t task_id, std::vector<std::pair<Row, int>>* out,
                 std::map<int64_t, std::optional<int64_t>>* parent_of_task) {
  ZX_ASSIGN_OR_RETURN(int64_t root, QueryInt(c, "SELECT root_task_id FROM tasks WHERE id = ?", task_id));
  std::map<int64_t, std::vector<Row>> by_task;
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT r.id, r.task_id, r.region_code, g.name, r.status, t.deadline, r.user_id, r.passed_down, "
      "(SELECT COUNT(*) FROM task_escalations e WHERE e.receiver_id = r.id), r.last_report_at, r.closed_at, "
      "r.answers_json, t.parent_receiver_id, t.title FROM task_receivers r JOIN tasks t ON t.id = r.task_id "
      "JOIN regions g ON g.code = r.region_code WHERE r.root_task_id = ? ORDER BY r.region_code, r.id"));
  st.Bind(root);
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) break;
    Row r;
    r.id = st->Int(0);
    r.task_id = st->Int(1);
    r.region_code = st->Text(2);
    r.region_name = st->Text(3);
    r.status = st->Text(4);
    r.deadline = st->Text(5);
    if (!st->IsNull(6)) r.user_id = st->Int(6);
    r.passed_down = st->Int(7) != 0;
    r.escalated = st->Int(8) > 0;
    if (!st->IsNull(9)) r.last_report_at = st->Int(9);
    if (!st->IsNull(10)) r.closed_at = st->Int(10);
    r.answers = st->Text(11);
    r.title = st->Text(13);
    (*parent_of_task)[r.task_id] = st->IsNull(12) ? std::nullopt : std::optional<int64_t>(st->Int(12));
    by_task[r.task_id].push_back(std::move(r));
  }
  // Children of a receiver: the tasks passed down from it.
  std::map<int64_t, std::vector<int64_t>> tasks_of_receiver;
  for (auto& [tid, parent] : *parent_of_task)
    if (parent) tasks_of_receiver[*parent].push_back(tid);
  // Depth-first, so each receiver is followed by what it passed down.
  std::function<void(int64_t, int)> walk = [&](int64_t tid, int depth) {
    for (auto& r : by_task[tid]) {
      out->push_back({r, depth});
      for (int64_t child : tasks_of_receiver[r.id]) walk(child, depth + 1);
    }
  };
  walk(task_id, 1);
  return Status::Ok();
}

nlohmann::json Counts(const std::vector<std::pair<Row, int>>& rows, const std::string& today) {
  int64_t done = 0, overdue = 0, in_progress = 0, pending = 0;
  for (const auto& [r, depth] : rows) {
    if (r.status == "done") ++done;
    else if (IsOverdue(r.status, r.deadline, today)) ++overdue;
    else if (r.status == "in_progress") ++in_progress;
    else ++pending;
  }
  return {{"total", static_cast<int64_t>(rows.size())}, {"done", done}, {"in_progress", in_progress},
          {"pending", pending}, {"overdue", overdue}};
}

}  // namespace

Result<int64_t> InsertTask(Connection& c, const NewTask& t, const std::string& today, int64_t now) {
  ZX_ASSIGN_OR_RETURN(int64_t deadline_day, DayNumber(t.deadline, "deadline"));
  (void)deadline_day;
  if (t.deadline < today) return Status::InvalidArgument("截止日期不能早于今天（" + today + "）", "deadline");
  if (t.parent_deadline && t.deadline > *t.parent_deadline)
    return Status::InvalidArgument("截止日期不能晚于上级任务的截止日期（" + *t.parent_deadline + "）", "deadline");
  if (t.receivers.empty()) return Status::InvalidArgument("至少选择一个接收单位", "receivers");
  if (t.receivers.size() > kMaxReceivers) return Status::InvalidArgument("接收单位过多", "receivers");
  ZX_ASSIGN_OR_RETURN(RegionLevel issuer_level, LevelOfCode(t.issuer_region));
  std::vector<std::string> codes;
  std::set<std::string> seen;
  for (size_t i = 0; i < t.receivers.size(); ++i) {
    std::string field = "receivers[" + std::to_string(i) + "].region_code";
    ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(t.receivers[i].region_code, field));
    if (code == t.issuer_region || !IsWithin(code, t.issuer_region, issuer_level))
      return Status::InvalidArgument("接收单位 " + code + " 不在下发单位的管辖范围内", field);
    ZX_ASSIGN_OR_RETURN(int64_t exists, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", code));
    if (!exists) return Status::InvalidArgument("没有该行政区划：" + code, field);
    if (!seen.insert(code).second) return Status::InvalidArgument("接收单位重复：" + code, field);
    if (t.receivers[i].user_id) {
      std::string ufield = "receivers[" + std::to_string(i) + "].user_id";
      ZX_ASSIGN_OR_RETURN(Stmt us, c.Prepare("SELECT scope_code FROM users WHERE id = ? AND disabled = 0"));
      us.Bind(*t.receivers[i].user_id);
      ZX_ASSIGN_OR_RETURN(bool found, us->Step());
      if (!found) return Status::InvalidArgument("没有该用户", ufield);
      ZX_ASSIGN_OR_RETURN(RegionLevel rl, LevelOfCode(code));
      if (!IsWithin(us->Text(0), code, rl)) return Status::InvalidArgument("该用户不属于接收单位", ufield);
    }
    codes.push_back(code);
  }
  ZX_RETURN_IF_ERROR(c.Execute(
      "INSERT INTO tasks(parent_receiver_id, issuer_region, issuer_user_id, issuer_unit, title, content, deadline, "
      "evidence_required, form_json, cycle_id, period, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      t.parent_receiver_id, t.issuer_region, t.issuer_user_id, t.issuer_unit, t.title, t.content, t.deadline,
      t.evidence_required, FormToJson(t.form).dump(), t.cycle_id, t.period, now));
  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM tasks WHERE issuer_region = ?", t.issuer_region));
  int64_t root = id;
  if (t.parent_receiver_id) {
    ZX_ASSIGN_OR_RETURN(root, QueryInt(c, "SELECT root_task_id FROM task_receivers WHERE id = ?", *t.parent_receiver_id));
    ZX_RETURN_IF_ERROR(c.Execute("UPDATE task_receivers SET passed_down = 1 WHERE id = ?", *t.parent_receiver_id));
  }
  ZX_RETURN_IF_ERROR(c.Execute("UPDATE tasks SET root_task_id = ? WHERE id = ?", root, id));
  for (size_t i = 0; i < codes.size(); ++i) {
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO task_receivers(task_id, root_task_id, region_code, user_id, status) VALUES "
                                 "(?, ?, ?, ?, 'pending')",
                                 id, root, codes[i], t.receivers[i].user_id));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO notifications(region_code, user_id, kind, ref_id, message, created_at) VALUES "
                                 "(?, ?, 'task_issued', ?, ?, ?)",
                                 codes[i], t.receivers[i].user_id, id,
                                 t.issuer_unit + " 交办任务：" + t.title + "（截止 " + t.deadline + "）", now));
  }
  return id;
}

Result<ReceiverInfo> FindReceiver(Connection& c, int64_t id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT r.id, r.task_id, r.root_task_id, r.region_code, r.status, t.deadline, t.issuer_region, t.title, r.user_id, "
      "t.form_json, r.answers_json, r.passed_down FROM task_receivers r JOIN tasks t ON t.id = r.task_id WHERE r.id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return Status::NotFound("task receiver not found");
  ReceiverInfo r;
  r.id = st->Int(0);
  r.task_id = st->Int(1);
  r.root_task_id = st->Int(2);
  r.region_code = st->Text(3);
  r.status = st->Text(4);
  r.deadline = st->Text(5);
  r.issuer_region = st->Text(6);
  r.title = st->Text(7);
  if (!st->IsNull(8)) r.user_id = st->Int(8);
  ZX_ASSIGN_OR_RETURN(r.form, ParseForm(nlohmann::json::parse(st->Text(9), nullptr, false)));
  r.answers = nlohmann::json::parse(st->Text(10), nullptr, false);
  if (!r.answers.is_object()) r.answers = nlohmann::json::object();
  r.passed_down = st->Int(11) != 0;
  return r;
}

Result<nlohmann::json> TaskCounts(Connection& c, int64_t task_id, const std::string& today) {
  std::vector<std::pair<Row, int>> rows;
  std::map<int64_t, std::optional<int64_t>> parents;
  ZX_RETURN_IF_ERROR(TreeBelow(c, task_id, &rows, &parents));
  return Counts(rows, today);
}

Result<nlohmann::json> TaskProgress(Connection& c, int64_t task_id, const std::string& today) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT t.id, t.root_task_id, t.parent_receiver_id, t.issuer_region, g.name, t.issuer_unit, t.title, t.content, "
      "t.deadline, t.evidence_required, t.form_json, t.period, t.created_at FROM tasks t JOIN regions g ON "
      "g.code = t.issuer_region WHERE t.id = ?"));
  st.Bind(task_id);
  ZX_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return Status::NotFound("task not found");
  nlohmann::json out = {
      {"id", st->Int(0)}, {"root_task_id", st->Int(1)},
      {"parent_receiver_id", st->IsNull(2) ? nlohmann::json(nullptr) : nlohmann::json(st->Int(2))},
      {"issuer", {{"code", st->Text(3)}, {"name", st->Text(4)}, {"unit", st->Text(5)}}},
      {"title", st->Text(6)}, {"content", st->Text(7)}, {"deadline", st->Text(8)}, {"evidence_required", st->Text(9)},
      {"form", nlohmann::json::parse(st->Text(10), nullptr, false)},
      {"period", st->IsNull(11) ? nlohmann::json(nullptr) : nlohmann::json(st->Text(11))},
      {"created_at", FormatUtc(st->Int(12))}};
  std::vector<std::pair<Row, int>> rows;
  std::map<int64_t, std::optional<int64_t>> parents;
  ZX_RETURN_IF_ERROR(TreeBelow(c, task_id, &rows, &parents));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [r, depth] : rows) {
    auto parent = parents[r.task_id];
    nlohmann::json answers = nlohmann::json::parse(r.answers, nullptr, false);
    items.push_back({{"id", r.id}, {"task_id", r.task_id}, {"depth", depth},
                     {"parent_receiver_id", parent ? nlohmann::json(*parent) : nlohmann::json(nullptr)},
                     {"region", {{"code", r.region_code}, {"name", r.region_name}}},
                     {"user_id", r.user_id ? nlohmann::json(*r.user_id) : nlohmann::json(nullptr)},
                     {"status", r.status}, {"deadline", r.deadline},
                     {"overdue", IsOverdue(r.status, r.deadline, today)}, {"escalated", r.escalated},
                     {"passed_down", r.passed_down},
                     {"last_report_at", r.last_report_at ? nlohmann::json(FormatUtc(*r.last_report_at)) : nlohmann::json(nullptr)},
                     {"closed_at", r.closed_at ? nlohmann::json(FormatUtc(*r.closed_at)) : nlohmann::json(nullptr)},
                     {"answers", answers.is_object() ? answers : nlohmann::json::object()}});
  }
  out["summary"] = Counts(rows, today);
  out["receivers"] = items;
  return out;
}

Result<nlohmann::json> StoreAttachment(Connection& c, const std::string& owner_kind, int64_t owner_id,
                                       const std::string& region_code, const std::string& file_name,
                                       const std::string& bytes, const std::string& content_type, int64_t user_id,
                                       int64_t now) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  std::string sha = Hex(digest, sizeof digest);
  ZX_RETURN_IF_ERROR(c.Execute(
      "INSERT INTO attachments(owner_kind, owner_id, region_code, file_name, content_type, size_bytes, sha256, "
      "content_base64, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      owner_kind, owner_id, region_code, file_name, content_type, static_cast<int64_t>(bytes.size()), sha, ToBase64(bytes),
      user_id, now));
  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM attachments WHERE owner_kind = ? AND owner_id = ?",
                                           owner_kind, owner_id));
  return nlohmann::json{{"id", id}, {"file_name", file_name}, {"content_type", content_type},
                        {"size_bytes", static_cast<int64_t>(bytes.size())}, {"sha256", sha}, {"created_at", FormatUtc(now)}};
}

Result<nlohmann::json> AttachmentsOf(Connection& c, const std::string& owner_kind, int64_t owner_id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, file_name, content_type, size_bytes, sha256, created_at FROM attachments "
                                         "WHERE owner_kind = ? AND owner_id = ? ORDER BY id"));
  st.Bind(owner_kind, owner_id);
  nlohmann::json out = nlohmann::json::array();
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) break;
    out.push_back({{"id", st->Int(0)}, {"file_name", st->Text(1)}, {"content_type", st->Text(2)},
                   {"size_bytes", st->Int(3)}, {"sha256", st->Text(4)}, {"created_at", FormatUtc(st->Int(5))}});
  }
  return out;
}

Result<TaskJobReport> RunTaskJobs(Database& db, int64_t now) {
  TaskJobReport report;
  std::string today = ChinaDay(now);
  ZX_ASSIGN_OR_RETURN(int64_t today_n, DayNumber(today, "today"));
  ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
    report = {};
    struct Late { int64_t receiver, task; std::string issuer, deadline, title, region_name; };
    std::vector<Late> late;
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
          "SELECT r.id, t.id, t.issuer_region, t.deadline, t.title, g.name FROM task_receivers r JOIN tasks t ON "
          "t.id = r.task_id JOIN regions g ON g.code = r.region_code WHERE r.status <> 'done' AND t.deadline < ? AND NOT "
          "EXISTS (SELECT 1 FROM task_escalations e WHERE e.receiver_id = r.id) ORDER BY r.id"));
      st.Bind(today);
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool more, st->Step());
        if (!more) break;
        late.push_back({st->Int(0), st->Int(1), st->Text(2), st->Text(3), st->Text(4), st->Text(5)});
      }
    }
    for (const auto& l : late) {
      ZX_ASSIGN_OR_RETURN(int64_t deadline_n, DayNumber(l.deadline, "deadline"));
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO task_escalations(receiver_id, task_id, issuer_region, at, days_overdue) "
                                   "VALUES (?, ?, ?, ?, ?)", l.receiver, l.task, l.issuer, now, today_n - deadline_n));
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO notifications(region_code, kind, ref_id, message, created_at) VALUES "
                                   "(?, 'task_overdue', ?, ?, ?)",
                                   l.issuer, l.task, l.region_name + " 逾期未办结：" + l.title + "（截止 " + l.deadline + "）",
                                   now));
      // The job is the actor: the system user (0) in the audit chain.
      ZX_RETURN_IF_ERROR(AppendAudit(c, AuditActor{}, {"create", "task_escalation", std::to_string(l.receiver), l.issuer,
                                                       std::nullopt, nlohmann::json{{"task_id", l.task}, {"deadline", l.deadline}}},
                                     now));
      ++report.escalated;
    }
    // Cycles: the current period of each active cycle, unless already open.
    struct Cycle { int64_t id, user; std::string region, unit, frequency, title, content, evidence, form, receivers, starts; int64_t due; };
    std::vector<Cycle> cycles;
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
          "SELECT id, issuer_user_id, issuer_region, issuer_unit, frequency, title, content, evidence_required, form_json, "
          "receivers_json, starts_on, due_days FROM task_cycles WHERE active = 1 ORDER BY id"));
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool more, st->Step());
        if (!more) break;
        cycles.push_back({st->Int(0), st->Int(1), st->Text(2), st->Text(3), st->Text(4), st->Text(5), st->Text(6),
                          st->Text(7), st->Text(8), st->Text(9), st->Text(10), st->Int(11)});
      }
    }
    for (const auto& cy : cycles) {
      ZX_ASSIGN_OR_RETURN(CyclePeriod p, CurrentCyclePeriod(cy.frequency, today));
      if (p.opens_on < cy.starts) continue;
      ZX_ASSIGN_OR_RETURN(int64_t open, QueryInt(c, "SELECT COUNT(*) FROM tasks WHERE cycle_id = ? AND period = ?", cy.id, p.period));
      if (open) continue;
      NewTask t;
      t.issuer_region = cy.region;
      t.issuer_user_id = cy.user;
      t.issuer_unit = cy.unit;
      t.title = cy.title + "（" + p.label + "）";
      t.content = cy.content;
      t.evidence_required = cy.evidence;
      ZX_ASSIGN_OR_RETURN(int64_t opens_n, DayNumber(p.opens_on, "opens_on"));
      t.deadline = DayFromNumber(std::max(opens_n + cy.due, today_n));
      ZX_ASSIGN_OR_RETURN(t.form, ParseForm(nlohmann::json::parse(cy.form, nullptr, false)));
      for (const auto& code : nlohmann::json::parse(cy.receivers, nullptr, false)) t.receivers.push_back({code.get<std::string>(), {}});
      t.cycle_id = cy.id;
      t.period = p.period;
      auto inserted = InsertTask(c, t, today, now);
      if (!inserted.ok()) {
        spdlog::warn("cycle {} could not open {}: {}", cy.id, p.period, inserted.status().ToString());
        continue;
      }
      ZX_RETURN_IF_ERROR(AppendAudit(c, AuditActor{}, {"create", "task", std::to_string(*inserted), cy.region, std::nullopt,
                                                       nlohmann::json{{"cycle_id", cy.id}, {"period", p.period}}},
                                     now));
      ++report.opened;
    }
    return Status::Ok();
  }));
  return report;
}

struct TaskJobTimer::State {
  std::mutex mu;
  std::condition_variable cv;
  bool stop = false;
  std::thread thread;
};

TaskJobTimer::TaskJobTimer(Database& db, const Clock& clock, int64_t interval_seconds) : state_(new State) {
  State* s = state_;
  s->thread = std::thread([s, &db, &clock, interval_seconds] {
    std::unique_lock<std::mutex> lock(s->mu);
    while (!s->stop) {
      lock.unlock();
      auto r = RunTaskJobs(db, clock.NowSeconds());
      if (!r.ok()) spdlog::warn("task jobs: {}", r.status().ToString());
      else if (r->escalated || r->opened) spdlog::info("task jobs: {} escalated, {} opened", r->escalated, r->opened);
      lock.lock();
      s->cv.wait_for(lock, std::chrono::seconds(interval_seconds), [s] { return s->stop; });
    }
  });
}

void TaskJobTimer::Stop() {
  if (!state_) return;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->stop = true;
  }
  state_->cv.notify_all();
  if (state_->thread.joinable()) state_->thread.join();
}

TaskJobTimer::~TaskJobTimer() {
  Stop();
  delete state_;
  state_ = nullptr;
}

}  // namespace zx
