// The OpenAPI document and the route table must describe the same API: every route is
// documented and every documented operation exists.
#include "http/openapi.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "app/app.h"
#include "test_util.h"

namespace zx {

static std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApiTest, DocumentAndRouteTableMatch) {
  testing::TempDir dir;
  AppOptions o;
  o.db_url = dir.File("z.db");
  o.key_text = "k1 aes-256-gcm 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  auto app = App::Open(o);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  nlohmann::json doc = nlohmann::json::parse(OpenApiDocument());
  ASSERT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");

  std::set<std::string> routes, documented;
  for (const Route& r : (*app)->router().routes()) {
    std::string key = Lower(r.method) + " " + r.pattern;
    routes.insert(key);
    ASSERT_TRUE(doc["paths"].contains(r.pattern)) << "route not documented: " << key;
    const auto& op = doc["paths"][r.pattern];
    ASSERT_TRUE(op.contains(Lower(r.method))) << "method not documented: " << key;
    if (r.access != Access::kPublic) {
      EXPECT_TRUE(op[Lower(r.method)]["responses"].contains("401")) << "401 not documented: " << key;
    }
    if (!r.scope_param.empty() || r.record_region) {
      EXPECT_TRUE(op[Lower(r.method)]["responses"].contains("404")) << "404 (out of scope) not documented: " << key;
    }
  }
  for (auto& [path, ops] : doc["paths"].items())
    for (auto& [method, op] : ops.items()) documented.insert(method + " " + path);
  for (const auto& d : documented) EXPECT_TRUE(routes.count(d)) << "documented but not routed: " << d;
}

}  // namespace zx
