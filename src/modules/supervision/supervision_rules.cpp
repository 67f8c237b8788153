#include "modules/supervision/supervision_rules.h"

namespace zx {

Status CheckSeverity(const std::string& s) {
  if (s == "minor" || s == "major" || s == "serious") return Status::Ok();
  return Status::InvalidArgument("severity must be minor, major or serious", "severity");
}

Status CheckInspectionKind(const std::string& k) {
  if (k == "open" || k == "unannounced") return Status::Ok();
  return Status::InvalidArgument("kind must be open (明查) or unannounced (暗访)", "kind");
}

Status CheckSignOff(const std::string& status, int64_t evidence_files) {
  if (status == "closed") return Status::Conflict("问题已销号", "id");
  if (status == "signed_off") return Status::Conflict("已签字确认", "id");
  if (evidence_files <= 0) return Status::InvalidArgument("整改佐证材料未上传，不能签字确认", "attachments");
  return Status::Ok();
}

Status CheckClose(const std::string& status, int64_t evidence_files) {
  if (status == "closed") return Status::Conflict("问题已销号", "id");
  if (evidence_files <= 0) return Status::InvalidArgument("没有整改佐证材料，不能销号", "attachments");
  if (status != "signed_off") return Status::InvalidArgument("督查方尚未签字确认，不能销号", "sign_off");
  return Status::Ok();
}

Status CheckRating(const std::string& r) {
  if (r == "good" || r == "fairly_good" || r == "average" || r == "poor") return Status::Ok();
  return Status::InvalidArgument("rating must be good, fairly_good, average or poor (好、较好、一般、差)", "rating");
}

}  // namespace zx
