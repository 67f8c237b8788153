// Request and response values passed between the Beast server and the router. No Beast types
// here, so modules and tests never compile Beast.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace zx {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query, e.g. "/api/v1/regions/610331"
  std::map<std::string, std::string> query;
  std::unordered_map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote_addr;
  std::string request_id;

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string Cookie(const std::string& name) const;
};

struct HttpResponse;
// Hands the final answer to the server from whatever thread finished the work.
using ResponseSink = std::function<void(HttpResponse)>;

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, ...)
  // Set by handlers that answer later (after a queued write): the server calls it with a sink and
  // sends whatever reaches the sink. The handler's thread is free meanwhile.
  std::function<void(ResponseSink)> deferred;
  // Set by the router for the server's metrics and request log: the matched route's index in the
  // route table (-1 if none) and the authenticated user (0 if none).
  int route_index = -1;
  int64_t user_id = 0;
};

// What the server tells its observer about each answered request (metrics, request log).
struct RequestRecord {
  std::string method;
  std::string path;        // without the query
  std::string query_keys;  // the query's parameter names, comma-separated; values may be personal data
  std::string remote_addr;
  std::string forwarded_for;  // X-Forwarded-For as a reverse proxy sent it (the proxy is remote_addr)
  std::string request_id;
  int status = 0;
  int route_index = -1;
  int64_t user_id = 0;
  double seconds = 0;  // from the request's last byte read to its answer handed to the socket
};

// Splits "a=1&b=%E5%A4%AA" into decoded pairs; '+' is a space.
std::map<std::string, std::string> ParseQueryString(std::string_view qs);
// Percent-decodes a path or query component; false if malformed.
bool PercentDecode(std::string_view in, std::string* out, bool plus_is_space);

}  // namespace zx
