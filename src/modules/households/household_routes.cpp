#include "modules/households/household_routes.h"

#include <nlohmann/json.hpp>

#include <map>

#include "auth/audit.h"
#include "auth/personal_data.h"
#include "auth/user_routes.h"
#include "core/personal_ids.h"
#include "http/errors.h"
#include "modules/households/household_common.h"
#include "modules/households/household_register.h"
#include "modules/households/household_rules.h"
#include "modules/presence/presence_rules.h"

namespace zx {
namespace {

constexpr char kHouseholdColumns[] =
    "SELECT h.id, h.village_code, v.name, t.name, h.villager_group, h.address, h.latitude, h.longitude, h.income_per_head, "
    "h.income_year, h.measures, h.status, h.risk_type, h.status_since, h.registered_year, h.monitored_since, h.active "
    "FROM households h JOIN regions v ON v.code = h.village_code JOIN regions t ON t.code = v.parent_code ";

nlohmann::json SplitList(const std::string& csv) {
  nlohmann::json out = nlohmann::json::array();
  size_t pos = 0;
  while (pos < csv.size()) {
    size_t end = csv.find(',', pos);
    if (end == std::string::npos) end = csv.size();
    if (end > pos) out.push_back(csv.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

Result<nlohmann::json> LoadHousehold(Connection& c, int64_t id, const PiiCrypto& crypto) {
  nlohmann::json h;
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kHouseholdColumns) + "WHERE h.id = ?"));
    st.Bind(id);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return Status::NotFound("household not found");
    h = {{"id", st->Int(0)},
         {"village", {{"code", st->Text(1)}, {"name", st->Text(2)}, {"township", st->Text(3)}}},
         {"villager_group", st->Text(4)},
         {"address", st->Text(5)},
         {"latitude", NullableDouble(*st, 6)},
         {"longitude", NullableDouble(*st, 7)},
         {"income_per_head", NullableDouble(*st, 8)},
         {"income_year", st->IsNull(9) ? nlohmann::json(nullptr) : nlohmann::json(st->Int(9))},
         {"measures", SplitList(st->Text(10))},
         {"status", st->Text(11)},
         {"risk_type", NullableText(*st, 12)},
         {"status_since", st->Text(13)},
         {"registered_year", st->IsNull(14) ? nlohmann::json(nullptr) : nlohmann::json(st->Int(14))},
         {"monitored_since", NullableText(*st, 15)},
         {"active", st->Int(16) != 0}};
  }
  nlohmann::json members = nlohmann::json::array();
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
        "SELECT m.id, m.person_id, p.name, p.sex, COALESCE(p.birth_date, ''), COALESCE(p.id_number_enc, ''), m.relation, "
        "m.labour, m.health, m.schooling, p.party_member FROM household_members m JOIN people p ON p.id = m.person_id "
        "WHERE m.household_id = ? AND m.active = 1 ORDER BY CASE WHEN m.relation = 'head' THEN 0 ELSE 1 END, m.id"));
    st.Bind(id);
    ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) {
      members.push_back({{"member_id", r.Int(0)}, {"person_id", r.Int(1)}, {"name", r.Text(2)}, {"sex", r.Text(3)},
                         {"birth_date", r.Text(4).empty() ? nlohmann::json(nullptr) : nlohmann::json(r.Text(4))},
                         {"id_number", MaskedIdNumber(crypto, r.Text(5))}, {"relation", r.Text(6)}, {"labour", r.Text(7)},
                         {"health", r.Text(8)}, {"schooling", r.Text(9)}, {"party_member", r.Int(10) != 0}});
    }));
  }
  h["members"] = members;
  nlohmann::json history = nlohmann::json::array();
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, on_date, from_status, to_status, risk_type, reason, approver FROM "
                                           "household_status_history WHERE household_id = ? ORDER BY on_date, id"));
    st.Bind(id);
    ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) {
      history.push_back({{"id", r.Int(0)}, {"date", r.Text(1)}, {"from", NullableText(r, 2)}, {"to", r.Text(3)},
                         {"risk_type", NullableText(r, 4)}, {"reason", r.Text(5)}, {"approver", r.Text(6)}});
    }));
  }
  h["history"] = history;
  nlohmann::json links = nlohmann::json::array();
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT kind, from_household, to_household, member_ids, on_date, reason FROM "
                                           "household_links WHERE from_household = ? OR to_household = ? ORDER BY id"));
    st.Bind(id, id);
    ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) {
      links.push_back({{"kind", r.Text(0)}, {"from_household", r.Int(1)}, {"to_household", r.Int(2)},
                       {"member_ids", SplitList(r.Text(3))}, {"date", r.Text(4)}, {"reason", r.Text(5)}});
    }));
  }
  h["links"] = links;
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT g.id, g.name, a.member_person_id, p.name FROM grid_assignments a JOIN grids "
                                           "g ON g.id = a.grid_id LEFT JOIN people p ON p.id = a.member_person_id WHERE "
                                           "a.household_id = ?"));
    st.Bind(id);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    h["grid"] = row ? nlohmann::json{{"id", st->Int(0)}, {"name", st->Text(1)},
                                     {"member", st->IsNull(2) ? nlohmann::json(nullptr)
                                                              : nlohmann::json{{"person_id", st->Int(2)}, {"name", st->Text(3)}}}}
                    : nlohmann::json(nullptr);
  }
  return h;
}

Result<MemberIn> ReadMemberFields(const nlohmann::json& j, const PiiCrypto& crypto) {
  HttpRequest r;
  r.body = j.dump();
  ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(r));
  MemberIn m;
  ZX_ASSIGN_OR_RETURN(m.name, body.String("name", 50));
  ZX_ASSIGN_OR_RETURN(m.relation, body.String("relation", 20));
  if (!IsRelation(m.relation))
    return Status::InvalidArgument("与户主关系应为 head、spouse、child、child_in_law、grandchild、parent、grandparent、sibling 或 other",
                                   "relation");
  ZX_ASSIGN_OR_RETURN(m.sex, body.OptionalString("sex", 1));
  if (m.sex && *m.sex != "M" && *m.sex != "F") return Status::InvalidArgument("sex must be M or F", "sex");
  ZX_ASSIGN_OR_RETURN(m.birth_date, body.OptionalString("birth_date", 10));
  if (m.birth_date && !IsDate(*m.birth_date)) return Status::InvalidArgument("出生日期格式应为 YYYY-MM-DD", "birth_date");
  ZX_ASSIGN_OR_RETURN(auto labour, body.OptionalString("labour", 20));
  ZX_ASSIGN_OR_RETURN(auto health, body.OptionalString("health", 20));
  ZX_ASSIGN_OR_RETURN(auto schooling, body.OptionalString("schooling", 20));
  m.labour = labour.value_or("");
  m.health = health.value_or("");
  m.schooling = schooling.value_or("");
  if (!IsLabour(m.labour)) return Status::InvalidArgument("劳动能力应为 full、weak、none 或 no_need", "labour");
  if (!IsHealth(m.health)) return Status::InvalidArgument("健康状况应为 healthy、chronic、serious 或 disabled", "health");
  if (!IsSchooling(m.schooling)) return Status::InvalidArgument("未知的在校/文化程度 " + m.schooling, "schooling");
  if (body.Has("party_member")) {
    ZX_ASSIGN_OR_RETURN(m.party_member, body.Bool("party_member"));
  }
  ZX_ASSIGN_OR_RETURN(m.pd, ReadPersonalData(body, crypto));
  ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
  if (m.pd.sex != '?') {
    if (m.sex && (*m.sex)[0] != m.pd.sex) return Status::InvalidArgument("性别与身份证号不符", "sex");
    if (m.birth_date && *m.birth_date != m.pd.birth_date) return Status::InvalidArgument("出生日期与身份证号不符", "birth_date");
    m.sex = std::string(1, m.pd.sex);
    m.birth_date = m.pd.birth_date;
  }
  if (!m.sex) return Status::InvalidArgument("无身份证号时须填写性别", "sex");
  return m;
}

// Reads one member; errors name the field as members[i].field.
Result<MemberIn> ReadMember(const nlohmann::json& j, size_t i, const PiiCrypto& crypto) {
  std::string prefix = "members[" + std::to_string(i) + "]";
  if (!j.is_object()) return Status::InvalidArgument(prefix + " must be an object", prefix);
  auto m = ReadMemberFields(j, crypto);
  if (!m.ok()) {
    const Status& s = m.status();
    return Status::InvalidArgument(prefix + "：" + s.message(), prefix + "." + s.field());
  }
  m->field = prefix;
  return m;
}

Result<std::string> ReadMeasures(JsonBody& body) {
  if (!body.Has("measures") || body.IsNull("measures")) {
    (void)body.OptionalString("measures");  // marks it seen
    return std::string();
  }
  ZX_ASSIGN_OR_RETURN(std::vector<std::string> list, body.StringList("measures", 10, 20));
  std::string csv;
  for (const auto& m : list) {
    if (!IsMeasure(m)) return Status::InvalidArgument("未知的帮扶措施 " + m, "measures");
    if (!csv.empty()) csv += ',';
    csv += m;
  }
  return csv;
}

struct HouseholdInfo {
  std::string village, status, since;
  std::optional<int64_t> registered_year;
  bool active = true;
};

Result<HouseholdInfo> FindHousehold(Connection& c, int64_t id, const std::string& field = {}) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT village_code, status, status_since, registered_year, active FROM households "
                                         "WHERE id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("household not found");
  HouseholdInfo h{st->Text(0), st->Text(1), st->Text(2), std::nullopt, st->Int(4) != 0};
  if (!st->IsNull(3)) h.registered_year = st->Int(3);
  return h;
}

}  // namespace

void RegisterHouseholdRoutes(Router& router, Database& db, const PiiCrypto& crypto, const Clock& clock) {
  auto locate = RegionOfRecord(db, "SELECT village_code FROM households WHERE id = ?", "household");

  router.Add({"GET", "/api/v1/households", Access::kPermission, "household.read", "",
              "Households in scope (head name or a member's full ID number, status, villager group)",
              [&db, &crypto](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, HouseholdRange(ctx));
                ZX_ASSIGN_OR_RETURN(PageArgs page, ReadPage(ctx));
                std::string q = ctx.Query("q"), status = ctx.Query("status"), group = ctx.Query("group");
                HouseholdStatus parsed;
                if (!status.empty() && status != "ever_registered" && !ParseHouseholdStatus(status, &parsed))
                  return Status::InvalidArgument("unknown status " + status, "status");
                if (q.size() > 64) return Status::InvalidArgument("q is too long", "q");
                std::string id_hash;
                if (auto id = ParseIdNumber(q); id.ok()) id_hash = crypto.BlindIndex(id->canonical);
                std::string where =
                    "WHERE h.village_code BETWEEN ? AND ? AND h.active = 1 AND (? = '' OR h.status = ? OR (? = 'ever_registered' "
                    "AND h.registered_year IS NOT NULL)) AND (? = '' OR h.villager_group = ?) AND (? = '' OR EXISTS (SELECT 1 "
                    "FROM household_members m JOIN people p ON p.id = m.person_id WHERE m.household_id = h.id AND m.active = 1 "
                    "AND (p.name LIKE ? OR p.id_number_hash = ?)))";
                std::string like = "%" + q + "%";
                nlohmann::json items = nlohmann::json::array();
                int64_t total = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt cnt, c.Prepare("SELECT COUNT(*) FROM households h " + where));
                  cnt.Bind(range.low, range.high, status, status, status, group, group, q, like, id_hash);
                  ZX_ASSIGN_OR_RETURN(bool row, cnt->Step());
                  total = row ? cnt->Int(0) : 0;
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT h.id, h.village_code, v.name, h.villager_group, h.address, h.status, h.risk_type, h.income_per_head, "
                      "h.registered_year, (SELECT p.name FROM household_members m JOIN people p ON p.id = m.person_id WHERE "
                      "m.household_id = h.id AND m.active = 1 AND m.relation = 'head' ORDER BY m.id LIMIT 1), (SELECT COUNT(*) "
                      "FROM household_members m WHERE m.household_id = h.id AND m.active = 1) FROM households h JOIN regions v "
                      "ON v.code = h.village_code " + where + " ORDER BY h.village_code, h.villager_group, h.id LIMIT ? OFFSET ?"));
                  st.Bind(range.low, range.high, status, status, status, group, group, q, like, id_hash, page.size,
                          (page.page - 1) * page.size);
                  return ForEachRow(st, [&](const Statement& r) {
                    items.push_back({{"id", r.Int(0)}, {"village", {{"code", r.Text(1)}, {"name", r.Text(2)}}},
                                     {"villager_group", r.Text(3)}, {"address", r.Text(4)}, {"status", r.Text(5)},
                                     {"risk_type", NullableText(r, 6)}, {"income_per_head", NullableDouble(r, 7)},
                                     {"registered_year", r.IsNull(8) ? nlohmann::json(nullptr) : nlohmann::json(r.Int(8))},
                                     {"head_name", NullableText(r, 9)}, {"members", r.Int(10)}});
                  });
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}, {"total", total}, {"page", page.page},
                                                        {"page_size", page.size}}.dump());
              }});

  router.Add({"POST", "/api/v1/households", Access::kPermission, "household.manage", "",
              "Register a household with its members (a person may be in one household only; all or nothing)",
              [&db, &crypto, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(auto parsed, ParseBodyWithList(ctx.request, "members"));
                JsonBody& body = parsed.first;
                const nlohmann::json& list = parsed.second;
                ZX_ASSIGN_OR_RETURN(std::string village_input, body.String("village_code", 12));
                ZX_ASSIGN_OR_RETURN(auto group, body.OptionalString("villager_group", 30));
                ZX_ASSIGN_OR_RETURN(auto address, body.OptionalString("address", 200));
                ZX_ASSIGN_OR_RETURN(auto lat, body.OptionalNumber("latitude", -90, 90));
                ZX_ASSIGN_OR_RETURN(auto lng, body.OptionalNumber("longitude", -180, 180));
                ZX_ASSIGN_OR_RETURN(auto income, body.OptionalNumber("income_per_head", 0, 1e8));
                ZX_ASSIGN_OR_RETURN(auto income_year, body.OptionalInt("income_year", 2000, 2100));
                ZX_ASSIGN_OR_RETURN(std::string measures, ReadMeasures(body));
                ZX_ASSIGN_OR_RETURN(auto status_in, body.OptionalString("status", 20));
                ZX_ASSIGN_OR_RETURN(auto risk_type, body.OptionalString("risk_type", 20));
                ZX_ASSIGN_OR_RETURN(auto status_since, body.OptionalString("status_since", 10));
                ZX_ASSIGN_OR_RETURN(auto registered_year, body.OptionalInt("registered_year", 2013, 2100));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if ((lat.has_value()) != (lng.has_value()))
                  return Status::InvalidArgument("经纬度须同时填写", lat ? "longitude" : "latitude");
                if (list.empty()) return Status::InvalidArgument("至少登记一名成员", "members");
                if (list.size() > 30) return Status::InvalidArgument("一户最多 30 名成员", "members");
                std::vector<MemberIn> members;
                for (size_t i = 0; i < list.size(); ++i) {
                  ZX_ASSIGN_OR_RETURN(MemberIn m, ReadMember(list[i], i, crypto));
                  members.push_back(std::move(m));
                }
                HouseholdStatus status = HouseholdStatus::kOrdinary;
                if (status_in && !ParseHouseholdStatus(*status_in, &status))
                  return Status::InvalidArgument("unknown status " + *status_in, "status");
                if (status == HouseholdStatus::kMonitored ? !risk_type || !IsRiskType(*risk_type) : risk_type.has_value())
                  return Status::InvalidArgument("监测对象须填写风险类型（unstable、marginal、sudden），其他状态不填", "risk_type");
                std::string today = ChinaDay(clock.NowSeconds());
                std::string since = status_since.value_or(today);
                if (!IsDate(since) || since > today) return Status::InvalidArgument("状态日期应为不晚于今天的 YYYY-MM-DD", "status_since");
                bool registered = status == HouseholdStatus::kRegisteredPoor || status == HouseholdStatus::kLifted;
                if (registered && !registered_year) registered_year = std::stoi(since.substr(0, 4));
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::string village, HouseholdVillageForWrite(c, *ctx.caller, village_input, "village_code"));
                  NewHousehold h{village, group.value_or(""), address.value_or(""), measures, lat, lng, income,
                                 income_year, registered_year, status, risk_type, since, members};
                  ZX_ASSIGN_OR_RETURN(int64_t id, RegisterHousehold(c, {&*ctx.caller, ctx.caller->display_name,
                                                                         ctx.caller->user_id}, h, today, now));
                  ZX_ASSIGN_OR_RETURN(view, LoadHousehold(c, id, crypto));
                  return AppendAudit(c, ActorOf(ctx), {"create", "household", std::to_string(id), village, std::nullopt, view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});

  Route get{"GET", "/api/v1/households/{id}", Access::kPermission, "household.read", "",
            "One household with members, status history, split/merge links and grid",
            [&db, &crypto](RequestContext& ctx) -> Result<HttpResponse> {
              ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
              nlohmann::json view;
              ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(view, LoadHousehold(c, id, crypto));
                return Status::Ok();
              }));
              return JsonResponse(200, view.dump());
            }};
  get.record_region = locate;
  router.Add(std::move(get));

  Route patch{"PATCH", "/api/v1/households/{id}", Access::kPermission, "household.manage", "",
              "Correct a household's group, address, position, income or assistance measures",
              [&db, &crypto, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(auto group, body.OptionalString("villager_group", 30));
                ZX_ASSIGN_OR_RETURN(auto address, body.OptionalString("address", 200));
                ZX_ASSIGN_OR_RETURN(auto lat, body.OptionalNumber("latitude", -90, 90));
                ZX_ASSIGN_OR_RETURN(auto lng, body.OptionalNumber("longitude", -180, 180));
                ZX_ASSIGN_OR_RETURN(auto income, body.OptionalNumber("income_per_head", 0, 1e8));
                ZX_ASSIGN_OR_RETURN(auto income_year, body.OptionalInt("income_year", 2000, 2100));
                bool has_measures = body.Has("measures");
                ZX_ASSIGN_OR_RETURN(std::string measures, ReadMeasures(body));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (lat.has_value() != lng.has_value())
                  return Status::InvalidArgument("经纬度须同时填写", lat ? "longitude" : "latitude");
                int64_t now = clock.NowSeconds();
                nlohmann::json after;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(nlohmann::json before, LoadHousehold(c, id, crypto));
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "UPDATE households SET villager_group = COALESCE(?, villager_group), address = COALESCE(?, address), "
                      "latitude = COALESCE(?, latitude), longitude = COALESCE(?, longitude), income_per_head = COALESCE(?, "
                      "income_per_head), income_year = COALESCE(?, income_year), measures = CASE WHEN ? = 1 THEN ? ELSE measures "
                      "END WHERE id = ?",
                      group, address, lat, lng, income, income_year, has_measures, measures, id));
                  ZX_ASSIGN_OR_RETURN(after, LoadHousehold(c, id, crypto));
                  return AppendAudit(c, ActorOf(ctx), {"update", "household", std::to_string(id),
                                                       before["village"]["code"].get<std::string>(), before, after}, now);
                }));
                return JsonResponse(200, after.dump());
              }};
  patch.record_region = locate;
  router.Add(std::move(patch));

  Route status_change{
      "POST", "/api/v1/households/{id}/status", Access::kPermission, "household.manage", "",
      "Change a household's status along the allowed transitions (dated, with reason and approver; audited)",
      [&db, &crypto, &clock](RequestContext& ctx) -> Result<HttpResponse> {
        ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
        ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
        ZX_ASSIGN_OR_RETURN(std::string to_name, body.String("to", 20));
        ZX_ASSIGN_OR_RETURN(auto risk_type, body.OptionalString("risk_type", 20));
        ZX_ASSIGN_OR_RETURN(std::string date, body.String("date", 10));
        ZX_ASSIGN_OR_RETURN(std::string reason, body.String("reason", 500));
        ZX_ASSIGN_OR_RETURN(std::string approver, body.String("approver", 50));
        ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
        HouseholdStatus to;
        if (!ParseHouseholdStatus(to_name, &to)) return Status::InvalidArgument("unknown status " + to_name, "to");
        int64_t now = clock.NowSeconds();
        nlohmann::json after;
        ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
          ZX_ASSIGN_OR_RETURN(HouseholdInfo h, FindHousehold(c, id));
          if (!h.active) return Status::Conflict("该户已合并或注销，不能再变更状态", "to");
          HouseholdStatus from;
          ParseHouseholdStatus(h.status, &from);
          StatusChange change{from, to, risk_type, h.registered_year.has_value(), date, h.since, ChinaDay(now), reason, approver};
          ZX_RETURN_IF_ERROR(CheckStatusChange(change));
          ZX_ASSIGN_OR_RETURN(nlohmann::json before, LoadHousehold(c, id, crypto));
          ZX_RETURN_IF_ERROR(c.Execute(
              "UPDATE households SET status = ?, status_since = ?, risk_type = ?, registered_year = CASE WHEN ? = 1 AND "
              "registered_year IS NULL THEN ? ELSE registered_year END, monitored_since = CASE WHEN ? = 1 THEN ? ELSE "
              "monitored_since END WHERE id = ?",
              to_name, date, to == HouseholdStatus::kMonitored ? risk_type : std::nullopt,
              to == HouseholdStatus::kRegisteredPoor, static_cast<int64_t>(std::stoi(date.substr(0, 4))),
              to == HouseholdStatus::kMonitored, date, id));
          ZX_RETURN_IF_ERROR(c.Execute(
              "INSERT INTO household_status_history(household_id, on_date, from_status, to_status, risk_type, reason, approver, "
              "user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
              id, date, h.status, to_name, risk_type, reason, approver, ctx.caller->user_id, now));
          ZX_ASSIGN_OR_RETURN(after, LoadHousehold(c, id, crypto));
          return AppendAudit(c, ActorOf(ctx), {"status", "household", std::to_string(id), h.village, before["status"], after["status"]},
                             now);
        }));
        return JsonResponse(200, after.dump());
      }};
  status_change.record_region = locate;
  router.Add(std::move(status_change));

  Route split{"POST", "/api/v1/households/{id}/split", Access::kPermission, "household.manage", "",
              "Split members off into a new household (分户); the old household and the members' records stay",
              [&db, &crypto, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                ZX_ASSIGN_OR_RETURN(auto parsed, ParseBodyWithList(ctx.request, "member_ids"));
                JsonBody& body = parsed.first;
                ZX_ASSIGN_OR_RETURN(auto group, body.OptionalString("villager_group", 30));
                ZX_ASSIGN_OR_RETURN(auto address, body.OptionalString("address", 200));
                ZX_ASSIGN_OR_RETURN(std::string date, body.String("date", 10));
                ZX_ASSIGN_OR_RETURN(std::string reason, body.String("reason", 500));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                std::vector<int64_t> moved;
                for (const auto& v : parsed.second) {
                  if (!v.is_number_integer()) return Status::InvalidArgument("member_ids must be member ids", "member_ids");
                  moved.push_back(v.get<int64_t>());
                }
                if (moved.empty()) return Status::InvalidArgument("须选择分出的成员", "member_ids");
                int64_t now = clock.NowSeconds();
                if (!IsDate(date) || date > ChinaDay(now)) return Status::InvalidArgument("日期应为不晚于今天的 YYYY-MM-DD", "date");
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(HouseholdInfo h, FindHousehold(c, id));
                  if (!h.active) return Status::Conflict("该户已合并或注销", "member_ids");
                  ZX_ASSIGN_OR_RETURN(int64_t members, QueryInt(c, "SELECT COUNT(*) FROM household_members WHERE household_id = ? "
                                                                   "AND active = 1", id));
                  std::string ids;
                  for (int64_t m : moved) {
                    ZX_ASSIGN_OR_RETURN(int64_t here, QueryInt(c, "SELECT COUNT(*) FROM household_members WHERE id = ? AND "
                                                                  "household_id = ? AND active = 1", m, id));
                    if (!here) return Status::InvalidArgument("成员 " + std::to_string(m) + " 不在该户", "member_ids");
                    ids += (ids.empty() ? "" : ",") + std::to_string(m);
                  }
                  if (static_cast<int64_t>(moved.size()) >= members)
                    return Status::InvalidArgument("原户至少保留一名成员", "member_ids");
                  // Parameters stay out of SELECT lists (PostgreSQL cannot type them there): copy in two steps.
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "INSERT INTO households(village_code, villager_group, address, status, status_since, created_at) VALUES "
                      "(?, '', '', 'ordinary', ?, ?)", h.village, date, now));
                  ZX_ASSIGN_OR_RETURN(int64_t new_id, QueryInt(c, "SELECT MAX(id) FROM households"));
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "UPDATE households SET (villager_group, address, latitude, longitude, income_per_head, income_year, measures, "
                      "status, risk_type, status_since, registered_year, monitored_since) = (SELECT villager_group, address, "
                      "latitude, longitude, income_per_head, income_year, measures, status, risk_type, status_since, registered_year, "
                      "monitored_since FROM households WHERE id = ?) WHERE id = ?",
                      id, new_id));
                  if (group) ZX_RETURN_IF_ERROR(c.Execute("UPDATE households SET villager_group = ? WHERE id = ?", *group, new_id));
                  if (address) ZX_RETURN_IF_ERROR(c.Execute("UPDATE households SET address = ? WHERE id = ?", *address, new_id));
                  for (int64_t m : moved)
                    ZX_RETURN_IF_ERROR(c.Execute("UPDATE household_members SET household_id = ?, since = ? WHERE id = ?", new_id,
                                                 date, m));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO household_links(kind, from_household, to_household, member_ids, "
                                               "on_date, reason, at) VALUES ('split', ?, ?, ?, ?, ?, ?)",
                                               id, new_id, ids, date, reason, now));
                  std::optional<std::string> risk;
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt rt, c.Prepare("SELECT risk_type FROM households WHERE id = ?"));
                    rt.Bind(id);
                    ZX_ASSIGN_OR_RETURN(bool row, rt->Step());
                    if (row && !rt->IsNull(0)) risk = rt->Text(0);
                  }
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "INSERT INTO household_status_history(household_id, on_date, from_status, to_status, risk_type, reason, "
                      "approver, user_id, at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)",
                      new_id, date, h.status, risk, "自户 " + std::to_string(id) + " 分户：" + reason, ctx.caller->display_name,
                      ctx.caller->user_id, now));
                  ZX_ASSIGN_OR_RETURN(view, LoadHousehold(c, new_id, crypto));
                  return AppendAudit(c, ActorOf(ctx), {"split", "household", std::to_string(id), h.village, std::nullopt,
                                                       nlohmann::json{{"new_household", new_id}, {"member_ids", moved}}},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }};
  split.record_region = locate;
  router.Add(std::move(split));

  Route merge{"POST", "/api/v1/households/{id}/merge", Access::kPermission, "household.manage", "",
              "Merge another household of the same village into this one (并户); the other is kept, inactive, with a link",
              [&db, &crypto, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t other, body.Int("from_household_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string date, body.String("date", 10));
                ZX_ASSIGN_OR_RETURN(std::string reason, body.String("reason", 500));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                int64_t now = clock.NowSeconds();
                if (!IsDate(date) || date > ChinaDay(now)) return Status::InvalidArgument("日期应为不晚于今天的 YYYY-MM-DD", "date");
                if (other == id) return Status::InvalidArgument("不能与本户合并", "from_household_id");
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(HouseholdInfo h, FindHousehold(c, id));
                  auto o = FindHousehold(c, other);
                  if (!o.ok() || !ctx.caller->InScope(o->village))
                    return Status::InvalidArgument("没有该户", "from_household_id");
                  if (o->village != h.village) return Status::InvalidArgument("只能合并同村的户", "from_household_id");
                  if (!h.active || !o->active) return Status::Conflict("该户已合并或注销", "from_household_id");
                  std::string ids;
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id FROM household_members WHERE household_id = ? AND active = 1 "
                                                         "ORDER BY id"));
                  st.Bind(other);
                  ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) {
                    ids += (ids.empty() ? "" : ",") + std::to_string(r.Int(0));
                  }));
                  ZX_RETURN_IF_ERROR(c.Execute("UPDATE household_members SET household_id = ?, since = ? WHERE household_id = ? "
                                               "AND active = 1", id, date, other));
                  ZX_RETURN_IF_ERROR(c.Execute("UPDATE households SET active = 0 WHERE id = ?", other));
                  ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM grid_assignments WHERE household_id = ?", other));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO household_links(kind, from_household, to_household, member_ids, "
                                               "on_date, reason, at) VALUES ('merge', ?, ?, ?, ?, ?, ?)",
                                               other, id, ids, date, reason, now));
                  ZX_ASSIGN_OR_RETURN(view, LoadHousehold(c, id, crypto));
                  return AppendAudit(c, ActorOf(ctx), {"merge", "household", std::to_string(id), h.village, std::nullopt,
                                                       nlohmann::json{{"merged", other}, {"member_ids", ids}}},
                                     now);
                }));
                return JsonResponse(200, view.dump());
              }};
  merge.record_region = locate;
  router.Add(std::move(merge));

  router.Add({"GET", "/api/v1/household-checks", Access::kPermission, "household.read", "",
              "Registry checks (monitoring rules) per village, for correction; ?line= sets the monitoring line",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, HouseholdRange(ctx));
                ZX_ASSIGN_OR_RETURN(PageArgs page, ReadPage(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t line, ctx.IntQuery("line", 6900, 0, 1000000));
                std::string rule = ctx.Query("rule");
                if (!rule.empty()) {
                  const auto& names = CheckRuleNames();
                  if (std::find(names.begin(), names.end(), rule) == names.end())
                    return Status::InvalidArgument("unknown rule " + rule, "rule");
                }
                CheckOptions options;
                options.monitoring_line = static_cast<double>(line);
                options.today = ChinaDay(clock.NowSeconds());
                struct VillageSum { std::string name; int64_t households = 0, with_findings = 0, findings = 0; };
                std::map<std::string, VillageSum> villages;
                nlohmann::json items = nlohmann::json::array();
                int64_t total = 0;
                std::map<std::string, int64_t> by_rule;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, name FROM regions WHERE code BETWEEN ? AND ? AND level = 5"));
                    st.Bind(range.low, range.high);
                    ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) { villages[r.Text(0)].name = r.Text(1); }));
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT h.id, h.village_code, h.status, h.income_per_head, h.status_since, COALESCE(h.monitored_since, ''), "
                      "m.id, p.name, m.relation, p.sex, COALESCE(p.birth_date, ''), m.schooling FROM households h LEFT JOIN "
                      "household_members m ON m.household_id = h.id AND m.active = 1 LEFT JOIN people p ON p.id = m.person_id "
                      "WHERE h.village_code BETWEEN ? AND ? AND h.active = 1 ORDER BY h.id, m.id"));
                  st.Bind(range.low, range.high);
                  CheckHousehold cur;
                  std::string cur_village, head;
                  auto flush = [&]() {
                    if (!cur.id) return;
                    auto& v = villages[cur_village];
                    ++v.households;
                    auto findings = CheckHouseholdRecord(cur, options);
                    bool any = false;
                    for (const auto& f : findings) {
                      if (!rule.empty() && f.rule != rule) continue;
                      any = true;
                      ++v.findings;
                      ++by_rule[f.rule];
                      if (total >= (page.page - 1) * page.size && total < page.page * page.size)
                        items.push_back({{"household_id", cur.id}, {"village", {{"code", cur_village}, {"name", v.name}}},
                                         {"head_name", head}, {"rule", f.rule}, {"message", f.message},
                                         {"member_id", f.member_id ? nlohmann::json(f.member_id) : nlohmann::json(nullptr)}});
                      ++total;
                    }
                    v.with_findings += any;
                  };
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    if (st->Int(0) != cur.id) {
                      flush();
                      cur = CheckHousehold{};
                      cur.id = st->Int(0);
                      cur_village = st->Text(1);
                      ParseHouseholdStatus(st->Text(2), &cur.status);
                      if (!st->IsNull(3)) cur.income_per_head = st->Double(3);
                      cur.status_since = st->Text(4);
                      cur.monitored_since = st->Text(5);
                      head.clear();
                    }
                    if (!st->IsNull(6)) {
                      cur.members.push_back({st->Int(6), st->Text(7), st->Text(8), st->Text(9), st->Text(10), st->Text(11)});
                      if (st->Text(8) == "head" && head.empty()) head = st->Text(7);
                    }
                  }
                  flush();
                  return Status::Ok();
                }));
                nlohmann::json vs = nlohmann::json::array();
                for (const auto& [code, v] : villages)
                  if (v.households)
                    vs.push_back({{"code", code}, {"name", v.name}, {"households", v.households},
                                  {"households_with_findings", v.with_findings}, {"findings", v.findings}});
                return JsonResponse(200, nlohmann::json{{"line", line}, {"villages", vs}, {"by_rule", by_rule}, {"items", items},
                                                        {"total", total}, {"page", page.page}, {"page_size", page.size}}.dump());
              }});
}

}  // namespace zx
