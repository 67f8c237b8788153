// Request and response values passed between the Beast server and the router. No Beast types
// here, so modules and tests never compile Beast.
// Thread-safety: plain values.
#pragma once

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
};

// Splits "a=1&b=%E5%A4%AA" into decoded pairs; '+' is a space.
std::map<std::string, std::string> ParseQueryString(std::string_view qs);
// Percent-decodes a path or query component; false if malformed.
bool PercentDecode(std::string_view in, std::string* out, bool plus_is_space);

}  // namespace zx
