#include "auth/audit_routes.h"

#include <nlohmann/json.hpp>

#include <ctime>

#include "auth/audit.h"
#include "core/clock.h"
#include "http/errors.h"

namespace zx {

Result<int64_t> ParseDay(const std::string& text, const std::string& field) {
  int y, m, d;
  char tail;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || text.size() != 10 || m < 1 || m > 12 ||
      d < 1 || d > 31 || y < 1970 || y > 2200)
    return Status::InvalidArgument(field + " must be a date like 2026-11-22", field);
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  int64_t t = timegm(&tm);
  std::tm back{};
  time_t tt = static_cast<time_t>(t);
  gmtime_r(&tt, &back);
  if (back.tm_mday != d) return Status::InvalidArgument(field + " is not a real date", field);
  return t;
}

namespace {

// from/to query parameters as [from, to) in Unix seconds; `to` includes its whole day.
Result<std::pair<int64_t, int64_t>> DayRange(const RequestContext& ctx) {
  int64_t from = 0, to = int64_t{1} << 62;
  if (!ctx.Query("from").empty()) {
    ZX_ASSIGN_OR_RETURN(from, ParseDay(ctx.Query("from"), "from"));
  }
  if (!ctx.Query("to").empty()) {
    ZX_ASSIGN_OR_RETURN(to, ParseDay(ctx.Query("to"), "to"));
    to += 86400;
  }
  if (from >= to) return Status::InvalidArgument("from must not be after to", "from");
  return std::make_pair(from, to);
}

nlohmann::json ParsedOrNull(const Statement& st, int col) {
  if (st.IsNull(col)) return nullptr;
  auto j = nlohmann::json::parse(st.Text(col), nullptr, false);
  return j.is_discarded() ? nlohmann::json(nullptr) : j;
}

}  // namespace

void RegisterAuditRoutes(Router& router, Database& db) {
  router.Add({"GET", "/api/v1/audit", Access::kPermission, "audit.read", "",
              "Audit entries of records inside the caller's scope, newest first",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t page, ctx.IntQuery("page", 1, 1, 1000000));
                ZX_ASSIGN_OR_RETURN(int64_t page_size, ctx.IntQuery("page_size", 20, 1, 500));
                ZX_ASSIGN_OR_RETURN(auto days, DayRange(ctx));
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                // Entries without a region (system events) are only for whoever sees the whole country.
                bool whole_country = range.low == kCountryCode && range.high == "999999999999";
                std::string user = ctx.Query("user"), entity = ctx.Query("entity"), record = ctx.Query("record");
                for (auto* p : {&user, &entity, &record})
                  if (p->size() > 64) return Status::InvalidArgument("filter is too long", "user");
                std::string where =
                    "WHERE a.at >= ? AND a.at < ? AND ((a.region_code BETWEEN ? AND ?) OR (? = 1 AND a.region_code IS NULL)) "
                    "AND (? = '' OR a.username = ?) AND (? = '' OR a.entity = ?) AND (? = '' OR a.record_id = ?)";
                nlohmann::json items = nlohmann::json::array();
                int64_t total = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT COUNT(*) FROM audit_log a " + where));
                    st.Bind(days.first, days.second, range.low, range.high, whole_country ? 1 : 0, user, user, entity,
                            entity, record, record);
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    total = row ? st->Int(0) : 0;
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT a.id, a.at, a.user_id, a.username, a.remote_addr, a.request_id, a.action, a.entity, "
                      "a.record_id, a.region_code, r.name, a.before_json, a.after_json FROM audit_log a "
                      "LEFT JOIN regions r ON r.code = a.region_code " + where + " ORDER BY a.id DESC LIMIT ? OFFSET ?"));
                  st.Bind(days.first, days.second, range.low, range.high, whole_country ? 1 : 0, user, user, entity,
                          entity, record, record, page_size, (page - 1) * page_size);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"id", st->Int(0)},
                                     {"at", FormatUtc(st->Int(1))},
                                     {"user_id", st->IsNull(2) ? nlohmann::json(nullptr) : nlohmann::json(st->Int(2))},
                                     {"username", st->Text(3)},
                                     {"remote_addr", st->Text(4)},
                                     {"request_id", st->Text(5)},
                                     {"action", st->Text(6)},
                                     {"entity", st->Text(7)},
                                     {"record_id", st->Text(8)},
                                     {"region_code", st->IsNull(9) ? nlohmann::json(nullptr) : nlohmann::json(st->Text(9))},
                                     {"region_name", st->IsNull(10) ? nlohmann::json(nullptr) : nlohmann::json(st->Text(10))},
                                     {"before", ParsedOrNull(*st, 11)},
                                     {"after", ParsedOrNull(*st, 12)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}, {"total", total}, {"page", page},
                                                        {"page_size", page_size}}.dump());
              }});

  router.Add({"GET", "/api/v1/audit/verify", Access::kPermission, "audit.verify", "",
              "Check the audit log's hash chain; names the first broken row",
              [&db](RequestContext&) -> Result<HttpResponse> {
                AuditVerifyResult r;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(r, VerifyAuditChain(c));
                  return Status::Ok();
                }));
                nlohmann::json out = {{"ok", r.ok}, {"rows", r.rows}, {"first_broken", nullptr}};
                if (!r.ok) out["first_broken"] = {{"id", r.first_broken_id}, {"reason", r.reason}};
                return JsonResponse(200, out.dump());
              }});

  router.Add({"GET", "/api/v1/login-log", Access::kPermission, "loginlog.read", "",
              "Login attempts of accounts inside the caller's scope, newest first",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t page, ctx.IntQuery("page", 1, 1, 1000000));
                ZX_ASSIGN_OR_RETURN(int64_t page_size, ctx.IntQuery("page_size", 20, 1, 500));
                ZX_ASSIGN_OR_RETURN(auto days, DayRange(ctx));
                std::string username = ctx.Query("username"), outcome = ctx.Query("outcome");
                if (username.size() > 64 || outcome.size() > 20)
                  return Status::InvalidArgument("filter is too long", "username");
                CodeRange range = SubtreeRange(ctx.caller->scope_code, ctx.caller->scope_level);
                bool whole_country = ctx.caller->scope_level == RegionLevel::kCountry;
                // Attempts on unknown user names belong to no scope: only the whole country sees them.
                std::string where =
                    "WHERE l.at >= ? AND l.at < ? AND ((u.scope_code BETWEEN ? AND ?) OR (? = 1 AND u.id IS NULL)) "
                    "AND (? = '' OR l.username = ?) AND (? = '' OR l.outcome = ?)";
                nlohmann::json items = nlohmann::json::array();
                int64_t total = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                        "SELECT COUNT(*) FROM login_log l LEFT JOIN users u ON u.id = l.user_id " + where));
                    st.Bind(days.first, days.second, range.low, range.high, whole_country ? 1 : 0, username, username,
                            outcome, outcome);
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    total = row ? st->Int(0) : 0;
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT l.id, l.at, l.username, l.remote_addr, l.outcome FROM login_log l "
                      "LEFT JOIN users u ON u.id = l.user_id " + where + " ORDER BY l.id DESC LIMIT ? OFFSET ?"));
                  st.Bind(days.first, days.second, range.low, range.high, whole_country ? 1 : 0, username, username,
                          outcome, outcome, page_size, (page - 1) * page_size);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"id", st->Int(0)}, {"at", FormatUtc(st->Int(1))}, {"username", st->Text(2)},
                                     {"remote_addr", st->Text(3)}, {"outcome", st->Text(4)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}, {"total", total}, {"page", page},
                                                        {"page_size", page_size}}.dump());
              }});
}

}  // namespace zx
