#include "http/router.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/errors.h"

namespace zx {
namespace {

Router MakeRouter(Caller caller) {
  Router r;
  r.Add({"GET", "/api/v1/things/{code}", Access::kPermission, "things.read", "code", "one thing",
         [](RequestContext& ctx) -> Result<HttpResponse> { return JsonResponse(200, "\"" + ctx.scope_code + "\""); }});
  r.Add({"POST", "/api/v1/things", Access::kPermission, "things.write", "", "make",
         [](RequestContext&) -> Result<HttpResponse> { return JsonResponse(201, "{}"); }});
  r.Add({"GET", "/api/v1/open", Access::kPublic, "", "", "open",
         [](RequestContext&) -> Result<HttpResponse> { return JsonResponse(200, "{}"); }});
  r.SetAuthenticator([caller](const HttpRequest& req) -> Result<Caller> {
    if (req.Cookie("zx_session") != "ok") return Status::Unauthenticated("login");
    return caller;
  });
  r.SetPermissionCheck([](const std::vector<std::string>& roles, const std::string& perm) {
    for (auto& role : roles)
      if (role == "reader" && perm == "things.read") return true;
    return false;
  });
  return r;
}

HttpRequest Req(std::string method, std::string path, bool session = true) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  if (session) r.headers["cookie"] = "a=b; zx_session=ok";
  return r;
}

Caller CountyReader() {
  Caller c;
  c.roles = {"reader"};
  c.scope_code = "610331000000";
  c.scope_level = RegionLevel::kCounty;
  c.csrf_token = "tok";
  return c;
}

std::string ErrorCode(const HttpResponse& r) { return nlohmann::json::parse(r.body)["error"]["code"]; }

}  // namespace

TEST(RouterTest, InScopeRegionIsServedWithItsCanonicalCode) {
  Router r = MakeRouter(CountyReader());
  HttpResponse res = r.Dispatch(Req("GET", "/api/v1/things/610331100"));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "\"610331100000\"");
}

TEST(RouterTest, OutOfScopeRegionLooksAbsent) {
  Router r = MakeRouter(CountyReader());
  HttpResponse res = r.Dispatch(Req("GET", "/api/v1/things/420323"));
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(ErrorCode(res), "not_found");
}

TEST(RouterTest, BadCodeIs400NamingTheField) {
  Router r = MakeRouter(CountyReader());
  HttpResponse res = r.Dispatch(Req("GET", "/api/v1/things/61x"));
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["field"], "code");
}

TEST(RouterTest, NoSessionIs401AndPublicRoutesNeedNone) {
  Router r = MakeRouter(CountyReader());
  EXPECT_EQ(r.Dispatch(Req("GET", "/api/v1/things/610331", false)).status, 401);
  EXPECT_EQ(r.Dispatch(Req("GET", "/api/v1/open", false)).status, 200);
}

TEST(RouterTest, WritesNeedTheCsrfTokenAndThePermission) {
  Router r = MakeRouter(CountyReader());
  HttpResponse no_token = r.Dispatch(Req("POST", "/api/v1/things"));
  EXPECT_EQ(no_token.status, 403);
  EXPECT_NE(nlohmann::json::parse(no_token.body)["error"]["message"].get<std::string>().find("CSRF"), std::string::npos);
  HttpRequest with_token = Req("POST", "/api/v1/things");
  with_token.headers["x-csrf-token"] = "tok";
  HttpResponse no_perm = r.Dispatch(with_token);
  EXPECT_EQ(no_perm.status, 403);
  EXPECT_EQ(ErrorCode(no_perm), "permission_denied");
}

TEST(RouterTest, UnknownPathsAndMethods) {
  Router r = MakeRouter(CountyReader());
  EXPECT_EQ(r.Dispatch(Req("GET", "/api/v1/nothing")).status, 404);
  HttpResponse wrong = r.Dispatch(Req("DELETE", "/api/v1/open"));
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(nlohmann::json::parse(wrong.body)["error"]["field"], "method");
}

TEST(RouterTest, EveryAnswerCarriesSecurityHeaders) {
  Router r = MakeRouter(CountyReader());
  HttpResponse res = r.Dispatch(Req("GET", "/api/v1/open"));
  bool csp = false, nosniff = false;
  for (auto& [k, v] : res.headers) {
    csp |= k == "Content-Security-Policy";
    nosniff |= k == "X-Content-Type-Options" && v == "nosniff";
  }
  EXPECT_TRUE(csp);
  EXPECT_TRUE(nosniff);
}

TEST(RouterTest, QueryStringsAndCookiesAreDecoded) {
  auto q = ParseQueryString("q=%E5%A4%AA%E7%99%BD&limit=5&x=a+b&bad=%zz");
  EXPECT_EQ(q["q"], "太白");
  EXPECT_EQ(q["limit"], "5");
  EXPECT_EQ(q["x"], "a b");
  EXPECT_EQ(q.count("bad"), 0u);
}

}  // namespace zx
