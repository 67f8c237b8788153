#include <spdlog/async.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "app/app.h"
#include "cli/commands.h"
#include "http/server.h"
#include "modules/tasks/task_store.h"
#include "ops/metrics.h"
#include "ops/request_log.h"

namespace zx {

namespace {

// The request log: one line per request through an asynchronous logger, so a handler thread only
// formats its line and queues it; a background thread writes, and flushes once a second.
std::shared_ptr<spdlog::logger> MakeRequestLogger(const std::string& format, const std::string& file) {
  spdlog::init_thread_pool(32768, 1);
  spdlog::sink_ptr sink;
  if (file.empty()) sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  else sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(file);
  auto logger = std::make_shared<spdlog::async_logger>("requests", sink, spdlog::thread_pool(),
                                                       spdlog::async_overflow_policy::block);
  if (format == "json") logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ",%v})", spdlog::pattern_time_type::utc);
  else logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %v", spdlog::pattern_time_type::utc);
  spdlog::register_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
  return logger;
}

// The server links jemalloc (CMakeLists.txt); the weak reference keeps this file linkable without it.
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen) __attribute__((weak));

// The rollup build frees about as much as it keeps; hand those pages back to the system now
// rather than after the allocator's decay time, so the resident size after start is what the
// server really holds. 4096 is jemalloc's MALLCTL_ARENAS_ALL.
void ReturnFreedMemory() {
  if (mallctl) mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
}

// The snapshot beside a SQLite file unless told otherwise; none for PostgreSQL unless a path is given.
std::string DefaultRollupSnapshot(const std::string& db, const std::string& asked) {
  if (asked == "none") return "";
  if (!asked.empty()) return asked;
  std::string path = db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db;
  if (path.find("://") != std::string::npos || path.empty() || path == ":memory:") return "";
  return path + ".rollups";
}

}  // namespace

void AddServeCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* cmd = app.add_subcommand("serve", "Run the HTTP server (API and web UI)");
  AddDbOption(cmd, common);
  AddKeyFileOption(cmd, common);
  auto opts = std::make_shared<ServerOptions>();
  auto web = std::make_shared<std::string>();
  auto idle_minutes = std::make_shared<int64_t>(30);
  auto idle_seconds = std::make_shared<int64_t>(0);
  cmd->add_option("--host", opts->address, "Listen address (loopback by default)")
      ->envname("ZHENXING_HOST")->capture_default_str();
  cmd->add_option("--port", opts->port, "Listen port")->envname("ZHENXING_PORT")->capture_default_str();
  cmd->add_option("--web", *web, "Folder of the built web UI (default: web/dist of the project)")
      ->envname("ZHENXING_WEB");
  cmd->add_option("--workers", opts->worker_threads, "Handler threads")->capture_default_str();
  cmd->add_option("--request-timeout", opts->request_timeout_seconds,
                  "Seconds a client may take to send one request (slow clients are cut off)")
      ->capture_default_str();
  auto log_format = std::make_shared<std::string>("text");
  auto log_file = std::make_shared<std::string>();
  cmd->add_option("--log-format", *log_format,
                  "Request log: json (one JSON object a line) or text; text without --log-file logs no requests")
      ->check(CLI::IsMember({"json", "text"}))->envname("ZHENXING_LOG_FORMAT")->capture_default_str();
  cmd->add_option("--log-file", *log_file, "Append the request log to this file instead of stderr")
      ->envname("ZHENXING_LOG_FILE");
  cmd->add_option("--body-limit", opts->body_limit, "Largest request body in bytes")->capture_default_str();
  cmd->add_option("--session-idle-minutes", *idle_minutes, "Idle time after which a session ends")
      ->envname("ZHENXING_SESSION_IDLE_MINUTES")->capture_default_str();
  cmd->add_option("--session-idle-seconds", *idle_seconds, "Same in seconds (overrides minutes; for tests)");
  auto clock_offset = std::make_shared<int64_t>(0);
  cmd->add_option("--clock-offset-seconds", *clock_offset,
                  "Run as if the time were this many seconds later (rehearsals and tests only)");
  auto rollup_poll_ms = std::make_shared<int>(200);
  cmd->add_option("--rollup-poll-ms", *rollup_poll_ms,
                  "How often the rollups apply new writes (ms; freshness is at most about this)")
      ->check(CLI::Range(20, 900))->envname("ZHENXING_ROLLUP_POLL_MS")->capture_default_str();
  auto rollup_snapshot = std::make_shared<std::string>();
  cmd->add_option("--rollup-snapshot", *rollup_snapshot,
                  "File the rollups are saved to at shutdown and started from (default for SQLite: the database "
                  "file + .rollups; 'none' to always build from the records)")
      ->envname("ZHENXING_ROLLUP_SNAPSHOT");
  auto body = [&common, opts, web, idle_minutes, idle_seconds, clock_offset, log_format, log_file,
               rollup_poll_ms, rollup_snapshot]() -> int {
    EnsureDbFolder(common.db);
    AppOptions o;
    o.db_url = common.db;
    o.key_file = common.key_file;
    o.web_root = web->empty() ? ProjectRoot() + "/web/dist" : *web;
    o.auth.idle_timeout_seconds = *idle_seconds > 0 ? *idle_seconds : *idle_minutes * 60;
    o.rollup_poll_ms = *rollup_poll_ms;
    o.rollup_snapshot = DefaultRollupSnapshot(common.db, *rollup_snapshot);
    OffsetClock shifted(*clock_offset);
    if (*clock_offset != 0) {
      o.clock = &shifted;
      spdlog::warn("the clock runs {} s ahead of the system clock (--clock-offset-seconds)", *clock_offset);
    }
    auto app = App::Open(o);
    if (!app.ok()) {
      std::cerr << "zhenxing serve: " << app.status().ToString() << "\n";
      return 1;
    }
    if (!std::filesystem::exists(o.web_root + "/index.html"))
      spdlog::warn("web UI not found in {} (build it with `make web`); the API still works", o.web_root);
    App& a = **app;
    ReturnFreedMemory();
    {
      auto rs = a.rollups().stats();
      if (rs.from_snapshot)
        spdlog::info("rollups: loaded from {} in {:.1f} s ({} entries)", o.rollup_snapshot, rs.build_seconds, rs.entries);
      else
        spdlog::info("rollups: built from {} records in {:.1f} s ({} entries){}", rs.rows_loaded, rs.build_seconds,
                     rs.entries, rs.snapshot_note.empty() ? "" : "; snapshot not used: " + rs.snapshot_note);
    }
    std::shared_ptr<spdlog::logger> request_log;
    if (*log_format == "json" || !log_file->empty()) request_log = MakeRequestLogger(*log_format, *log_file);
    const auto& routes = a.router().routes();
    opts->observer = [&a, &routes, request_log, json = *log_format == "json"](const RequestRecord& r) {
      a.metrics().Observe(r.route_index, r.method, r.status, r.seconds);
      if (!request_log) return;
      std::string_view route = r.route_index >= 0 ? std::string_view(routes[r.route_index].pattern) : "";
      request_log->info(json ? RequestLogJsonFields(r, route) : RequestLogText(r, route));
    };
    opts->observer_wants_details = request_log != nullptr;
    HttpServer server(*opts, [&a](HttpRequest&& r) { return a.Handle(r); });
    Status bound = server.Bind();
    if (!bound.ok()) {
      std::cerr << "zhenxing serve: " << bound.ToString() << "\n";
      return 1;
    }
    // Escalations of overdue tasks and cycle periods, on the server's clock, once a minute.
    TaskJobTimer task_jobs(a.db(), a.clock(), 60);
    spdlog::info("zhenxing serving http://{}:{}/ (database {})", opts->address, server.port(), common.db);
    server.Run();
    task_jobs.Stop();
    a.rollups().Stop();  // its refresher writes through the database, so it stops before the writer
    if (!o.rollup_snapshot.empty()) spdlog::info("rollups: snapshot {}", a.rollups().stats().snapshot_note);
    // Drain the writer while the server (and its I/O context) still exists: answers of writes
    // still queued are handed to it, and it drops them, instead of to a destroyed one.
    a.db().Close();
    spdlog::info("zhenxing stopped");
    // Queued lines are written by spdlog's thread pool, which drains its queue before the process ends.
    if (request_log) request_log->flush();
    return 0;
  };
  cmd->callback([&run, body] { run = body; });
}

}  // namespace zx
