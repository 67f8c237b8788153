#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "core/region_code.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/party_orgs/party_routes.h"
#include "modules/presence/presence_rules.h"

namespace zx {

int64_t CurrentYear(const Clock& clock) { return std::stoll(ChinaDay(clock.NowSeconds()).substr(0, 4)); }

Result<OrgInfo> OrgInScope(Connection& c, const Caller& caller, int64_t id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, village_code, name, kind FROM party_orgs WHERE id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row || !caller.InScope(st->Text(1))) return Status::NotFound("party organization not found");
  return OrgInfo{st->Int(0), st->Text(1), st->Text(2), st->Text(3)};
}

Status SetOrgRating(Connection& c, const OrgInfo& org, int64_t year, const std::string& rating, const std::string& reason,
                    const RatingWho& who, int64_t now, bool quiet_if_same) {
  std::optional<std::string> from;
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT rating FROM party_org_ratings WHERE org_id = ? AND year = ?"));
    st.Bind(org.id, year);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) from = st->Text(0);
  }
  if (quiet_if_same && from && *from == rating) return Status::Ok();
  ZX_ASSIGN_OR_RETURN(int64_t open_case, QueryInt(c, "SELECT COUNT(*) FROM rectification_cases WHERE org_id = ? AND "
                                                     "year = ? AND status = 'open'", org.id, year));
  ZX_RETURN_IF_ERROR(CheckRatingChange(from, rating, open_case > 0, reason));
  if (from) {
    ZX_RETURN_IF_ERROR(c.Execute("UPDATE party_org_ratings SET rating = ? WHERE org_id = ? AND year = ?", rating, org.id, year));
  } else {
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_org_ratings(org_id, village_code, year, rating) VALUES (?, ?, ?, ?)",
                                 org.id, org.village_code, year, rating));
  }
  return c.Execute("INSERT INTO party_org_rating_history(org_id, year, from_rating, to_rating, reason, user_id, username, at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   org.id, year, from, rating, reason, who.user_id ? std::optional<int64_t>(who.user_id) : std::nullopt,
                   who.username, now);
}

Result<PartyTargets> PartyTargetsFor(Connection& c, const std::string& region_code) {
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(region_code));
  std::vector<std::string> codes = SelfAndAncestors(region_code, level);
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT first_class_pct, demonstration_score, standard_score FROM party_targets "
                                         "WHERE region_code IN (?, ?, ?, ?, ?, ?) ORDER BY region_code DESC LIMIT 1"));
  st.Bind(codes[0], codes[1], codes[2], codes[3], codes[4], codes[5]);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (row) return PartyTargets{st->Double(0), st->Double(1), st->Double(2)};
  return PartyTargets{};
}

namespace {

// A person the caller may see, for the secretary or a reserve cadre.
Status CheckPerson(Connection& c, const Caller& caller, int64_t person_id, const std::string& field) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT region_code FROM people WHERE id = ?"));
  st.Bind(person_id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row || !caller.InScope(st->Text(0))) return Status::InvalidArgument("人员库中没有该人员", field);
  return Status::Ok();
}

struct OrgFields {
  std::optional<std::string> name, kind, founded_on;
  std::optional<int64_t> members, secretary;
  bool clear_secretary = false, clear_founded = false;
};

Result<OrgFields> ReadOrgFields(JsonBody& body, bool create) {
  OrgFields f;
  if (create) {
    ZX_ASSIGN_OR_RETURN(std::string name, body.String("name", 60));
    ZX_ASSIGN_OR_RETURN(std::string kind, body.String("kind", 20));
    ZX_ASSIGN_OR_RETURN(int64_t members, body.Int("members", 0, 100000));
    f.name = name;
    f.kind = kind;
    f.members = members;
  } else {
    ZX_ASSIGN_OR_RETURN(f.name, body.OptionalString("name", 60));
    ZX_ASSIGN_OR_RETURN(f.kind, body.OptionalString("kind", 20));
    ZX_ASSIGN_OR_RETURN(f.members, body.OptionalInt("members", 0, 100000));
  }
  f.clear_secretary = body.IsNull("secretary_person_id");
  f.clear_founded = body.IsNull("founded_on");
  ZX_ASSIGN_OR_RETURN(f.secretary, body.OptionalInt("secretary_person_id", 1, int64_t{1} << 50));
  ZX_ASSIGN_OR_RETURN(f.founded_on, body.OptionalString("founded_on", 10));
  if (f.kind && !IsOrgKind(*f.kind))
    return Status::InvalidArgument("kind must be branch, general_branch or committee", "kind");
  if (f.founded_on && !IsDay(*f.founded_on))
    return Status::InvalidArgument("founded_on must be a date like 1978-07-01", "founded_on");
  return f;
}

const char kOrgSelect[] =
    "SELECT o.id, o.village_code, v.name, t.name, o.name, o.kind, o.members, o.secretary_person_id, "
    "COALESCE(p.name, ''), COALESCE(o.founded_on, ''), COALESCE(r.rating, ''), COALESCE(r0.rating, ''), "
    "(SELECT COUNT(*) FROM rectification_cases k WHERE k.org_id = o.id AND k.year = ? AND k.status = 'open') "
    "FROM party_orgs o JOIN regions v ON v.code = o.village_code JOIN regions t ON t.code = v.parent_code "
    "LEFT JOIN people p ON p.id = o.secretary_person_id "
    "LEFT JOIN party_org_ratings r ON r.org_id = o.id AND r.year = ? "
    "LEFT JOIN party_org_ratings r0 ON r0.org_id = o.id AND r0.year = ? ";

nlohmann::json OrgView(const Statement& st, int64_t year) {
  auto opt = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
  return {{"id", st.Int(0)},
          {"village", {{"code", st.Text(1)}, {"name", st.Text(2)}}},
          {"township_name", st.Text(3)},
          {"name", st.Text(4)},
          {"kind", st.Text(5)},
          {"members", st.Int(6)},
          {"secretary_person_id", st.IsNull(7) ? nlohmann::json(nullptr) : nlohmann::json(st.Int(7))},
          {"secretary_name", opt(st.Text(8))},
          {"founded_on", opt(st.Text(9))},
          {"year", year},
          {"rating", opt(st.Text(10))},
          {"previous_rating", opt(st.Text(11))},
          {"in_rectification", st.Int(12) > 0}};
}

Result<nlohmann::json> LoadOrg(Connection& c, int64_t id, int64_t year) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kOrgSelect) + "WHERE o.id = ?"));
  st.Bind(year, year, year - 1, id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("party organization not found");
  return OrgView(*st, year);
}

}  // namespace

void RegisterPartyOrgRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"GET", "/api/v1/party-orgs", Access::kPermission, "partyorg.read", "",
              "Village party organizations in scope with the year's rating and the year before's",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", CurrentYear(clock), 2000, 2100));
                std::string rating = ctx.Query("rating"), q = ctx.Query("q");
                if (!rating.empty() && rating != "none" && !IsOrgRating(rating))
                  return Status::InvalidArgument("rating must be advanced, ordinary, backward, weak or none", "rating");
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kOrgSelect) +
                      "WHERE o.village_code BETWEEN ? AND ? AND (? = '' OR COALESCE(r.rating, 'none') = ?) "
                      "AND (? = '' OR o.name LIKE ? OR v.name LIKE ?) ORDER BY o.village_code, o.id LIMIT 5000"));
                  std::string like = "%" + q + "%";
                  st.Bind(year, year, year - 1, range.low, range.high, rating, rating, q, like, like);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back(OrgView(*st, year));
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"year", year}, {"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/party-orgs", Access::kPermission, "partyorg.manage", "",
              "Register a village party organization (党支部, 党总支 or 党委)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string village_input, body.String("village_code", 20));
                ZX_ASSIGN_OR_RETURN(OrgFields f, ReadOrgFields(body, true));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_ASSIGN_OR_RETURN(std::string village, ParseRegionCode(village_input, "village_code"));
                if (!ctx.caller->InScope(village)) return Status::NotFound("region " + village + " not found");
                ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(village));
                if (level != RegionLevel::kVillage) return Status::InvalidArgument("党组织须属于一个村（社区）", "village_code");
                int64_t now = clock.NowSeconds(), year = CurrentYear(clock);
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t v, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", village));
                  if (!v) return Status::NotFound("region " + village + " not found");
                  if (f.secretary) ZX_RETURN_IF_ERROR(CheckPerson(c, *ctx.caller, *f.secretary, "secretary_person_id"));
                  ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM party_orgs WHERE village_code = ? AND "
                                                               "name = ?", village, *f.name));
                  if (dup) return Status::Conflict("该村已有同名党组织", "name");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_orgs(village_code, name, kind, members, secretary_person_id, "
                                               "founded_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                               village, *f.name, *f.kind, *f.members, f.secretary, f.founded_on, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM party_orgs WHERE village_code = ? AND name = ?",
                                                           village, *f.name));
                  ZX_ASSIGN_OR_RETURN(view, LoadOrg(c, id, year));
                  return AppendAudit(c, ActorOf(ctx), {"create", "party_org", std::to_string(id), village, std::nullopt, view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  Route patch{"PATCH", "/api/v1/party-orgs/{id}", Access::kPermission, "partyorg.manage", "",
              "Correct a party organization: name, kind, members, secretary, founding date",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(OrgFields f, ReadOrgFields(body, false));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                int64_t now = clock.NowSeconds(), year = CurrentYear(clock);
                nlohmann::json before, after;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(OrgInfo org, OrgInScope(c, *ctx.caller, id));
                  ZX_ASSIGN_OR_RETURN(before, LoadOrg(c, id, year));
                  if (f.secretary) ZX_RETURN_IF_ERROR(CheckPerson(c, *ctx.caller, *f.secretary, "secretary_person_id"));
                  if (f.name && *f.name != org.name) {
                    ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM party_orgs WHERE village_code = ? AND "
                                                                 "name = ?", org.village_code, *f.name));
                    if (dup) return Status::Conflict("该村已有同名党组织", "name");
                  }
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "UPDATE party_orgs SET name = COALESCE(?, name), kind = COALESCE(?, kind), members = COALESCE(?, members), "
                      "secretary_person_id = CASE WHEN ? = 1 THEN NULL ELSE COALESCE(?, secretary_person_id) END, "
                      "founded_on = CASE WHEN ? = 1 THEN NULL ELSE COALESCE(?, founded_on) END WHERE id = ?",
                      f.name, f.kind, f.members, f.clear_secretary, f.secretary, f.clear_founded, f.founded_on, id));
                  ZX_ASSIGN_OR_RETURN(after, LoadOrg(c, id, year));
                  return AppendAudit(c, ActorOf(ctx), {"update", "party_org", std::to_string(id), org.village_code, before,
                                                       after},
                                     now);
                }));
                return JsonResponse(200, after.dump());
              }};
  patch.record_region = RegionOfRecord(db, "SELECT village_code FROM party_orgs WHERE id = ?", "party organization");
  router.Add(std::move(patch));

  Route history{"GET", "/api/v1/party-orgs/{id}/ratings", Access::kPermission, "partyorg.read", "",
                "Ratings of a party organization year by year, with every change: who, when, why",
                [&db](RequestContext& ctx) -> Result<HttpResponse> {
                  ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                  nlohmann::json ratings = nlohmann::json::array(), changes = nlohmann::json::array();
                  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT year, rating FROM party_org_ratings WHERE org_id = ? "
                                                           "ORDER BY year DESC"));
                    st.Bind(id);
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                      if (!row) break;
                      ratings.push_back({{"year", st->Int(0)}, {"rating", st->Text(1)}});
                    }
                    ZX_ASSIGN_OR_RETURN(Stmt hs, c.Prepare(
                        "SELECT year, COALESCE(from_rating, ''), to_rating, reason, username, at FROM "
                        "party_org_rating_history WHERE org_id = ? ORDER BY year DESC, id DESC"));
                    hs.Bind(id);
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool row, hs->Step());
                      if (!row) break;
                      changes.push_back({{"year", hs->Int(0)},
                                         {"from", hs->Text(1).empty() ? nlohmann::json(nullptr) : nlohmann::json(hs->Text(1))},
                                         {"to", hs->Text(2)}, {"reason", hs->Text(3)}, {"by", hs->Text(4)},
                                         {"at", FormatUtc(hs->Int(5))}});
                    }
                    return Status::Ok();
                  }));
                  return JsonResponse(200, nlohmann::json{{"org_id", id}, {"ratings", ratings}, {"changes", changes}}.dump());
                }};
  history.record_region = RegionOfRecord(db, "SELECT village_code FROM party_orgs WHERE id = ?", "party organization");
  router.Add(std::move(history));

  Route rate{"POST", "/api/v1/party-orgs/{id}/ratings", Access::kPermission, "partyorg.manage", "",
             "Rate a party organization for a year (先进/一般/后进/软弱涣散); a change keeps the previous rating in history",
             [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
               ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
               ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
               ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
               ZX_ASSIGN_OR_RETURN(std::string rating, body.String("rating", 20));
               ZX_ASSIGN_OR_RETURN(std::optional<std::string> reason, body.OptionalString("reason", 500));
               ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
               if (!IsOrgRating(rating))
                 return Status::InvalidArgument("rating must be advanced, ordinary, backward or weak", "rating");
               if (year > CurrentYear(clock)) return Status::InvalidArgument("不能评定未来年度", "year");
               int64_t now = clock.NowSeconds();
               nlohmann::json view;
               ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                 ZX_ASSIGN_OR_RETURN(OrgInfo org, OrgInScope(c, *ctx.caller, id));
                 ZX_RETURN_IF_ERROR(SetOrgRating(c, org, year, rating, reason.value_or(""),
                                                 {ctx.caller->user_id, ctx.caller->username}, now, false));
                 view = {{"org_id", id}, {"year", year}, {"rating", rating}, {"reason", reason.value_or("")}};
                 return AppendAudit(c, ActorOf(ctx), {"update", "party_org_rating", std::to_string(id), org.village_code,
                                                      std::nullopt, view},
                                    now);
               }));
               return JsonResponse(201, view.dump());
             }};
  rate.record_region = RegionOfRecord(db, "SELECT village_code FROM party_orgs WHERE id = ?", "party organization");
  router.Add(std::move(rate));

  router.Add({"GET", "/api/v1/party-targets", Access::kPermission, "partyorg.read", "",
              "Standardization thresholds and the first-class target in force for a region",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                std::string region = ctx.Query("region", ctx.caller->scope_code);
                ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(region, "region"));
                if (!ctx.caller->InScope(code)) return Status::NotFound("region " + code + " not found");
                PartyTargets t;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(t, PartyTargetsFor(c, code));
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"region_code", code}, {"first_class_pct", t.first_class_pct},
                                                        {"demonstration_score", t.demonstration_score},
                                                        {"standard_score", t.standard_score}}.dump());
              }});

  router.Add({"PUT", "/api/v1/party-targets/{code}", Access::kPermission, "partyorg.manage", "code",
              "Set the standardization thresholds and first-class target of a region and everything below it",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                PartyTargets t;
                ZX_ASSIGN_OR_RETURN(t.first_class_pct, body.Number("first_class_pct", -1e9, 1e9));
                ZX_ASSIGN_OR_RETURN(t.demonstration_score, body.Number("demonstration_score", -1e9, 1e9));
                ZX_ASSIGN_OR_RETURN(t.standard_score, body.Number("standard_score", -1e9, 1e9));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(CheckTargets(t));
                int64_t now = clock.NowSeconds();
                nlohmann::json view = {{"region_code", ctx.scope_code}, {"first_class_pct", t.first_class_pct},
                                       {"demonstration_score", t.demonstration_score}, {"standard_score", t.standard_score}};
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", ctx.scope_code));
                  if (!n) return Status::NotFound("region " + ctx.scope_code + " not found");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_targets(region_code, first_class_pct, demonstration_score, "
                                               "standard_score, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(region_code) DO "
                                               "UPDATE SET first_class_pct = excluded.first_class_pct, demonstration_score = "
                                               "excluded.demonstration_score, standard_score = excluded.standard_score, "
                                               "updated_at = excluded.updated_at",
                                               ctx.scope_code, t.first_class_pct, t.demonstration_score, t.standard_score, now));
                  return AppendAudit(c, ActorOf(ctx), {"update", "party_targets", ctx.scope_code, ctx.scope_code, std::nullopt,
                                                       view},
                                     now);
                }));
                return JsonResponse(200, view.dump());
              }});
}

}  // namespace zx
