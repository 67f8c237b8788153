#include "app/app.h"

#include <nlohmann/json.hpp>

#include "analytics/analytics_routes.h"
#include "auth/audit_routes.h"
#include "auth/auth_routes.h"
#include "auth/user_routes.h"
#include "auth/roles.h"
#include "http/errors.h"
#include "http/openapi.h"
#include "http/static_files.h"
#include "modules/dispatch/dispatch_routes.h"
#include "modules/dispatch/review_routes.h"
#include "modules/party_orgs/party_routes.h"
#include "modules/economy/economy_routes.h"
#include "modules/households/household_routes.h"
#include "modules/people/people_routes.h"
#include "modules/imports/import_routes.h"
#include "modules/presence/presence_routes.h"
#include "modules/regions/region_routes.h"
#include "modules/village_cadres/village_cadre_routes.h"
#include "modules/supervision/responsibility_routes.h"
#include "modules/supervision/supervision_routes.h"
#include "modules/tasks/task_routes.h"
#include "modules/periods/period_routes.h"
#include "reports/report_routes.h"

namespace zx {

Result<std::unique_ptr<Database>> OpenAppDatabase(const std::string& url, int readers) {
  DatabaseOptions o;
  o.url = url;
  o.reader_connections = readers;
  return OpenDatabase(o);
}

App::~App() {
  rollups_.reset();  // its refresher reads the database, so it stops first
  if (db_) db_->Close();
}

Result<std::unique_ptr<App>> App::Open(const AppOptions& options) {
  std::unique_ptr<App> app(new App());
  app->clock_ = options.clock ? options.clock : &app->system_clock_;
  ZX_ASSIGN_OR_RETURN(app->db_, OpenAppDatabase(options.db_url, options.reader_connections));
  ZX_ASSIGN_OR_RETURN(app->names_, ChineseNames::Create());
  if (!options.key_text.empty()) {
    ZX_ASSIGN_OR_RETURN(app->crypto_, PiiCrypto::FromKeyText(options.key_text));
  } else {
    ZX_ASSIGN_OR_RETURN(app->crypto_, PiiCrypto::Load(options.key_file));
  }
  app->auth_ = std::make_unique<AuthService>(*app->db_, *app->clock_, options.auth);
  analytics::Rollups::Options ro;
  ro.poll_interval_ms = options.rollup_poll_ms;
  ro.start_refresher = options.rollup_poll_ms > 0;
  ro.snapshot_path = options.rollup_snapshot;
  ZX_ASSIGN_OR_RETURN(app->rollups_, analytics::Rollups::Open(*app->db_, ro));
  app->BuildRoutes(options);
  return app;
}

void App::BuildRoutes(const AppOptions& options) {
  Database& db = *db_;
  router_.Add({"GET", "/healthz", Access::kPublic, "", "", "Liveness and database check",
               [&db](RequestContext&) -> Result<HttpResponse> {
                 ZX_RETURN_IF_ERROR(db.Read([](Connection& c) { return QueryInt(c, "SELECT 1").status(); }));
                 return JsonResponse(200, R"({"status":"ok"})");
               }});
  // Open to Prometheus on this host without a session (see MetricsOpenTo), else metrics.read.
  router_.Add({"GET", "/metrics", Access::kPublic, "", "", "Prometheus metrics",
               [this](RequestContext& ctx) -> Result<HttpResponse> {
                 const HttpRequest& r = ctx.request;
                 bool forwarded = !r.Header("x-forwarded-for").empty() || !r.Header("forwarded").empty() ||
                                  !r.Header("x-real-ip").empty();
                 if (!MetricsOpenTo(r.remote_addr, forwarded)) {
                   auto caller = auth_->Authenticate(r);
                   if (!caller.ok() || caller->must_change_password || !RolesPermit(caller->roles, "metrics.read"))
                     return Status::PermissionDenied("metrics are open to loopback callers and to sessions with metrics.read");
                 }
                 HttpResponse out;
                 out.content_type = "text/plain; version=0.0.4; charset=utf-8";
                 out.body = metrics_->Render();
                 return out;
               }});
  router_.Add({"GET", "/api/v1/openapi.json", Access::kPublic, "", "", "This API's OpenAPI 3 document",
               [](RequestContext&) -> Result<HttpResponse> { return JsonResponse(200, OpenApiDocument()); }});
  RegisterAuthRoutes(router_, *auth_, db);
  RegisterUserRoutes(router_, db, *crypto_, *clock_, *auth_);
  RegisterAuditRoutes(router_, db);
  RegisterRegionRoutes(router_, db, *names_, *clock_);
  RegisterPeopleRoutes(router_, db, *crypto_, *clock_);
  RegisterImportRoutes(router_, db, *crypto_, *names_, *clock_);
  RegisterDispatchRoutes(router_, db, *clock_);
  RegisterPresenceRoutes(router_, db, *clock_);
  RegisterPresenceReportRoutes(router_, db, *clock_);
  RegisterReviewRoutes(router_, db, *clock_);
  RegisterPartyRoutes(router_, db, *clock_);
  RegisterVillageCadreRoutes(router_, db, *clock_);
  RegisterTrainingRoutes(router_, db, *clock_);
  RegisterEconomyRoutes(router_, db, *clock_);
  RegisterRewardRoutes(router_, db, *clock_);
  RegisterHouseholdRoutes(router_, db, *crypto_, *clock_);
  RegisterGridRoutes(router_, db, *clock_);
  RegisterVisitRoutes(router_, db, *clock_);
  RegisterTaskRoutes(router_, db, *clock_);
  RegisterSupervisionRoutes(router_, db, *clock_);
  RegisterResponsibilityRoutes(router_, db, *clock_);
  RegisterAnalyticsRoutes(router_, db, *rollups_, *clock_);
  RegisterPeriodRoutes(router_, db, *clock_);
  RegisterReportRoutes(router_, db, *rollups_, *clock_);

  router_.SetAuthenticator([this](const HttpRequest& r) { return auth_->Authenticate(r); });
  router_.SetPermissionCheck(RolesPermit);
  if (!options.web_root.empty()) {
    auto files = std::make_shared<StaticFiles>(options.web_root);
    router_.SetFallback([files](const HttpRequest& r) { return files->Serve(r); });
  }
  metrics_ = std::make_unique<HttpMetrics>(router_.routes());
}

}  // namespace zx
