#include "modules/presence/presence_routes.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <mutex>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/dispatch/dispatch_routes.h"
#include "modules/periods/period_guard.h"

namespace zx {
namespace {


// The caller acts for the person: a cadre for themself; an administrator with presence.manage
// for anyone in scope.
Status MayActFor(const Caller& caller, int64_t person_id) {
  if (caller.person_id == person_id) return Status::Ok();
  for (const auto& r : caller.roles)
    if (r == "sys_admin" || r == "org_admin") return Status::Ok();
  return Status::PermissionDenied("只能为本人签到、填报");
}

std::string Today(const Clock& clock) { return ChinaDay(clock.NowSeconds()); }

nlohmann::json CheckinView(const Statement& st) {
  return {{"id", st.Int(0)},         {"client_id", st.Text(1)},      {"dispatch_id", st.Int(2)},
          {"person_id", st.Int(3)},  {"village_code", st.Text(4)},   {"day", st.Text(5)},
          {"device_time", FormatUtc(st.Int(6))}, {"server_time", FormatUtc(st.Int(7))},
          {"latitude", st.Double(8)}, {"longitude", st.Double(9)},   {"distance_m", st.Double(10)},
          {"within", st.Int(11) != 0}, {"late", st.Int(12) != 0}};
}

constexpr char kCheckinColumns[] =
    "SELECT id, client_id, dispatch_id, person_id, village_code, day, device_time, server_time, latitude, longitude, "
    "distance_m, within, late FROM checkins ";

}  // namespace

Result<PresenceRule> RuleFor(Connection& c, const std::string& village) {
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(village));
  // The nearest rule up the tree is the one with the largest code (see SelfAndAncestors).
  std::vector<std::string> codes = SelfAndAncestors(village, level);
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT min_days, warning_days, radius_m FROM presence_rules WHERE region_code IN "
                                         "(?, ?, ?, ?, ?, ?) ORDER BY region_code DESC LIMIT 1"));
  st.Bind(codes[0], codes[1], codes[2], codes[3], codes[4], codes[5]);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (row) return PresenceRule{static_cast<int>(st->Int(0)), static_cast<int>(st->Int(1)), static_cast<int>(st->Int(2))};
  return PresenceRule{};
}

Result<std::vector<DispatchMonth>> MonthPresenceFor(Connection& c, const CodeRange& range, const std::string& month) {
  ZX_ASSIGN_OR_RETURN(std::vector<std::string> days, DaysOfMonth(month, "month"));
  const std::string first = days.front(), last = days.back();
  std::vector<DispatchMonth> out;
  std::map<int64_t, size_t> index;
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
        "SELECT d.id, d.person_id, p.name, d.village_code, v.name, t.name, d.role, u.level FROM dispatches d "
        "JOIN people p ON p.id = d.person_id JOIN regions v ON v.code = d.village_code "
        "JOIN sending_units u ON u.id = d.sending_unit_id "
        "JOIN regions t ON t.code = v.parent_code WHERE d.village_code BETWEEN ? AND ? AND d.term_start <= ? "
        "AND d.term_end >= ? AND (d.status = 'in_post' OR d.id IN (SELECT dispatch_id FROM dispatch_history h "
        "WHERE h.at >= ?)) ORDER BY d.village_code, d.role, d.id"));
    ZX_ASSIGN_OR_RETURN(int64_t month_start, ChinaDayStart(first, "month"));
    st.Bind(range.low, range.high, last, first, month_start);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      DispatchMonth m;
      m.dispatch_id = st->Int(0);
      m.person_id = st->Int(1);
      m.person_name = st->Text(2);
      m.village_code = st->Text(3);
      m.village_name = st->Text(4);
      m.township_name = st->Text(5);
      m.role = st->Text(6);
      m.unit_level = st->Text(7);
      index[m.dispatch_id] = out.size();
      out.push_back(std::move(m));
    }
  }
  std::map<int64_t, std::set<std::string>> evidence, leave;
  // Evidence: check-ins inside the radius and work logs written in the village.
  for (const char* sql : {"SELECT c.dispatch_id, c.day FROM checkins c WHERE c.village_code BETWEEN ? AND ? AND "
                          "c.day BETWEEN ? AND ? AND c.within = 1",
                          "SELECT w.dispatch_id, w.day FROM work_logs w WHERE w.village_code BETWEEN ? AND ? AND "
                          "w.day BETWEEN ? AND ? AND w.in_village = 1"}) {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(sql));
    st.Bind(range.low, range.high, first, last);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      evidence[st->Int(0)].insert(st->Text(1));
    }
  }
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT dispatch_id, start_day, end_day FROM leaves WHERE village_code BETWEEN ? "
                                           "AND ? AND status = 'approved' AND start_day <= ? AND end_day >= ?"));
    st.Bind(range.low, range.high, last, first);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      for (const auto& d : DayRange(std::max(st->Text(1), first), std::min(st->Text(2), last))) leave[st->Int(0)].insert(d);
    }
  }
  std::map<std::string, PresenceRule> rules;
  for (auto& m : out) {
    if (!rules.count(m.village_code)) {
      ZX_ASSIGN_OR_RETURN(rules[m.village_code], RuleFor(c, m.village_code));
    }
    m.rule = rules[m.village_code];
    m.presence = JudgeMonth(evidence[m.dispatch_id], leave[m.dispatch_id], m.rule);
  }
  return out;
}

namespace {

// What a check-in needs to know about a cadre's posting, kept for a second (see the handler).
struct PostingFacts {
  int64_t dispatch_id;
  double latitude, longitude;
  int radius_m;
};

class PostingCache {
 public:
  std::optional<PostingFacts> Get(int64_t person, const std::string& village) {
    std::lock_guard lock(mu_);
    auto it = map_.find({person, village});
    if (it == map_.end() || std::chrono::steady_clock::now() - it->second.second > std::chrono::seconds(1))
      return std::nullopt;
    return it->second.first;
  }
  void Put(int64_t person, const std::string& village, const PostingFacts& f) {
    std::lock_guard lock(mu_);
    if (map_.size() > 200000) map_.clear();
    map_[{person, village}] = {f, std::chrono::steady_clock::now()};
  }

 private:
  std::mutex mu_;
  std::map<std::pair<int64_t, std::string>, std::pair<PostingFacts, std::chrono::steady_clock::time_point>> map_;
};

}  // namespace

void RegisterPresenceRoutes(Router& router, Database& db, const Clock& clock) {
  auto postings = std::make_shared<PostingCache>();
  // Check-ins are never refused for a locked reporting period (period_guard.h): they are device
  // evidence, and a phone offline for days must still be able to upload them.
  router.Add({"POST", "/api/v1/checkins", Access::kPermission, "presence.checkin", "",
              "A check-in from the phone; offline ones may arrive late; the same client_id is stored once",
              [&db, &clock, postings](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string client_id, body.String("client_id", 64));
                ZX_ASSIGN_OR_RETURN(int64_t person_id, body.Int("person_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string village_input, body.String("village_code", 12));
                ZX_ASSIGN_OR_RETURN(int64_t device_time, body.Int("device_time", 0, int64_t{1} << 40));
                // Ranges are checked by CheckPosition, with the messages cadres see.
                ZX_ASSIGN_OR_RETURN(double lat, body.Number("latitude", -1e9, 1e9));
                ZX_ASSIGN_OR_RETURN(double lon, body.Number("longitude", -1e9, 1e9));
                ZX_ASSIGN_OR_RETURN(std::optional<double> accuracy, body.OptionalNumber("accuracy_m", -1e9, 1e9));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(CheckPosition(lat, lon, accuracy));
                int64_t now = clock.NowSeconds();
                ZX_RETURN_IF_ERROR(CheckCheckinTime(device_time, now));
                ZX_ASSIGN_OR_RETURN(std::string village, ParseRegionCode(village_input, "village_code"));
                if (!ctx.caller->InScope(village)) return Status::NotFound("region " + village + " not found");
                ZX_RETURN_IF_ERROR(MayActFor(*ctx.caller, person_id));
                // Everything that needs looking up is read first, so the single writer does one statement.
                // A cadre's posting, the village position and the rule are cached for a second: the
                // writer re-checks that the dispatch is still in post, so the cache cannot let a
                // check-in through after a recall.
                int64_t dispatch_id = 0;
                double distance = 0;
                bool within = false;
                Status checked = Status::Ok();
                std::optional<PostingFacts> facts = postings->Get(person_id, village);
                if (!facts) {
                  checked = db.Read([&](Connection& c) -> Status {
                    ZX_ASSIGN_OR_RETURN(int64_t known, QueryInt(c, "SELECT COUNT(*) FROM people WHERE id = ?", person_id));
                    if (!known) return Status::InvalidArgument("人员库中没有该人员", "person_id");
                    ZX_ASSIGN_OR_RETURN(std::optional<DispatchInfo> d, InPostDispatch(c, person_id, village));
                    if (!d) return Status::InvalidArgument("该人员未在此村在岗驻村", "village_code");
                    ZX_ASSIGN_OR_RETURN(Stmt pos, c.Prepare("SELECT latitude, longitude FROM regions WHERE code = ?"));
                    pos.Bind(village);
                    ZX_ASSIGN_OR_RETURN(bool has, pos->Step());
                    if (!has || pos->IsNull(0))
                      return Status::InvalidArgument("该村尚未设置位置，无法核验签到", "village_code");
                    ZX_ASSIGN_OR_RETURN(PresenceRule rule, RuleFor(c, village));
                    facts = PostingFacts{d->id, pos->Double(0), pos->Double(1), rule.radius_m};
                    return Status::Ok();
                  });
                  if (checked.ok()) postings->Put(person_id, village, *facts);
                }
                if (facts) {
                  dispatch_id = facts->dispatch_id;
                  distance = std::round(DistanceMeters(lat, lon, facts->latitude, facts->longitude));
                  within = distance <= facts->radius_m;
                }
                // What the write needs, owned by the write itself: the handler returns before it runs.
                struct Pending {
                  Status checked;
                  std::string client_id, village, day;
                  int64_t dispatch_id, person_id, device_time, now;
                  double lat, lon, distance;
                  std::optional<double> accuracy;
                  bool within, late, duplicate = false;
                  int64_t id = 0;
                  std::string answer_tail;  // the new check-in's answer after its id, rendered ahead
                  nlohmann::json view;      // the stored check-in, for a repeated client_id
                };
                auto p = std::make_shared<Pending>();
                *p = Pending{checked, client_id, village, ChinaDay(device_time), dispatch_id, person_id, device_time, now,
                             lat, lon, distance, accuracy, within, now - device_time > kLateAfterSeconds};
                // The answer is rendered here, on a worker, so the single writer only adds the id.
                nlohmann::json fields = {{"client_id", client_id}, {"dispatch_id", dispatch_id}, {"person_id", person_id},
                                         {"village_code", village}, {"day", p->day}, {"device_time", FormatUtc(device_time)},
                                         {"server_time", FormatUtc(now)}, {"latitude", lat}, {"longitude", lon},
                                         {"distance_m", distance}, {"within", within}, {"late", p->late}};
                std::string rendered = fields.dump();  // {"client_id":...}
                p->answer_tail = "," + rendered.substr(1) + ",\"duplicate\":false}";
                WorkFn write = [p](Connection& c) -> Status {
                  // Stored only while the dispatch is still in post; a client_id already stored is
                  // a retry of the same check-in, answered with what was kept.
                  if (p->checked.ok()) {
                    static const std::string kInsert =
                        "INSERT INTO checkins(client_id, dispatch_id, person_id, village_code, day, device_time, server_time, "
                        "latitude, longitude, accuracy_m, distance_m, within, late) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
                        "WHERE EXISTS (SELECT 1 FROM dispatches WHERE id = ? AND status = 'in_post') ON CONFLICT DO NOTHING";
                    // SQLite: the new id from the connection (RETURNING would build a temporary
                    // table for every check-in, on the single writer); PostgreSQL: RETURNING.
                    const bool sqlite = c.dialect() == Dialect::kSqlite;
                    static const std::string kInsertReturning = kInsert + " RETURNING id";
                    ZX_ASSIGN_OR_RETURN(Stmt ins, c.Prepare(sqlite ? kInsert : kInsertReturning));
                    ins.Bind(p->client_id, p->dispatch_id, p->person_id, p->village, p->day, p->device_time, p->now,
                             p->lat, p->lon, p->accuracy, p->distance, p->within, p->late, p->dispatch_id);
                    ZX_ASSIGN_OR_RETURN(bool row, ins->Step());
                    if (sqlite && c.Changes() == 1) {
                      p->id = c.LastInsertRowId();
                      return Status::Ok();
                    }
                    if (row) {
                      p->id = ins->Int(0);
                      return Status::Ok();
                    }
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kCheckinColumns) + "WHERE client_id = ?"));
                  st.Bind(p->client_id);
                  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                  if (!row) return p->checked.ok() ? Status::InvalidArgument("该人员未在此村在岗驻村", "village_code") : p->checked;
                  if (st->Int(3) != p->person_id) return Status::Conflict("client_id 已被他人使用", "client_id");
                  p->view = CheckinView(*st);
                  p->duplicate = true;
                  return Status::Ok();
                };
                HttpResponse deferred;
                deferred.deferred = [&db, p, write](ResponseSink sink) {
                  db.Submit(write, [p, sink](Status s) {
                    if (!s.ok()) return sink(ErrorResponse(s));
                    if (p->duplicate)
                      return sink(JsonResponse(200, nlohmann::json{{"checkin", p->view}, {"duplicate", true}}.dump()));
                    sink(JsonResponse(201, "{\"checkin\":{\"id\":" + std::to_string(p->id) + p->answer_tail));
                  });
                };
                return deferred;
              }});

  router.Add({"GET", "/api/v1/checkins", Access::kPermission, "presence.read", "",
              "Check-ins at villages in scope for a day range (a person's, or all)",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string from = ctx.Query("from"), to = ctx.Query("to");
                ZX_RETURN_IF_ERROR(ChinaDayStart(from, "from").status());
                ZX_RETURN_IF_ERROR(ChinaDayStart(to, "to").status());
                ZX_ASSIGN_OR_RETURN(int64_t person, ctx.IntQuery("person", 0, 0, int64_t{1} << 50));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kCheckinColumns) +
                                                         "WHERE village_code BETWEEN ? AND ? AND day BETWEEN ? AND ? AND "
                                                         "(? = 0 OR person_id = ?) ORDER BY device_time LIMIT 5000"));
                  st.Bind(range.low, range.high, from, to, person, person);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back(CheckinView(*st));
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"GET", "/api/v1/presence/month", Access::kPermission, "presence.read", "",
              "Days in the village in a month for every stationed cadre in scope, judged against the rule, "
              "with the compliant / warning / non-compliant lists",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string month = ctx.Query("month");
                std::vector<DispatchMonth> months;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(months, MonthPresenceFor(c, range, month));
                  return Status::Ok();
                }));
                nlohmann::json items = nlohmann::json::array();
                std::map<std::string, int64_t> counts = {{"compliant", 0}, {"warning", 0}, {"non_compliant", 0}};
                for (const auto& m : months) {
                  const char* judged = ComplianceName(m.presence.compliance);
                  ++counts[judged];
                  items.push_back({{"dispatch_id", m.dispatch_id},
                                   {"person", {{"id", m.person_id}, {"name", m.person_name}}},
                                   {"village", {{"code", m.village_code}, {"name", m.village_name}, {"township", m.township_name}}},
                                   {"role", m.role},
                                   {"days_in_village", m.presence.days_in_village},
                                   {"leave_days", m.presence.leave_days.size()},
                                   {"min_days", m.rule.min_days},
                                   {"compliance", judged}});
                }
                return JsonResponse(200, nlohmann::json{{"month", month}, {"items", items}, {"counts", counts}}.dump());
              }});

  router.Add({"GET", "/api/v1/presence/rules", Access::kPermission, "presence.read", "",
              "The presence rule in force for a region (nearest rule up the tree, or the defaults)",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                std::string region = ctx.Query("region", ctx.caller->scope_code);
                ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(region, "region"));
                if (!ctx.caller->InScope(code)) return Status::NotFound("region " + code + " not found");
                PresenceRule rule;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(rule, RuleFor(c, code));
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"region_code", code}, {"min_days", rule.min_days},
                                                        {"warning_days", rule.warning_days}, {"radius_m", rule.radius_m}}.dump());
              }});

  router.Add({"PUT", "/api/v1/presence/rules/{code}", Access::kPermission, "presence.manage", "code",
              "Set the presence rule of a region and everything below it",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t min_days, body.Int("min_days", 1, 31));
                ZX_ASSIGN_OR_RETURN(int64_t warning_days, body.Int("warning_days", 0, 31));
                ZX_ASSIGN_OR_RETURN(int64_t radius, body.Int("radius_m", 50, 50000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (warning_days > min_days) return Status::InvalidArgument("预警天数不能大于达标天数", "warning_days");
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", ctx.scope_code));
                  if (!n) return Status::NotFound("region " + ctx.scope_code + " not found");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO presence_rules(region_code, min_days, warning_days, radius_m) "
                                               "VALUES (?, ?, ?, ?) ON CONFLICT(region_code) DO UPDATE SET "
                                               "min_days = excluded.min_days, warning_days = excluded.warning_days, "
                                               "radius_m = excluded.radius_m",
                                               ctx.scope_code, min_days, warning_days, radius));
                  return AppendAudit(c, ActorOf(ctx), {"update", "presence_rule", ctx.scope_code, ctx.scope_code, std::nullopt,
                                                       nlohmann::json{{"min_days", min_days}, {"warning_days", warning_days},
                                                                      {"radius_m", radius}}},
                                     clock.NowSeconds());
                }));
                return JsonResponse(200, nlohmann::json{{"region_code", ctx.scope_code}, {"min_days", min_days},
                                                        {"warning_days", warning_days}, {"radius_m", radius}}.dump());
              }});

  router.Add({"POST", "/api/v1/leaves", Access::kPermission, "leave.request", "",
              "Ask for leave; overlapping or retroactive requests are refused",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t dispatch_id, body.Int("dispatch_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string start, body.String("start_day", 10));
                ZX_ASSIGN_OR_RETURN(std::string end, body.String("end_day", 10));
                ZX_ASSIGN_OR_RETURN(std::string reason, body.String("reason", 500));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(CheckLeaveDates(start, end, Today(clock)));
                int64_t days = static_cast<int64_t>(DayRange(start, end).size());
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  auto d = FindDispatch(c, dispatch_id);
                  if (!d.ok() || !ctx.caller->InScope(d->village_code))
                    return Status::InvalidArgument("没有该选派记录", "dispatch_id");
                  ZX_RETURN_IF_ERROR(MayActFor(*ctx.caller, d->person_id));
                  if (d->status != "in_post") return Status::InvalidArgument("该选派已结束", "dispatch_id");
                  ZX_ASSIGN_OR_RETURN(int64_t overlap, QueryInt(c,
                      "SELECT COUNT(*) FROM leaves WHERE dispatch_id = ? AND status IN ('pending', 'township_approved', "
                      "'approved') AND start_day <= ? AND end_day >= ?", dispatch_id, end, start));
                  if (overlap) return Status::Conflict("与已有的请假时间重叠", "start_day");
                  bool needs_county = days > kLeaveDaysNeedingCounty;
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "INSERT INTO leaves(dispatch_id, village_code, start_day, end_day, days, reason, status, needs_county, "
                      "requested_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
                      dispatch_id, d->village_code, start, end, days, reason, needs_county, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM leaves WHERE dispatch_id = ?", dispatch_id));
                  view = {{"id", id}, {"dispatch_id", dispatch_id}, {"start_day", start}, {"end_day", end}, {"days", days},
                          {"reason", reason}, {"status", "pending"}, {"needs_county", needs_county}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "leave", std::to_string(id), d->village_code, std::nullopt, view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  Route decide{"POST", "/api/v1/leaves/{id}/decision", Access::kPermission, "leave.approve", "",
               "Approve or reject leave: the township first, then the county for leave longer than 3 days",
               [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                 ZX_ASSIGN_OR_RETURN(std::string decision, body.String("decision", 10));
                 ZX_ASSIGN_OR_RETURN(std::optional<std::string> comment, body.OptionalString("comment", 500));
                 ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                 if (decision != "approve" && decision != "reject")
                   return Status::InvalidArgument("decision must be approve or reject", "decision");
                 int64_t now = clock.NowSeconds();
                 nlohmann::json out;
                 ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                   ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT status, needs_county, village_code FROM leaves WHERE id = ?"));
                   st.Bind(id);
                   ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                   if (!row) return Status::NotFound("leave not found");
                   std::string status = st->Text(0), village = st->Text(2);
                   bool needs_county = st->Int(1) != 0;
                   // Which step is due decides who may take it: township staff first, the county second.
                   bool township_step = status == "pending";
                   bool county_step = status == "township_approved";
                   if (!township_step && !county_step) return Status::Conflict("该请假已处理完毕（" + status + "）", "decision");
                   RegionLevel level = ctx.caller->scope_level;
                   bool county_or_above = level <= RegionLevel::kCounty;
                   if (township_step && level != RegionLevel::kTownship && !county_or_above)
                     return Status::PermissionDenied("由乡镇审批");
                   if (county_step && !county_or_above) return Status::PermissionDenied("超过 3 天的请假须由县级审批");
                   std::string next = decision == "reject" ? "rejected"
                                      : (township_step && needs_county) ? "township_approved" : "approved";
                   ZX_RETURN_IF_ERROR(c.Execute("UPDATE leaves SET status = ?, decided_at = ? WHERE id = ?", next, now, id));
                   ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO leave_approvals(leave_id, level, decision, comment, user_id, at) "
                                                "VALUES (?, ?, ?, ?, ?, ?)",
                                                id, township_step ? "township" : "county", decision, comment.value_or(""),
                                                ctx.caller->user_id, now));
                   out = {{"id", id}, {"status", next}};
                   return AppendAudit(c, ActorOf(ctx), {"update", "leave", std::to_string(id), village,
                                                        nlohmann::json{{"status", status}}, out},
                                      now);
                 }));
                 return JsonResponse(200, out.dump());
               }};
  decide.record_region = RegionOfRecord(db, "SELECT village_code FROM leaves WHERE id = ?", "leave");
  auto locate_leave = decide.record_region;
  router.Add(std::move(decide));

  Route back{"POST", "/api/v1/leaves/{id}/return", Access::kPermission, "leave.request", "",
             "Report back from leave (销假); an early return gives the unused days back to presence",
             [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
               ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
               ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
               ZX_ASSIGN_OR_RETURN(std::string returned_on, body.String("returned_on", 10));
               ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
               ZX_RETURN_IF_ERROR(ChinaDayStart(returned_on, "returned_on").status());
               int64_t now = clock.NowSeconds();
               nlohmann::json out;
               ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                 ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT l.status, l.start_day, l.end_day, l.village_code, d.person_id "
                                                        "FROM leaves l JOIN dispatches d ON d.id = l.dispatch_id WHERE l.id = ?"));
                 st.Bind(id);
                 ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                 if (!row) return Status::NotFound("leave not found");
                 std::string status = st->Text(0), start = st->Text(1), end = st->Text(2), village = st->Text(3);
                 ZX_RETURN_IF_ERROR(MayActFor(*ctx.caller, st->Int(4)));
                 if (status != "approved") return Status::Conflict("只有已批准的请假才能销假", "returned_on");
                 if (returned_on < start) return Status::InvalidArgument("销假日期早于请假开始日期", "returned_on");
                 // Leave ends the day before the return; later returns keep the approved end.
                 std::string last_leave_day = end;
                 if (returned_on <= end) {
                   auto days = DayRange(start, returned_on);
                   last_leave_day = days.size() >= 2 ? days[days.size() - 2] : start;
                 }
                 ZX_RETURN_IF_ERROR(c.Execute("UPDATE leaves SET returned_on = ?, end_day = ?, days = ? WHERE id = ?",
                                              returned_on, last_leave_day,
                                              static_cast<int64_t>(DayRange(start, last_leave_day).size()), id));
                 out = {{"id", id}, {"returned_on", returned_on}, {"end_day", last_leave_day}};
                 return AppendAudit(c, ActorOf(ctx), {"update", "leave", std::to_string(id), village,
                                                      nlohmann::json{{"end_day", end}}, out},
                                    now);
               }));
               return JsonResponse(200, out.dump());
             }};
  back.record_region = locate_leave;
  router.Add(std::move(back));

  router.Add({"GET", "/api/v1/leaves", Access::kPermission, "presence.read", "", "Leave requests at villages in scope",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string status = ctx.Query("status");
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT l.id, l.dispatch_id, p.name, l.village_code, v.name, l.start_day, l.end_day, l.days, l.reason, "
                      "l.status, l.needs_county, l.returned_on FROM leaves l JOIN dispatches d ON d.id = l.dispatch_id "
                      "JOIN people p ON p.id = d.person_id JOIN regions v ON v.code = l.village_code "
                      "WHERE l.village_code BETWEEN ? AND ? AND (? = '' OR l.status = ?) ORDER BY l.id DESC LIMIT 2000"));
                  st.Bind(range.low, range.high, status, status);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"id", st->Int(0)}, {"dispatch_id", st->Int(1)}, {"person_name", st->Text(2)},
                                     {"village", {{"code", st->Text(3)}, {"name", st->Text(4)}}},
                                     {"start_day", st->Text(5)}, {"end_day", st->Text(6)}, {"days", st->Int(7)},
                                     {"reason", st->Text(8)}, {"status", st->Text(9)}, {"needs_county", st->Int(10) != 0},
                                     {"returned_on", st->IsNull(11) ? nlohmann::json(nullptr) : nlohmann::json(st->Text(11))}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/work-logs", Access::kPermission, "worklog.write", "",
              "A dated work-log entry, tagged with the duties it serves",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t dispatch_id, body.Int("dispatch_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
                ZX_ASSIGN_OR_RETURN(std::string content, body.String("content", 2000));
                std::vector<std::string> tags;
                if (body.Has("tags")) {
                  ZX_ASSIGN_OR_RETURN(tags, body.StringList("tags", 10, 20));
                }
                bool in_village = true;
                if (body.Has("in_village")) {
                  ZX_ASSIGN_OR_RETURN(in_village, body.Bool("in_village"));
                }
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(ChinaDayStart(day, "day").status());
                int64_t now = clock.NowSeconds();
                if (day > ChinaDay(now)) return Status::InvalidArgument("日志日期不能晚于今天", "day");
                for (const auto& t : tags)
                  if (t.find(',') != std::string::npos) return Status::InvalidArgument("标签不能包含逗号", "tags");
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  auto d = FindDispatch(c, dispatch_id);
                  if (!d.ok() || !ctx.caller->InScope(d->village_code))
                    return Status::InvalidArgument("没有该选派记录", "dispatch_id");
                  ZX_RETURN_IF_ERROR(MayActFor(*ctx.caller, d->person_id));
                  ZX_RETURN_IF_ERROR(RefuseIfPeriodLocked(c, d->village_code, day));
                  std::string joined;
                  for (const auto& t : tags) joined += (joined.empty() ? "" : ",") + t;
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO work_logs(dispatch_id, person_id, village_code, day, in_village, "
                                               "tags, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                               dispatch_id, d->person_id, d->village_code, day, in_village, joined, content, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM work_logs WHERE dispatch_id = ?", dispatch_id));
                  view = {{"id", id}, {"dispatch_id", dispatch_id}, {"day", day}, {"in_village", in_village},
                          {"tags", tags}, {"content", content}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "work_log", std::to_string(id), d->village_code, std::nullopt,
                                                       view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/work-logs", Access::kPermission, "presence.read", "",
              "Work-log entries at villages in scope: one entry shows in every ledger whose tag it carries",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t person, ctx.IntQuery("person", 0, 0, int64_t{1} << 50));
                std::string tag = ctx.Query("tag"), from = ctx.Query("from", "2000-01-01"), to = ctx.Query("to", "2100-12-31");
                ZX_RETURN_IF_ERROR(ChinaDayStart(from, "from").status());
                ZX_RETURN_IF_ERROR(ChinaDayStart(to, "to").status());
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT w.id, w.dispatch_id, w.person_id, p.name, w.village_code, v.name, w.day, w.in_village, w.tags, "
                      "w.content FROM work_logs w JOIN people p ON p.id = w.person_id JOIN regions v ON v.code = w.village_code "
                      "WHERE w.village_code BETWEEN ? AND ? AND w.day BETWEEN ? AND ? AND (? = 0 OR w.person_id = ?) "
                      "AND (? = '' OR ',' || w.tags || ',' LIKE ?) ORDER BY w.day, w.id LIMIT 5000"));
                  st.Bind(range.low, range.high, from, to, person, person, tag, "%," + tag + ",%");
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    nlohmann::json tags = nlohmann::json::array();
                    std::string t = st->Text(8);
                    for (size_t pos = 0; pos < t.size();) {
                      size_t e = t.find(',', pos);
                      if (e == std::string::npos) e = t.size();
                      tags.push_back(t.substr(pos, e - pos));
                      pos = e + 1;
                    }
                    items.push_back({{"id", st->Int(0)}, {"dispatch_id", st->Int(1)},
                                     {"person", {{"id", st->Int(2)}, {"name", st->Text(3)}}},
                                     {"village", {{"code", st->Text(4)}, {"name", st->Text(5)}}}, {"day", st->Text(6)},
                                     {"in_village", st->Int(7) != 0}, {"tags", tags}, {"content", st->Text(9)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});
}

}  // namespace zx
