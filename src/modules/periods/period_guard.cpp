#include "modules/periods/period_guard.h"

#include "core/region_code.h"
#include "modules/periods/periods_rules.h"

namespace zx {

Status RefuseIfPeriodLocked(Connection& c, const std::string& region_code, const std::string& day) {
  std::vector<std::string> periods = LockPeriodsContaining(day);
  if (periods.size() != 3) return Status::Ok();
  auto level = LevelOfCode(region_code);
  if (!level.ok()) return Status::Ok();
  std::vector<std::string> up = SelfAndAncestors(region_code, *level);
  // The nearest region first (largest code): its lock is the one to name.
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT l.period, l.state, COALESCE(r.name, l.region_code) FROM period_locks l LEFT JOIN regions r ON r.code = "
      "l.region_code WHERE l.region_code IN (?, ?, ?, ?, ?, ?) AND l.period IN (?, ?, ?) AND l.state IN ('submitted', "
      "'locked', 'unlock_requested') ORDER BY l.region_code DESC, LENGTH(l.period) DESC LIMIT 1"));
  st.Bind(up[0], up[1], up[2], up[3], up[4], up[5], periods[0], periods[1], periods[2]);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::Ok();
  std::string title = LockPeriodTitle(st->Text(0)), state = st->Text(1), region = st->Text(2);
  if (state == "submitted")
    return Status::Conflict(title + " 已由 " + region + " 上报待审核，修改需先由上级退回");
  return Status::Conflict(title + " 已由 " + region + " 锁定，修改需申请解锁");
}

Status RefuseIfTrainingClassLocked(Connection& c, int64_t class_id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT region_code, start_day FROM training_classes WHERE id = ?"));
  st.Bind(class_id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::Ok();
  std::string region = st->Text(0), day = st->Text(1);
  return RefuseIfPeriodLocked(c, region, day);
}

}  // namespace zx
