#include "auth/user_routes.h"

#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/password.h"
#include "auth/personal_data.h"
#include "auth/roles.h"
#include "auth/sessions.h"
#include "auth/users.h"
#include "core/personal_ids.h"
#include "http/errors.h"
#include "http/json_body.h"

namespace zx {

AuditActor ActorOf(const RequestContext& ctx) {
  AuditActor a;
  if (ctx.caller) {
    a.user_id = ctx.caller->user_id;
    a.username = ctx.caller->username;
  }
  a.remote_addr = ctx.request.remote_addr;
  a.request_id = ctx.request.request_id;
  return a;
}

namespace {

struct Services {
  Database& db;
  const PiiCrypto& crypto;
  const Clock& clock;
  AuthService& auth;
};

// The user as answers show it: personal data masked, never the password hash.
nlohmann::json UserView(const UserRecord& u, const PiiCrypto& crypto, int64_t now) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"roles", u.roles},
          {"scope", {{"code", u.scope_code}, {"name", u.scope_name}, {"level", LevelName(u.scope_level)}}},
          {"phone", MaskedPhone(crypto, u.phone_enc)},
          {"id_number", MaskedIdNumber(crypto, u.id_number_enc)},
          {"id_number_flag", u.id_number_flag.empty() ? nlohmann::json(nullptr) : nlohmann::json(u.id_number_flag)},
          {"disabled", u.disabled},
          {"locked", u.locked_until > now},
          {"locked_until", u.locked_until > now ? u.locked_until : 0},
          {"must_change_password", u.must_change_password},
          {"person_id", u.person_id ? nlohmann::json(u.person_id) : nlohmann::json(nullptr)},
          {"created_at", FormatUtc(u.created_at)}};
}

Result<UserRecord> LoadUser(Connection& c, int64_t id) {
  ZX_ASSIGN_OR_RETURN(std::optional<UserRecord> u, FindUserById(c, id));
  if (!u) return Status::NotFound("user not found");
  return std::move(*u);
}


// The scope rule shared by create and update: the region exists and lies inside the caller's.
Result<std::pair<std::string, RegionLevel>> ScopeWithinCaller(Connection& c, const Caller& caller,
                                                              const std::string& input) {
  ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(input, "scope_code"));
  if (!caller.InScope(code)) return Status::NotFound("region " + code + " not found");
  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", code));
  if (!n) return Status::NotFound("region " + code + " not found");
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
  return std::make_pair(code, level);
}

// Links an account to its record in the person registry (a stationed cadre checks in as that person).
Status LinkPerson(Connection& c, const Caller& caller, int64_t user_id, int64_t person_id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT region_code FROM people WHERE id = ?"));
  st.Bind(person_id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row || !caller.InScope(st->Text(0))) return Status::InvalidArgument("人员库中没有该人员", "person_id");
  return c.Execute("UPDATE users SET person_id = ? WHERE id = ?", person_id, user_id);
}

Status CheckGrantable(const Caller& caller, const std::vector<std::string>& roles) {
  if (roles.empty()) return Status::InvalidArgument("at least one role is required", "roles");
  for (const auto& r : roles) {
    if (!IsKnownRole(r)) return Status::InvalidArgument("unknown role " + r, "roles");
    if (!CanGrant(caller.roles, r))
      return Status::PermissionDenied(std::string("不能授予高于自身的角色：") + RoleTitle(r));
  }
  return Status::Ok();
}

// An administrator manages only accounts it could have created: none above its own rank.
Status CheckManageable(const Caller& caller, const UserRecord& target) {
  for (const auto& r : target.roles)
    if (!CanGrant(caller.roles, r)) return Status::PermissionDenied("不能管理角色高于自身的账户");
  return Status::Ok();
}

}  // namespace

void RegisterUserRoutes(Router& router, Database& db, const PiiCrypto& crypto, const Clock& clock, AuthService& auth) {
  auto svc = std::make_shared<Services>(Services{db, crypto, clock, auth});
  auto locate_user = RegionOfRecord(db, "SELECT scope_code FROM users WHERE id = ?", "user");

  router.Add({"GET", "/api/v1/roles", Access::kPermission, "users.read", "", "All roles and whether the caller may grant them",
              [](RequestContext& ctx) -> Result<HttpResponse> {
                nlohmann::json items = nlohmann::json::array();
                for (const auto& r : AllRoles())
                  items.push_back({{"name", r}, {"title", RoleTitle(r)}, {"grantable", CanGrant(ctx.caller->roles, r)}});
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"GET", "/api/v1/users", Access::kPermission, "users.read", "", "Accounts inside the caller's scope",
              [svc](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t page, ctx.IntQuery("page", 1, 1, 1000000));
                ZX_ASSIGN_OR_RETURN(int64_t page_size, ctx.IntQuery("page_size", 20, 1, 500));
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string role = ctx.Query("role");
                if (!role.empty() && !IsKnownRole(role)) return Status::InvalidArgument("unknown role " + role, "role");
                std::string q = ctx.Query("q");
                if (q.size() > 64) return Status::InvalidArgument("q is too long", "q");
                // A full ID number is looked up through its keyed hash; anything else by name.
                std::string id_hash;
                if (auto id = ParseIdNumber(q); id.ok()) id_hash = svc->crypto.BlindIndex(id->canonical);
                std::string where = "WHERE u.scope_code BETWEEN ? AND ? AND (? = '' OR ',' || u.roles || ',' LIKE ?) "
                                    "AND (? = '' OR LOWER(u.username) LIKE LOWER(?) OR LOWER(u.display_name) LIKE LOWER(?) "
                                    "OR u.id_number_hash = ?)";
                std::string like = "%" + q + "%";
                nlohmann::json items = nlohmann::json::array();
                int64_t total = 0;
                int64_t now = svc->clock.NowSeconds();
                ZX_RETURN_IF_ERROR(svc->db.Read([&](Connection& c) -> Status {
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT COUNT(*) FROM users u " + where));
                    st.Bind(range.low, range.high, role, "%," + role + ",%", q, like, like, id_hash);
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    total = row ? st->Int(0) : 0;
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(UserSelectSql()) + where +
                                                         " ORDER BY u.scope_code, u.username LIMIT ? OFFSET ?"));
                  st.Bind(range.low, range.high, role, "%," + role + ",%", q, like, like, id_hash, page_size,
                          (page - 1) * page_size);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(std::optional<UserRecord> u, ReadUserRow(st));
                    if (!u) break;
                    items.push_back(UserView(*u, svc->crypto, now));
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}, {"total", total}, {"page", page},
                                                        {"page_size", page_size}}.dump());
              }});

  router.Add({"POST", "/api/v1/users", Access::kPermission, "users.manage", "",
              "Create an account inside the caller's scope, with roles the caller may grant",
              [svc](RequestContext& ctx) -> Result<HttpResponse> {
                const Caller& caller = *ctx.caller;
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                NewUser u;
                ZX_ASSIGN_OR_RETURN(u.username, body.String("username", 32));
                ZX_ASSIGN_OR_RETURN(u.display_name, body.String("display_name", 50));
                ZX_ASSIGN_OR_RETURN(std::string scope_input, body.String("scope_code", 12));
                ZX_ASSIGN_OR_RETURN(u.roles, body.StringList("roles", 7, 32));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> password, body.OptionalString("password", 128));
                ZX_ASSIGN_OR_RETURN(std::optional<int64_t> person_id, body.OptionalInt("person_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(PersonalData pd, ReadPersonalData(body, svc->crypto));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(CheckUsername(u.username));
                ZX_RETURN_IF_ERROR(CheckGrantable(caller, u.roles));
                bool generated = !password;
                u.password = generated ? GeneratePassword() : *password;
                ZX_ASSIGN_OR_RETURN(std::string hash, PrepareUserPassword(u));
                int64_t now = svc->clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(svc->db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(auto scope, ScopeWithinCaller(c, caller, scope_input));
                  u.scope_code = scope.first;
                  ZX_RETURN_IF_ERROR(CheckRolesFitScope(u.roles, scope.second));
                  ZX_ASSIGN_OR_RETURN(int64_t id, InsertUser(c, u, hash, now));
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "UPDATE users SET phone_enc = ?, id_number_enc = ?, id_number_hash = ?, id_number_flag = ? "
                      "WHERE id = ?",
                      pd.phone_enc, pd.id_enc, pd.id_hash, pd.id_flag, id));
                  if (person_id) ZX_RETURN_IF_ERROR(LinkPerson(c, caller, id, *person_id));
                  ZX_ASSIGN_OR_RETURN(UserRecord created, LoadUser(c, id));
                  view = UserView(created, svc->crypto, now);
                  return AppendAudit(c, ActorOf(ctx), {"create", "user", std::to_string(id), u.scope_code, std::nullopt, view},
                                     now);
                }));
                nlohmann::json out = {{"user", view},
                                      {"initial_password", generated ? nlohmann::json(u.password) : nlohmann::json(nullptr)}};
                return JsonResponse(201, out.dump());
              }});

  Route get_user{"GET", "/api/v1/users/{id}", Access::kPermission, "users.read", "", "One account",
                 [svc](RequestContext& ctx) -> Result<HttpResponse> {
                   ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                   nlohmann::json view;
                   ZX_RETURN_IF_ERROR(svc->db.Read([&](Connection& c) -> Status {
                     ZX_ASSIGN_OR_RETURN(UserRecord u, LoadUser(c, id));
                     view = UserView(u, svc->crypto, svc->clock.NowSeconds());
                     return Status::Ok();
                   }));
                   return JsonResponse(200, view.dump());
                 }};
  get_user.record_region = locate_user;
  router.Add(std::move(get_user));

  Route patch_user{"PATCH", "/api/v1/users/{id}", Access::kPermission, "users.manage", "",
                   "Change an account's name, roles, scope, personal data or disabled state",
                   [svc](RequestContext& ctx) -> Result<HttpResponse> {
                     const Caller& caller = *ctx.caller;
                     ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                     ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                     ZX_ASSIGN_OR_RETURN(std::optional<std::string> name, body.OptionalString("display_name", 50));
                     std::optional<std::vector<std::string>> roles;
                     if (body.Has("roles")) {
                       ZX_ASSIGN_OR_RETURN(roles, body.StringList("roles", 7, 32));
                     }
                     ZX_ASSIGN_OR_RETURN(std::optional<std::string> scope_input, body.OptionalString("scope_code", 12));
                     std::optional<bool> disabled;
                     if (body.Has("disabled")) {
                       ZX_ASSIGN_OR_RETURN(disabled, body.Bool("disabled"));
                     }
                     bool clear_phone = body.IsNull("phone"), clear_id = body.IsNull("id_number");
                     bool has_phone = body.Has("phone"), has_id = body.Has("id_number");
                     ZX_ASSIGN_OR_RETURN(PersonalData pd, ReadPersonalData(body, svc->crypto));
                     ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                     if (id == caller.user_id && (roles || scope_input || disabled))
                       return Status::PermissionDenied("不能修改自己的角色、管辖范围或停用状态");
                     if (roles) ZX_RETURN_IF_ERROR(CheckGrantable(caller, *roles));
                     int64_t now = svc->clock.NowSeconds();
                     nlohmann::json after;
                     ZX_RETURN_IF_ERROR(svc->db.Write([&](Connection& c) -> Status {
                       ZX_ASSIGN_OR_RETURN(UserRecord u, LoadUser(c, id));
                       ZX_RETURN_IF_ERROR(CheckManageable(caller, u));
                       nlohmann::json before = UserView(u, svc->crypto, now);
                       std::string scope = u.scope_code;
                       RegionLevel level = u.scope_level;
                       if (scope_input) {
                         ZX_ASSIGN_OR_RETURN(auto s, ScopeWithinCaller(c, caller, *scope_input));
                         scope = s.first;
                         level = s.second;
                       }
                       std::vector<std::string> new_roles = roles ? *roles : u.roles;
                       ZX_RETURN_IF_ERROR(CheckRolesFitScope(new_roles, level));
                       ZX_RETURN_IF_ERROR(c.Execute(
                           "UPDATE users SET display_name = ?, roles = ?, scope_code = ?, disabled = ? WHERE id = ?",
                           name ? *name : u.display_name, JoinRoles(new_roles), scope,
                           disabled ? *disabled : u.disabled, id));
                       if (has_phone && (clear_phone || pd.phone_enc))
                         ZX_RETURN_IF_ERROR(c.Execute("UPDATE users SET phone_enc = ? WHERE id = ?", pd.phone_enc, id));
                       if (has_id && (clear_id || pd.id_enc))
                         ZX_RETURN_IF_ERROR(c.Execute(
                             "UPDATE users SET id_number_enc = ?, id_number_hash = ?, id_number_flag = ? WHERE id = ?",
                             pd.id_enc, pd.id_hash, pd.id_flag, id));
                       // A disabled account, or one moved elsewhere, loses its sessions at once.
                       if ((disabled && *disabled) || scope != u.scope_code || new_roles != u.roles) {
                         svc->auth.ForgetCachedSessions();
                         ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM sessions WHERE user_id = ?", id));
                       }
                       ZX_ASSIGN_OR_RETURN(UserRecord changed, LoadUser(c, id));
                       after = UserView(changed, svc->crypto, now);
                       return AppendAudit(c, ActorOf(ctx), {"update", "user", std::to_string(id), scope, before, after},
                                          now);
                     }));
                     return JsonResponse(200, after.dump());
                   }};
  patch_user.record_region = locate_user;
  router.Add(std::move(patch_user));

  Route reset{"POST", "/api/v1/users/{id}/reset-password", Access::kPermission, "users.manage", "",
              "Give an account a new one-time password (shown once), unlock it and end its sessions",
              [svc](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                std::string password = GeneratePassword();
                ZX_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
                int64_t now = svc->clock.NowSeconds();
                ZX_RETURN_IF_ERROR(svc->db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(UserRecord u, LoadUser(c, id));
                  ZX_RETURN_IF_ERROR(CheckManageable(*ctx.caller, u));
                  ZX_RETURN_IF_ERROR(c.Execute("UPDATE users SET password_hash = ?, must_change_password = 1, "
                                               "failed_logins = 0, locked_until = 0, password_changed_at = ? WHERE id = ?",
                                               hash, now, id));
                  svc->auth.ForgetCachedSessions();
                  ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM sessions WHERE user_id = ?", id));
                  return AppendAudit(c, ActorOf(ctx), {"reset_password", "user", std::to_string(id), u.scope_code,
                                                       std::nullopt, std::nullopt},
                                     now);
                }));
                return JsonResponse(200, nlohmann::json{{"initial_password", password}}.dump());
              }};
  reset.record_region = locate_user;
  router.Add(std::move(reset));

  Route unlock{"POST", "/api/v1/users/{id}/unlock", Access::kPermission, "users.manage", "",
               "Lift a lockout after failed logins",
               [svc](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 int64_t now = svc->clock.NowSeconds();
                 nlohmann::json view;
                 ZX_RETURN_IF_ERROR(svc->db.Write([&](Connection& c) -> Status {
                   ZX_ASSIGN_OR_RETURN(UserRecord u, LoadUser(c, id));
                   ZX_RETURN_IF_ERROR(CheckManageable(*ctx.caller, u));
                   ZX_RETURN_IF_ERROR(c.Execute("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?", id));
                   ZX_ASSIGN_OR_RETURN(UserRecord changed, LoadUser(c, id));
                   view = UserView(changed, svc->crypto, now);
                   return AppendAudit(c, ActorOf(ctx), {"unlock", "user", std::to_string(id), u.scope_code,
                                                        nlohmann::json{{"locked_until", u.locked_until}}, std::nullopt},
                                      now);
                 }));
                 return JsonResponse(200, view.dump());
               }};
  unlock.record_region = locate_user;
  router.Add(std::move(unlock));

  Route unmask{"GET", "/api/v1/users/{id}/personal-data", Access::kPermission, "pii.read", "",
               "The unmasked phone and ID number of an account (each call is audited)",
               [svc](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 int64_t now = svc->clock.NowSeconds();
                 nlohmann::json out;
                 // A write, because the unmasking itself must be on record before the data leaves.
                 ZX_RETURN_IF_ERROR(svc->db.Write([&](Connection& c) -> Status {
                   ZX_ASSIGN_OR_RETURN(UserRecord u, LoadUser(c, id));
                   ZX_ASSIGN_OR_RETURN(nlohmann::json phone, ClearValue(svc->crypto, u.phone_enc));
                   ZX_ASSIGN_OR_RETURN(nlohmann::json number, ClearValue(svc->crypto, u.id_number_enc));
                   out = {{"phone", phone}, {"id_number", number}};
                   return AppendAudit(c, ActorOf(ctx), {"unmask", "user", std::to_string(id), u.scope_code, std::nullopt,
                                                        nlohmann::json{{"fields", {"phone", "id_number"}}}},
                                      now);
                 }));
                 return JsonResponse(200, out.dump());
               }};
  unmask.record_region = locate_user;
  router.Add(std::move(unmask));
}

}  // namespace zx
