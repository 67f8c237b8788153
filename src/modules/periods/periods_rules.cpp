#include "modules/periods/periods_rules.h"

#include <algorithm>
#include <set>

namespace zx {
namespace {

bool Digits(const std::string& s, size_t from, size_t n) {
  if (s.size() < from + n) return false;
  for (size_t i = from; i < from + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool LeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && LeapYear(y) ? 29 : kDays[m - 1];
}

std::string Two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

const char* const kQuarterNames[] = {"第一季度", "第二季度", "第三季度", "第四季度"};

}  // namespace

Result<LockPeriod> ParseLockPeriod(const std::string& label, const std::string& field) {
  auto bad = [&] { return Status::InvalidArgument(field + " 应为月份 2026-11、季度 2026-Q4 或年度 2026", field); };
  if (!Digits(label, 0, 4)) return bad();
  int year = std::stoi(label.substr(0, 4));
  if (year < 2000 || year > 2100) return bad();
  std::string y = label.substr(0, 4);
  if (label.size() == 4) return LockPeriod{label, y + "-01-01", y + "-12-31"};
  if (label.size() == 7 && label[4] == '-' && label[5] == 'Q' && label[6] >= '1' && label[6] <= '4') {
    int q = label[6] - '0';
    int first = 3 * q - 2, last = 3 * q;
    return LockPeriod{label, y + "-" + Two(first) + "-01", y + "-" + Two(last) + "-" + Two(DaysInMonth(year, last))};
  }
  if (label.size() == 7 && label[4] == '-' && Digits(label, 5, 2)) {
    int m = std::stoi(label.substr(5, 2));
    if (m < 1 || m > 12) return bad();
    return LockPeriod{label, label + "-01", label + "-" + Two(DaysInMonth(year, m))};
  }
  return bad();
}

std::vector<std::string> LockPeriodsContaining(const std::string& day) {
  if (day.size() < 7 || !Digits(day, 0, 4) || !Digits(day, 5, 2)) return {};
  int m = std::stoi(day.substr(5, 2));
  if (m < 1 || m > 12) return {};
  std::string y = day.substr(0, 4);
  return {day.substr(0, 7), y + "-Q" + std::to_string((m - 1) / 3 + 1), y};
}

std::string LockPeriodTitle(const std::string& label) {
  auto p = ParseLockPeriod(label);
  if (!p.ok()) return label;
  std::string y = label.substr(0, 4) + "年";
  if (label.size() == 4) return y + "度";
  if (label[5] == 'Q') return y + kQuarterNames[label[6] - '1'];
  return y + std::to_string(std::stoi(label.substr(5, 2))) + "月";
}

namespace {
const char* const kStateNames[] = {"none", "submitted", "locked", "returned", "unlock_requested", "unlocked"};
const char* const kActionNames[] = {"submit", "approve", "return", "request_unlock", "approve_unlock", "reject_unlock"};
const char* const kStateTitles[] = {"未上报", "已上报（待审核）", "已锁定", "已退回", "申请解锁中", "已解锁"};
}  // namespace

const char* LockStateName(LockState s) { return kStateNames[static_cast<int>(s)]; }
const char* LockActionName(LockAction a) { return kActionNames[static_cast<int>(a)]; }

bool ParseLockState(const std::string& name, LockState* s) {
  for (int i = 0; i < kLockStateCount; ++i)
    if (name == kStateNames[i]) {
      *s = static_cast<LockState>(i);
      return true;
    }
  return false;
}

Result<LockState> NextLockState(LockState from, LockAction action) {
  using S = LockState;
  using A = LockAction;
  // The one table: an office's paper workflow, 未上报 → 已上报 → 已锁定 / 退回, and corrections
  // to a locked period only through an approved unlock, after which the region reports again.
  switch (action) {
    case A::kSubmit:
      if (from == S::kNone || from == S::kReturned || from == S::kUnlocked) return S::kSubmitted;
      break;
    case A::kApprove:
      if (from == S::kSubmitted) return S::kLocked;
      break;
    case A::kReturn:
      if (from == S::kSubmitted) return S::kReturned;
      break;
    case A::kRequestUnlock:
      if (from == S::kLocked) return S::kUnlockRequested;
      break;
    case A::kApproveUnlock:
      if (from == S::kUnlockRequested) return S::kUnlocked;
      break;
    case A::kRejectUnlock:
      if (from == S::kUnlockRequested) return S::kLocked;
      break;
  }
  return Status::InvalidArgument(std::string("当前状态（") + kStateTitles[static_cast<int>(from)] + "）不能" +
                                     (action == A::kSubmit          ? "上报"
                                      : action == A::kApprove       ? "审核通过"
                                      : action == A::kReturn        ? "退回"
                                      : action == A::kRequestUnlock ? "申请解锁"
                                      : action == A::kApproveUnlock ? "批准解锁"
                                                                    : "驳回解锁申请"),
                                 "state");
}

// An unlock request still pending leaves the data locked: only its approval opens it.
bool LockStateFreezes(LockState s) {
  return s == LockState::kSubmitted || s == LockState::kLocked || s == LockState::kUnlockRequested;
}

Status MayActOnLock(const LockActor& actor, LockAction action, const std::string& region_code) {
  if (!IsWithin(region_code, actor.scope_code, actor.scope_level)) return Status::NotFound("没有该地区的填报记录");
  bool by_region = action == LockAction::kSubmit || action == LockAction::kRequestUnlock;
  if (by_region) {
    if (!actor.may_submit) return Status::PermissionDenied("没有上报权限");
    return Status::Ok();
  }
  if (!actor.may_approve) return Status::PermissionDenied("没有审核权限");
  if (region_code == actor.scope_code) return Status::PermissionDenied("本级上报的数据须由上级审核，不能自行审核");
  return Status::Ok();
}

const std::vector<std::string>& FigureNames() {
  static const std::vector<std::string> names = {
      "visits",           "satisfied_visits",   "households_visited", "checkins",          "days_present",
      "work_logs",        "collective_income_yuan", "trainees",       "follow_ups_opened", "follow_ups_closed"};
  return names;
}

std::vector<FigureChange> DiffFigures(const Figures& before, const Figures& now) {
  std::vector<FigureChange> out;
  std::set<std::string> done;
  auto add = [&](const std::string& name) {
    if (!done.insert(name).second) return;
    auto b = before.find(name), n = now.find(name);
    FigureChange f{name, b == before.end() ? 0 : b->second, n == now.end() ? 0 : n->second, 0};
    f.delta = f.now - f.before;
    out.push_back(f);
  };
  for (const auto& name : FigureNames()) add(name);
  for (const auto& [name, v] : before) add(name);
  for (const auto& [name, v] : now) add(name);
  return out;
}

bool AnyChange(const std::vector<FigureChange>& diff) {
  return std::any_of(diff.begin(), diff.end(), [](const FigureChange& f) { return f.delta != 0; });
}

}  // namespace zx
