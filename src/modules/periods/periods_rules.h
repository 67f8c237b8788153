// The rules of reporting periods and locks (填报期间与锁定): period labels, the lock state machine,
// who may act on a lock, and the difference between the figures at submission and now. No I/O.
// Private to this module: other modules reach it only through period_guard.h.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/region_code.h"
#include "core/status.h"

namespace zx {

// ---- Periods: "2026-11" month, "2026-Q4" quarter, "2026" year ----
struct LockPeriod {
  std::string label;  // as given, canonical
  std::string from, to;  // inclusive 'YYYY-MM-DD'
};
Result<LockPeriod> ParseLockPeriod(const std::string& label, const std::string& field = "period");
// The three labels (month, quarter, year) of periods containing `day` ('YYYY-MM-DD').
std::vector<std::string> LockPeriodsContaining(const std::string& day);
// "2026年10月", "2026年第四季度", "2026年"; the label itself if it does not parse.
std::string LockPeriodTitle(const std::string& label);

// ---- The state machine ----
// submitted 已上报(待审核), locked 已锁定(审核通过), returned 退回, unlock_requested 申请解锁,
// unlocked 已解锁(可修改). "未上报" is the absence of a row: kNone.
enum class LockState { kNone, kSubmitted, kLocked, kReturned, kUnlockRequested, kUnlocked };
inline constexpr int kLockStateCount = 6;
enum class LockAction { kSubmit, kApprove, kReturn, kRequestUnlock, kApproveUnlock, kRejectUnlock };
inline constexpr int kLockActionCount = 6;

const char* LockStateName(LockState s);  // "none", "submitted", ...
bool ParseLockState(const std::string& name, LockState* s);
const char* LockActionName(LockAction a);
// The state an action leads to, or InvalidArgument (field "state") when the state does not allow it.
Result<LockState> NextLockState(LockState from, LockAction action);
// Records in the region dated inside the period may not be written in this state.
bool LockStateFreezes(LockState s);

// ---- Who may act ----
struct LockActor {
  std::string scope_code;  // canonical
  RegionLevel scope_level = RegionLevel::kCountry;
  bool may_submit = false;   // holds period.submit
  bool may_approve = false;  // holds period.approve
};
// Submit and request an unlock: the region itself or a region inside the caller's scope, with
// period.submit. Approve, return, decide an unlock: a caller whose scope is a strict ancestor of
// the region, with period.approve (a region never approves itself). NotFound outside the scope,
// PermissionDenied otherwise.
Status MayActOnLock(const LockActor& actor, LockAction action, const std::string& region_code);

// ---- Figures and their difference ----
using Figures = std::map<std::string, int64_t>;
// The names of the figures a snapshot holds, in display order.
const std::vector<std::string>& FigureNames();
struct FigureChange {
  std::string name;
  int64_t before = 0, now = 0, delta = 0;
};
// Every figure in either set, in FigureNames order (unknown names after, sorted); missing = 0.
std::vector<FigureChange> DiffFigures(const Figures& before, const Figures& now);
bool AnyChange(const std::vector<FigureChange>& diff);

}  // namespace zx
