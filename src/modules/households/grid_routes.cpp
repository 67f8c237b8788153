// Grids (网格) and the party members who link households (党员联系户): the chain village branch →
// grid → party member → households, automatic assignment per village, and moves by hand.
#include <nlohmann/json.hpp>

#include <map>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "modules/households/grid_assign.h"
#include "modules/households/household_common.h"
#include "modules/households/household_routes.h"

namespace zx {
namespace {

struct AutoAssignReport {
  int64_t villages = 0, households = 0, members = 0, grids = 0, members_over = 0, members_under = 0, members_idle = 0;
  int64_t villages_bounds_met = 0;
};

// Assigns one village inside the caller's write transaction: old grids and links are replaced.
Status AssignVillage(Connection& c, const std::string& village, const std::string& basis, int grid_size, GridBounds bounds,
                     int64_t now, AutoAssignReport* report) {
  std::vector<GridHousehold> households;
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, villager_group, latitude, longitude FROM households WHERE "
                                           "village_code = ? AND active = 1 ORDER BY id"));
    st.Bind(village);
    ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) {
      GridHousehold h{r.Int(0), r.Text(1), std::nullopt, std::nullopt};
      if (!r.IsNull(2) && !r.IsNull(3)) h.lat = r.Double(2), h.lng = r.Double(3);
      households.push_back(std::move(h));
    }));
  }
  std::vector<int64_t> members;
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id FROM people WHERE region_code = ? AND party_member = 1 ORDER BY id"));
    st.Bind(village);
    ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) { members.push_back(r.Int(0)); }));
  }
  ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM grid_assignments WHERE village_code = ?", village));
  ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM grids WHERE village_code = ?", village));
  ++report->villages;
  if (households.empty()) return Status::Ok();
  GridPlan plan = AssignHouseholds(households, static_cast<int>(members.size()), bounds);
  std::map<int64_t, int64_t> member_of;
  for (size_t s = 0; s < plan.members.size(); ++s) {
    int n = static_cast<int>(plan.members[s].size());
    if (n == 0) ++report->members_idle;
    else if (n > bounds.hi) ++report->members_over;
    else if (n < bounds.lo) ++report->members_under;
    for (int64_t h : plan.members[s]) member_of[h] = members[s];
  }
  report->villages_bounds_met += plan.bounds_met;
  report->households += static_cast<int64_t>(households.size());
  report->members += static_cast<int64_t>(members.size());
  // Grids: one per villager group, or runs of grid_size households along the walking order.
  std::vector<GridHousehold> ordered = OrderForGrid(households);
  std::map<int64_t, std::string> grid_of;
  std::vector<std::string> names;
  for (size_t i = 0; i < ordered.size(); ++i) {
    std::string name = basis == "group" ? (ordered[i].group.empty() ? "未分组" : ordered[i].group)
                                        : "第" + std::to_string(i / grid_size + 1) + "网格";
    if (names.empty() || names.back() != name) names.push_back(name);
    grid_of[ordered[i].id] = name;
  }
  std::map<std::string, int64_t> grid_ids;
  ZX_ASSIGN_OR_RETURN(Stmt insert_grid, c.Prepare("INSERT INTO grids(village_code, name, ordinal) VALUES (?, ?, ?)"));
  for (size_t i = 0; i < names.size(); ++i) {
    if (grid_ids.count(names[i])) continue;
    insert_grid.Bind(village, names[i], static_cast<int64_t>(i + 1));
    ZX_RETURN_IF_ERROR(insert_grid.Run());
    ZX_ASSIGN_OR_RETURN(grid_ids[names[i]], QueryInt(c, "SELECT MAX(id) FROM grids"));
    ++report->grids;
  }
  // CopyRows: COPY on PostgreSQL, where one INSERT per household made a county take seconds.
  std::vector<std::vector<std::optional<std::string>>> rows;
  rows.reserve(households.size());
  for (const auto& h : households) {
    auto m = member_of.find(h.id);
    rows.push_back({std::to_string(h.id), village, std::to_string(grid_ids[grid_of[h.id]]),
                    m == member_of.end() ? std::nullopt : std::optional<std::string>(std::to_string(m->second)), "0",
                    std::to_string(now)});
  }
  return c.CopyRows("grid_assignments", {"household_id", "village_code", "grid_id", "member_person_id", "manual", "assigned_at"},
                    rows);
}

}  // namespace

Status AutoAssignGrids(Connection& c, const std::string& low, const std::string& high, const std::string& basis,
                       int grid_size, GridBounds bounds, int64_t now, nlohmann::json* out) {
  std::vector<std::string> villages;
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code FROM regions WHERE code BETWEEN ? AND ? AND level = 5 ORDER BY code"));
  st.Bind(low, high);
  ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) { villages.push_back(r.Text(0)); }));
  AutoAssignReport rep;
  for (const auto& v : villages) ZX_RETURN_IF_ERROR(AssignVillage(c, v, basis, grid_size, bounds, now, &rep));
  *out = {{"villages", rep.villages},           {"households", rep.households},
          {"party_members", rep.members},       {"grids", rep.grids},
          {"members_over", rep.members_over},   {"members_under", rep.members_under},
          {"members_idle", rep.members_idle},   {"villages_bounds_met", rep.villages_bounds_met},
          {"min_households", bounds.lo},        {"max_households", bounds.hi}};
  return Status::Ok();
}

void RegisterGridRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"GET", "/api/v1/grids", Access::kPermission, "household.read", "",
              "A village's chain: branch → grid → party member → households, members flagged over or under the bounds",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, HouseholdRange(ctx));
                if (range.low != range.high) return Status::InvalidArgument("请选择一个村（社区）", "village");
                std::string village = range.low;
                ZX_ASSIGN_OR_RETURN(int64_t lo, ctx.IntQuery("min_households", 10, 1, 500));
                ZX_ASSIGN_OR_RETURN(int64_t hi, ctx.IntQuery("max_households", 15, 1, 500));
                if (hi < lo) return Status::InvalidArgument("上限不能小于下限", "max_households");
                nlohmann::json out;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  std::string name;
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT name FROM regions WHERE code = ?"));
                    st.Bind(village);
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) return Status::NotFound("region " + village + " not found");
                    name = st->Text(0);
                  }
                  // Party members of the village and their counts.
                  std::map<int64_t, nlohmann::json> members;
                  std::vector<int64_t> member_order;
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                        "SELECT p.id, p.name, (SELECT COUNT(*) FROM grid_assignments a WHERE a.member_person_id = p.id) FROM "
                        "people p WHERE p.region_code = ? AND p.party_member = 1 ORDER BY p.id"));
                    st.Bind(village);
                    ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) {
                      int64_t n = r.Int(2);
                      members[r.Int(0)] = {{"person_id", r.Int(0)}, {"name", r.Text(1)}, {"households", n},
                                           {"flag", n == 0 ? "idle" : n > hi ? "over" : n < lo ? "under" : "ok"}};
                      member_order.push_back(r.Int(0));
                    }));
                  }
                  nlohmann::json grids = nlohmann::json::array();
                  std::map<int64_t, size_t> grid_index;
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, name FROM grids WHERE village_code = ? ORDER BY ordinal, id"));
                    st.Bind(village);
                    ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) {
                      grid_index[r.Int(0)] = grids.size();
                      grids.push_back({{"id", r.Int(0)}, {"name", r.Text(1)}, {"households", 0},
                                       {"members", nlohmann::json::array()}, {"unlinked", nlohmann::json::array()}});
                    }));
                  }
                  int64_t unassigned = 0;
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                        "SELECT h.id, h.villager_group, h.status, a.grid_id, a.member_person_id, a.manual, (SELECT p.name FROM "
                        "household_members m JOIN people p ON p.id = m.person_id WHERE m.household_id = h.id AND m.active = 1 "
                        "AND m.relation = 'head' ORDER BY m.id LIMIT 1) FROM households h LEFT JOIN grid_assignments a ON "
                        "a.household_id = h.id WHERE h.village_code = ? AND h.active = 1 ORDER BY a.grid_id, "
                        "a.member_person_id, h.villager_group, h.id"));
                    st.Bind(village);
                    std::map<std::pair<int64_t, int64_t>, size_t> slot;  // (grid, member) → index in grid's members
                    ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) {
                      nlohmann::json h = {{"id", r.Int(0)}, {"villager_group", r.Text(1)}, {"status", r.Text(2)},
                                          {"head_name", NullableText(r, 6)}, {"manual", !r.IsNull(5) && r.Int(5) != 0}};
                      if (r.IsNull(3) || !grid_index.count(r.Int(3))) {
                        ++unassigned;
                        return;
                      }
                      auto& g = grids[grid_index[r.Int(3)]];
                      g["households"] = g["households"].get<int64_t>() + 1;
                      if (r.IsNull(4)) {
                        g["unlinked"].push_back(h);
                        return;
                      }
                      auto key = std::make_pair(r.Int(3), r.Int(4));
                      if (!slot.count(key)) {
                        slot[key] = g["members"].size();
                        nlohmann::json m = members.count(r.Int(4)) ? members[r.Int(4)]
                                                                   : nlohmann::json{{"person_id", r.Int(4)}, {"name", ""}};
                        m["linked"] = nlohmann::json::array();
                        g["members"].push_back(m);
                      }
                      g["members"][slot[key]]["linked"].push_back(h);
                    }));
                  }
                  nlohmann::json party = nlohmann::json::array();
                  for (int64_t id : member_order) party.push_back(members[id]);
                  out = {{"village", {{"code", village}, {"name", name}}},
                         {"branch", name + "党支部"},
                         {"min_households", lo},
                         {"max_households", hi},
                         {"grids", grids},
                         {"party_members", party},
                         {"unassigned_households", unassigned}};
                  return Status::Ok();
                }));
                return JsonResponse(200, out.dump());
              }});

  router.Add({"POST", "/api/v1/grids/auto-assign", Access::kPermission, "household.manage", "",
              "Divide every village of a region into grids and link each party member to 10–15 households (replaces links)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string region_input, body.String("region_code", 12));
                ZX_ASSIGN_OR_RETURN(auto basis_in, body.OptionalString("basis", 10));
                ZX_ASSIGN_OR_RETURN(auto grid_size, body.OptionalInt("grid_size", 5, 1000));
                ZX_ASSIGN_OR_RETURN(auto lo, body.OptionalInt("min_households", 1, 500));
                ZX_ASSIGN_OR_RETURN(auto hi, body.OptionalInt("max_households", 1, 500));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                std::string basis = basis_in.value_or("group");
                if (basis != "group" && basis != "count")
                  return Status::InvalidArgument("划分依据应为 group（村民小组）或 count（按户数）", "basis");
                GridBounds bounds{static_cast<int>(lo.value_or(10)), static_cast<int>(hi.value_or(15))};
                if (bounds.hi < bounds.lo) return Status::InvalidArgument("上限不能小于下限", "max_households");
                ZX_ASSIGN_OR_RETURN(std::string region, ParseRegionCode(region_input, "region_code"));
                if (!ctx.caller->InScope(region)) return Status::NotFound("region " + region + " not found");
                ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(region));
                CodeRange range = SubtreeRange(region, level);
                int64_t now = clock.NowSeconds();
                nlohmann::json report;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_RETURN_IF_ERROR(AutoAssignGrids(c, range.low, range.high, basis,
                                                     static_cast<int>(grid_size.value_or(50)), bounds, now, &report));
                  return AppendAudit(c, ActorOf(ctx), {"auto_assign", "grid", region, region, std::nullopt, report}, now);
                }));
                return JsonResponse(200, report.dump());
              }});

  Route move{"PATCH", "/api/v1/households/{id}/grid", Access::kPermission, "household.manage", "",
             "Move a household to another grid or party member by hand",
             [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
               ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
               ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
               ZX_ASSIGN_OR_RETURN(auto member, body.OptionalInt("member_person_id", 1, int64_t{1} << 50));
               ZX_ASSIGN_OR_RETURN(auto grid, body.OptionalInt("grid_id", 1, int64_t{1} << 50));
               ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
               if (!member && !grid) return Status::InvalidArgument("须指定党员或网格", "member_person_id");
               int64_t now = clock.NowSeconds();
               nlohmann::json after;
               ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                 ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT h.village_code, a.grid_id, a.member_person_id FROM households h "
                                                        "LEFT JOIN grid_assignments a ON a.household_id = h.id WHERE h.id = ?"));
                 st.Bind(id);
                 ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                 if (!row) return Status::NotFound("household not found");
                 std::string village = st->Text(0);
                 std::optional<int64_t> old_grid, old_member;
                 if (!st->IsNull(1)) old_grid = st->Int(1);
                 if (!st->IsNull(2)) old_member = st->Int(2);
                 if (member) {
                   ZX_ASSIGN_OR_RETURN(int64_t ok, QueryInt(c, "SELECT COUNT(*) FROM people WHERE id = ? AND region_code = ? AND "
                                                               "party_member = 1", *member, village));
                   if (!ok) return Status::InvalidArgument("该人员不是本村党员", "member_person_id");
                 }
                 if (grid) {
                   ZX_ASSIGN_OR_RETURN(int64_t ok, QueryInt(c, "SELECT COUNT(*) FROM grids WHERE id = ? AND village_code = ?",
                                                            *grid, village));
                   if (!ok) return Status::InvalidArgument("本村没有该网格", "grid_id");
                 }
                 std::optional<int64_t> new_grid = grid ? grid : old_grid;
                 if (!new_grid) return Status::InvalidArgument("该户尚未划入网格，须指定网格", "grid_id");
                 std::optional<int64_t> new_member = member ? member : old_member;
                 ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM grid_assignments WHERE household_id = ?", id));
                 ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO grid_assignments(household_id, village_code, grid_id, member_person_id, "
                                              "manual, assigned_at) VALUES (?, ?, ?, ?, 1, ?)",
                                              id, village, *new_grid, new_member, now));
                 after = {{"household_id", id}, {"grid_id", *new_grid},
                          {"member_person_id", new_member ? nlohmann::json(*new_member) : nlohmann::json(nullptr)}};
                 nlohmann::json before = {{"grid_id", old_grid ? nlohmann::json(*old_grid) : nlohmann::json(nullptr)},
                                          {"member_person_id", old_member ? nlohmann::json(*old_member) : nlohmann::json(nullptr)}};
                 return AppendAudit(c, ActorOf(ctx), {"move", "grid_assignment", std::to_string(id), village, before, after}, now);
               }));
               return JsonResponse(200, after.dump());
             }};
  move.record_region = RegionOfRecord(db, "SELECT village_code FROM households WHERE id = ?", "household");
  router.Add(std::move(move));
}

}  // namespace zx
