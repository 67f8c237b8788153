// The composition root: opens the database, builds the services and the route table of every
// module. The server, the CLI and the tests all start here, so they run the same wiring.
// Thread-safety: build once, then Handle() is safe from many threads.
#pragma once

#include <memory>
#include <string>

#include "analytics/rollups.h"
#include "auth/pii_crypto.h"
#include "auth/sessions.h"
#include "core/clock.h"
#include "http/router.h"
#include "modules/regions/chinese_names.h"
#include "ops/metrics.h"
#include "store/database.h"

namespace zx {

struct AppOptions {
  std::string db_url;
  std::string web_root;  // built UI files; empty = no UI
  std::string key_file;  // data keys for personal data (auth/pii_crypto.h); empty = ZHENXING_DATA_KEY
  std::string key_text;  // or the key lines themselves (tests)
  AuthOptions auth;
  int reader_connections = 4;
  const Clock* clock = nullptr;  // null = the system clock
  int rollup_poll_ms = 200;      // how often the rollups apply new writes; 0 = only when asked (tests)
  std::string rollup_snapshot;   // file the rollups are saved to at shutdown and loaded from; empty: none
};

class App {
 public:
  static Result<std::unique_ptr<App>> Open(const AppOptions& options);
  ~App();

  HttpResponse Handle(const HttpRequest& request) const { return router_.Dispatch(request); }
  Database& db() { return *db_; }
  const Router& router() const { return router_; }
  AuthService& auth() { return *auth_; }
  const ChineseNames& names() const { return *names_; }
  const Clock& clock() const { return *clock_; }
  const PiiCrypto& crypto() const { return *crypto_; }
  HttpMetrics& metrics() { return *metrics_; }
  analytics::Rollups& rollups() { return *rollups_; }

 private:
  App() = default;
  void BuildRoutes(const AppOptions& options);

  SystemClock system_clock_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<Database> db_;
  std::unique_ptr<ChineseNames> names_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<PiiCrypto> crypto_;
  std::unique_ptr<analytics::Rollups> rollups_;
  Router router_;
  std::unique_ptr<HttpMetrics> metrics_;  // one slot per route, so made after the routes
};

// Opens just the database (for CLI commands that need no HTTP wiring).
Result<std::unique_ptr<Database>> OpenAppDatabase(const std::string& url, int readers = 2);

}  // namespace zx
