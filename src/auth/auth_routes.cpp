#include "auth/auth_routes.h"

#include <nlohmann/json.hpp>

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
          {"scope", {{"code", caller.scope_code}, {"name", scope_name}, {"level", LevelName(caller.scope_level)}}},
          {"must_change_password", caller.must_change_password}};
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
                ZX_RETURN_IF_ERROR(auth.ChangePassword(*ctx.caller, old_password, new_password));
                Caller updated = *ctx.caller;
                updated.must_change_password = false;
                return SessionAnswer(updated, db);
              }});
}

}  // namespace zx
