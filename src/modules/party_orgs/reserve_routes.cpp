// The reserve-cadre pool (后备干部): people from the registry kept per village, by source
// (致富能手, 返乡青年, 退役军人, 高校毕业生); searched by region, source, age and education, and
// counted by region (per township, average per village, share under 35).
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "core/region_code.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/party_orgs/party_routes.h"
#include "modules/presence/presence_rules.h"

namespace zx {
namespace {

struct Reserve {
  int64_t id = 0, person_id = 0;
  std::string village_code, village_name, township_name, name, sex, birth_date, education, source, note;
  std::optional<int> age;
};

const char kReserveSelect[] =
    "SELECT r.id, r.person_id, r.village_code, v.name, t.name, p.name, p.sex, COALESCE(p.birth_date, ''), p.education, "
    "r.source, r.note FROM reserve_cadres r JOIN people p ON p.id = r.person_id JOIN regions v ON v.code = r.village_code "
    "JOIN regions t ON t.code = v.parent_code ";

Result<std::vector<Reserve>> LoadReserves(Connection& c, const CodeRange& range, const std::string& today) {
  std::vector<Reserve> out;
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kReserveSelect) +
                                         "WHERE r.village_code BETWEEN ? AND ? ORDER BY r.village_code, r.id LIMIT 20000"));
  st.Bind(range.low, range.high);
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    Reserve r{st->Int(0), st->Int(1), st->Text(2), st->Text(3), st->Text(4), st->Text(5), st->Text(6),
              st->Text(7), st->Text(8), st->Text(9), st->Text(10), std::nullopt};
    r.age = AgeOn(r.birth_date, today);
    out.push_back(std::move(r));
  }
  return out;
}

nlohmann::json ReserveJson(const Reserve& r) {
  return {{"id", r.id},
          {"person_id", r.person_id},
          {"village", {{"code", r.village_code}, {"name", r.village_name}}},
          {"township_name", r.township_name},
          {"name", r.name},
          {"sex", r.sex},
          {"birth_date", r.birth_date.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.birth_date)},
          {"age", r.age ? nlohmann::json(*r.age) : nlohmann::json(nullptr)},
          {"education", r.education},
          {"source", r.source},
          {"note", r.note}};
}

struct Tally {
  int64_t reserves = 0, under_35 = 0, villages = 0, villages_with = 0;
  std::map<std::string, int64_t> by_source;
};

nlohmann::json TallyJson(const Tally& t) {
  nlohmann::json sources = nlohmann::json::object();
  for (const char* s : {"rich_expert", "returned_youth", "veteran", "graduate", "other"})
    sources[s] = t.by_source.count(s) ? t.by_source.at(s) : 0;
  double per_village = t.villages ? static_cast<double>(t.reserves) / static_cast<double>(t.villages) : 0;
  return {{"reserves", t.reserves},
          {"villages", t.villages},
          {"villages_with_reserves", t.villages_with},
          {"per_village", std::round(per_village * 100) / 100},
          {"under_35", t.under_35},
          {"under_35_pct", Percent(t.under_35, t.reserves)},
          {"by_source", sources}};
}

}  // namespace

void RegisterReserveRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"GET", "/api/v1/reserve-cadres", Access::kPermission, "partyorg.read", "",
              "Reserve cadres in scope, searched by region, source, age range and education",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string source = ctx.Query("source"), education = ctx.Query("education"), q = ctx.Query("q");
                if (!source.empty() && !IsReserveSource(source))
                  return Status::InvalidArgument("source must be rich_expert, returned_youth, veteran, graduate or other",
                                                 "source");
                ZX_ASSIGN_OR_RETURN(int64_t min_age, ctx.IntQuery("min_age", 0, 0, 150));
                ZX_ASSIGN_OR_RETURN(int64_t max_age, ctx.IntQuery("max_age", 150, 0, 150));
                if (min_age > max_age) return Status::InvalidArgument("min_age must not exceed max_age", "min_age");
                std::string today = ChinaDay(clock.NowSeconds());
                std::vector<Reserve> all;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(all, LoadReserves(c, range, today));
                  return Status::Ok();
                }));
                nlohmann::json items = nlohmann::json::array();
                bool age_filter = min_age > 0 || max_age < 150;
                for (const auto& r : all) {
                  if (!source.empty() && r.source != source) continue;
                  if (!education.empty() && r.education != education) continue;
                  if (!q.empty() && r.name.find(q) == std::string::npos && r.village_name.find(q) == std::string::npos) continue;
                  if (age_filter && (!r.age || *r.age < min_age || *r.age > max_age)) continue;
                  items.push_back(ReserveJson(r));
                }
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"GET", "/api/v1/reserve-cadre-counts", Access::kPermission, "partyorg.read", "",
              "Reserve-cadre figures for a region: total, average per village, share under 35, by source, and per "
              "child region",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(ctx.Query("region", ctx.caller->scope_code), "region"));
                ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
                std::string today = ChinaDay(clock.NowSeconds());
                std::vector<Reserve> all;
                std::vector<std::string> villages;
                std::vector<std::pair<std::string, std::string>> children;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(all, LoadReserves(c, range, today));
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code FROM regions WHERE level = 5 AND code BETWEEN ? AND ?"));
                    st.Bind(range.low, range.high);
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                      if (!row) break;
                      villages.push_back(st->Text(0));
                    }
                  }
                  if (level < RegionLevel::kVillage) {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, name FROM regions WHERE parent_code = ? ORDER BY code"));
                    st.Bind(code);
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                      if (!row) break;
                      children.emplace_back(st->Text(0), st->Text(1));
                    }
                  }
                  return Status::Ok();
                }));
                auto tally = [&](const std::string& root, RegionLevel root_level) {
                  Tally t;
                  std::map<std::string, int64_t> per_village;
                  for (const auto& v : villages)
                    if (IsWithin(v, root, root_level)) ++t.villages;
                  for (const auto& r : all) {
                    if (!IsWithin(r.village_code, root, root_level)) continue;
                    ++t.reserves;
                    ++t.by_source[r.source];
                    if (r.age && *r.age < 35) ++t.under_35;
                    ++per_village[r.village_code];
                  }
                  t.villages_with = static_cast<int64_t>(per_village.size());
                  return t;
                };
                nlohmann::json out = TallyJson(tally(code, level));
                nlohmann::json by_region = nlohmann::json::array();
                for (const auto& [child, name] : children) {
                  ZX_ASSIGN_OR_RETURN(RegionLevel child_level, LevelOfCode(child));
                  nlohmann::json row = TallyJson(tally(child, child_level));
                  row["region"] = {{"code", child}, {"name", name}};
                  by_region.push_back(row);
                }
                out["region_code"] = code;
                out["by_region"] = by_region;
                return JsonResponse(200, out.dump());
              }});

  router.Add({"POST", "/api/v1/reserve-cadres", Access::kPermission, "partyorg.manage", "",
              "Add a person from the registry to a village's reserve-cadre pool",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string village_input, body.String("village_code", 20));
                ZX_ASSIGN_OR_RETURN(int64_t person_id, body.Int("person_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string source, body.String("source", 20));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> note, body.OptionalString("note", 500));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (!IsReserveSource(source))
                  return Status::InvalidArgument("source must be rich_expert, returned_youth, veteran, graduate or other",
                                                 "source");
                ZX_ASSIGN_OR_RETURN(std::string village, ParseRegionCode(village_input, "village_code"));
                if (!ctx.caller->InScope(village)) return Status::NotFound("region " + village + " not found");
                ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(village));
                if (level != RegionLevel::kVillage) return Status::InvalidArgument("后备干部须属于一个村（社区）", "village_code");
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t v, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", village));
                  if (!v) return Status::NotFound("region " + village + " not found");
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT region_code FROM people WHERE id = ?"));
                    st.Bind(person_id);
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row || !ctx.caller->InScope(st->Text(0)))
                      return Status::InvalidArgument("人员库中没有该人员", "person_id");
                  }
                  ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM reserve_cadres WHERE village_code = ? AND "
                                                               "person_id = ?", village, person_id));
                  if (dup) return Status::Conflict("该人员已在本村后备干部库中", "person_id");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO reserve_cadres(village_code, person_id, source, note, created_at) "
                                               "VALUES (?, ?, ?, ?, ?)", village, person_id, source, note.value_or(""), now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM reserve_cadres WHERE village_code = ? AND "
                                                              "person_id = ?", village, person_id));
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kReserveSelect) + "WHERE r.id = ?"));
                  st.Bind(id);
                  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                  if (!row) return Status::Internal("reserve cadre vanished");
                  Reserve r{st->Int(0), st->Int(1), st->Text(2), st->Text(3), st->Text(4), st->Text(5), st->Text(6),
                            st->Text(7), st->Text(8), st->Text(9), st->Text(10), std::nullopt};
                  r.age = AgeOn(r.birth_date, ChinaDay(now));
                  view = ReserveJson(r);
                  return AppendAudit(c, ActorOf(ctx), {"create", "reserve_cadre", std::to_string(id), village, std::nullopt,
                                                       view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  Route remove{"POST", "/api/v1/reserve-cadres/{id}/removal", Access::kPermission, "partyorg.manage", "",
               "Take a person out of the reserve-cadre pool, with the reason (kept in the audit log)",
               [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                 ZX_ASSIGN_OR_RETURN(std::string reason, body.String("reason", 500));
                 ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                 int64_t now = clock.NowSeconds();
                 ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                   std::string village;
                   nlohmann::json before;
                   {
                     ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT village_code, person_id, source FROM reserve_cadres "
                                                            "WHERE id = ?"));
                     st.Bind(id);
                     ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                     if (!row || !ctx.caller->InScope(st->Text(0))) return Status::NotFound("reserve cadre not found");
                     village = st->Text(0);
                     before = {{"person_id", st->Int(1)}, {"source", st->Text(2)}, {"removal_reason", reason}};
                   }
                   ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM reserve_cadres WHERE id = ?", id));
                   return AppendAudit(c, ActorOf(ctx), {"delete", "reserve_cadre", std::to_string(id), village, before,
                                                        std::nullopt},
                                      now);
                 }));
                 HttpResponse r;
                 r.status = 204;
                 return r;
               }};
  remove.record_region = RegionOfRecord(db, "SELECT village_code FROM reserve_cadres WHERE id = ?", "reserve cadre");
  router.Add(std::move(remove));
}

}  // namespace zx
