#include "ops/request_log.h"

#include <fmt/format.h>

namespace zx {

std::string JsonEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) out += fmt::format("\\u{:04x}", c);
        else out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string RequestLogJsonFields(const RequestRecord& r, std::string_view route) {
  std::string out = fmt::format(
      R"("request_id":"{}","method":"{}","path":"{}","route":"{}","status":{},"duration_ms":{:.3f})",
      JsonEscape(r.request_id), JsonEscape(r.method), JsonEscape(r.path), JsonEscape(route), r.status,
      r.seconds * 1000.0);
  if (!r.query_keys.empty()) out += fmt::format(R"(,"query_keys":"{}")", JsonEscape(r.query_keys));
  if (r.user_id > 0) out += fmt::format(R"(,"user_id":{})", r.user_id);
  out += fmt::format(R"(,"remote":"{}")", JsonEscape(r.remote_addr));
  if (!r.forwarded_for.empty()) out += fmt::format(R"(,"forwarded_for":"{}")", JsonEscape(r.forwarded_for));
  return out;
}

std::string RequestLogText(const RequestRecord& r, std::string_view route) {
  // Control characters in the path would forge lines; escape them like JSON does.
  return fmt::format("{} {} {} {} {} {:.3f}ms user={} remote={}", r.request_id, r.method, JsonEscape(r.path),
                     route, r.status, r.seconds * 1000.0, r.user_id, r.remote_addr);
}

}  // namespace zx
