// One log line per answered request: JSON (one object a line, for log collectors) or text. The
// time is added by the logger's pattern, so these functions build the rest. Only the query's
// parameter names are logged: their values may be names, ID numbers or phone numbers.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "http/http_types.h"

namespace zx {

// The members after "time": `"request_id":"…","method":…,"remote":"…"` (no braces).
std::string RequestLogJsonFields(const RequestRecord& r, std::string_view route);
std::string RequestLogText(const RequestRecord& r, std::string_view route);
// Escapes a string for a JSON string literal (quotes not included).
std::string JsonEscape(std::string_view s);

}  // namespace zx
