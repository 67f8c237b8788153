#include "auth/auth_routes.h"

#include <nlohmann/json.hpp>

#include "auth/roles.h"
#include "auth/user_routes.h"
#include "core/clock.h"
#include "http/errors.h"
#include "http/json_body.h"

namespace zx {
namespace {

nlohmann::json UserObject(const Caller& caller, Database& db) {
  std::string scope_name;
  db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT name FROM regions WHERE code = ?"));
    st.Bind(caller.scope_code);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) scope_name = st->Text(0);
    return Status::Ok();
  });
  return {{"id", caller.user_id},
          {"username", caller.username},
          {"display_name", caller.display_name},
          {"roles", caller.roles},
          {"permissions", PermissionsOf(caller.roles)},
          {"scope", {{"code", caller.scope_code}, {"name", scope_name}, {"level", LevelName(caller.scope_level)}}},
          {"must_change_password", caller.must_change_password},
          {"person_id", caller.person_id ? nlohmann::json(caller.person_id) : nlohmann::json(nullptr)}};
}

HttpResponse SessionAnswer(const Caller& caller, Database& db) {
  nlohmann::json body = {{"user", UserObject(caller, db)}, {"csrf_token", caller.csrf_token}};
  return JsonResponse(200, body.dump());
}

}  // namespace

std::string UserJson(const Caller& caller, Database& db) { return UserObject(caller, db).dump(); }

void RegisterAuthRoutes(Router& router, AuthService& auth, Database& db) {
  router.Add({"POST", "/api/v1/auth/login", Access::kPublic, "", "", "Log in; sets the session cookie",
              [&auth, &db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string username, body.String("username", 64));
                ZX_ASSIGN_OR_RETURN(std::string password, body.Secret("password", 256));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_ASSIGN_OR_RETURN(LoginResult login, auth.Login(username, password, ctx.request.remote_addr,
                                                                  ctx.request.Header("user-agent")));
                HttpResponse r = SessionAnswer(login.caller, db);
                r.headers.emplace_back("Set-Cookie", auth.SessionCookie(login.token));
                return r;
              }});
  router.Add({"GET", "/api/v1/auth/me", Access::kSession, "", "", "The logged-in user and the CSRF token",
              [&db](RequestContext& ctx) -> Result<HttpResponse> { return SessionAnswer(*ctx.caller, db); }});
  router.Add({"POST", "/api/v1/auth/logout", Access::kSession, "", "", "End this session",
              [&auth](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_RETURN_IF_ERROR(auth.Logout(*ctx.caller));
                HttpResponse r;
                r.status = 204;
                r.headers.emplace_back("Set-Cookie", auth.ClearedSessionCookie());
                return r;
              }});
  router.Add({"POST", "/api/v1/auth/password", Access::kSession, "", "", "Change the own password",
              [&auth, &db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string old_password, body.Secret("old_password", 256));
                ZX_ASSIGN_OR_RETURN(std::string new_password, body.Secret("new_password", 256));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(auth.ChangePassword(*ctx.caller, old_password, new_password, ActorOf(ctx)));
                Caller updated = *ctx.caller;
                updated.must_change_password = false;
                return SessionAnswer(updated, db);
              }});
  router.Add({"GET", "/api/v1/auth/sessions", Access::kSession, "", "", "The caller's own sessions",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT token_hash, created_at, last_seen, remote_addr, user_agent "
                                                         "FROM sessions WHERE user_id = ? ORDER BY last_seen DESC"));
                  st.Bind(ctx.caller->user_id);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    std::string hash = st->Text(0);
                    // A prefix of the stored hash names a session without revealing anything usable.
                    items.push_back({{"id", hash.substr(0, 8)}, {"created_at", FormatUtc(st->Int(1))},
                                     {"last_seen", FormatUtc(st->Int(2))}, {"remote_addr", st->Text(3)},
                                     {"user_agent", st->Text(4)}, {"current", hash == ctx.caller->session_hash}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});
  router.Add({"POST", "/api/v1/auth/sessions/revoke-others", Access::kSession, "", "",
              "End every other session of the caller",
              [&db, &auth](RequestContext& ctx) -> Result<HttpResponse> {
                auth.ForgetCachedSessions();
                int64_t revoked = 0;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
                                               ctx.caller->user_id, ctx.caller->session_hash));
                  revoked = c.Changes();
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"revoked", revoked}}.dump());
              }});
  router.Add({"POST", "/api/v1/auth/logout-all", Access::kSession, "", "", "End every session of the caller, this one too",
              [&db, &auth](RequestContext& ctx) -> Result<HttpResponse> {
                auth.ForgetCachedSessions();
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) {
                  return c.Execute("DELETE FROM sessions WHERE user_id = ?", ctx.caller->user_id);
                }));
                HttpResponse r;
                r.status = 204;
                r.headers.emplace_back("Set-Cookie", auth.ClearedSessionCookie());
                return r;
              }});
}

}  // namespace zx
