// Rectification of weak and backward village party organizations (软弱涣散/后进 整顿): identified
// every year with the problems found, each with its pairing set, measures, monthly progress,
// inspections and a result; and the counts the reports give for any region and year.
#include <nlohmann/json.hpp>

#include <iterator>
#include <map>
#include <set>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "core/region_code.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/party_orgs/party_routes.h"
#include "modules/presence/presence_rules.h"
#include "reports/xlsx_book.h"

namespace zx {
namespace {

struct Pairing {
  std::string leader_name, leader_post, department, work_group;
  std::optional<int64_t> secretary_person, secretary_dispatch;
};

Result<Pairing> ReadPairing(JsonBody& body) {
  Pairing p;
  ZX_ASSIGN_OR_RETURN(std::optional<std::string> leader_name, body.OptionalString("leader_name", 50));
  ZX_ASSIGN_OR_RETURN(std::optional<std::string> leader_post, body.OptionalString("leader_post", 100));
  ZX_ASSIGN_OR_RETURN(p.secretary_person, body.OptionalInt("first_secretary_person_id", 1, int64_t{1} << 50));
  ZX_ASSIGN_OR_RETURN(p.secretary_dispatch, body.OptionalInt("first_secretary_dispatch_id", 1, int64_t{1} << 50));
  ZX_ASSIGN_OR_RETURN(std::optional<std::string> department, body.OptionalString("department", 100));
  ZX_ASSIGN_OR_RETURN(std::optional<std::string> work_group, body.OptionalString("work_group", 200));
  p.leader_name = leader_name.value_or("");
  p.leader_post = leader_post.value_or("");
  p.department = department.value_or("");
  p.work_group = work_group.value_or("");
  if (p.secretary_person && p.secretary_dispatch)
    return Status::InvalidArgument("第一书记请选人员或选派记录之一", "first_secretary_dispatch_id");
  return p;
}

// The first secretary must be someone the caller can see: a person, or a dispatch (its person).
Status ResolveSecretary(Connection& c, const Caller& caller, Pairing& p) {
  if (p.secretary_dispatch) {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT person_id, village_code FROM dispatches WHERE id = ?"));
    st.Bind(*p.secretary_dispatch);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row || !caller.InScope(st->Text(1))) return Status::InvalidArgument("没有该选派记录", "first_secretary_dispatch_id");
    p.secretary_person = st->Int(0);
    return Status::Ok();
  }
  if (p.secretary_person) {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT region_code FROM people WHERE id = ?"));
    st.Bind(*p.secretary_person);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    // A county-level cadre may pair with a township's village: county records are visible by ancestry.
    auto level = row ? LevelOfCode(st->Text(0)) : Result<RegionLevel>(Status::NotFound("person"));
    if (!row || (!caller.InScope(st->Text(0)) && !(level.ok() && IsWithin(caller.scope_code, st->Text(0), *level))))
      return Status::InvalidArgument("人员库中没有该人员", "first_secretary_person_id");
  }
  return Status::Ok();
}

Status CheckCategories(Connection& c, const std::vector<std::string>& categories) {
  if (categories.empty()) return Status::InvalidArgument("至少选择一类问题", "categories");
  std::set<std::string> seen;
  for (const auto& code : categories) {
    ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM rectification_categories WHERE code = ? AND active = 1",
                                            code));
    if (!n) return Status::InvalidArgument("unknown category " + code, "categories");
    if (!seen.insert(code).second) return Status::InvalidArgument("duplicate category " + code, "categories");
  }
  return Status::Ok();
}

struct CaseInfo {
  int64_t id = 0, org_id = 0, year = 0;
  std::string village_code, rating, status;
};

Result<CaseInfo> FindCase(Connection& c, const Caller& caller, int64_t id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, org_id, year, village_code, rating, status FROM rectification_cases "
                                         "WHERE id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row || !caller.InScope(st->Text(3))) return Status::NotFound("rectification case not found");
  return CaseInfo{st->Int(0), st->Int(1), st->Int(2), st->Text(3), st->Text(4), st->Text(5)};
}

Status InsertCase(Connection& c, const OrgInfo& org, int64_t year, const std::string& rating, const std::string& reason,
                  const Pairing& p, const std::vector<std::string>& categories, std::optional<int64_t> carried_from,
                  int64_t now, int64_t* id) {
  ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM rectification_cases WHERE org_id = ? AND year = ?",
                                            org.id, year));
  if (dup) return Status::Conflict("该党组织本年度已列入整顿", "year");
  ZX_RETURN_IF_ERROR(c.Execute(
      "INSERT INTO rectification_cases(org_id, village_code, year, rating, reason, leader_name, leader_post, "
      "secretary_person_id, secretary_dispatch_id, department, work_group, status, carried_from, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
      org.id, org.village_code, year, rating, reason, p.leader_name, p.leader_post, p.secretary_person, p.secretary_dispatch,
      p.department, p.work_group, carried_from, now));
  ZX_ASSIGN_OR_RETURN(*id, QueryInt(c, "SELECT id FROM rectification_cases WHERE org_id = ? AND year = ?", org.id, year));
  for (const auto& code : categories)
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rectification_case_categories(case_id, category) VALUES (?, ?)", *id, code));
  return Status::Ok();
}

const char kCaseSelect[] =
    "SELECT k.id, k.org_id, o.name, k.village_code, v.name, t.name, k.year, k.rating, k.reason, k.leader_name, "
    "k.leader_post, k.secretary_person_id, COALESCE(sp.name, ''), k.secretary_dispatch_id, k.department, k.work_group, "
    "k.status, COALESCE(k.result_day, ''), k.result_note, k.carried_from, "
    "(SELECT COUNT(*) FROM rectification_progress g WHERE g.case_id = k.id), "
    "(SELECT COUNT(*) FROM rectification_inspections i WHERE i.case_id = k.id), "
    "(SELECT COUNT(*) FROM rectification_measures m WHERE m.case_id = k.id) "
    "FROM rectification_cases k JOIN party_orgs o ON o.id = k.org_id JOIN regions v ON v.code = k.village_code "
    "JOIN regions t ON t.code = v.parent_code LEFT JOIN people sp ON sp.id = k.secretary_person_id ";

nlohmann::json CaseView(const Statement& st) {
  auto opt_int = [&](int i) { return st.IsNull(i) ? nlohmann::json(nullptr) : nlohmann::json(st.Int(i)); };
  return {{"id", st.Int(0)},
          {"org_id", st.Int(1)},
          {"org_name", st.Text(2)},
          {"village", {{"code", st.Text(3)}, {"name", st.Text(4)}}},
          {"township_name", st.Text(5)},
          {"year", st.Int(6)},
          {"rating", st.Text(7)},
          {"reason", st.Text(8)},
          {"pairing",
           {{"leader_name", st.Text(9)},
            {"leader_post", st.Text(10)},
            {"first_secretary_person_id", opt_int(11)},
            {"first_secretary_name", st.Text(12)},
            {"first_secretary_dispatch_id", opt_int(13)},
            {"department", st.Text(14)},
            {"work_group", st.Text(15)}}},
          {"status", st.Text(16)},
          {"result_day", st.Text(17).empty() ? nlohmann::json(nullptr) : nlohmann::json(st.Text(17))},
          {"result_note", st.Text(18)},
          {"carried_from", opt_int(19)},
          {"progress_reports", st.Int(20)},
          {"inspections", st.Int(21)},
          {"measures", st.Int(22)},
          {"categories", nlohmann::json::array()}};
}

Status AddCategories(Connection& c, nlohmann::json& item) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT category FROM rectification_case_categories WHERE case_id = ? "
                                         "ORDER BY category"));
  st.Bind(item["id"].get<int64_t>());
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    item["categories"].push_back(st->Text(0));
  }
  return Status::Ok();
}

Result<nlohmann::json> LoadCase(Connection& c, int64_t id, bool detail) {
  nlohmann::json view;
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kCaseSelect) + "WHERE k.id = ?"));
    st.Bind(id);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return Status::NotFound("rectification case not found");
    view = CaseView(*st);
  }
  ZX_RETURN_IF_ERROR(AddCategories(c, view));
  if (!detail) return view;
  nlohmann::json measures = nlohmann::json::array(), progress = nlohmann::json::array(),
                 inspections = nlohmann::json::array();
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, content, COALESCE(due_day, '') FROM rectification_measures WHERE "
                                           "case_id = ? ORDER BY id"));
    st.Bind(id);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      measures.push_back({{"id", st->Int(0)}, {"content", st->Text(1)},
                          {"due_day", st->Text(2).empty() ? nlohmann::json(nullptr) : nlohmann::json(st->Text(2))}});
    }
  }
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, month, content FROM rectification_progress WHERE case_id = ? "
                                           "ORDER BY month"));
    st.Bind(id);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      progress.push_back({{"id", st->Int(0)}, {"month", st->Text(1)}, {"content", st->Text(2)}});
    }
  }
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, day, inspector, finding FROM rectification_inspections WHERE "
                                           "case_id = ? ORDER BY day, id"));
    st.Bind(id);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      inspections.push_back({{"id", st->Int(0)}, {"day", st->Text(1)}, {"inspector", st->Text(2)}, {"finding", st->Text(3)}});
    }
  }
  view["measure_list"] = measures;
  view["progress_list"] = progress;
  view["inspection_list"] = inspections;
  return view;
}

nlohmann::json CountsJson(const RectificationCounts& n) {
  return {{"identified", n.identified},         {"weak", n.weak},
          {"backward", n.backward},             {"work_groups", n.work_groups},
          {"leaders", n.leaders},               {"first_secretaries", n.first_secretaries},
          {"departments", n.departments},       {"transformed", n.transformed},
          {"carried_over", n.carried_over},     {"open", n.open},
          {"progress_reports", n.progress_reports}, {"inspections", n.inspections}};
}

const char* StatusTitle(const std::string& status) {
  return status == "transformed" ? "已转化" : status == "carried_over" ? "已结转" : "整顿中";
}

// The rectification ledger (整顿台账) of a region and year: one row per case with its problems,
// pairing set, reports, inspections and result, and the report figures under it.
Result<HttpResponse> LedgerXlsx(const nlohmann::json& items, const std::map<std::string, std::string>& category_names,
                                int64_t year) {
  ZX_ASSIGN_OR_RETURN(auto book, XlsxBook::Create());
  ZX_RETURN_IF_ERROR(book->AddSheet(std::to_string(year)));
  const char* headers[] = {"序号", "乡镇", "村", "党组织", "认定类别", "问题类型", "县级领导", "第一书记",
                           "结对县直部门", "工作组", "月度汇报", "督查次数", "状态", "结果日期"};
  const int cols = static_cast<int>(std::size(headers));
  book->Merge(0, 0, 0, cols - 1, std::to_string(year) + "年软弱涣散（后进）村党组织整顿台账", XlsxBook::Style::kTitle);
  for (int i = 0; i < cols; ++i) book->Write(1, i, headers[i], XlsxBook::Style::kHeader);
  book->ColumnWidth(0, 0, 6);
  book->ColumnWidth(1, 3, 16);
  book->ColumnWidth(4, 4, 10);
  book->ColumnWidth(5, 5, 36);
  book->ColumnWidth(6, 9, 16);
  book->ColumnWidth(10, 13, 10);
  book->FreezePanes(2, 0);
  std::vector<CaseFacts> facts;
  int r = 1, n = 0;
  for (const auto& it : items) {
    ++r;
    std::string problems;
    for (const auto& code : it["categories"]) {
      auto found = category_names.find(code.get<std::string>());
      if (!problems.empty()) problems += "；";
      problems += found == category_names.end() ? code.get<std::string>() : found->second;
    }
    const auto& p = it["pairing"];
    std::string leader = p["leader_name"].get<std::string>();
    if (!p["leader_post"].get<std::string>().empty()) leader += "（" + p["leader_post"].get<std::string>() + "）";
    book->Write(r, 0, static_cast<double>(++n));
    book->Write(r, 1, it["township_name"].get<std::string>());
    book->Write(r, 2, it["village"]["name"].get<std::string>());
    book->Write(r, 3, it["org_name"].get<std::string>());
    book->Write(r, 4, RatingTitle(it["rating"]), XlsxBook::Style::kCenter);
    book->Write(r, 5, problems);
    book->Write(r, 6, leader);
    book->Write(r, 7, p["first_secretary_name"].get<std::string>());
    book->Write(r, 8, p["department"].get<std::string>());
    book->Write(r, 9, p["work_group"].get<std::string>());
    book->Write(r, 10, it["progress_reports"].get<double>());
    book->Write(r, 11, it["inspections"].get<double>());
    book->Write(r, 12, StatusTitle(it["status"]), it["status"] == "open" ? XlsxBook::Style::kWarn : XlsxBook::Style::kCenter);
    book->Write(r, 13, it["result_day"].is_null() ? std::string() : it["result_day"].get<std::string>(), XlsxBook::Style::kCenter);
    facts.push_back({it["rating"], it["status"], !p["leader_name"].get<std::string>().empty(),
                     !p["first_secretary_person_id"].is_null() || !p["first_secretary_dispatch_id"].is_null(),
                     !p["department"].get<std::string>().empty(), !p["work_group"].get<std::string>().empty(),
                     it["progress_reports"].get<int64_t>(), it["inspections"].get<int64_t>()});
  }
  RectificationCounts c = CountCases(facts);
  auto s = [](int64_t v) { return std::to_string(v); };
  book->Merge(r + 2, 0, r + 2, cols - 1,
              "认定 " + s(c.identified) + " 个（软弱涣散 " + s(c.weak) + "、后进 " + s(c.backward) + "），派出工作组 " +
                  s(c.work_groups) + " 个，县级领导包联 " + s(c.leaders) + " 名，第一书记 " + s(c.first_secretaries) +
                  " 名，县直部门结对 " + s(c.departments) + " 个；月度汇报 " + s(c.progress_reports) + " 次，督查 " +
                  s(c.inspections) + " 次；已转化 " + s(c.transformed) + " 个，结转 " + s(c.carried_over) + " 个。",
              XlsxBook::Style::kCell);
  ZX_ASSIGN_OR_RETURN(std::string bytes, book->Finish());
  HttpResponse out;
  out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  out.body = std::move(bytes);
  out.headers.emplace_back("Content-Disposition", AttachmentName("整顿台账" + std::to_string(year) + ".xlsx"));
  return out;
}

Route CaseRoute(Database& db, std::string method, std::string pattern, std::string summary, Handler h) {
  Route r{std::move(method), std::move(pattern), Access::kPermission, "partyorg.manage", "", std::move(summary),
          std::move(h)};
  r.record_region = RegionOfRecord(db, "SELECT village_code FROM rectification_cases WHERE id = ?", "rectification case");
  return r;
}

}  // namespace

void RegisterRectificationRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"GET", "/api/v1/rectification-categories", Access::kPermission, "partyorg.read", "",
              "The kinds of problems a weak organization is identified for (the 11 of the central document and any added)",
              [&db](RequestContext&) -> Result<HttpResponse> {
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, name, active FROM rectification_categories ORDER BY sort, code"));
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"code", st->Text(0)}, {"name", st->Text(1)}, {"active", st->Int(2) != 0}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/rectification-categories", Access::kPermission, "partyorg.manage", "",
              "Add a problem category or rename / retire one (provincial organization departments and above)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string code, body.String("code", 30));
                ZX_ASSIGN_OR_RETURN(std::string name, body.String("name", 100));
                bool active = true;
                if (body.Has("active")) {
                  ZX_ASSIGN_OR_RETURN(active, body.Bool("active"));
                }
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") != std::string::npos)
                  return Status::InvalidArgument("code: lower-case letters, digits and _ only", "code");
                // The list is shared by every county, so only the province (or the country) changes it.
                if (ctx.caller->scope_level > RegionLevel::kProvince)
                  return Status::PermissionDenied("问题类别由省级以上组织部门维护");
                int64_t now = clock.NowSeconds();
                nlohmann::json view = {{"code", code}, {"name", name}, {"active", active}};
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t sort, QueryInt(c, "SELECT COALESCE(MAX(sort), 0) + 1 FROM rectification_categories"));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rectification_categories(code, name, sort, active) VALUES (?, ?, ?, ?) "
                                               "ON CONFLICT(code) DO UPDATE SET name = excluded.name, active = excluded.active",
                                               code, name, sort, active));
                  return AppendAudit(c, ActorOf(ctx), {"update", "rectification_category", code, ctx.caller->scope_code,
                                                       std::nullopt, view},
                                     now);
                }));
                return JsonResponse(200, view.dump());
              }});

  router.Add({"GET", "/api/v1/rectifications", Access::kPermission, "partyorg.read", "",
              "Rectification cases in scope for a year, with pairing, problem categories and result (format=xlsx: the ledger)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", CurrentYear(clock), 2000, 2100));
                std::string status = ctx.Query("status"), format = ctx.Query("format", "json");
                if (!status.empty() && status != "open" && !IsCaseResult(status))
                  return Status::InvalidArgument("status must be open, transformed or carried_over", "status");
                if (format != "json" && format != "xlsx") return Status::InvalidArgument("format must be json or xlsx", "format");
                nlohmann::json items = nlohmann::json::array();
                std::map<std::string, std::string> category_names;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, name FROM rectification_categories"));
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                      if (!row) break;
                      category_names[st->Text(0)] = st->Text(1);
                    }
                  }
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kCaseSelect) +
                        "WHERE k.village_code BETWEEN ? AND ? AND k.year = ? AND (? = '' OR k.status = ?) "
                        "ORDER BY k.village_code, k.id LIMIT 5000"));
                    st.Bind(range.low, range.high, year, status, status);
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                      if (!row) break;
                      items.push_back(CaseView(*st));
                    }
                  }
                  for (auto& item : items) ZX_RETURN_IF_ERROR(AddCategories(c, item));
                  return Status::Ok();
                }));
                if (format == "xlsx") return LedgerXlsx(items, category_names, year);
                return JsonResponse(200, nlohmann::json{{"year", year}, {"items", items}}.dump());
              }});

  router.Add({"GET", "/api/v1/rectification-counts", Access::kPermission, "partyorg.read", "",
              "The report figures for a region subtree and year: identified, work groups, leaders, first secretaries, "
              "departments paired, transformed, carried over; and the same by child region",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", CurrentYear(clock), 2000, 2100));
                std::string region = ctx.Query("region", ctx.caller->scope_code);
                ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(region, "region"));
                ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
                std::vector<std::pair<std::string, CaseFacts>> facts;
                std::vector<std::pair<std::string, std::string>> children;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                        "SELECT k.village_code, k.rating, k.status, CASE WHEN k.leader_name <> '' THEN 1 ELSE 0 END, "
                        "CASE WHEN k.secretary_person_id IS NOT NULL OR k.secretary_dispatch_id IS NOT NULL THEN 1 ELSE 0 "
                        "END, CASE WHEN k.department <> '' THEN 1 ELSE 0 END, "
                        "CASE WHEN k.work_group <> '' THEN 1 ELSE 0 END, (SELECT COUNT(*) FROM rectification_progress g WHERE g.case_id = k.id), "
                        "(SELECT COUNT(*) FROM rectification_inspections i WHERE i.case_id = k.id) "
                        "FROM rectification_cases k WHERE k.village_code BETWEEN ? AND ? AND k.year = ?"));
                    st.Bind(range.low, range.high, year);
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                      if (!row) break;
                      CaseFacts f{st->Text(1), st->Text(2), st->Int(3) != 0, st->Int(4) != 0, st->Int(5) != 0,
                                  st->Int(6) != 0, st->Int(7), st->Int(8)};
                      facts.emplace_back(st->Text(0), f);
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
                std::vector<CaseFacts> all;
                for (const auto& f : facts) all.push_back(f.second);
                nlohmann::json by_region = nlohmann::json::array();
                for (const auto& [child, name] : children) {
                  ZX_ASSIGN_OR_RETURN(RegionLevel child_level, LevelOfCode(child));
                  std::vector<CaseFacts> part;
                  for (const auto& f : facts)
                    if (IsWithin(f.first, child, child_level)) part.push_back(f.second);
                  if (part.empty()) continue;
                  nlohmann::json row = CountsJson(CountCases(part));
                  row["region"] = {{"code", child}, {"name", name}};
                  by_region.push_back(row);
                }
                nlohmann::json out = CountsJson(CountCases(all));
                out["region_code"] = code;
                out["year"] = year;
                out["by_region"] = by_region;
                return JsonResponse(200, out.dump());
              }});

  router.Add({"POST", "/api/v1/rectifications", Access::kPermission, "partyorg.manage", "",
              "Identify a weak or backward organization for a year: the rating follows, with problems, pairing and measures",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t org_id, body.Int("org_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
                ZX_ASSIGN_OR_RETURN(std::string rating, body.String("rating", 20));
                ZX_ASSIGN_OR_RETURN(std::vector<std::string> categories, body.StringList("categories", 11, 30));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> reason, body.OptionalString("reason", 1000));
                ZX_ASSIGN_OR_RETURN(Pairing pairing, ReadPairing(body));
                std::vector<std::string> measures;
                if (body.Has("measures")) {
                  ZX_ASSIGN_OR_RETURN(measures, body.StringList("measures", 50, 500));
                }
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (!NeedsRectification(rating))
                  return Status::InvalidArgument("整顿对象的评定须为后进（backward）或软弱涣散（weak）", "rating");
                if (year > CurrentYear(clock)) return Status::InvalidArgument("不能认定未来年度", "year");
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(OrgInfo org, OrgInScope(c, *ctx.caller, org_id));
                  ZX_RETURN_IF_ERROR(CheckCategories(c, categories));
                  ZX_RETURN_IF_ERROR(ResolveSecretary(c, *ctx.caller, pairing));
                  // The year's rating follows the identification (and the change is in the rating history).
                  ZX_RETURN_IF_ERROR(SetOrgRating(c, org, year, rating, std::string("列入整顿：") + RatingTitle(rating),
                                                  {ctx.caller->user_id, ctx.caller->username}, now, true));
                  int64_t id = 0;
                  ZX_RETURN_IF_ERROR(InsertCase(c, org, year, rating, reason.value_or(""), pairing, categories, std::nullopt,
                                                now, &id));
                  for (const auto& m : measures) {
                    if (m.empty()) return Status::InvalidArgument("整改措施不能为空", "measures");
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rectification_measures(case_id, content, created_at) VALUES "
                                                 "(?, ?, ?)", id, m, now));
                  }
                  ZX_ASSIGN_OR_RETURN(view, LoadCase(c, id, true));
                  return AppendAudit(c, ActorOf(ctx), {"create", "rectification", std::to_string(id), org.village_code,
                                                       std::nullopt, view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  Route detail{"GET", "/api/v1/rectifications/{id}", Access::kPermission, "partyorg.read", "",
               "A rectification case with its pairing, measures, monthly progress, inspections and result",
               [&db](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 nlohmann::json view;
                 ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                   ZX_ASSIGN_OR_RETURN(view, LoadCase(c, id, true));
                   return Status::Ok();
                 }));
                 return JsonResponse(200, view.dump());
               }};
  detail.record_region = RegionOfRecord(db, "SELECT village_code FROM rectification_cases WHERE id = ?", "rectification case");
  router.Add(std::move(detail));

  router.Add(CaseRoute(db, "PUT", "/api/v1/rectifications/{id}/pairing",
                       "Set the pairing set of a case: county leader, first secretary, county department, work group",
                       [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                         ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                         ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                         ZX_ASSIGN_OR_RETURN(Pairing p, ReadPairing(body));
                         ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                         int64_t now = clock.NowSeconds();
                         nlohmann::json before, after;
                         ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                           ZX_ASSIGN_OR_RETURN(CaseInfo k, FindCase(c, *ctx.caller, id));
                           ZX_RETURN_IF_ERROR(ResolveSecretary(c, *ctx.caller, p));
                           ZX_ASSIGN_OR_RETURN(before, LoadCase(c, id, false));
                           ZX_RETURN_IF_ERROR(c.Execute(
                               "UPDATE rectification_cases SET leader_name = ?, leader_post = ?, secretary_person_id = ?, "
                               "secretary_dispatch_id = ?, department = ?, work_group = ? WHERE id = ?",
                               p.leader_name, p.leader_post, p.secretary_person, p.secretary_dispatch, p.department,
                               p.work_group, id));
                           ZX_ASSIGN_OR_RETURN(after, LoadCase(c, id, false));
                           return AppendAudit(c, ActorOf(ctx), {"update", "rectification", std::to_string(id), k.village_code,
                                                                before["pairing"], after["pairing"]},
                                              now);
                         }));
                         return JsonResponse(200, after.dump());
                       }));

  router.Add(CaseRoute(db, "POST", "/api/v1/rectifications/{id}/measures", "Add a rectification measure to a case",
                       [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                         ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                         ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                         ZX_ASSIGN_OR_RETURN(std::string content, body.String("content", 500));
                         ZX_ASSIGN_OR_RETURN(std::optional<std::string> due, body.OptionalString("due_day", 10));
                         ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                         if (due) ZX_RETURN_IF_ERROR(ChinaDayStart(*due, "due_day").status());
                         int64_t now = clock.NowSeconds();
                         nlohmann::json view;
                         ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                           ZX_ASSIGN_OR_RETURN(CaseInfo k, FindCase(c, *ctx.caller, id));
                           ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rectification_measures(case_id, content, due_day, "
                                                        "created_at) VALUES (?, ?, ?, ?)", id, content, due, now));
                           view = {{"case_id", id}, {"content", content}, {"due_day", due ? nlohmann::json(*due) : nullptr}};
                           return AppendAudit(c, ActorOf(ctx), {"create", "rectification_measure", std::to_string(id),
                                                                k.village_code, std::nullopt, view},
                                              now);
                         }));
                         return JsonResponse(201, view.dump());
                       }));

  router.Add(CaseRoute(db, "POST", "/api/v1/rectifications/{id}/progress",
                       "Record the monthly progress report (每月汇报) of a case; one per month",
                       [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                         ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                         ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                         ZX_ASSIGN_OR_RETURN(std::string month, body.String("month", 7));
                         ZX_ASSIGN_OR_RETURN(std::string content, body.String("content", 2000));
                         ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                         if (!IsMonth(month)) return Status::InvalidArgument("month must look like 2026-03", "month");
                         int64_t now = clock.NowSeconds();
                         if (month > ChinaDay(now).substr(0, 7)) return Status::InvalidArgument("不能汇报未来月份", "month");
                         nlohmann::json view;
                         ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                           ZX_ASSIGN_OR_RETURN(CaseInfo k, FindCase(c, *ctx.caller, id));
                           if (k.status != "open") return Status::Conflict("整顿已有结果，不再汇报", "month");
                           ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM rectification_progress WHERE "
                                                                        "case_id = ? AND month = ?", id, month));
                           if (dup) return Status::Conflict("该月已汇报", "month");
                           ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rectification_progress(case_id, month, content, "
                                                        "created_at) VALUES (?, ?, ?, ?)", id, month, content, now));
                           view = {{"case_id", id}, {"month", month}, {"content", content}};
                           return AppendAudit(c, ActorOf(ctx), {"create", "rectification_progress", std::to_string(id),
                                                                k.village_code, std::nullopt, view},
                                              now);
                         }));
                         return JsonResponse(201, view.dump());
                       }));

  router.Add(CaseRoute(db, "POST", "/api/v1/rectifications/{id}/inspections",
                       "Record an inspection (督查) of a case: day, inspector, finding",
                       [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                         ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                         ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                         ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
                         ZX_ASSIGN_OR_RETURN(std::string inspector, body.String("inspector", 100));
                         ZX_ASSIGN_OR_RETURN(std::string finding, body.String("finding", 2000));
                         ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                         ZX_RETURN_IF_ERROR(ChinaDayStart(day, "day").status());
                         int64_t now = clock.NowSeconds();
                         if (day > ChinaDay(now)) return Status::InvalidArgument("督查日期不能晚于今天", "day");
                         nlohmann::json view;
                         ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                           ZX_ASSIGN_OR_RETURN(CaseInfo k, FindCase(c, *ctx.caller, id));
                           ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rectification_inspections(case_id, day, inspector, "
                                                        "finding, created_at) VALUES (?, ?, ?, ?, ?)",
                                                        id, day, inspector, finding, now));
                           view = {{"case_id", id}, {"day", day}, {"inspector", inspector}, {"finding", finding}};
                           return AppendAudit(c, ActorOf(ctx), {"create", "rectification_inspection", std::to_string(id),
                                                                k.village_code, std::nullopt, view},
                                              now);
                         }));
                         return JsonResponse(201, view.dump());
                       }));

  router.Add(CaseRoute(db, "POST", "/api/v1/rectifications/{id}/result",
                       "Close a case: transformed (转化, the year's rating becomes 一般) or carried over (结转: a case "
                       "for the next year with the same pairing and problems)",
                       [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                         ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                         ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                         ZX_ASSIGN_OR_RETURN(std::string result, body.String("result", 20));
                         ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
                         ZX_ASSIGN_OR_RETURN(std::optional<std::string> note, body.OptionalString("note", 1000));
                         ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                         if (!IsCaseResult(result))
                           return Status::InvalidArgument("result must be transformed or carried_over", "result");
                         ZX_RETURN_IF_ERROR(ChinaDayStart(day, "day").status());
                         int64_t now = clock.NowSeconds();
                         if (day > ChinaDay(now)) return Status::InvalidArgument("日期不能晚于今天", "day");
                         RatingWho who{ctx.caller->user_id, ctx.caller->username};
                         nlohmann::json view;
                         ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                           ZX_ASSIGN_OR_RETURN(CaseInfo k, FindCase(c, *ctx.caller, id));
                           ZX_RETURN_IF_ERROR(CheckCaseResult(k.status, result));
                           if (std::stoll(day.substr(0, 4)) < k.year)
                             return Status::InvalidArgument("结果日期不能早于整顿年度", "day");
                           ZX_RETURN_IF_ERROR(c.Execute("UPDATE rectification_cases SET status = ?, result_day = ?, "
                                                        "result_note = ? WHERE id = ?", result, day, note.value_or(""), id));
                           ZX_ASSIGN_OR_RETURN(OrgInfo org, OrgInScope(c, *ctx.caller, k.org_id));
                           if (result == "transformed") {
                             ZX_RETURN_IF_ERROR(SetOrgRating(c, org, k.year, "ordinary", "整顿转化为一般党组织", who, now, true));
                           } else {
                             std::vector<std::string> categories;
                             {
                               ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT category FROM rectification_case_categories "
                                                                      "WHERE case_id = ?"));
                               st.Bind(id);
                               for (;;) {
                                 ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                                 if (!row) break;
                                 categories.push_back(st->Text(0));
                               }
                             }
                             Pairing p;
                             {
                               ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                                   "SELECT leader_name, leader_post, secretary_person_id, secretary_dispatch_id, department, "
                                   "work_group, reason FROM rectification_cases WHERE id = ?"));
                               st.Bind(id);
                               ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                               if (!row) return Status::NotFound("rectification case not found");
                               p.leader_name = st->Text(0);
                               p.leader_post = st->Text(1);
                               if (!st->IsNull(2)) p.secretary_person = st->Int(2);
                               if (!st->IsNull(3)) p.secretary_dispatch = st->Int(3);
                               p.department = st->Text(4);
                               p.work_group = st->Text(5);
                             }
                             ZX_RETURN_IF_ERROR(SetOrgRating(c, org, k.year + 1, k.rating, "上年度整顿结转", who, now, true));
                             int64_t next = 0;
                             ZX_RETURN_IF_ERROR(InsertCase(c, org, k.year + 1, k.rating, "由" + std::to_string(k.year) +
                                                           "年度结转", p, categories, id, now, &next));
                           }
                           ZX_ASSIGN_OR_RETURN(view, LoadCase(c, id, false));
                           return AppendAudit(c, ActorOf(ctx), {"update", "rectification", std::to_string(id), k.village_code,
                                                                std::nullopt, view},
                                              now);
                         }));
                         return JsonResponse(200, view.dump());
                       }));
}

}  // namespace zx
