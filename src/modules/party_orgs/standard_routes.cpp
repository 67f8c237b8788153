// Standardization of village party organizations (标准化规范化): the checklist of 7 areas and 29
// standards scored per organization and year, demonstration (示范) and up-to-standard (达标)
// status by thresholds, and the share of first-class (先进) organizations against the target.
#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "core/region_code.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/party_orgs/party_routes.h"

namespace zx {
namespace {

struct Standard {
  std::string code, area, area_name, title;
  int64_t points = 0;
};

Result<std::vector<Standard>> ActiveStandards(Connection& c) {
  std::vector<Standard> out;
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT s.code, s.area, a.name, s.title, s.points FROM party_standards s JOIN "
                                         "party_standard_areas a ON a.code = s.area WHERE s.active = 1 "
                                         "ORDER BY a.sort, s.sort, s.code"));
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Text(0), st->Text(1), st->Text(2), st->Text(3), st->Int(4)});
  }
  return out;
}

int64_t TotalPoints(const std::vector<Standard>& list) {
  int64_t n = 0;
  for (const auto& s : list) n += s.points;
  return n;
}

Result<std::set<std::string>> MetOf(Connection& c, int64_t org_id, int64_t year, int64_t* scored_rows) {
  std::set<std::string> met;
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT standard, met FROM party_standard_scores WHERE org_id = ? AND year = ?"));
  st.Bind(org_id, year);
  *scored_rows = 0;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ++*scored_rows;
    if (st->Int(1)) met.insert(st->Text(0));
  }
  return met;
}

nlohmann::json ScoreJson(int64_t met_points, int64_t total, bool scored, const PartyTargets& t) {
  double score = StandardScore(met_points, total);
  return {{"points_met", met_points}, {"points_total", total}, {"score", score}, {"scored", scored},
          {"status", scored ? nlohmann::json(StandardStatus(score, t)) : nlohmann::json(nullptr)}};
}

Result<nlohmann::json> OrgScore(Connection& c, const OrgInfo& org, int64_t year) {
  ZX_ASSIGN_OR_RETURN(std::vector<Standard> list, ActiveStandards(c));
  ZX_ASSIGN_OR_RETURN(PartyTargets t, PartyTargetsFor(c, org.village_code));
  int64_t rows = 0;
  ZX_ASSIGN_OR_RETURN(std::set<std::string> met, MetOf(c, org.id, year, &rows));
  nlohmann::json items = nlohmann::json::array();
  int64_t met_points = 0;
  for (const auto& s : list) {
    bool m = met.count(s.code) > 0;
    if (m) met_points += s.points;
    items.push_back({{"code", s.code}, {"area", s.area}, {"area_name", s.area_name}, {"title", s.title},
                     {"points", s.points}, {"met", m}});
  }
  nlohmann::json out = ScoreJson(met_points, TotalPoints(list), rows > 0, t);
  out["org_id"] = org.id;
  out["org_name"] = org.name;
  out["year"] = year;
  out["items"] = items;
  out["thresholds"] = {{"demonstration_score", t.demonstration_score}, {"standard_score", t.standard_score}};
  return out;
}

}  // namespace

void RegisterStandardRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"GET", "/api/v1/party-standards", Access::kPermission, "partyorg.read", "",
              "The standardization checklist: areas and their standards with points",
              [&db](RequestContext&) -> Result<HttpResponse> {
                nlohmann::json areas = nlohmann::json::array();
                int64_t total = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::vector<Standard> list, ActiveStandards(c));
                  total = TotalPoints(list);
                  for (const auto& s : list) {
                    if (areas.empty() || areas.back()["code"] != s.area)
                      areas.push_back({{"code", s.area}, {"name", s.area_name}, {"standards", nlohmann::json::array()}});
                    areas.back()["standards"].push_back({{"code", s.code}, {"title", s.title}, {"points", s.points}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"areas", areas}, {"points_total", total}}.dump());
              }});

  router.Add({"POST", "/api/v1/party-standards", Access::kPermission, "partyorg.manage", "",
              "Add, change or retire a standard of the checklist (provincial organization departments and above)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string code, body.String("code", 10));
                ZX_ASSIGN_OR_RETURN(std::string area, body.String("area", 20));
                ZX_ASSIGN_OR_RETURN(std::string title, body.String("title", 200));
                ZX_ASSIGN_OR_RETURN(int64_t points, body.Int("points", 1, 100));
                bool active = true;
                if (body.Has("active")) {
                  ZX_ASSIGN_OR_RETURN(active, body.Bool("active"));
                }
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (ctx.caller->scope_level > RegionLevel::kProvince)
                  return Status::PermissionDenied("标准化清单由省级以上组织部门维护");
                int64_t now = clock.NowSeconds();
                nlohmann::json view = {{"code", code}, {"area", area}, {"title", title}, {"points", points}, {"active", active}};
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t a, QueryInt(c, "SELECT COUNT(*) FROM party_standard_areas WHERE code = ?", area));
                  if (!a) return Status::InvalidArgument("unknown area " + area, "area");
                  ZX_ASSIGN_OR_RETURN(int64_t sort, QueryInt(c, "SELECT COALESCE(MAX(sort), 0) + 1 FROM party_standards"));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_standards(code, area, title, points, sort, active) VALUES "
                                               "(?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET area = excluded.area, "
                                               "title = excluded.title, points = excluded.points, active = excluded.active",
                                               code, area, title, points, sort, active));
                  return AppendAudit(c, ActorOf(ctx), {"update", "party_standard", code, ctx.caller->scope_code, std::nullopt,
                                                       view},
                                     now);
                }));
                return JsonResponse(200, view.dump());
              }});

  Route get{"GET", "/api/v1/party-orgs/{id}/standards", Access::kPermission, "partyorg.read", "",
            "An organization's standardization checklist for a year: each standard met or not, score and status",
            [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
              ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
              ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", CurrentYear(clock), 2000, 2100));
              nlohmann::json out;
              ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(OrgInfo org, OrgInScope(c, *ctx.caller, id));
                ZX_ASSIGN_OR_RETURN(out, OrgScore(c, org, year));
                return Status::Ok();
              }));
              return JsonResponse(200, out.dump());
            }};
  get.record_region = RegionOfRecord(db, "SELECT village_code FROM party_orgs WHERE id = ?", "party organization");
  router.Add(std::move(get));

  Route put{"PUT", "/api/v1/party-orgs/{id}/standards", Access::kPermission, "partyorg.manage", "",
            "Score an organization's checklist for a year: the standards met (all others not met)",
            [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
              ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
              ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
              ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
              ZX_ASSIGN_OR_RETURN(std::vector<std::string> met, body.StringList("met", 200, 10));
              ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
              if (year > CurrentYear(clock)) return Status::InvalidArgument("不能评分未来年度", "year");
              int64_t now = clock.NowSeconds();
              nlohmann::json out;
              ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(OrgInfo org, OrgInScope(c, *ctx.caller, id));
                ZX_ASSIGN_OR_RETURN(std::vector<Standard> list, ActiveStandards(c));
                std::set<std::string> known, chosen;
                for (const auto& s : list) known.insert(s.code);
                for (const auto& code : met) {
                  if (!known.count(code)) return Status::InvalidArgument("unknown standard " + code, "met");
                  if (!chosen.insert(code).second) return Status::InvalidArgument("duplicate standard " + code, "met");
                }
                ZX_ASSIGN_OR_RETURN(nlohmann::json before, OrgScore(c, org, year));
                ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM party_standard_scores WHERE org_id = ? AND year = ?", id, year));
                for (const auto& s : list)
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_standard_scores(org_id, village_code, year, standard, met) "
                                               "VALUES (?, ?, ?, ?, ?)", id, org.village_code, year, s.code,
                                               chosen.count(s.code) > 0));
                ZX_ASSIGN_OR_RETURN(out, OrgScore(c, org, year));
                nlohmann::json b = {{"score", before["score"]}, {"scored", before["scored"]}};
                nlohmann::json a = {{"year", year}, {"met", met}, {"score", out["score"]}, {"status", out["status"]}};
                return AppendAudit(c, ActorOf(ctx), {"update", "party_standard_score", std::to_string(id), org.village_code,
                                                     b, a},
                                   now);
              }));
              return JsonResponse(200, out.dump());
            }};
  put.record_region = RegionOfRecord(db, "SELECT village_code FROM party_orgs WHERE id = ?", "party organization");
  router.Add(std::move(put));

  router.Add({"GET", "/api/v1/party-standard-summary", Access::kPermission, "partyorg.read", "",
              "Standardization in a region for a year: each organization's score and status, demonstration and "
              "up-to-standard counts, and the share rated 先进 against the target",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", CurrentYear(clock), 2000, 2100));
                ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(ctx.Query("region", ctx.caller->scope_code), "region"));
                nlohmann::json items = nlohmann::json::array();
                PartyTargets t;
                int64_t orgs = 0, scored = 0, demonstration = 0, standard = 0, below = 0, advanced = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(t, PartyTargetsFor(c, code));
                  ZX_ASSIGN_OR_RETURN(std::vector<Standard> list, ActiveStandards(c));
                  std::map<std::string, int64_t> points;
                  for (const auto& s : list) points[s.code] = s.points;
                  int64_t total = TotalPoints(list);
                  std::map<int64_t, std::pair<int64_t, int64_t>> by_org;  // org → (rows, points met)
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT org_id, standard, met FROM party_standard_scores WHERE "
                                                           "village_code BETWEEN ? AND ? AND year = ?"));
                    st.Bind(range.low, range.high, year);
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                      if (!row) break;
                      auto& e = by_org[st->Int(0)];
                      ++e.first;
                      if (st->Int(2) && points.count(st->Text(1))) e.second += points[st->Text(1)];
                    }
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT o.id, o.name, o.village_code, v.name, t.name, COALESCE(r.rating, '') FROM party_orgs o "
                      "JOIN regions v ON v.code = o.village_code JOIN regions t ON t.code = v.parent_code "
                      "LEFT JOIN party_org_ratings r ON r.org_id = o.id AND r.year = ? "
                      "WHERE o.village_code BETWEEN ? AND ? ORDER BY o.village_code, o.id LIMIT 5000"));
                  st.Bind(year, range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    ++orgs;
                    auto it = by_org.find(st->Int(0));
                    bool has = it != by_org.end();
                    nlohmann::json s = ScoreJson(has ? it->second.second : 0, total, has, t);
                    if (has) {
                      ++scored;
                      std::string status = s["status"];
                      demonstration += status == "demonstration";
                      standard += status == "standard";
                      below += status == "below";
                    }
                    advanced += st->Text(5) == "advanced";
                    s["org_id"] = st->Int(0);
                    s["org_name"] = st->Text(1);
                    s["village"] = {{"code", st->Text(2)}, {"name", st->Text(3)}};
                    s["township_name"] = st->Text(4);
                    s["rating"] = st->Text(5).empty() ? nlohmann::json(nullptr) : nlohmann::json(st->Text(5));
                    items.push_back(s);
                  }
                  return Status::Ok();
                }));
                double first_class = Percent(advanced, orgs);
                nlohmann::json out = {
                    {"region_code", code},
                    {"year", year},
                    {"orgs", orgs},
                    {"scored", scored},
                    {"demonstration", demonstration},
                    {"standard", standard},
                    {"below", below},
                    {"up_to_standard_pct", Percent(demonstration + standard, scored)},
                    {"advanced", advanced},
                    {"first_class_pct", first_class},
                    {"first_class_target_pct", t.first_class_pct},
                    {"meets_target", orgs > 0 && first_class >= t.first_class_pct},
                    {"thresholds", {{"demonstration_score", t.demonstration_score}, {"standard_score", t.standard_score}}},
                    {"items", items}};
                return JsonResponse(200, out.dump());
              }});
}

}  // namespace zx
