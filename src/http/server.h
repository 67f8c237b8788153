// The HTTP/1.1 server (Boost.Beast): one I/O thread for all connections, handlers run on a worker
// pool so database work never blocks I/O. Keep-alive, a body size limit and a per-request timeout.
// Thread-safety: Run() blocks the calling thread until Stop() (or SIGINT/SIGTERM).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "http/http_types.h"

namespace zx {

struct ServerOptions {
  std::string address = "127.0.0.1";
  int port = 8080;
  size_t body_limit = 1 << 20;      // bytes; larger bodies get 413
  // Evidence uploads (POST …/attachments: a file of up to 5 MiB, base64 in JSON) get a larger limit;
  // the body limit is chosen once the request line is read.
  size_t upload_body_limit = 8 << 20;
  // Spreadsheet imports (POST /api/v1/imports/…: the XLSX or CSV file itself) get the largest.
  size_t import_body_limit = 50 << 20;
  int request_timeout_seconds = 30;  // reading one request (headers and body)
  int idle_timeout_seconds = 120;    // a keep-alive connection with no request
  int worker_threads = 8;
  // Called once per answered request, on whatever thread finished it (metrics, request log).
  std::function<void(const RequestRecord&)> observer;
  // Whether the observer needs the path, query keys and addresses (a request log), or only the
  // method, route and status (metrics): copying them costs every request a few allocations.
  bool observer_wants_details = true;
  // On a stop, how long in-flight requests may take to be answered before the server ends anyway.
  int drain_seconds = 30;
};

using RequestHandler = std::function<HttpResponse(HttpRequest&&)>;

class HttpServer {
 public:
  HttpServer(ServerOptions options, RequestHandler handler);
  ~HttpServer();
  // Binds; fails with a clear message if the port is taken.
  Status Bind();
  // The port actually bound (useful with port 0).
  int port() const;
  // Serves until Stop() or a termination signal; in-flight requests finish first.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zx
