// The HTTP layer's request handling after Beast has framed a request: method, path with percent
// escapes, query string, headers and body reach the router, which must answer every one of them
// with a well-formed response (an error shape, never a crash) and the security headers.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "http/errors.h"
#include "http/router.h"

namespace {

zx::Router& TheRouter() {
  static zx::Router* router = [] {
    auto* r = new zx::Router();
    auto echo = [](zx::RequestContext& ctx) -> zx::Result<zx::HttpResponse> {
      nlohmann::json out = {{"params", ctx.params}, {"query", ctx.request.query}};
      return zx::JsonResponse(200, out.dump());
    };
    r->Add({"GET", "/api/v1/regions/{code}", zx::Access::kPublic, "", "", "fuzz", echo});
    r->Add({"GET", "/api/v1/regions/{code}/children", zx::Access::kPublic, "", "", "fuzz", echo});
    r->Add({"POST", "/api/v1/items", zx::Access::kPublic, "", "", "fuzz", echo});
    r->Add({"PUT", "/api/v1/items/{id}", zx::Access::kPublic, "", "", "fuzz", echo});
    return r;
  }();
  return *router;
}

}  // namespace

// Input: method \n target \n header-name \n header-value \n body
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string part[5];
  for (int i = 0; i < 4; ++i) {
    size_t nl = in.find('\n');
    part[i] = std::string(in.substr(0, nl));
    in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  }
  part[4] = std::string(in);
  zx::HttpRequest req;
  req.method = part[0];
  std::string_view target = part[1];
  size_t q = target.find('?');
  std::string raw_path(target.substr(0, q));
  if (!zx::PercentDecode(raw_path, &req.path, false)) req.path = raw_path;
  if (q != std::string_view::npos) req.query = zx::ParseQueryString(target.substr(q + 1));
  if (!part[2].empty()) req.headers[part[2]] = part[3];
  req.body = part[4];
  zx::HttpResponse res = zx::AwaitResponse(TheRouter().Dispatch(req));
  if (res.status < 100 || res.status > 599) __builtin_trap();
  if (res.status >= 400) {
    auto j = nlohmann::json::parse(res.body, nullptr, false);
    if (j.is_discarded() || !j.contains("error")) __builtin_trap();  // one error shape, always
  }
  bool nosniff = false;
  for (const auto& [k, v] : res.headers) nosniff |= k == "X-Content-Type-Options";
  if (!nosniff) __builtin_trap();
  return 0;
}
