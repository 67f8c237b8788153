#include "modules/village_cadres/village_cadre_store.h"

#include "core/dates.h"

#include <algorithm>

#include "core/region_code.h"

namespace zx {

const std::vector<std::string>& VillagePosts() {
  static const std::vector<std::string> posts = {"secretary",        "director",   "deputy_secretary", "branch_member",
                                                 "committee_member", "supervisor", "supervisor_member"};
  return posts;
}

bool IsVillagePost(const std::string& post) {
  const auto& v = VillagePosts();
  return std::find(v.begin(), v.end(), post) != v.end();
}

const char* VillagePostTitle(const std::string& post) {
  if (post == "secretary") return "村党组织书记";
  if (post == "director") return "村委会主任";
  if (post == "deputy_secretary") return "村党组织副书记";
  if (post == "branch_member") return "村党组织委员";
  if (post == "committee_member") return "村委会委员";
  if (post == "supervisor") return "村务监督委员会主任";
  if (post == "supervisor_member") return "村务监督委员会委员";
  return "";
}

bool IsSecretaryRating(const std::string& rating) {
  return rating == "excellent" || rating == "competent" || rating == "basic" || rating == "incompetent";
}

const char* SecretaryRatingTitle(const std::string& rating) {
  if (rating == "excellent") return "优秀";
  if (rating == "competent") return "称职";
  if (rating == "basic") return "基本称职";
  if (rating == "incompetent") return "不称职";
  return "";
}

Result<std::string> VillageForWrite(Connection& c, const Caller& caller, const std::string& input, const std::string& field) {
  ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(input, field));
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
  if (level != RegionLevel::kVillage) return Status::InvalidArgument(field + " 须为村（12 位村代码）", field);
  if (!caller.InScope(code)) return Status::InvalidArgument("村 " + code + " 不在您的管辖范围内", field);
  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", code));
  if (!n) return Status::InvalidArgument("没有代码为 " + code + " 的村", field);
  return code;
}

Status PersonForWrite(Connection& c, const Caller& caller, int64_t person_id, const std::string& field) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT region_code FROM people WHERE id = ?"));
  st.Bind(person_id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::InvalidArgument("人员库中没有编号为 " + std::to_string(person_id) + " 的人员", field);
  if (!caller.InScope(st->Text(0)))
    return Status::InvalidArgument("人员 " + std::to_string(person_id) + " 不在您的管辖范围内", field);
  return Status::Ok();
}

namespace {

constexpr char kPostColumns[] =
    "SELECT vp.id, vp.village_code, v.name, t.code, t.name, vp.person_id, p.name, p.sex, COALESCE(p.birth_date, ''), "
    "p.education, vp.post, vp.term_start, COALESCE(vp.term_end, ''), COALESCE(vp.end_reason, '') FROM village_posts vp "
    "JOIN regions v ON v.code = vp.village_code JOIN regions t ON t.code = v.parent_code JOIN people p ON p.id = vp.person_id ";

int PostOrder(const std::string& post) {
  const auto& v = VillagePosts();
  return static_cast<int>(std::find(v.begin(), v.end(), post) - v.begin());
}

Result<std::vector<CadrePost>> Collect(Stmt& st) {
  std::vector<CadrePost> out;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Int(0), st->Text(1), st->Text(2), st->Text(3), st->Text(4), st->Int(5), st->Text(6), st->Text(7),
                   st->Text(8), st->Text(9), st->Text(10), st->Text(11), st->Text(12), st->Text(13)});
  }
  std::stable_sort(out.begin(), out.end(), [](const CadrePost& a, const CadrePost& b) {
    if (a.village_code != b.village_code) return a.village_code < b.village_code;
    return PostOrder(a.post) < PostOrder(b.post);
  });
  return out;
}

}  // namespace

Result<std::vector<CadrePost>> PostsHeld(Connection& c, const CodeRange& range, const std::string& from, const std::string& to) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kPostColumns) +
                                         "WHERE vp.village_code BETWEEN ? AND ? AND vp.term_start <= ? AND "
                                         "(vp.term_end IS NULL OR vp.term_end >= ?) ORDER BY vp.village_code, vp.term_start, vp.id"));
  st.Bind(range.low, range.high, to, from);
  return Collect(st);
}

Result<std::vector<CadrePost>> PostHistory(Connection& c, const CodeRange& range) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kPostColumns) +
                                         "WHERE vp.village_code BETWEEN ? AND ? ORDER BY vp.village_code, vp.term_start, vp.id"));
  st.Bind(range.low, range.high);
  return Collect(st);
}

int PostHolderAge(const std::string& birth_date, const std::string& day) {
  return AgeOn(birth_date, day).value_or(-1);
}

}  // namespace zx
