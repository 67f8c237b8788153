#include "modules/dispatch/dispatch_routes.h"

#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/dispatch/dispatch_rules.h"
#include "modules/presence/presence_rules.h"

namespace zx {
namespace {

constexpr char kDispatchColumns[] =
    "SELECT d.id, d.person_id, p.name, p.sex, d.village_code, v.name, t.name, d.role, d.sending_unit_id, u.name, "
    "u.level, d.batch_id, b.name, d.term_start, d.term_end, d.status, d.status_reason, d.insured "
    "FROM dispatches d JOIN people p ON p.id = d.person_id JOIN regions v ON v.code = d.village_code "
    "JOIN regions t ON t.code = v.parent_code JOIN sending_units u ON u.id = d.sending_unit_id "
    "LEFT JOIN dispatch_batches b ON b.id = d.batch_id ";

nlohmann::json DispatchView(const Statement& st) {
  return {{"id", st.Int(0)},
          {"person", {{"id", st.Int(1)}, {"name", st.Text(2)}, {"sex", st.Text(3)}}},
          {"village", {{"code", st.Text(4)}, {"name", st.Text(5)}, {"township", st.Text(6)}}},
          {"role", st.Text(7)},
          {"sending_unit", {{"id", st.Int(8)}, {"name", st.Text(9)}, {"level", st.Text(10)}}},
          {"batch", st.IsNull(11) ? nlohmann::json(nullptr) : nlohmann::json{{"id", st.Int(11)}, {"name", st.Text(12)}}},
          {"term_start", st.Text(13)},
          {"term_end", st.Text(14)},
          {"status", st.Text(15)},
          {"status_reason", st.Text(16)},
          {"insured", st.Int(17) != 0}};
}

Result<nlohmann::json> LoadDispatchView(Connection& c, int64_t id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kDispatchColumns) + "WHERE d.id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("dispatch not found");
  return DispatchView(*st);
}


Result<std::pair<int64_t, int64_t>> Paging(const RequestContext& ctx) {
  ZX_ASSIGN_OR_RETURN(int64_t page, ctx.IntQuery("page", 1, 1, 1000000));
  ZX_ASSIGN_OR_RETURN(int64_t size, ctx.IntQuery("page_size", 20, 1, 500));
  return std::make_pair(page, size);
}

}  // namespace

Result<DispatchInfo> FindDispatch(Connection& c, int64_t id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, person_id, village_code, role, status, term_start, term_end "
                                         "FROM dispatches WHERE id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("dispatch not found");
  return DispatchInfo{st->Int(0), st->Int(1), st->Text(2), st->Text(3), st->Text(4), st->Text(5), st->Text(6)};
}

Result<std::optional<DispatchInfo>> InPostDispatch(Connection& c, int64_t person_id, const std::string& village) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, person_id, village_code, role, status, term_start, term_end FROM "
                                         "dispatches WHERE person_id = ? AND village_code = ? AND status = 'in_post' "
                                         "ORDER BY id DESC LIMIT 1"));
  st.Bind(person_id, village);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<DispatchInfo>();
  return std::optional<DispatchInfo>(
      DispatchInfo{st->Int(0), st->Int(1), st->Text(2), st->Text(3), st->Text(4), st->Text(5), st->Text(6)});
}

void RegisterDispatchRoutes(Router& router, Database& db, const Clock& clock) {
  auto locate = RegionOfRecord(db, "SELECT village_code FROM dispatches WHERE id = ?", "dispatch");

  router.Add({"GET", "/api/v1/dispatch-batches", Access::kPermission, "dispatch.read", "", "Dispatch batches in scope",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT b.id, b.name, b.year, b.region_code, (SELECT COUNT(*) FROM dispatches d WHERE d.batch_id = b.id) "
                      "FROM dispatch_batches b WHERE b.region_code BETWEEN ? AND ? ORDER BY b.year DESC, b.id DESC"));
                  st.Bind(range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"id", st->Int(0)}, {"name", st->Text(1)}, {"year", st->Int(2)},
                                     {"region_code", st->Text(3)}, {"dispatches", st->Int(4)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/dispatch-batches", Access::kPermission, "dispatch.manage", "", "Open a dispatch batch",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string name, body.String("name", 100));
                ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
                ZX_ASSIGN_OR_RETURN(std::string region_input, body.String("region_code", 12));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_ASSIGN_OR_RETURN(std::string region, ParseRegionCode(region_input, "region_code"));
                if (!ctx.caller->InScope(region)) return Status::NotFound("region " + region + " not found");
                nlohmann::json view;
                int64_t now = clock.NowSeconds();
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM dispatch_batches WHERE region_code = ? AND name = ?",
                                                          region, name));
                  if (n) return Status::Conflict("批次 " + name + " 已存在", "name");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO dispatch_batches(name, year, region_code, created_at) VALUES (?, ?, ?, ?)",
                                               name, year, region, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM dispatch_batches WHERE region_code = ? AND name = ?",
                                                           region, name));
                  view = {{"id", id}, {"name", name}, {"year", year}, {"region_code", region}, {"dispatches", 0}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "dispatch_batch", std::to_string(id), region, std::nullopt, view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/dispatches", Access::kPermission, "dispatch.read", "",
              "Dispatches to villages in scope (filter by status, role, person)",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(auto paging, Paging(ctx));
                std::string status = ctx.Query("status"), role = ctx.Query("role");
                if (!status.empty() && !IsDispatchStatus(status)) return Status::InvalidArgument("unknown status", "status");
                if (!role.empty() && !IsDispatchRole(role)) return Status::InvalidArgument("unknown role", "role");
                ZX_ASSIGN_OR_RETURN(int64_t person, ctx.IntQuery("person", 0, 0, int64_t{1} << 50));
                std::string where = "WHERE d.village_code BETWEEN ? AND ? AND (? = '' OR d.status = ?) AND "
                                    "(? = '' OR d.role = ?) AND (? = 0 OR d.person_id = ?)";
                nlohmann::json items = nlohmann::json::array();
                int64_t total = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT COUNT(*) FROM dispatches d " + where));
                    st.Bind(range.low, range.high, status, status, role, role, person, person);
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    total = row ? st->Int(0) : 0;
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kDispatchColumns) + where +
                                                         " ORDER BY d.village_code, d.role, d.id LIMIT ? OFFSET ?"));
                  st.Bind(range.low, range.high, status, status, role, role, person, person, paging.second,
                          (paging.first - 1) * paging.second);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back(DispatchView(*st));
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}, {"total", total}, {"page", paging.first},
                                                        {"page_size", paging.second}}.dump());
              }});

  router.Add({"POST", "/api/v1/dispatches", Access::kPermission, "dispatch.manage", "",
              "Post a person to a village as first secretary, team leader or team member",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t person_id, body.Int("person_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string village_input, body.String("village_code", 12));
                ZX_ASSIGN_OR_RETURN(std::string role, body.String("role", 20));
                ZX_ASSIGN_OR_RETURN(int64_t unit_id, body.Int("sending_unit_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::optional<int64_t> batch_id, body.OptionalInt("batch_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string term_start, body.String("term_start", 10));
                ZX_ASSIGN_OR_RETURN(std::string term_end, body.String("term_end", 10));
                bool insured = false;
                if (body.Has("insured")) {
                  ZX_ASSIGN_OR_RETURN(insured, body.Bool("insured"));
                }
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (!IsDispatchRole(role))
                  return Status::InvalidArgument("role must be first_secretary, team_leader or team_member", "role");
                ZX_RETURN_IF_ERROR(CheckTerm(term_start, term_end));
                ZX_ASSIGN_OR_RETURN(std::string village, ParseRegionCode(village_input, "village_code"));
                if (!ctx.caller->InScope(village)) return Status::NotFound("region " + village + " not found");
                ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(village));
                if (level != RegionLevel::kVillage)
                  return Status::InvalidArgument("只能选派到村（社区）", "village_code");
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t v, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", village));
                  if (!v) return Status::NotFound("region " + village + " not found");
                  ZX_ASSIGN_OR_RETURN(int64_t p, QueryInt(c, "SELECT COUNT(*) FROM people WHERE id = ?", person_id));
                  if (!p) return Status::InvalidArgument("人员库中没有该人员", "person_id");
                  ZX_ASSIGN_OR_RETURN(int64_t u, QueryInt(c, "SELECT COUNT(*) FROM sending_units WHERE id = ?", unit_id));
                  if (!u) return Status::InvalidArgument("没有该派出单位", "sending_unit_id");
                  if (batch_id) {
                    ZX_ASSIGN_OR_RETURN(int64_t b, QueryInt(c, "SELECT COUNT(*) FROM dispatch_batches WHERE id = ?", *batch_id));
                    if (!b) return Status::InvalidArgument("没有该选派批次", "batch_id");
                  }
                  ZX_ASSIGN_OR_RETURN(int64_t busy, QueryInt(c, "SELECT COUNT(*) FROM dispatches WHERE person_id = ? AND "
                                                                "status = 'in_post'", person_id));
                  if (busy) return Status::Conflict("该人员已在岗，须先轮换或期满后才能再次选派", "person_id");
                  if (role == "first_secretary") {
                    ZX_ASSIGN_OR_RETURN(int64_t fs, QueryInt(c, "SELECT COUNT(*) FROM dispatches WHERE village_code = ? AND "
                                                                "role = 'first_secretary' AND status = 'in_post'", village));
                    if (fs) return Status::Conflict("该村已有在岗第一书记", "village_code");
                  }
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "INSERT INTO dispatches(person_id, village_code, role, sending_unit_id, batch_id, term_start, term_end, "
                      "status, insured, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'in_post', ?, ?)",
                      person_id, village, role, unit_id, batch_id, term_start, term_end, insured, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM dispatches WHERE person_id = ?", person_id));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO dispatch_history(dispatch_id, at, from_status, to_status, reason, "
                                               "user_id) VALUES (?, ?, NULL, 'in_post', '', ?)",
                                               id, now, ctx.caller->user_id));
                  ZX_ASSIGN_OR_RETURN(view, LoadDispatchView(c, id));
                  return AppendAudit(c, ActorOf(ctx), {"create", "dispatch", std::to_string(id), village, std::nullopt, view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});

  Route get{"GET", "/api/v1/dispatches/{id}", Access::kPermission, "dispatch.read", "", "One dispatch with its history",
            [&db](RequestContext& ctx) -> Result<HttpResponse> {
              ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
              nlohmann::json view;
              ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(view, LoadDispatchView(c, id));
                ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT at, from_status, to_status, reason FROM dispatch_history "
                                                       "WHERE dispatch_id = ? ORDER BY id"));
                st.Bind(id);
                view["history"] = nlohmann::json::array();
                for (;;) {
                  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                  if (!row) break;
                  view["history"].push_back({{"at", FormatUtc(st->Int(0))},
                                             {"from", st->IsNull(1) ? nlohmann::json(nullptr) : nlohmann::json(st->Text(1))},
                                             {"to", st->Text(2)}, {"reason", st->Text(3)}});
                }
                return Status::Ok();
              }));
              return JsonResponse(200, view.dump());
            }};
  get.record_region = locate;
  router.Add(std::move(get));

  Route status{"POST", "/api/v1/dispatches/{id}/status", Access::kPermission, "dispatch.manage", "",
               "End a dispatch: rotated, recalled (with a reason) or term ended",
               [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                 ZX_ASSIGN_OR_RETURN(std::string to, body.String("status", 20));
                 ZX_ASSIGN_OR_RETURN(std::optional<std::string> reason, body.OptionalString("reason", 500));
                 ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                 int64_t now = clock.NowSeconds();
                 nlohmann::json after;
                 ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                   ZX_ASSIGN_OR_RETURN(DispatchInfo d, FindDispatch(c, id));
                   ZX_RETURN_IF_ERROR(CheckDispatchTransition(d.status, to, reason.value_or("")));
                   ZX_ASSIGN_OR_RETURN(nlohmann::json before, LoadDispatchView(c, id));
                   ZX_RETURN_IF_ERROR(c.Execute("UPDATE dispatches SET status = ?, status_reason = ? WHERE id = ?", to,
                                                reason.value_or(""), id));
                   ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO dispatch_history(dispatch_id, at, from_status, to_status, reason, "
                                                "user_id) VALUES (?, ?, ?, ?, ?, ?)",
                                                id, now, d.status, to, reason.value_or(""), ctx.caller->user_id));
                   ZX_ASSIGN_OR_RETURN(after, LoadDispatchView(c, id));
                   return AppendAudit(c, ActorOf(ctx), {"update", "dispatch", std::to_string(id), d.village_code, before, after},
                                      now);
                 }));
                 return JsonResponse(200, after.dump());
               }};
  status.record_region = locate;
  router.Add(std::move(status));

  router.Add({"GET", "/api/v1/filing", Access::kPermission, "dispatch.read", "",
              "The filing register (备案): first secretaries in scope with status; villages without a first "
              "secretary or without any stationed cadre",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                nlohmann::json secretaries = nlohmann::json::array(), no_fs = nlohmann::json::array(),
                               no_team = nlohmann::json::array();
                int64_t villages = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kDispatchColumns) +
                                                           "WHERE d.village_code BETWEEN ? AND ? AND d.role = 'first_secretary' "
                                                           "ORDER BY d.village_code, d.id LIMIT 20000"));
                    st.Bind(range.low, range.high);
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                      if (!row) break;
                      secretaries.push_back(DispatchView(*st));
                    }
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT v.code, v.name, t.name, "
                      "(SELECT COUNT(*) FROM dispatches d WHERE d.village_code = v.code AND d.status = 'in_post' "
                      " AND d.role = 'first_secretary'), "
                      "(SELECT COUNT(*) FROM dispatches d WHERE d.village_code = v.code AND d.status = 'in_post') "
                      "FROM regions v JOIN regions t ON t.code = v.parent_code "
                      "WHERE v.level = 5 AND v.code BETWEEN ? AND ? ORDER BY v.code"));
                  st.Bind(range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    ++villages;
                    nlohmann::json v = {{"code", st->Text(0)}, {"name", st->Text(1)}, {"township", st->Text(2)}};
                    if (st->Int(3) == 0 && no_fs.size() < 20000) no_fs.push_back(v);
                    if (st->Int(4) == 0 && no_team.size() < 20000) no_team.push_back(v);
                  }
                  return Status::Ok();
                }));
                int64_t in_post = 0;
                for (const auto& s : secretaries) in_post += s["status"] == "in_post";
                nlohmann::json out = {{"first_secretaries", secretaries},
                                      {"villages_without_first_secretary", no_fs},
                                      {"villages_without_stationed_cadres", no_team},
                                      {"counts", {{"villages", villages}, {"first_secretaries_in_post", in_post},
                                                  {"villages_without_first_secretary", no_fs.size()},
                                                  {"villages_without_stationed_cadres", no_team.size()}}}};
                return JsonResponse(200, out.dump());
              }});

  router.Add({"GET", "/api/v1/pairings", Access::kPermission, "dispatch.read", "",
              "Pairings (包联) of villages in scope with county leaders, departments and enterprises",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", 0, 0, 2100));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT p.id, p.village_code, v.name, p.year, p.kind, p.partner, p.letter_signed_on FROM pairings p "
                      "JOIN regions v ON v.code = p.village_code WHERE p.village_code BETWEEN ? AND ? AND (? = 0 OR p.year = ?) "
                      "ORDER BY p.village_code, p.kind LIMIT 20000"));
                  st.Bind(range.low, range.high, year, year);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"id", st->Int(0)}, {"village", {{"code", st->Text(1)}, {"name", st->Text(2)}}},
                                     {"year", st->Int(3)}, {"kind", st->Text(4)}, {"partner", st->Text(5)},
                                     {"letter_signed_on", st->IsNull(6) ? nlohmann::json(nullptr) : nlohmann::json(st->Text(6))}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/pairings", Access::kPermission, "dispatch.manage", "",
              "Pair a village with a county leader, department or enterprise for a year",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string village_input, body.String("village_code", 12));
                ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
                ZX_ASSIGN_OR_RETURN(std::string kind, body.String("kind", 20));
                ZX_ASSIGN_OR_RETURN(std::string partner, body.String("partner", 100));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> signed_on, body.OptionalString("letter_signed_on", 10));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (kind != "county_leader" && kind != "department" && kind != "enterprise")
                  return Status::InvalidArgument("kind must be county_leader, department or enterprise", "kind");
                if (signed_on) ZX_RETURN_IF_ERROR(ChinaDayStart(*signed_on, "letter_signed_on").status());
                ZX_ASSIGN_OR_RETURN(std::string village, ParseRegionCode(village_input, "village_code"));
                if (!ctx.caller->InScope(village)) return Status::NotFound("region " + village + " not found");
                ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(village));
                if (level != RegionLevel::kVillage) return Status::InvalidArgument("包联对象应为村（社区）", "village_code");
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t v, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", village));
                  if (!v) return Status::NotFound("region " + village + " not found");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO pairings(village_code, year, kind, partner, letter_signed_on) "
                                               "VALUES (?, ?, ?, ?, ?)",
                                               village, year, kind, partner, signed_on));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM pairings WHERE village_code = ? AND year = ? AND "
                                                              "kind = ? AND partner = ?", village, year, kind, partner));
                  view = {{"id", id}, {"village_code", village}, {"year", year}, {"kind", kind}, {"partner", partner},
                          {"letter_signed_on", signed_on ? nlohmann::json(*signed_on) : nlohmann::json(nullptr)}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "pairing", std::to_string(id), village, std::nullopt, view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});
}

}  // namespace zx
