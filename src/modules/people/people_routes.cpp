#include "modules/people/people_routes.h"

#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/personal_data.h"
#include "auth/user_routes.h"
#include "core/personal_ids.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/people/person_region.h"

namespace zx {
namespace {

constexpr char kPersonColumns[] =
    "SELECT p.id, p.name, p.sex, COALESCE(p.birth_date, ''), COALESCE(p.id_number_enc, ''), "
    "COALESCE(p.id_number_flag, ''), COALESCE(p.phone_enc, ''), p.party_member, p.education, p.work_unit, "
    "p.region_code, r.name FROM people p JOIN regions r ON r.code = p.region_code ";

const char* const kEducation[] = {"", "primary", "junior", "senior", "vocational", "college", "bachelor", "master",
                                  "doctor"};
const char* const kUnitLevels[] = {"central", "provincial", "city", "county", "enterprise"};

nlohmann::json PersonView(const Statement& st, const PiiCrypto& crypto) {
  return {{"id", st.Int(0)},
          {"name", st.Text(1)},
          {"sex", st.Text(2)},
          {"birth_date", st.Text(3).empty() ? nlohmann::json(nullptr) : nlohmann::json(st.Text(3))},
          {"id_number", MaskedIdNumber(crypto, st.Text(4))},
          {"id_number_flag", st.Text(5).empty() ? nlohmann::json(nullptr) : nlohmann::json(st.Text(5))},
          {"phone", MaskedPhone(crypto, st.Text(6))},
          {"party_member", st.Int(7) != 0},
          {"education", st.Text(8)},
          {"work_unit", st.Text(9)},
          {"region", {{"code", st.Text(10)}, {"name", st.Text(11)}}}};
}

Result<nlohmann::json> LoadPersonView(Connection& c, int64_t id, const PiiCrypto& crypto) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kPersonColumns) + "WHERE p.id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("person not found");
  return PersonView(*st, crypto);
}


bool OneOf(const std::string& v, const char* const* list, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (v == list[i]) return true;
  return false;
}

// A region the caller may write into: inside the scope and existing.
Result<std::string> WritableRegion(Connection& c, const Caller& caller, const std::string& input,
                                   const std::string& field) {
  ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(input, field));
  if (!caller.InScope(code)) return Status::NotFound("region " + code + " not found");
  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", code));
  if (!n) return Status::NotFound("region " + code + " not found");
  return code;
}

struct PersonFields {
  std::optional<std::string> name, sex, birth_date, education, work_unit, region;
  std::optional<bool> party_member;
  PersonalData pd;
};

Result<PersonFields> ReadPersonFields(JsonBody& body, const PiiCrypto& crypto, bool creating) {
  PersonFields f;
  if (creating) {
    ZX_ASSIGN_OR_RETURN(f.name, body.String("name", 50));
  } else {
    ZX_ASSIGN_OR_RETURN(f.name, body.OptionalString("name", 50));
  }
  ZX_ASSIGN_OR_RETURN(f.sex, body.OptionalString("sex", 1));
  if (f.sex && *f.sex != "M" && *f.sex != "F") return Status::InvalidArgument("sex must be M or F", "sex");
  ZX_ASSIGN_OR_RETURN(f.birth_date, body.OptionalString("birth_date", 10));
  ZX_ASSIGN_OR_RETURN(f.education, body.OptionalString("education", 20));
  if (f.education && !OneOf(*f.education, kEducation, std::size(kEducation)))
    return Status::InvalidArgument("unknown education " + *f.education, "education");
  ZX_ASSIGN_OR_RETURN(f.work_unit, body.OptionalString("work_unit", 100));
  if (body.Has("party_member")) {
    ZX_ASSIGN_OR_RETURN(f.party_member, body.Bool("party_member"));
  }
  if (creating) {
    ZX_ASSIGN_OR_RETURN(f.region, body.String("region_code", 12));
  } else {
    ZX_ASSIGN_OR_RETURN(f.region, body.OptionalString("region_code", 12));
  }
  ZX_ASSIGN_OR_RETURN(f.pd, ReadPersonalData(body, crypto));
  if (creating && !f.pd.id_enc) return Status::InvalidArgument("身份证号必填（人员以身份证号去重）", "id_number");
  // The ID number is the authority on sex and birth date; contradicting input is refused.
  if (f.pd.sex != '?') {
    if (f.sex && (*f.sex)[0] != f.pd.sex) return Status::InvalidArgument("性别与身份证号不符", "sex");
    f.sex = std::string(1, f.pd.sex);
    if (f.birth_date && *f.birth_date != f.pd.birth_date)
      return Status::InvalidArgument("出生日期与身份证号不符", "birth_date");
    f.birth_date = f.pd.birth_date;
  }
  if (creating && !f.sex) return Status::InvalidArgument("sex is required", "sex");
  return f;
}

}  // namespace

Result<std::string> PersonRegion(Connection& c, int64_t person_id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT region_code FROM people WHERE id = ?"));
  st.Bind(person_id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("person not found");
  return st->Text(0);
}

void RegisterPeopleRoutes(Router& router, Database& db, const PiiCrypto& crypto, const Clock& clock) {
  auto locate = RegionOfRecord(db, "SELECT region_code FROM people WHERE id = ?", "person");

  router.Add({"GET", "/api/v1/people", Access::kPermission, "people.read", "",
              "People in the registry inside the caller's scope (name, or a full ID number)",
              [&db, &crypto](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t page, ctx.IntQuery("page", 1, 1, 1000000));
                ZX_ASSIGN_OR_RETURN(int64_t page_size, ctx.IntQuery("page_size", 20, 1, 500));
                std::string q = ctx.Query("q");
                if (q.size() > 64) return Status::InvalidArgument("q is too long", "q");
                std::string id_hash;
                if (auto id = ParseIdNumber(q); id.ok()) id_hash = crypto.BlindIndex(id->canonical);
                std::string where = "WHERE p.region_code BETWEEN ? AND ? AND (? = '' OR p.name LIKE ? OR p.id_number_hash = ?)";
                nlohmann::json items = nlohmann::json::array();
                int64_t total = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT COUNT(*) FROM people p " + where));
                    st.Bind(range.low, range.high, q, "%" + q + "%", id_hash);
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    total = row ? st->Int(0) : 0;
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kPersonColumns) + where +
                                                         " ORDER BY p.region_code, p.name, p.id LIMIT ? OFFSET ?"));
                  st.Bind(range.low, range.high, q, "%" + q + "%", id_hash, page_size, (page - 1) * page_size);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back(PersonView(*st, crypto));
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}, {"total", total}, {"page", page},
                                                        {"page_size", page_size}}.dump());
              }});

  router.Add({"POST", "/api/v1/people", Access::kPermission, "people.manage", "",
              "Register a person; one person per ID number (409 names the existing record)",
              [&db, &crypto, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(PersonFields f, ReadPersonFields(body, crypto, true));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::string region, WritableRegion(c, *ctx.caller, *f.region, "region_code"));
                  ZX_ASSIGN_OR_RETURN(Stmt dup, c.Prepare("SELECT id, region_code FROM people WHERE id_number_hash = ?"));
                  dup.Bind(*f.pd.id_hash);
                  ZX_ASSIGN_OR_RETURN(bool exists, dup->Step());
                  if (exists) {
                    std::string where = ctx.caller->InScope(dup->Text(1)) ? "（人员编号 " + std::to_string(dup->Int(0)) + "）"
                                                                           : "（在您的管辖范围之外）";
                    return Status::Conflict("该身份证号的人员已在人员库中" + where, "id_number");
                  }
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "INSERT INTO people(name, sex, birth_date, id_number_enc, id_number_hash, id_number_flag, phone_enc, "
                      "party_member, education, work_unit, region_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      *f.name, *f.sex, f.birth_date, f.pd.id_enc, f.pd.id_hash, f.pd.id_flag, f.pd.phone_enc,
                      f.party_member.value_or(false), f.education.value_or(""), f.work_unit.value_or(""), region, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM people WHERE id_number_hash = ?", *f.pd.id_hash));
                  ZX_ASSIGN_OR_RETURN(view, LoadPersonView(c, id, crypto));
                  return AppendAudit(c, ActorOf(ctx), {"create", "person", std::to_string(id), region, std::nullopt, view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});

  Route get{"GET", "/api/v1/people/{id}", Access::kPermission, "people.read", "", "One person",
            [&db, &crypto](RequestContext& ctx) -> Result<HttpResponse> {
              ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
              nlohmann::json view;
              ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(view, LoadPersonView(c, id, crypto));
                return Status::Ok();
              }));
              return JsonResponse(200, view.dump());
            }};
  get.record_region = locate;
  router.Add(std::move(get));

  Route patch{"PATCH", "/api/v1/people/{id}", Access::kPermission, "people.manage", "", "Correct a person's record",
              [&db, &crypto, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                bool clear_phone = body.IsNull("phone");
                ZX_ASSIGN_OR_RETURN(PersonFields f, ReadPersonFields(body, crypto, false));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                int64_t now = clock.NowSeconds();
                nlohmann::json after;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(nlohmann::json before, LoadPersonView(c, id, crypto));
                  const std::string kept_in = before["region"]["code"];
                  std::string region = kept_in;
                  if (f.region) {
                    ZX_ASSIGN_OR_RETURN(region, WritableRegion(c, *ctx.caller, *f.region, "region_code"));
                  }
                  if (f.pd.id_hash) {
                    ZX_ASSIGN_OR_RETURN(int64_t other, QueryInt(c, "SELECT COUNT(*) FROM people WHERE id_number_hash = ? AND id <> ?",
                                                                *f.pd.id_hash, id));
                    if (other) return Status::Conflict("该身份证号的人员已在人员库中", "id_number");
                    ZX_RETURN_IF_ERROR(c.Execute("UPDATE people SET id_number_enc = ?, id_number_hash = ?, id_number_flag = ? WHERE id = ?",
                                                 f.pd.id_enc, f.pd.id_hash, f.pd.id_flag, id));
                  }
                  if (f.pd.phone_enc || clear_phone)
                    ZX_RETURN_IF_ERROR(c.Execute("UPDATE people SET phone_enc = ? WHERE id = ?", f.pd.phone_enc, id));
                  if (region != kept_in) ZX_RETURN_IF_ERROR(SetPersonRegion(c, id, region));
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "UPDATE people SET name = COALESCE(?, name), sex = COALESCE(?, sex), birth_date = COALESCE(?, birth_date), "
                      "education = COALESCE(?, education), work_unit = COALESCE(?, work_unit), "
                      "party_member = COALESCE(?, party_member) WHERE id = ?",
                      f.name, f.sex, f.birth_date, f.education, f.work_unit,
                      f.party_member ? std::optional<int64_t>(*f.party_member ? 1 : 0) : std::nullopt, id));
                  ZX_ASSIGN_OR_RETURN(after, LoadPersonView(c, id, crypto));
                  return AppendAudit(c, ActorOf(ctx), {"update", "person", std::to_string(id), region, before, after}, now);
                }));
                return JsonResponse(200, after.dump());
              }};
  patch.record_region = locate;
  router.Add(std::move(patch));

  Route unmask{"GET", "/api/v1/people/{id}/personal-data", Access::kPermission, "pii.read", "",
               "A person's unmasked phone and ID number (each call is audited)",
               [&db, &crypto, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 nlohmann::json out;
                 ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                   ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT COALESCE(phone_enc, ''), COALESCE(id_number_enc, ''), "
                                                          "region_code FROM people WHERE id = ?"));
                   st.Bind(id);
                   ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                   if (!row) return Status::NotFound("person not found");
                   ZX_ASSIGN_OR_RETURN(nlohmann::json phone, ClearValue(crypto, st->Text(0)));
                   ZX_ASSIGN_OR_RETURN(nlohmann::json number, ClearValue(crypto, st->Text(1)));
                   std::string region = st->Text(2);
                   out = {{"phone", phone}, {"id_number", number}};
                   return AppendAudit(c, ActorOf(ctx), {"unmask", "person", std::to_string(id), region, std::nullopt,
                                                        nlohmann::json{{"fields", {"phone", "id_number"}}}},
                                      clock.NowSeconds());
                 }));
                 return JsonResponse(200, out.dump());
               }};
  unmask.record_region = locate;
  router.Add(std::move(unmask));

  router.Add({"GET", "/api/v1/sending-units", Access::kPermission, "dispatch.read", "",
              "Sending units (派出单位) inside the caller's scope",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT u.id, u.name, u.level, u.region_code, r.name FROM sending_units u JOIN regions r ON "
                      "r.code = u.region_code WHERE u.region_code BETWEEN ? AND ? ORDER BY u.level, u.name LIMIT 2000"));
                  st.Bind(range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"id", st->Int(0)}, {"name", st->Text(1)}, {"level", st->Text(2)},
                                     {"region", {{"code", st->Text(3)}, {"name", st->Text(4)}}}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/sending-units", Access::kPermission, "dispatch.manage", "", "Add a sending unit",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string name, body.String("name", 100));
                ZX_ASSIGN_OR_RETURN(std::string level, body.String("level", 20));
                ZX_ASSIGN_OR_RETURN(std::string region_input, body.String("region_code", 12));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (!OneOf(level, kUnitLevels, std::size(kUnitLevels)))
                  return Status::InvalidArgument("level must be central, provincial, city, county or enterprise", "level");
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::string region, WritableRegion(c, *ctx.caller, region_input, "region_code"));
                  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM sending_units WHERE region_code = ? AND name = ?",
                                                          region, name));
                  if (n) return Status::Conflict("派出单位 " + name + " 已存在", "name");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO sending_units(name, level, region_code) VALUES (?, ?, ?)", name,
                                               level, region));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM sending_units WHERE region_code = ? AND name = ?",
                                                           region, name));
                  ZX_ASSIGN_OR_RETURN(Stmt rn, c.Prepare("SELECT name FROM regions WHERE code = ?"));
                  rn.Bind(region);
                  ZX_ASSIGN_OR_RETURN(bool has_name, rn->Step());
                  view = {{"id", id}, {"name", name}, {"level", level},
                          {"region", {{"code", region}, {"name", has_name ? rn->Text(0) : std::string()}}}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "sending_unit", std::to_string(id), region, std::nullopt, view},
                                     clock.NowSeconds());
                }));
                return JsonResponse(201, view.dump());
              }});
}

}  // namespace zx
