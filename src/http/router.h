// The route table: every API route with who may call it and which region it touches. The router
// authenticates, checks the permission, checks CSRF on writes and checks the region scope of the
// route's scope parameter before any handler runs, so no handler can forget them. The table is
// also what the OpenAPI test and the authorization-matrix test walk.
// Thread-safety: routes are added before serving; Dispatch is then safe from many threads.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/region_code.h"
#include "core/status.h"
#include "http/http_types.h"

namespace zx {

// The caller as the router knows it after authentication.
struct Caller {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  std::string scope_code;  // canonical region code the user may see (and below)
  RegionLevel scope_level = RegionLevel::kCountry;
  bool must_change_password = false;
  int64_t person_id = 0;  // the person-registry record of this account (stationed cadres), 0 if none
  std::string csrf_token;
  std::string session_hash;

  bool InScope(const std::string& canonical_code) const { return IsWithin(canonical_code, scope_code, scope_level); }
};

enum class Access {
  kPublic,         // anyone, no session needed
  kSession,        // any valid session, even one that must still change its password
  kPermission,     // a valid session, password current, and the route's permission
};

struct RequestContext {
  const HttpRequest& request;
  std::map<std::string, std::string> params;  // path parameters
  std::optional<Caller> caller;
  std::string scope_code;  // the route's scope parameter, canonicalised and checked, if any
  std::string record_region;  // the region of the record the route names, checked, if any

  const std::string& Param(const std::string& name) const;
  std::string Query(const std::string& name, const std::string& fallback = {}) const;
  // A record id from the path ({id}): a positive whole number, or 400 naming the parameter.
  Result<int64_t> IdParam(const std::string& name = "id") const;
  // An integer query parameter within [min, max]; the fallback when absent; 400 naming it otherwise.
  Result<int64_t> IntQuery(const std::string& name, int64_t fallback, int64_t min, int64_t max) const;
};

// A record_region rule for routes whose {id} names a row of a table with a region column: runs
// `sql` (one parameter, the id; one column, the region code) and answers NotFound("<what> not
// found") when there is no such row.
class Database;
std::function<Result<std::string>(const RequestContext&)> RegionOfRecord(Database& db, std::string sql, std::string what);

// The code range a list may show: the caller's scope, or the region named by the query parameter
// `param` if it lies inside the scope (404 if not, as if it did not exist). Lists put this range
// in their SQL, so no list can show a record outside the caller's scope.
Result<CodeRange> RegionFilter(const RequestContext& ctx, const std::string& param = "region");

using Handler = std::function<Result<HttpResponse>(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/regions/{code}/children"
  Access access = Access::kPermission;
  std::string permission;   // for kPermission, e.g. "regions.read"
  std::string scope_param;  // a path parameter holding a region code the caller must have in scope
  std::string summary;      // one line, for the OpenAPI test's messages and the docs
  Handler handler;
  // For routes naming a record ({id}): finds the region the record belongs to (NotFound if there
  // is no such record). The router answers 404 unless that region is inside the caller's scope.
  std::function<Result<std::string>(const RequestContext&)> record_region;
};

// Resolves the session cookie to a Caller (or Unauthenticated), and may touch its last-seen time.
using Authenticator = std::function<Result<Caller>(const HttpRequest&)>;
// True if a role set grants a permission.
using PermissionCheck = std::function<bool(const std::vector<std::string>& roles, const std::string& permission)>;
// Answers requests that match no API route (the web UI's files).
using Fallback = std::function<HttpResponse(const HttpRequest&)>;

class Router {
 public:
  void Add(Route route);
  void SetAuthenticator(Authenticator a) { authenticate_ = std::move(a); }
  void SetPermissionCheck(PermissionCheck p) { permits_ = std::move(p); }
  void SetFallback(Fallback f) { fallback_ = std::move(f); }

  HttpResponse Dispatch(const HttpRequest& request) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  Result<HttpResponse> Handle(const HttpRequest& request, int* route_index, int64_t* user_id) const;
  std::vector<Route> routes_;
  Authenticator authenticate_;
  PermissionCheck permits_;
  Fallback fallback_;
};

// Matches "/api/v1/regions/{code}" against a path; fills params.
bool MatchPattern(const std::string& pattern, const std::string& path, std::map<std::string, std::string>* params);

// Waits for a deferred response (in-process callers such as tests); others pass through.
HttpResponse AwaitResponse(HttpResponse response);

// Security headers added to every response.
void AddSecurityHeaders(HttpResponse& response);
void AddApiSecurityHeaders(HttpResponse& response);

}  // namespace zx
