#include "http/router.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <future>

#include "http/errors.h"
#include "store/database.h"

namespace zx {

std::string HttpRequest::Cookie(const std::string& name) const {
  std::string header = Header("cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    pos = end + 1;
  }
  return {};
}

static int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool PercentDecode(std::string_view in, std::string* out, bool plus_is_space) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int h = HexValue(in[i + 1]), l = HexValue(in[i + 2]);
      if (h < 0 || l < 0) return false;
      out->push_back(static_cast<char>(h * 16 + l));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

std::map<std::string, std::string> ParseQueryString(std::string_view qs) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= qs.size() && !qs.empty()) {
    size_t end = qs.find('&', pos);
    if (end == std::string_view::npos) end = qs.size();
    std::string_view part = qs.substr(pos, end - pos);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string k, v;
      bool ok = PercentDecode(part.substr(0, eq), &k, true);
      if (eq != std::string_view::npos) ok = ok && PercentDecode(part.substr(eq + 1), &v, true);
      if (ok) out[k] = v;
    }
    if (end == qs.size()) break;
    pos = end + 1;
  }
  return out;
}

const std::string& RequestContext::Param(const std::string& name) const {
  static const std::string empty;
  auto it = params.find(name);
  return it == params.end() ? empty : it->second;
}

std::string RequestContext::Query(const std::string& name, const std::string& fallback) const {
  auto it = request.query.find(name);
  return it == request.query.end() ? fallback : it->second;
}

Result<int64_t> RequestContext::IntQuery(const std::string& name, int64_t fallback, int64_t min, int64_t max) const {
  auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return fallback;
  const std::string& v = it->second;
  bool digits = v.size() <= 12 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  int64_t x = digits ? std::stoll(v) : -1;
  if (!digits || x < min || x > max)
    return Status::InvalidArgument(name + " must be a whole number from " + std::to_string(min) + " to " +
                                       std::to_string(max),
                                   name);
  return x;
}

Result<int64_t> RequestContext::IdParam(const std::string& name) const {
  const std::string& s = Param(name);
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos)
    return Status::InvalidArgument(name + " must be a number", name);
  return std::stoll(s);
}

std::function<Result<std::string>(const RequestContext&)> RegionOfRecord(Database& db, std::string sql, std::string what) {
  return [&db, sql = std::move(sql), what = std::move(what)](const RequestContext& ctx) -> Result<std::string> {
    ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
    std::string region;
    ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(sql));
      st.Bind(id);
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) return Status::NotFound(what + " not found");
      region = st->Text(0);
      return Status::Ok();
    }));
    return region;
  };
}

Result<CodeRange> RegionFilter(const RequestContext& ctx, const std::string& param) {
  if (!ctx.caller) return Status::Unauthenticated("请先登录");
  std::string region = ctx.caller->scope_code;
  if (!ctx.Query(param).empty()) {
    ZX_ASSIGN_OR_RETURN(region, ParseRegionCode(ctx.Query(param), param));
    if (!ctx.caller->InScope(region)) return Status::NotFound("region " + region + " not found");
  }
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(region));
  return SubtreeRange(region, level);
}

bool MatchPattern(const std::string& pattern, const std::string& path, std::map<std::string, std::string>* params) {
  size_t pi = 0, si = 0;
  while (pi < pattern.size() && si < path.size()) {
    if (pattern[pi] == '{') {
      size_t close = pattern.find('}', pi);
      std::string name = pattern.substr(pi + 1, close - pi - 1);
      size_t seg_end = path.find('/', si);
      if (seg_end == std::string::npos) seg_end = path.size();
      if (seg_end == si) return false;
      (*params)[name] = path.substr(si, seg_end - si);
      pi = close + 1;
      si = seg_end;
    } else {
      if (pattern[pi] != path[si]) return false;
      ++pi;
      ++si;
    }
  }
  return pi == pattern.size() && si == path.size();
}

void AddSecurityHeaders(HttpResponse& r) {
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  r.headers.emplace_back("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                         "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
                         "form-action 'self'");
}

// API answers are data, never documents: the headers that govern a page (referrer, opener,
// permissions, what a page may load) do nothing for them, while not sniffing, not framing and not
// caching (personal data) matter. OWASP's REST guidance, and a shorter answer on the hot paths.
void AddApiSecurityHeaders(HttpResponse& r) {
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  r.headers.emplace_back("Cache-Control", "no-store");
}

HttpResponse AwaitResponse(HttpResponse response) {
  if (!response.deferred) return response;
  auto promise = std::make_shared<std::promise<HttpResponse>>();
  auto future = promise->get_future();
  auto deferred = std::move(response.deferred);
  deferred([promise](HttpResponse r) { promise->set_value(std::move(r)); });
  return future.get();
}

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

HttpResponse Router::Dispatch(const HttpRequest& request) const {
  Result<HttpResponse> r = Status::Internal("unhandled");
  int route_index = -1;
  int64_t user_id = 0;
  try {
    r = Handle(request, &route_index, &user_id);
  } catch (const nlohmann::json::exception& e) {
    r = Status::InvalidArgument(std::string("malformed value: ") + e.what());
  } catch (const std::exception& e) {
    r = Status::Internal(std::string("internal error: ") + e.what());
  }
  HttpResponse response = r.ok() ? std::move(*r) : ErrorResponse(r.status());
  bool api = request.path.rfind("/api/", 0) == 0;
  auto finish = [api, route_index, user_id](HttpResponse& out) {
    if (api) AddApiSecurityHeaders(out);
    else AddSecurityHeaders(out);
    out.route_index = route_index;
    out.user_id = user_id;
  };
  if (response.deferred) {
    // The answer comes later; it gets the same headers when it does.
    auto inner = std::move(response.deferred);
    response.deferred = [inner, finish](ResponseSink sink) {
      inner([sink, finish](HttpResponse out) {
        finish(out);
        sink(std::move(out));
      });
    };
    return response;
  }
  finish(response);
  return response;
}

Result<HttpResponse> Router::Handle(const HttpRequest& request, int* route_index, int64_t* user_id) const {
  const Route* found = nullptr;
  bool path_matched = false;
  std::map<std::string, std::string> params;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> p;
    if (!MatchPattern(route.pattern, request.path, &p)) continue;
    path_matched = true;
    if (route.method == request.method || (request.method == "HEAD" && route.method == "GET")) {
      found = &route;
      params = std::move(p);
      break;
    }
  }
  if (!found) {
    if (path_matched) return Status::InvalidArgument("method " + request.method + " is not allowed here", "method");
    bool api = request.path.rfind("/api/", 0) == 0 || request.path == "/healthz";
    if (!api && fallback_ && (request.method == "GET" || request.method == "HEAD")) return fallback_(request);
    return Status::NotFound("no such endpoint: " + request.method + " " + request.path);
  }

  *route_index = static_cast<int>(found - routes_.data());
  RequestContext ctx{request, std::move(params), std::nullopt, {}, {}};
  if (found->access != Access::kPublic) {
    if (!authenticate_) return Status::Internal("no authenticator configured");
    ZX_ASSIGN_OR_RETURN(Caller caller, authenticate_(request));
    *user_id = caller.user_id;
    bool write = request.method != "GET" && request.method != "HEAD";
    if (write && (caller.csrf_token.empty() || request.Header("x-csrf-token") != caller.csrf_token))
      return Status::PermissionDenied("CSRF token missing or wrong (send the X-CSRF-Token header)");
    if (found->access == Access::kPermission) {
      if (caller.must_change_password)
        return Status::PermissionDenied("the password must be changed before anything else");
      if (!permits_ || !permits_(caller.roles, found->permission))
        return Status::PermissionDenied("your role may not do this (" + found->permission + ")");
    }
    ctx.caller = std::move(caller);
  }
  if (!found->scope_param.empty()) {
    ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(ctx.Param(found->scope_param), found->scope_param));
    // Outside the caller's scope looks exactly like absent.
    if (ctx.caller && !ctx.caller->InScope(code)) return Status::NotFound("region " + code + " not found");
    ctx.scope_code = code;
  }
  if (found->record_region) {
    ZX_ASSIGN_OR_RETURN(std::string region, found->record_region(ctx));
    if (ctx.caller && !ctx.caller->InScope(region)) return Status::NotFound("record not found");
    ctx.record_region = std::move(region);
  }
  return found->handler(ctx);
}

}  // namespace zx
