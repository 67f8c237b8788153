#include "modules/supervision/supervision_routes.h"

#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/presence/presence_rules.h"
#include "modules/supervision/supervision_rules.h"
#include "modules/tasks/task_routes.h"
#include "modules/tasks/task_store.h"

namespace zx {

Result<int64_t> RepeatCount(Connection& c, const std::string& region_code, const std::string& category,
                            const std::string& found_on) {
  ZX_ASSIGN_OR_RETURN(int64_t day, DayNumber(found_on, "found_on"));
  std::string year_before = DayFromNumber(day - 365);
  return QueryInt(c, "SELECT COUNT(*) FROM findings WHERE region_code = ? AND category = ? AND found_on BETWEEN ? AND ?",
                  region_code, category, year_before, found_on);
}

namespace {

nlohmann::json NullableInt(const Statement& st, int col) {
  return st.IsNull(col) ? nlohmann::json(nullptr) : nlohmann::json(st.Int(col));
}

// A region given in a body: canonical, existing, inside the caller's scope (else as if absent).
Result<std::string> RegionInScope(Connection& c, const Caller& caller, const std::string& input, const std::string& field) {
  ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(input, field));
  ZX_ASSIGN_OR_RETURN(int64_t exists, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", code));
  if (!exists || !caller.InScope(code)) return Status::InvalidArgument("没有该行政区划或不在管辖范围内：" + code, field);
  return code;
}

struct GroupInfo {
  int64_t id = 0;
  std::string region_code, name;
};

Result<GroupInfo> GroupInScope(Connection& c, const Caller& caller, int64_t id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, region_code, name FROM inspection_groups WHERE id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found || !caller.InScope(st->Text(1))) return Status::InvalidArgument("没有该督查组", "group_id");
  return GroupInfo{st->Int(0), st->Text(1), st->Text(2)};
}

struct FindingInfo {
  int64_t id = 0, inspection_id = 0, group_id = 0;
  std::string region_code, status;
};

Result<FindingInfo> FindFinding(Connection& c, int64_t id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT f.id, f.inspection_id, i.group_id, f.region_code, f.status FROM findings f "
                                         "JOIN inspections i ON i.id = f.inspection_id WHERE f.id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return Status::NotFound("finding not found");
  return FindingInfo{st->Int(0), st->Int(1), st->Int(2), st->Text(3), st->Text(4)};
}

// The inspection side: a member of the finding's inspection group, or an organization
// department administrator who runs supervision.
Status IsInspectionSide(Connection& c, const Caller& caller, int64_t group_id) {
  for (const auto& r : caller.roles)
    if (r == "sys_admin" || r == "org_admin") return Status::Ok();
  ZX_ASSIGN_OR_RETURN(int64_t member, QueryInt(c, "SELECT COUNT(*) FROM inspection_group_members WHERE group_id = ? AND "
                                                  "user_id = ?", group_id, caller.user_id));
  if (!member) return Status::PermissionDenied("只有该督查组成员可以签字确认、销号");
  return Status::Ok();
}

constexpr char kFindingColumns[] =
    "SELECT f.id, f.inspection_id, f.region_code, g.name, f.owner_unit, f.category, f.severity, f.description, f.deadline, "
    "f.status, f.repeat_count, f.found_on, f.signed_off_by, f.signed_off_at, f.sign_off_note, f.closed_at, i.kind, "
    "ig.name, (SELECT COUNT(*) FROM attachments a WHERE a.owner_kind = 'finding' AND a.owner_id = f.id) FROM findings f "
    "JOIN regions g ON g.code = f.region_code JOIN inspections i ON i.id = f.inspection_id JOIN inspection_groups ig ON "
    "ig.id = i.group_id ";

nlohmann::json FindingView(const Statement& st, const std::string& today) {
  std::string status = st.Text(9), deadline = st.Text(8);
  return {{"id", st.Int(0)}, {"inspection_id", st.Int(1)}, {"region", {{"code", st.Text(2)}, {"name", st.Text(3)}}},
          {"owner_unit", st.Text(4)}, {"category", st.Text(5)}, {"severity", st.Text(6)}, {"description", st.Text(7)},
          {"deadline", deadline}, {"status", status}, {"repeat_count", st.Int(10)}, {"found_on", st.Text(11)},
          {"signed_off_by", st.IsNull(12) ? nlohmann::json(nullptr) : nlohmann::json(st.Text(12))},
          {"signed_off_at", st.IsNull(13) ? nlohmann::json(nullptr) : nlohmann::json(FormatUtc(st.Int(13)))},
          {"sign_off_note", st.Text(14)},
          {"closed_at", st.IsNull(15) ? nlohmann::json(nullptr) : nlohmann::json(FormatUtc(st.Int(15)))},
          {"inspection_kind", st.Text(16)}, {"group_name", st.Text(17)}, {"evidence_files", st.Int(18)},
          {"overdue", status != "closed" && status != "signed_off" && today > deadline}};
}

}  // namespace

void RegisterSupervisionRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"GET", "/api/v1/inspection-groups", Access::kPermission, "supervision.read", "",
              "Inspection groups (督查组) in scope with their members", [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, region_code, name, year FROM inspection_groups WHERE "
                                                         "region_code BETWEEN ? AND ? ORDER BY year DESC, id"));
                  st.Bind(range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    items.push_back({{"id", st->Int(0)}, {"region_code", st->Text(1)}, {"name", st->Text(2)},
                                     {"year", st->Int(3)}, {"members", nlohmann::json::array()}});
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt ms, c.Prepare("SELECT name, role, user_id, person_id, work_unit FROM "
                                                         "inspection_group_members WHERE group_id = ? ORDER BY role, id"));
                  for (auto& g : items) {
                    ms.Bind(g["id"].get<int64_t>());
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool more, ms->Step());
                      if (!more) break;
                      g["members"].push_back({{"name", ms->Text(0)}, {"role", ms->Text(1)}, {"user_id", NullableInt(*ms, 2)},
                                              {"person_id", NullableInt(*ms, 3)}, {"work_unit", ms->Text(4)}});
                    }
                    ms->Reset();
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/inspection-groups", Access::kPermission, "supervision.manage", "",
              "Set up an inspection group of the caller's unit with its members (people or user accounts)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string name, body.String("name", 100));
                ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
                const nlohmann::json& raw = body.raw();
                ZX_RETURN_IF_ERROR(RejectUnknownTopFields(raw, {"name", "year", "members"}));
                if (!raw.contains("members") || !raw["members"].is_array() || raw["members"].empty())
                  return Status::InvalidArgument("督查组至少要有一名成员", "members");
                struct M { std::string name, role, unit; std::optional<int64_t> user, person; };
                std::vector<M> members;
                for (size_t i = 0; i < raw["members"].size() && i < 100; ++i) {
                  const auto& m = raw["members"][i];
                  std::string at = "members[" + std::to_string(i) + "]";
                  if (!m.is_object()) return Status::InvalidArgument(at + " must be an object", at);
                  for (auto& [k, v] : m.items())
                    if (k != "name" && k != "role" && k != "user_id" && k != "person_id" && k != "work_unit")
                      return Status::InvalidArgument("unknown field " + at + "." + k, at + "." + k);
                  M x;
                  if (!m.contains("name") || !m["name"].is_string() || m["name"].get<std::string>().empty())
                    return Status::InvalidArgument(at + ".name is required", at + ".name");
                  x.name = m["name"].get<std::string>();
                  x.role = m.contains("role") && m["role"].is_string() ? m["role"].get<std::string>() : "member";
                  if (x.role != "leader" && x.role != "member")
                    return Status::InvalidArgument(at + ".role must be leader or member", at + ".role");
                  x.unit = m.contains("work_unit") && m["work_unit"].is_string() ? m["work_unit"].get<std::string>() : "";
                  if (m.contains("user_id") && m["user_id"].is_number_integer()) x.user = m["user_id"].get<int64_t>();
                  if (m.contains("person_id") && m["person_id"].is_number_integer()) x.person = m["person_id"].get<int64_t>();
                  members.push_back(std::move(x));
                }
                int64_t now = clock.NowSeconds();
                std::string region = ctx.caller->scope_code;
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM inspection_groups WHERE region_code = ? AND "
                                                               "name = ? AND year = ?", region, name, year));
                  if (dup) return Status::Conflict("同名督查组已存在", "name");
                  for (size_t i = 0; i < members.size(); ++i) {
                    if (members[i].user) {
                      ZX_ASSIGN_OR_RETURN(Stmt us, c.Prepare("SELECT scope_code FROM users WHERE id = ?"));
                      us.Bind(*members[i].user);
                      ZX_ASSIGN_OR_RETURN(bool found, us->Step());
                      if (!found || !ctx.caller->InScope(us->Text(0)))
                        return Status::InvalidArgument("没有该用户", "members[" + std::to_string(i) + "].user_id");
                    }
                    if (members[i].person) {
                      ZX_ASSIGN_OR_RETURN(Stmt ps, c.Prepare("SELECT region_code FROM people WHERE id = ?"));
                      ps.Bind(*members[i].person);
                      ZX_ASSIGN_OR_RETURN(bool found, ps->Step());
                      if (!found || !ctx.caller->InScope(ps->Text(0)))
                        return Status::InvalidArgument("人员库中没有该人员", "members[" + std::to_string(i) + "].person_id");
                    }
                  }
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspection_groups(region_code, name, year, created_at) VALUES "
                                               "(?, ?, ?, ?)", region, name, year, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM inspection_groups WHERE region_code = ? AND name = ? "
                                                              "AND year = ?", region, name, year));
                  for (const auto& m : members)
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspection_group_members(group_id, name, role, user_id, person_id, "
                                                 "work_unit) VALUES (?, ?, ?, ?, ?, ?)", id, m.name, m.role, m.user, m.person,
                                                 m.unit));
                  view = {{"id", id}, {"region_code", region}, {"name", name}, {"year", year},
                          {"members", static_cast<int64_t>(members.size())}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "inspection_group", std::to_string(id), region, std::nullopt,
                                                       view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"POST", "/api/v1/inspection-plans", Access::kPermission, "supervision.manage", "",
              "Plan a group's inspections: a period and the regions it will inspect",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t group_id, body.Int("group_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string title, body.String("title", 200));
                ZX_ASSIGN_OR_RETURN(std::string start, body.String("period_start", 10));
                ZX_ASSIGN_OR_RETURN(std::string end, body.String("period_end", 10));
                ZX_ASSIGN_OR_RETURN(std::vector<std::string> targets, body.StringList("targets", 500, 12));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(DayNumber(start, "period_start").status());
                ZX_RETURN_IF_ERROR(DayNumber(end, "period_end").status());
                if (end < start) return Status::InvalidArgument("结束日期早于开始日期", "period_end");
                if (targets.empty()) return Status::InvalidArgument("至少选择一个督查对象", "targets");
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(GroupInfo g, GroupInScope(c, *ctx.caller, group_id));
                  std::vector<std::string> codes;
                  for (size_t i = 0; i < targets.size(); ++i) {
                    std::string field = "targets[" + std::to_string(i) + "]";
                    ZX_ASSIGN_OR_RETURN(std::string code, RegionInScope(c, *ctx.caller, targets[i], field));
                    ZX_ASSIGN_OR_RETURN(RegionLevel gl, LevelOfCode(g.region_code));
                    if (!IsWithin(code, g.region_code, gl)) return Status::InvalidArgument("督查对象不在督查组的范围内", field);
                    codes.push_back(code);
                  }
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspection_plans(group_id, region_code, title, period_start, "
                                               "period_end, targets_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                               group_id, g.region_code, title, start, end, nlohmann::json(codes).dump(), now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM inspection_plans WHERE group_id = ?", group_id));
                  view = {{"id", id}, {"group_id", group_id}, {"title", title}, {"period_start", start}, {"period_end", end},
                          {"targets", codes}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "inspection_plan", std::to_string(id), g.region_code,
                                                       std::nullopt, view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/inspection-plans", Access::kPermission, "supervision.read", "", "Inspection plans in scope",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT p.id, p.group_id, g.name, p.title, p.period_start, p.period_end, p.targets_json, (SELECT COUNT(*) "
                      "FROM inspections i WHERE i.plan_id = p.id) FROM inspection_plans p JOIN inspection_groups g ON "
                      "g.id = p.group_id WHERE p.region_code BETWEEN ? AND ? ORDER BY p.period_start DESC, p.id"));
                  st.Bind(range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    items.push_back({{"id", st->Int(0)}, {"group_id", st->Int(1)}, {"group_name", st->Text(2)},
                                     {"title", st->Text(3)}, {"period_start", st->Text(4)}, {"period_end", st->Text(5)},
                                     {"targets", nlohmann::json::parse(st->Text(6), nullptr, false)},
                                     {"inspections", st->Int(7)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/inspections", Access::kPermission, "supervision.manage", "",
              "Record an inspection of a region, open (明查) or unannounced (暗访)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t group_id, body.Int("group_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::optional<int64_t> plan_id, body.OptionalInt("plan_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string region, body.String("region_code", 12));
                ZX_ASSIGN_OR_RETURN(std::string kind, body.String("kind", 20));
                ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> notes, body.OptionalString("notes", 4000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(CheckInspectionKind(kind));
                ZX_RETURN_IF_ERROR(DayNumber(day, "day").status());
                int64_t now = clock.NowSeconds();
                if (day > ChinaDay(now)) return Status::InvalidArgument("督查日期不能晚于今天", "day");
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(GroupInfo g, GroupInScope(c, *ctx.caller, group_id));
                  ZX_ASSIGN_OR_RETURN(std::string code, RegionInScope(c, *ctx.caller, region, "region_code"));
                  if (plan_id) {
                    ZX_ASSIGN_OR_RETURN(int64_t ok, QueryInt(c, "SELECT COUNT(*) FROM inspection_plans WHERE id = ? AND "
                                                                "group_id = ?", *plan_id, group_id));
                    if (!ok) return Status::InvalidArgument("该督查组没有此计划", "plan_id");
                  }
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspections(group_id, plan_id, region_code, kind, day, notes, "
                                               "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", group_id, plan_id, code, kind, day,
                                               notes.value_or(""), now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM inspections WHERE group_id = ?", group_id));
                  view = {{"id", id}, {"group_id", group_id}, {"group_name", g.name}, {"plan_id", plan_id ? nlohmann::json(*plan_id) : nlohmann::json(nullptr)},
                          {"region_code", code}, {"kind", kind}, {"day", day}, {"notes", notes.value_or("")}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "inspection", std::to_string(id), code, std::nullopt, view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/inspections", Access::kPermission, "supervision.read", "",
              "Inspections of regions in scope, with the number of findings",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT i.id, i.group_id, g.name, i.plan_id, i.region_code, r.name, i.kind, i.day, i.notes, (SELECT "
                      "COUNT(*) FROM findings f WHERE f.inspection_id = i.id) FROM inspections i JOIN inspection_groups g ON "
                      "g.id = i.group_id JOIN regions r ON r.code = i.region_code WHERE i.region_code BETWEEN ? AND ? ORDER "
                      "BY i.day DESC, i.id DESC LIMIT 2000"));
                  st.Bind(range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    items.push_back({{"id", st->Int(0)}, {"group_id", st->Int(1)}, {"group_name", st->Text(2)},
                                     {"plan_id", NullableInt(*st, 3)}, {"region", {{"code", st->Text(4)}, {"name", st->Text(5)}}},
                                     {"kind", st->Text(6)}, {"day", st->Text(7)}, {"notes", st->Text(8)},
                                     {"findings", st->Int(9)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/findings", Access::kPermission, "supervision.manage", "",
              "Record a finding of an inspection: category, severity, owner, rectification deadline; repeats are counted",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t inspection_id, body.Int("inspection_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string category, body.String("category", 50));
                ZX_ASSIGN_OR_RETURN(std::string severity, body.String("severity", 20));
                ZX_ASSIGN_OR_RETURN(std::string description, body.String("description", 4000));
                ZX_ASSIGN_OR_RETURN(std::string deadline, body.String("deadline", 10));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> owner_region, body.OptionalString("region_code", 12));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> owner_unit, body.OptionalString("owner_unit", 100));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(CheckSeverity(severity));
                ZX_RETURN_IF_ERROR(DayNumber(deadline, "deadline").status());
                int64_t now = clock.NowSeconds();
                std::string today = ChinaDay(now);
                if (deadline < today) return Status::InvalidArgument("整改期限不能早于今天（" + today + "）", "deadline");
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt is, c.Prepare("SELECT i.region_code, i.day, r.name FROM inspections i JOIN regions r "
                                                         "ON r.code = i.region_code WHERE i.id = ?"));
                  is.Bind(inspection_id);
                  ZX_ASSIGN_OR_RETURN(bool found, is->Step());
                  if (!found || !ctx.caller->InScope(is->Text(0))) return Status::InvalidArgument("没有该次督查", "inspection_id");
                  std::string inspected = is->Text(0), found_on = is->Text(1), inspected_name = is->Text(2);
                  std::string region = inspected;
                  if (owner_region) {
                    ZX_ASSIGN_OR_RETURN(region, RegionInScope(c, *ctx.caller, *owner_region, "region_code"));
                    ZX_ASSIGN_OR_RETURN(RegionLevel il, LevelOfCode(inspected));
                    if (!IsWithin(region, inspected, il)) return Status::InvalidArgument("责任单位不在被督查地区内", "region_code");
                  }
                  ZX_ASSIGN_OR_RETURN(int64_t repeats, RepeatCount(c, region, category, found_on));
                  std::string unit = owner_unit.value_or(inspected_name);
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "INSERT INTO findings(inspection_id, region_code, owner_unit, category, severity, description, deadline, "
                      "status, repeat_count, found_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)",
                      inspection_id, region, unit, category, severity, description, deadline, repeats, found_on, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM findings WHERE inspection_id = ?", inspection_id));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO notifications(region_code, kind, ref_id, message, created_at) VALUES "
                                               "(?, 'finding', ?, ?, ?)", region, id,
                                               "督查发现问题：" + category + "，整改期限 " + deadline, now));
                  view = {{"id", id}, {"inspection_id", inspection_id}, {"region_code", region}, {"owner_unit", unit},
                          {"category", category}, {"severity", severity}, {"deadline", deadline}, {"status", "open"},
                          {"repeat_count", repeats}, {"found_on", found_on}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "finding", std::to_string(id), region, std::nullopt, view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/findings", Access::kPermission, "supervision.read", "",
              "Findings in scope (status: open, rectifying, signed_off, closed; repeat=1 for repeat findings only)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string status = ctx.Query("status");
                bool repeat = ctx.Query("repeat") == "1";
                std::string today = ChinaDay(clock.NowSeconds());
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kFindingColumns) +
                      "WHERE f.region_code BETWEEN ? AND ? AND (? = '' OR f.status = ?) AND (? = 0 OR f.repeat_count > 0) "
                      "ORDER BY f.found_on DESC, f.id DESC LIMIT 2000"));
                  st.Bind(range.low, range.high, status, status, repeat ? 1 : 0);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    items.push_back(FindingView(*st, today));
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  Route one{"GET", "/api/v1/findings/{id}", Access::kPermission, "supervision.read", "",
            "A finding with its follow-up reports, evidence and interviews",
            [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
              ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
              nlohmann::json out;
              ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kFindingColumns) + "WHERE f.id = ?"));
                st.Bind(id);
                ZX_ASSIGN_OR_RETURN(bool found, st->Step());
                if (!found) return Status::NotFound("finding not found");
                out = FindingView(*st, ChinaDay(clock.NowSeconds()));
                nlohmann::json followups = nlohmann::json::array();
                ZX_ASSIGN_OR_RETURN(Stmt fs, c.Prepare("SELECT f.at, f.text, COALESCE(u.display_name, '') FROM finding_followups f "
                                                       "LEFT JOIN users u ON u.id = f.user_id WHERE f.finding_id = ? ORDER BY f.at, f.id"));
                fs.Bind(id);
                for (;;) {
                  ZX_ASSIGN_OR_RETURN(bool more, fs->Step());
                  if (!more) break;
                  followups.push_back({{"at", FormatUtc(fs->Int(0))}, {"text", fs->Text(1)}, {"by", fs->Text(2)}});
                }
                out["followups"] = followups;
                ZX_ASSIGN_OR_RETURN(out["attachments"], AttachmentsOf(c, "finding", id));
                nlohmann::json interviews = nlohmann::json::array();
                ZX_ASSIGN_OR_RETURN(Stmt is, c.Prepare("SELECT id, interviewer, interviewee, day, reason, result FROM interviews "
                                                       "WHERE finding_id = ? ORDER BY day"));
                is.Bind(id);
                for (;;) {
                  ZX_ASSIGN_OR_RETURN(bool more, is->Step());
                  if (!more) break;
                  interviews.push_back({{"id", is->Int(0)}, {"interviewer", is->Text(1)}, {"interviewee", is->Text(2)},
                                        {"day", is->Text(3)}, {"reason", is->Text(4)}, {"result", is->Text(5)}});
                }
                out["interviews"] = interviews;
                return Status::Ok();
              }));
              return JsonResponse(200, out.dump());
            }};
  one.record_region = RegionOfRecord(db, "SELECT region_code FROM findings WHERE id = ?", "finding");
  router.Add(std::move(one));

  Route follow{"POST", "/api/v1/findings/{id}/followups", Access::kPermission, "task.report", "",
               "The owner reports rectification of a finding",
               [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                 ZX_ASSIGN_OR_RETURN(std::string text, body.String("text", 4000));
                 ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                 int64_t now = clock.NowSeconds();
                 nlohmann::json view;
                 ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                   ZX_ASSIGN_OR_RETURN(FindingInfo f, FindFinding(c, id));
                   if (f.status == "closed") return Status::Conflict("问题已销号", "id");
                   ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO finding_followups(finding_id, at, user_id, text) VALUES (?, ?, ?, ?)",
                                                id, now, ctx.caller->user_id, text));
                   if (f.status == "open") ZX_RETURN_IF_ERROR(c.Execute("UPDATE findings SET status = 'rectifying' WHERE id = ?", id));
                   view = {{"finding_id", id}, {"text", text}, {"status", f.status == "open" ? "rectifying" : f.status}};
                   return AppendAudit(c, ActorOf(ctx), {"create", "finding_followup", std::to_string(id), f.region_code,
                                                        std::nullopt, view}, now);
                 }));
                 return JsonResponse(201, view.dump());
               }};
  follow.record_region = RegionOfRecord(db, "SELECT region_code FROM findings WHERE id = ?", "finding");
  router.Add(std::move(follow));

  Route attach{"POST", "/api/v1/findings/{id}/attachments", Access::kPermission, "task.report", "",
               "Attach rectification evidence (pdf, jpg, png, docx, xlsx; at most 5 MiB) to a finding",
               [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 ZX_ASSIGN_OR_RETURN(EvidenceUpload up, ReadEvidenceUpload(ctx.request));
                 int64_t now = clock.NowSeconds();
                 nlohmann::json view;
                 ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                   ZX_ASSIGN_OR_RETURN(FindingInfo f, FindFinding(c, id));
                   if (f.status == "closed" || f.status == "signed_off") return Status::Conflict("已签字确认，不能再补充材料", "id");
                   ZX_ASSIGN_OR_RETURN(view, StoreAttachment(c, "finding", id, f.region_code, up.file_name, up.bytes,
                                                             up.content_type, ctx.caller->user_id, now));
                   if (f.status == "open") ZX_RETURN_IF_ERROR(c.Execute("UPDATE findings SET status = 'rectifying' WHERE id = ?", id));
                   return AppendAudit(c, ActorOf(ctx), {"create", "attachment", std::to_string(view["id"].get<int64_t>()),
                                                        f.region_code, std::nullopt, view}, now);
                 }));
                 return JsonResponse(201, view.dump());
               }};
  attach.record_region = RegionOfRecord(db, "SELECT region_code FROM findings WHERE id = ?", "finding");
  router.Add(std::move(attach));

  Route sign{"POST", "/api/v1/findings/{id}/sign-off", Access::kPermission, "supervision.manage", "",
             "The inspection side signs off the rectification of a finding (needs evidence)",
             [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
               ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
               ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
               ZX_ASSIGN_OR_RETURN(std::string signer, body.String("signer", 50));
               ZX_ASSIGN_OR_RETURN(std::optional<std::string> note, body.OptionalString("note", 2000));
               ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
               int64_t now = clock.NowSeconds();
               nlohmann::json view;
               ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                 ZX_ASSIGN_OR_RETURN(FindingInfo f, FindFinding(c, id));
                 ZX_RETURN_IF_ERROR(IsInspectionSide(c, *ctx.caller, f.group_id));
                 ZX_ASSIGN_OR_RETURN(int64_t files, QueryInt(c, "SELECT COUNT(*) FROM attachments WHERE owner_kind = 'finding' AND "
                                                                "owner_id = ?", id));
                 ZX_RETURN_IF_ERROR(CheckSignOff(f.status, files));
                 ZX_RETURN_IF_ERROR(c.Execute("UPDATE findings SET status = 'signed_off', signed_off_by = ?, signed_off_user = ?, "
                                              "signed_off_at = ?, sign_off_note = ? WHERE id = ?",
                                              signer, ctx.caller->user_id, now, note.value_or(""), id));
                 view = {{"id", id}, {"status", "signed_off"}, {"signed_off_by", signer}, {"signed_off_at", FormatUtc(now)}};
                 return AppendAudit(c, ActorOf(ctx), {"update", "finding", std::to_string(id), f.region_code, std::nullopt, view},
                                    now);
               }));
               return JsonResponse(200, view.dump());
             }};
  sign.record_region = RegionOfRecord(db, "SELECT region_code FROM findings WHERE id = ?", "finding");
  router.Add(std::move(sign));

  Route close{"POST", "/api/v1/findings/{id}/close", Access::kPermission, "supervision.manage", "",
              "Close (销号) a finding: never without evidence and the inspection side's sign-off",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string note, body.String("note", 2000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(FindingInfo f, FindFinding(c, id));
                  ZX_RETURN_IF_ERROR(IsInspectionSide(c, *ctx.caller, f.group_id));
                  ZX_ASSIGN_OR_RETURN(int64_t files, QueryInt(c, "SELECT COUNT(*) FROM attachments WHERE owner_kind = 'finding' "
                                                                 "AND owner_id = ?", id));
                  ZX_RETURN_IF_ERROR(CheckClose(f.status, files));
                  ZX_RETURN_IF_ERROR(c.Execute("UPDATE findings SET status = 'closed', closed_at = ? WHERE id = ?", now, id));
                  view = {{"id", id}, {"status", "closed"}, {"closed_at", FormatUtc(now)}, {"note", note}};
                  return AppendAudit(c, ActorOf(ctx), {"update", "finding", std::to_string(id), f.region_code, std::nullopt, view},
                                     now);
                }));
                return JsonResponse(200, view.dump());
              }};
  close.record_region = RegionOfRecord(db, "SELECT region_code FROM findings WHERE id = ?", "finding");
  router.Add(std::move(close));

  router.Add({"POST", "/api/v1/interviews", Access::kPermission, "supervision.manage", "",
              "Record an interview (约谈) of a laggard: who, whom, when, why, with what result",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string region, body.String("region_code", 12));
                ZX_ASSIGN_OR_RETURN(std::string interviewer, body.String("interviewer", 50));
                ZX_ASSIGN_OR_RETURN(std::string interviewee, body.String("interviewee", 50));
                ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
                ZX_ASSIGN_OR_RETURN(std::string reason, body.String("reason", 2000));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> result, body.OptionalString("result", 2000));
                ZX_ASSIGN_OR_RETURN(std::optional<int64_t> finding_id, body.OptionalInt("finding_id", 1, int64_t{1} << 50));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(DayNumber(day, "day").status());
                int64_t now = clock.NowSeconds();
                if (day > ChinaDay(now)) return Status::InvalidArgument("约谈日期不能晚于今天", "day");
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::string code, RegionInScope(c, *ctx.caller, region, "region_code"));
                  if (finding_id) {
                    auto f = FindFinding(c, *finding_id);
                    if (!f.ok() || !ctx.caller->InScope(f->region_code)) return Status::InvalidArgument("没有该问题", "finding_id");
                  }
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO interviews(region_code, interviewer, interviewee, day, reason, result, "
                                               "finding_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                               code, interviewer, interviewee, day, reason, result.value_or(""), finding_id, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM interviews WHERE region_code = ?", code));
                  view = {{"id", id}, {"region_code", code}, {"interviewer", interviewer}, {"interviewee", interviewee},
                          {"day", day}, {"reason", reason}, {"result", result.value_or("")}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "interview", std::to_string(id), code, std::nullopt, view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/interviews", Access::kPermission, "supervision.read", "", "Interviews (约谈) in scope",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT i.id, i.region_code, r.name, i.interviewer, i.interviewee, i.day, i.reason, i.result, i.finding_id "
                      "FROM interviews i JOIN regions r ON r.code = i.region_code WHERE i.region_code BETWEEN ? AND ? ORDER BY "
                      "i.day DESC, i.id DESC LIMIT 2000"));
                  st.Bind(range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    items.push_back({{"id", st->Int(0)}, {"region", {{"code", st->Text(1)}, {"name", st->Text(2)}}},
                                     {"interviewer", st->Text(3)}, {"interviewee", st->Text(4)}, {"day", st->Text(5)},
                                     {"reason", st->Text(6)}, {"result", st->Text(7)}, {"finding_id", NullableInt(*st, 8)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});
}

}  // namespace zx
