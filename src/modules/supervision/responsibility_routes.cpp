#include "modules/supervision/responsibility_routes.h"

#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/presence/presence_rules.h"
#include "modules/supervision/supervision_rules.h"
#include "modules/tasks/task_routes.h"
#include "modules/tasks/task_rules.h"

namespace zx {
namespace {

nlohmann::json TextOrNull(const Statement& st, int col) {
  return st.IsNull(col) ? nlohmann::json(nullptr) : nlohmann::json(st.Text(col));
}

// A region of the caller's scope (the caller's own one included), existing; names `field`.
Result<std::string> ScopedRegion(Connection& c, const Caller& caller, const std::string& input, const std::string& field) {
  ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(input, field));
  ZX_ASSIGN_OR_RETURN(int64_t exists, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", code));
  if (!exists || !caller.InScope(code)) return Status::InvalidArgument("没有该行政区划或不在管辖范围内：" + code, field);
  return code;
}

const char* ListLevel(RegionLevel level) {
  switch (level) {
    case RegionLevel::kCounty: return "county";
    case RegionLevel::kTownship: return "township";
    case RegionLevel::kVillage: return "village";
    default: return nullptr;
  }
}

Result<nlohmann::json> ListView(Connection& c, int64_t id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT l.id, l.region_code, g.name, l.level, l.year, l.secretary_name, l.secretary_signed_on, l.superior_name, "
      "l.superior_signed_on, l.year_end_report, l.rating, l.rated_on FROM responsibility_lists l JOIN regions g ON "
      "g.code = l.region_code WHERE l.id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool found, st->Step());
  if (!found) return Status::NotFound("responsibility list not found");
  nlohmann::json out = {{"id", st->Int(0)}, {"region", {{"code", st->Text(1)}, {"name", st->Text(2)}}}, {"level", st->Text(3)},
                        {"year", st->Int(4)}, {"secretary_name", st->Text(5)}, {"secretary_signed_on", TextOrNull(*st, 6)},
                        {"superior_name", st->Text(7)}, {"superior_signed_on", TextOrNull(*st, 8)},
                        {"year_end_report", st->Text(9)}, {"rating", TextOrNull(*st, 10)}, {"rated_on", TextOrNull(*st, 11)}};
  nlohmann::json items = nlohmann::json::array();
  ZX_ASSIGN_OR_RETURN(Stmt is, c.Prepare("SELECT id, content, progress_note FROM responsibility_items WHERE list_id = ? ORDER BY id"));
  is.Bind(id);
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, is->Step());
    if (!more) break;
    items.push_back({{"id", is->Int(0)}, {"content", is->Text(1)}, {"progress_note", is->Text(2)}});
  }
  out["items"] = items;
  return out;
}

auto ListRegion(Database& db) {
  return RegionOfRecord(db, "SELECT region_code FROM responsibility_lists WHERE id = ?", "responsibility list");
}

}  // namespace

void RegisterResponsibilityRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"GET", "/api/v1/responsibility-lists", Access::kPermission, "supervision.read", "",
              "Responsibility lists (责任清单) of party secretaries in scope for a year, with items, signatures and rating",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", std::stoll(ChinaDay(clock.NowSeconds()).substr(0, 4)), 2000, 2100));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id FROM responsibility_lists WHERE region_code BETWEEN ? AND ? AND "
                                                         "year = ? ORDER BY region_code LIMIT 2000"));
                  st.Bind(range.low, range.high, year);
                  std::vector<int64_t> ids;
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    ids.push_back(st->Int(0));
                  }
                  for (int64_t id : ids) {
                    ZX_ASSIGN_OR_RETURN(nlohmann::json v, ListView(c, id));
                    items.push_back(std::move(v));
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"year", year}, {"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/responsibility-lists", Access::kPermission, "task.issue", "",
              "Draw up a party secretary's responsibility list for a year (county, township or village)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string region, body.String("region_code", 12));
                ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
                ZX_ASSIGN_OR_RETURN(std::string secretary, body.String("secretary_name", 50));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> superior, body.OptionalString("superior_name", 50));
                ZX_ASSIGN_OR_RETURN(std::vector<std::string> contents, body.StringList("items", 50, 500));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (contents.empty()) return Status::InvalidArgument("责任清单至少一项", "items");
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::string code, ScopedRegion(c, *ctx.caller, region, "region_code"));
                  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
                  const char* lv = ListLevel(level);
                  if (!lv) return Status::InvalidArgument("责任清单只分县、乡、村三级", "region_code");
                  ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM responsibility_lists WHERE region_code = ? AND "
                                                               "year = ?", code, year));
                  if (dup) return Status::Conflict("该地区本年度已有责任清单", "year");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO responsibility_lists(region_code, level, year, secretary_name, "
                                               "superior_name, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                               code, lv, year, secretary, superior.value_or(""), now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM responsibility_lists WHERE region_code = ? AND year = ?",
                                                           code, year));
                  for (const auto& item : contents)
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO responsibility_items(list_id, content) VALUES (?, ?)", id, item));
                  ZX_ASSIGN_OR_RETURN(view, ListView(c, id));
                  return AppendAudit(c, ActorOf(ctx), {"create", "responsibility_list", std::to_string(id), code, std::nullopt, view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  Route sign{"POST", "/api/v1/responsibility-lists/{id}/sign", Access::kPermission, "task.issue", "",
             "Sign a responsibility list: the secretary's side or the superior's side, with name and date",
             [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
               ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
               ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
               ZX_ASSIGN_OR_RETURN(std::string side, body.String("side", 20));
               ZX_ASSIGN_OR_RETURN(std::string name, body.String("name", 50));
               ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
               ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
               if (side != "secretary" && side != "superior") return Status::InvalidArgument("side must be secretary or superior", "side");
               ZX_RETURN_IF_ERROR(DayNumber(day, "day").status());
               int64_t now = clock.NowSeconds();
               if (day > ChinaDay(now)) return Status::InvalidArgument("签订日期不能晚于今天", "day");
               nlohmann::json view;
               ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                 ZX_ASSIGN_OR_RETURN(nlohmann::json before, ListView(c, id));
                 if (!before[side + "_signed_on"].is_null()) return Status::Conflict("该方已签订", "side");
                 std::string sql = side == "secretary"
                                       ? "UPDATE responsibility_lists SET secretary_name = ?, secretary_signed_on = ? WHERE id = ?"
                                       : "UPDATE responsibility_lists SET superior_name = ?, superior_signed_on = ? WHERE id = ?";
                 ZX_RETURN_IF_ERROR(c.Execute(sql, name, day, id));
                 ZX_ASSIGN_OR_RETURN(view, ListView(c, id));
                 return AppendAudit(c, ActorOf(ctx), {"update", "responsibility_list", std::to_string(id),
                                                      before["region"]["code"].get<std::string>(), before, view}, now);
               }));
               return JsonResponse(200, view.dump());
             }};
  sign.record_region = ListRegion(db);
  router.Add(std::move(sign));

  Route progress{"POST", "/api/v1/responsibility-lists/{id}/progress", Access::kPermission, "task.report", "",
                 "Note progress on one item of a responsibility list",
                 [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                   ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                   ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                   ZX_ASSIGN_OR_RETURN(int64_t item_id, body.Int("item_id", 1, int64_t{1} << 50));
                   ZX_ASSIGN_OR_RETURN(std::string note, body.String("note", 2000));
                   ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                   int64_t now = clock.NowSeconds();
                   nlohmann::json view;
                   ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                     ZX_ASSIGN_OR_RETURN(int64_t owned, QueryInt(c, "SELECT COUNT(*) FROM responsibility_items WHERE id = ? AND "
                                                                    "list_id = ?", item_id, id));
                     if (!owned) return Status::InvalidArgument("清单中没有该项", "item_id");
                     ZX_RETURN_IF_ERROR(c.Execute("UPDATE responsibility_items SET progress_note = ? WHERE id = ?", note, item_id));
                     ZX_ASSIGN_OR_RETURN(view, ListView(c, id));
                     return AppendAudit(c, ActorOf(ctx), {"update", "responsibility_item", std::to_string(item_id),
                                                          view["region"]["code"].get<std::string>(), std::nullopt,
                                                          nlohmann::json{{"note", note}}}, now);
                   }));
                   return JsonResponse(200, view.dump());
                 }};
  progress.record_region = ListRegion(db);
  router.Add(std::move(progress));

  Route rate{"POST", "/api/v1/responsibility-lists/{id}/year-end", Access::kPermission, "supervision.manage", "",
             "Year-end report and 述职评议 rating (好、较好、一般、差) of a signed responsibility list",
             [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
               ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
               ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
               ZX_ASSIGN_OR_RETURN(std::string report, body.String("report", 8000));
               ZX_ASSIGN_OR_RETURN(std::string rating, body.String("rating", 20));
               ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
               ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
               ZX_RETURN_IF_ERROR(CheckRating(rating));
               ZX_RETURN_IF_ERROR(DayNumber(day, "day").status());
               int64_t now = clock.NowSeconds();
               nlohmann::json view;
               ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                 ZX_ASSIGN_OR_RETURN(nlohmann::json before, ListView(c, id));
                 if (before["secretary_signed_on"].is_null() || before["superior_signed_on"].is_null())
                   return Status::InvalidArgument("责任清单尚未由双方签订，不能评议", "signatures");
                 if (!before["rating"].is_null()) return Status::Conflict("已评议", "rating");
                 ZX_RETURN_IF_ERROR(c.Execute("UPDATE responsibility_lists SET year_end_report = ?, rating = ?, rated_on = ? WHERE id = ?",
                                              report, rating, day, id));
                 ZX_ASSIGN_OR_RETURN(view, ListView(c, id));
                 return AppendAudit(c, ActorOf(ctx), {"update", "responsibility_list", std::to_string(id),
                                                      before["region"]["code"].get<std::string>(), before, view}, now);
               }));
               return JsonResponse(200, view.dump());
             }};
  rate.record_region = ListRegion(db);
  router.Add(std::move(rate));

  router.Add({"GET", "/api/v1/command-units", Access::kPermission, "supervision.read", "",
              "The command structure in scope: county command, office, thematic groups, township and village posts, members",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string kind = ctx.Query("kind");
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT u.id, u.region_code, g.name, u.kind, u.name, u.theme, u.parent_id FROM command_units u JOIN regions g "
                      "ON g.code = u.region_code WHERE u.region_code BETWEEN ? AND ? AND (? = '' OR u.kind = ?) ORDER BY "
                      "u.region_code, u.id LIMIT 3000"));
                  st.Bind(range.low, range.high, kind, kind);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    items.push_back({{"id", st->Int(0)}, {"region", {{"code", st->Text(1)}, {"name", st->Text(2)}}},
                                     {"kind", st->Text(3)}, {"name", st->Text(4)}, {"theme", st->Text(5)},
                                     {"parent_id", st->IsNull(6) ? nlohmann::json(nullptr) : nlohmann::json(st->Int(6))},
                                     {"members", nlohmann::json::array()}});
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt ms, c.Prepare("SELECT name, role, title FROM command_members WHERE unit_id = ? ORDER BY "
                                                         "CASE role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, id"));
                  for (auto& u : items) {
                    ms.Bind(u["id"].get<int64_t>());
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool more, ms->Step());
                      if (!more) break;
                      u["members"].push_back({{"name", ms->Text(0)}, {"role", ms->Text(1)}, {"title", ms->Text(2)}});
                    }
                    ms->Reset();
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/command-units", Access::kPermission, "task.issue", "",
              "Set up a command unit (指挥部, 办公室, 专项组, 乡镇指挥部, 村级指挥所) with its members",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string region, body.String("region_code", 12));
                ZX_ASSIGN_OR_RETURN(std::string kind, body.String("kind", 20));
                ZX_ASSIGN_OR_RETURN(std::string name, body.String("name", 100));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> theme, body.OptionalString("theme", 50));
                ZX_ASSIGN_OR_RETURN(std::optional<int64_t> parent_id, body.OptionalInt("parent_id", 1, int64_t{1} << 50));
                const nlohmann::json& raw = body.raw();
                ZX_RETURN_IF_ERROR(RejectUnknownTopFields(raw, {"region_code", "kind", "name", "theme", "parent_id", "members"}));
                static const char* const kKinds[] = {"county_command", "office", "thematic_group", "township_post", "village_post"};
                if (std::find_if(std::begin(kKinds), std::end(kKinds), [&](const char* k) { return kind == k; }) == std::end(kKinds))
                  return Status::InvalidArgument("kind must be county_command, office, thematic_group, township_post or village_post", "kind");
                struct M { std::string name, role, title; };
                std::vector<M> members;
                if (raw.contains("members")) {
                  if (!raw["members"].is_array()) return Status::InvalidArgument("members must be a list", "members");
                  for (size_t i = 0; i < raw["members"].size() && i < 200; ++i) {
                    const auto& m = raw["members"][i];
                    std::string at = "members[" + std::to_string(i) + "]";
                    if (!m.is_object() || !m.contains("name") || !m["name"].is_string() || m["name"].get<std::string>().empty())
                      return Status::InvalidArgument(at + ".name is required", at + ".name");
                    for (auto& [k, v] : m.items())
                      if (k != "name" && k != "role" && k != "title") return Status::InvalidArgument("unknown field " + at + "." + k, at + "." + k);
                    M x{m["name"].get<std::string>(), m.value("role", std::string("member")), m.value("title", std::string())};
                    if (x.role != "leader" && x.role != "deputy" && x.role != "member")
                      return Status::InvalidArgument(at + ".role must be leader, deputy or member", at + ".role");
                    members.push_back(std::move(x));
                  }
                }
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::string code, ScopedRegion(c, *ctx.caller, region, "region_code"));
                  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
                  bool county_kind = kind == "county_command" || kind == "office" || kind == "thematic_group";
                  if ((county_kind && level != RegionLevel::kCounty) || (kind == "township_post" && level != RegionLevel::kTownship) ||
                      (kind == "village_post" && level != RegionLevel::kVillage))
                    return Status::InvalidArgument("指挥单位的类型与区划级别不符", "kind");
                  if (parent_id) {
                    ZX_ASSIGN_OR_RETURN(Stmt ps, c.Prepare("SELECT region_code FROM command_units WHERE id = ?"));
                    ps.Bind(*parent_id);
                    ZX_ASSIGN_OR_RETURN(bool found, ps->Step());
                    if (!found || !ctx.caller->InScope(ps->Text(0))) return Status::InvalidArgument("没有该上级指挥单位", "parent_id");
                  }
                  ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM command_units WHERE region_code = ? AND kind = ? "
                                                               "AND name = ?", code, kind, name));
                  if (dup) return Status::Conflict("同名指挥单位已存在", "name");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO command_units(region_code, kind, name, theme, parent_id) VALUES (?, ?, ?, ?, ?)",
                                               code, kind, name, theme.value_or(""), parent_id));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM command_units WHERE region_code = ? AND kind = ? AND "
                                                              "name = ?", code, kind, name));
                  for (const auto& m : members)
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO command_members(unit_id, name, role, title) VALUES (?, ?, ?, ?)",
                                                 id, m.name, m.role, m.title));
                  view = {{"id", id}, {"region_code", code}, {"kind", kind}, {"name", name}, {"theme", theme.value_or("")},
                          {"members", static_cast<int64_t>(members.size())}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "command_unit", std::to_string(id), code, std::nullopt, view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/leader-areas", Access::kPermission, "supervision.read", "",
              "County leaders and the areas each guides (分片指导)", [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT a.leader_name, a.title, a.region_code, g.name FROM leader_areas a JOIN regions g ON g.code = "
                      "a.region_code WHERE a.region_code BETWEEN ? AND ? ORDER BY a.leader_name, a.region_code LIMIT 5000"));
                  st.Bind(range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    if (items.empty() || items.back()["leader_name"] != st->Text(0))
                      items.push_back({{"leader_name", st->Text(0)}, {"title", st->Text(1)}, {"regions", nlohmann::json::array()}});
                    items.back()["regions"].push_back({{"code", st->Text(2)}, {"name", st->Text(3)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/leader-areas", Access::kPermission, "task.issue", "",
              "Assign a county leader the regions they guide", [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string leader, body.String("leader_name", 50));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> title, body.OptionalString("title", 100));
                ZX_ASSIGN_OR_RETURN(std::vector<std::string> regions, body.StringList("regions", 100, 12));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (regions.empty()) return Status::InvalidArgument("至少一个联系地区", "regions");
                if (ctx.caller->scope_level != RegionLevel::kCounty)
                  return Status::InvalidArgument("县级领导分片由县级单位设置", "regions");
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  std::vector<std::string> codes;
                  for (size_t i = 0; i < regions.size(); ++i) {
                    std::string field = "regions[" + std::to_string(i) + "]";
                    ZX_ASSIGN_OR_RETURN(std::string code, ScopedRegion(c, *ctx.caller, regions[i], field));
                    if (code == ctx.caller->scope_code) return Status::InvalidArgument("联系地区应在本县之下", field);
                    codes.push_back(code);
                  }
                  for (const auto& code : codes) {
                    ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM leader_areas WHERE leader_name = ? AND "
                                                                 "region_code = ?", leader, code));
                    if (!dup)
                      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO leader_areas(county_code, leader_name, title, region_code) VALUES "
                                                   "(?, ?, ?, ?)", ctx.caller->scope_code, leader, title.value_or(""), code));
                  }
                  view = {{"leader_name", leader}, {"title", title.value_or("")}, {"regions", codes}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "leader_area", leader, ctx.caller->scope_code, std::nullopt, view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});
}

}  // namespace zx
