#include "ops/metrics.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "http/router.h"
#include "ops/request_log.h"
#include "test_util.h"

namespace zx {
namespace {

constexpr char kKey[] = "k1 aes-256-gcm 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

TEST(MetricsAccess, LoopbackWithoutForwardingIsOpen) {
  EXPECT_TRUE(MetricsOpenTo("127.0.0.1", false));
  EXPECT_TRUE(MetricsOpenTo("127.0.0.53", false));
  EXPECT_TRUE(MetricsOpenTo("::1", false));
  EXPECT_TRUE(MetricsOpenTo("::ffff:127.0.0.1", false));
}

TEST(MetricsAccess, OtherCallersAndProxiedRequestsAreNot) {
  EXPECT_FALSE(MetricsOpenTo("10.0.0.5", false));
  EXPECT_FALSE(MetricsOpenTo("192.168.1.127", false));
  EXPECT_FALSE(MetricsOpenTo("::ffff:10.0.0.1", false));
  EXPECT_FALSE(MetricsOpenTo("", false));
  EXPECT_FALSE(MetricsOpenTo("fe80::1", false));
  // A reverse proxy on the same host connects from loopback for callers anywhere.
  EXPECT_FALSE(MetricsOpenTo("127.0.0.1", true));
}

TEST(HttpMetricsRender, CountsByRouteAndStatusClassWithAHistogram) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/v1/things/{id}", Access::kPublic, "", "", "one", nullptr});
  routes.push_back({"POST", "/api/v1/things", Access::kPublic, "", "", "make", nullptr});
  HttpMetrics m(routes);
  m.Observe(0, "GET", 200, 0.001);
  m.Observe(0, "GET", 404, 0.2);
  m.Observe(1, "POST", 201, 3.0);
  m.Observe(-1, "DELETE", 404, 0.001);
  m.Observe(-1, "BREW", 400, 0.001);
  std::string text = m.Render();
  EXPECT_NE(text.find("# TYPE zhenxing_http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find(R"x(zhenxing_http_requests_total{method="GET",route="/api/v1/things/{id}",status="2xx"} 1)x"),
            std::string::npos) << text;
  EXPECT_NE(text.find(R"x(zhenxing_http_requests_total{method="GET",route="/api/v1/things/{id}",status="4xx"} 1)x"),
            std::string::npos);
  EXPECT_NE(text.find(R"x(zhenxing_http_requests_total{method="DELETE",route="(no route)",status="4xx"} 1)x"),
            std::string::npos);
  EXPECT_NE(text.find(R"x(zhenxing_http_requests_total{method="OTHER",route="(no route)",status="4xx"} 1)x"),
            std::string::npos);
  // Buckets are cumulative: 0.001 s is under 0.005, 0.2 s under 0.5.
  EXPECT_NE(text.find(R"x(zhenxing_http_request_duration_seconds_bucket{method="GET",route="/api/v1/things/{id}",le="0.005"} 1)x"),
            std::string::npos) << text;
  EXPECT_NE(text.find(R"x(zhenxing_http_request_duration_seconds_bucket{method="GET",route="/api/v1/things/{id}",le="0.5"} 2)x"),
            std::string::npos);
  EXPECT_NE(text.find(R"x(zhenxing_http_request_duration_seconds_bucket{method="POST",route="/api/v1/things",le="2.5"} 0)x"),
            std::string::npos);
  EXPECT_NE(text.find(R"x(zhenxing_http_request_duration_seconds_count{method="POST",route="/api/v1/things"} 1)x"),
            std::string::npos);
  for (const char* name : {"zhenxing_db_write_queue_depth", "zhenxing_db_write_batches_total",
                           "zhenxing_db_read_seconds_total", "zhenxing_http_open_connections",
                           "process_start_time_seconds", "zhenxing_uptime_seconds"})
    EXPECT_NE(text.find(std::string("# TYPE ") + name + " "), std::string::npos) << name;
}

TEST(RequestLog, JsonLineHasTheFieldsAndNoQueryValues) {
  RequestRecord r;
  r.method = "GET";
  r.path = "/api/v1/people\"\n";
  r.query_keys = "id_number,name";
  r.remote_addr = "127.0.0.1";
  r.request_id = "abc-1";
  r.status = 200;
  r.user_id = 7;
  r.seconds = 0.0125;
  auto j = nlohmann::json::parse("{\"time\":\"x\"," + RequestLogJsonFields(r, "/api/v1/people") + "}");
  EXPECT_EQ(j["request_id"], "abc-1");
  EXPECT_EQ(j["path"], "/api/v1/people\"\n");
  EXPECT_EQ(j["route"], "/api/v1/people");
  EXPECT_EQ(j["status"], 200);
  EXPECT_EQ(j["user_id"], 7);
  EXPECT_DOUBLE_EQ(j["duration_ms"].get<double>(), 12.5);
  EXPECT_EQ(j["query_keys"], "id_number,name");
  EXPECT_EQ(RequestLogText(r, "/x").find('\n'), std::string::npos);
}

class MetricsRouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AppOptions o;
    o.db_url = dir_.File("z.db");
    o.key_text = kKey;
    auto app = App::Open(o);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(*app);
  }
  HttpResponse Get(const std::string& remote, bool forwarded = false) {
    HttpRequest req;
    req.method = "GET";
    req.path = "/metrics";
    req.remote_addr = remote;
    if (forwarded) req.headers["x-forwarded-for"] = "203.0.113.9";
    return app_->Handle(req);
  }
  testing::TempDir dir_;
  std::unique_ptr<App> app_;
};

TEST_F(MetricsRouteTest, LoopbackScrapesWithoutASession) {
  HttpResponse r = Get("127.0.0.1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type.rfind("text/plain", 0), 0u);
  EXPECT_NE(r.body.find("# HELP zhenxing_http_requests_total"), std::string::npos);
  EXPECT_EQ(Get("::1").status, 200);
}

TEST_F(MetricsRouteTest, OthersNeedASessionWithMetricsRead) {
  EXPECT_EQ(Get("10.1.2.3").status, 403);
  EXPECT_EQ(Get("127.0.0.1", true).status, 403);
}

TEST(RouterRecord, DispatchNamesTheRouteAndTheUser) {
  Router r;
  r.Add({"GET", "/a", Access::kPublic, "", "", "a", [](RequestContext&) -> Result<HttpResponse> { return HttpResponse{}; }});
  r.Add({"GET", "/b", Access::kSession, "", "", "b", [](RequestContext&) -> Result<HttpResponse> { return HttpResponse{}; }});
  r.SetAuthenticator([](const HttpRequest&) -> Result<Caller> {
    Caller c;
    c.user_id = 42;
    return c;
  });
  HttpRequest req;
  req.method = "GET";
  req.path = "/b";
  HttpResponse res = r.Dispatch(req);
  EXPECT_EQ(res.route_index, 1);
  EXPECT_EQ(res.user_id, 42);
  req.path = "/nothing";
  EXPECT_EQ(r.Dispatch(req).route_index, -1);
}

}  // namespace
}  // namespace zx
