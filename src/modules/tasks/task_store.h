// Tasks in the database: issuing a task (all receivers checked before anything is written, so a
// task with one bad receiver creates nothing), the receiver tree below a task with its completion
// figures, evidence attachments (also used by supervision findings), and the timer job that
// escalates overdue receivers once and opens cycle periods once.
// Thread-safety: functions run inside a Database callback on the caller's connection.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/region_code.h"
#include "modules/tasks/task_rules.h"
#include "store/database.h"

namespace zx {

struct NewReceiver {
  std::string region_code;  // as given; checked and canonicalised by InsertTask
  std::optional<int64_t> user_id;
};

struct NewTask {
  std::string issuer_region;  // canonical
  int64_t issuer_user_id = 0;
  std::string issuer_unit;
  std::string title, content, deadline, evidence_required;
  std::vector<FormField> form;
  std::vector<NewReceiver> receivers;
  std::optional<int64_t> parent_receiver_id;
  std::optional<std::string> parent_deadline;  // a passed-down task may not end later than its parent
  std::optional<int64_t> cycle_id;
  std::optional<std::string> period;
};

// Validates (deadline, receivers strictly below the issuer, existing, not repeated; named users
// inside the issuer's subtree) and inserts the task and its receivers. Errors name the field,
// e.g. "receivers[3].region_code".
Result<int64_t> InsertTask(Connection& c, const NewTask& task, const std::string& today, int64_t now);

struct ReceiverInfo {
  int64_t id = 0, task_id = 0, root_task_id = 0;
  std::string region_code, status, deadline, issuer_region, title;
  std::optional<int64_t> user_id;
  std::vector<FormField> form;
  nlohmann::json answers;
  bool passed_down = false;
};
Result<ReceiverInfo> FindReceiver(Connection& c, int64_t id);

// The task with the completion of every receiver below it (passed-down ones too): counts and rows.
Result<nlohmann::json> TaskProgress(Connection& c, int64_t task_id, const std::string& today);
// Counts only, for lists: {total, done, in_progress, pending, overdue}.
Result<nlohmann::json> TaskCounts(Connection& c, int64_t task_id, const std::string& today);

// Stores an evidence file (checked by name, magic bytes and size) for a task receiver or a finding.
Result<nlohmann::json> StoreAttachment(Connection& c, const std::string& owner_kind, int64_t owner_id,
                                       const std::string& region_code, const std::string& file_name,
                                       const std::string& bytes, const std::string& content_type, int64_t user_id,
                                       int64_t now);
Result<nlohmann::json> AttachmentsOf(Connection& c, const std::string& owner_kind, int64_t owner_id);

struct TaskJobReport {
  int64_t escalated = 0;
  int64_t opened = 0;
};
// Escalates every overdue receiver that has not escalated yet (exactly once each: an escalation
// row and a notification to the issuer) and opens the current period of every active cycle that
// has not been opened. Safe to run any number of times.
Result<TaskJobReport> RunTaskJobs(Database& db, int64_t now);

// Runs RunTaskJobs every `interval_seconds` on a thread of its own until Stop (for serve).
class TaskJobTimer {
 public:
  TaskJobTimer(Database& db, const Clock& clock, int64_t interval_seconds);
  ~TaskJobTimer();
  void Stop();

 private:
  struct State;
  State* state_;
};

}  // namespace zx
