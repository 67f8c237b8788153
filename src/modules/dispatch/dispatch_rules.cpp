#include "modules/dispatch/dispatch_rules.h"

#include "modules/presence/presence_rules.h"

namespace zx {

bool IsDispatchRole(const std::string& r) {
  return r == "first_secretary" || r == "team_leader" || r == "team_member";
}

bool IsDispatchStatus(const std::string& s) {
  return s == "in_post" || s == "rotated" || s == "recalled" || s == "term_ended";
}

Status CheckDispatchTransition(const std::string& from, const std::string& to, const std::string& reason) {
  if (!IsDispatchStatus(to)) return Status::InvalidArgument("unknown status " + to, "status");
  if (from != "in_post") return Status::Conflict("该选派已结束（" + from + "），状态不能再变更", "status");
  if (to == "in_post") return Status::InvalidArgument("该选派已在岗", "status");
  if (to == "recalled" && reason.empty()) return Status::InvalidArgument("召回必须填写原因", "reason");
  return Status::Ok();
}

Status CheckTerm(const std::string& start, const std::string& end) {
  ZX_ASSIGN_OR_RETURN(int64_t a, ChinaDayStart(start, "term_start"));
  ZX_ASSIGN_OR_RETURN(int64_t b, ChinaDayStart(end, "term_end"));
  if (b <= a) return Status::InvalidArgument("任期结束日期应晚于开始日期", "term_end");
  if (b - a > 5 * 366 * 86400LL) return Status::InvalidArgument("任期不能超过 5 年", "term_end");
  return Status::Ok();
}

}  // namespace zx
