#include "modules/periods/period_routes.h"

#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/roles.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/periods/period_figures.h"
#include "modules/periods/periods_rules.h"

namespace zx {
namespace {

LockActor ActorFor(const Caller& caller) {
  return {caller.scope_code, caller.scope_level, RolesPermit(caller.roles, "period.submit"),
          RolesPermit(caller.roles, "period.approve")};
}

struct LockRow {
  int64_t id = 0;
  std::string region_code, region_name, period, state;
  LockPeriod range;
  nlohmann::json snapshot, previous;
};

Result<LockRow> LoadLock(Connection& c, int64_t id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT l.id, l.region_code, COALESCE(r.name, ''), l.period, l.state, l.snapshot_json, l.previous_snapshot_json "
      "FROM period_locks l LEFT JOIN regions r ON r.code = l.region_code WHERE l.id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("period lock not found");
  LockRow l{st->Int(0), st->Text(1), st->Text(2), st->Text(3), st->Text(4), {}, nlohmann::json::parse(st->Text(5), nullptr, false),
            st->IsNull(6) ? nlohmann::json(nullptr) : nlohmann::json::parse(st->Text(6), nullptr, false)};
  ZX_ASSIGN_OR_RETURN(l.range, ParseLockPeriod(l.period));
  return l;
}

LockState StateOf(const std::string& name) {
  LockState s = LockState::kNone;
  ParseLockState(name, &s);
  return s;
}

// The list row / the head of the detail view.
const char* kListColumns =
    "SELECT l.id, l.region_code, COALESCE(r.name, ''), COALESCE(r.level, 0), l.period, l.state, l.submitted_at, "
    "COALESCE(su.display_name, ''), l.approved_at, COALESCE(au.display_name, ''), l.returned_reason, l.submissions, "
    "(SELECT MAX(q.id) FROM unlock_requests q WHERE q.lock_id = l.id AND q.decision IS NULL) FROM period_locks l "
    "LEFT JOIN regions r ON r.code = l.region_code LEFT JOIN users su ON su.id = l.submitted_by LEFT JOIN users au ON "
    "au.id = l.approved_by ";

nlohmann::json ListRow(const Statement& r) {
  return {{"id", r.Int(0)},
          {"region", {{"code", r.Text(1)}, {"name", r.Text(2)}, {"level", LevelName(static_cast<RegionLevel>(r.Int(3)))}}},
          {"period", r.Text(4)},
          {"period_title", LockPeriodTitle(r.Text(4))},
          {"state", r.Text(5)},
          {"submitted_at", r.Int(6)},
          {"submitted_by", r.Text(7)},
          {"approved_at", r.IsNull(8) ? nlohmann::json(nullptr) : nlohmann::json(r.Int(8))},
          {"approved_by", r.Text(9)},
          {"returned_reason", r.Text(10)},
          {"submissions", r.Int(11)},
          {"pending_unlock_request_id", r.IsNull(12) ? nlohmann::json(nullptr) : nlohmann::json(r.Int(12))}};
}

// The full view: snapshot, figures now, their difference, the previous submission, unlock requests.
Result<nlohmann::json> LockView(Connection& c, int64_t id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kListColumns) + "WHERE l.id = ?"));
  st.Bind(id);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("period lock not found");
  nlohmann::json view = ListRow(*st);
  ZX_ASSIGN_OR_RETURN(LockRow l, LoadLock(c, id));
  ZX_ASSIGN_OR_RETURN(Figures now, PeriodFigures(c, l.region_code, l.range));
  Figures snapshot = FiguresFromJson(l.snapshot);
  view["period_from"] = l.range.from;
  view["period_to"] = l.range.to;
  view["snapshot"] = FiguresJson(snapshot);
  view["current"] = FiguresJson(now);
  view["difference"] = DiffJson(DiffFigures(snapshot, now));
  view["previous_snapshot"] = l.previous.is_object() ? l.previous : nlohmann::json(nullptr);
  view["resubmission_difference"] =
      l.previous.is_object() ? DiffJson(DiffFigures(FiguresFromJson(l.previous), snapshot)) : nlohmann::json(nullptr);
  nlohmann::json requests = nlohmann::json::array();
  ZX_ASSIGN_OR_RETURN(Stmt q, c.Prepare(
      "SELECT q.id, q.reason, q.requested_at, COALESCE(ru.display_name, ''), q.decision, q.decided_at, "
      "COALESCE(du.display_name, ''), q.decision_reason, q.difference_json, q.decided_difference_json FROM unlock_requests q "
      "LEFT JOIN users ru ON ru.id = q.requested_by LEFT JOIN users du ON du.id = q.decided_by WHERE q.lock_id = ? "
      "ORDER BY q.id"));
  q.Bind(id);
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, q->Step());
    if (!more) break;
    requests.push_back({{"id", q->Int(0)}, {"reason", q->Text(1)}, {"requested_at", q->Int(2)}, {"requested_by", q->Text(3)},
                        {"decision", q->IsNull(4) ? nlohmann::json(nullptr) : nlohmann::json(q->Text(4))},
                        {"decided_at", q->IsNull(5) ? nlohmann::json(nullptr) : nlohmann::json(q->Int(5))},
                        {"decided_by", q->Text(6)}, {"decision_reason", q->Text(7)},
                        {"difference", nlohmann::json::parse(q->Text(8), nullptr, false)},
                        {"decided_difference", q->IsNull(9) ? nlohmann::json(nullptr)
                                                            : nlohmann::json::parse(q->Text(9), nullptr, false)}});
  }
  view["unlock_requests"] = requests;
  return view;
}

// An optional body with an optional comment (approve): actions that need nothing may be posted empty.
Result<std::string> OptionalComment(const RequestContext& ctx) {
  if (ctx.request.body.empty()) return std::string();
  ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
  ZX_ASSIGN_OR_RETURN(auto comment, body.OptionalString("comment", 500));
  ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
  return comment.value_or("");
}

Result<std::string> RequiredReason(const RequestContext& ctx) {
  ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
  ZX_ASSIGN_OR_RETURN(std::string reason, body.String("reason", 500));
  ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
  return reason;
}

Status Audit(Connection& c, const RequestContext& ctx, const std::string& action, const std::string& entity, int64_t id,
             const std::string& region, const std::string& before_state, nlohmann::json after, int64_t now) {
  return AppendAudit(c, ActorOf(ctx), {action, entity, std::to_string(id), region,
                                       before_state.empty() ? std::nullopt : std::optional<nlohmann::json>(
                                                                                 nlohmann::json{{"state", before_state}}),
                                       std::move(after)},
                     now);
}

}  // namespace

void RegisterPeriodRoutes(Router& router, Database& db, const Clock& clock) {
  auto lock_region = RegionOfRecord(db, "SELECT region_code FROM period_locks WHERE id = ?", "period lock");
  auto request_region = RegionOfRecord(db, "SELECT region_code FROM unlock_requests WHERE id = ?", "unlock request");

  router.Add({"GET", "/api/v1/period-locks", Access::kPermission, "period.read", "",
              "Reporting period locks in scope (?region=&period=&state=), newest period first",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string period = ctx.Query("period"), state = ctx.Query("state");
                if (!period.empty()) ZX_RETURN_IF_ERROR(ParseLockPeriod(period).status());
                LockState s;
                if (!state.empty() && (!ParseLockState(state, &s) || s == LockState::kNone))
                  return Status::InvalidArgument("state 应为 submitted、locked、returned、unlock_requested 或 unlocked", "state");
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kListColumns) +
                                                         "WHERE l.region_code BETWEEN ? AND ? AND (? = '' OR l.period = ?) AND "
                                                         "(? = '' OR l.state = ?) ORDER BY l.period_from DESC, l.region_code, "
                                                         "l.period LIMIT 5000"));
                  st.Bind(range.low, range.high, period, period, state, state);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back(ListRow(*st));
                  }
                  return Status::Ok();
                }));
                int64_t total = static_cast<int64_t>(items.size());
                return JsonResponse(200, nlohmann::json{{"items", items}, {"total", total}}.dump());
              }});

  router.Add({"POST", "/api/v1/period-locks", Access::kPermission, "period.submit", "",
              "Submit a region's figures for a period (上报); again after a return or an approved unlock",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string region_in, body.String("region", 12));
                ZX_ASSIGN_OR_RETURN(std::string period_in, body.String("period", 7));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_ASSIGN_OR_RETURN(std::string region, ParseRegionCode(region_in, "region"));
                ZX_ASSIGN_OR_RETURN(LockPeriod period, ParseLockPeriod(period_in));
                if (region == kCountryCode) return Status::InvalidArgument("全国没有上级，不能上报", "region");
                ZX_RETURN_IF_ERROR(MayActOnLock(ActorFor(*ctx.caller), LockAction::kSubmit, region));
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                bool created = false;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t known, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", region));
                  if (!known) return Status::NotFound("没有该地区");
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, state FROM period_locks WHERE region_code = ? AND period = ?"));
                  st.Bind(region, period.label);
                  ZX_ASSIGN_OR_RETURN(bool exists, st->Step());
                  int64_t id = exists ? st->Int(0) : 0;
                  std::string before = exists ? st->Text(1) : "";
                  ZX_ASSIGN_OR_RETURN(LockState next, NextLockState(StateOf(before), LockAction::kSubmit));
                  ZX_ASSIGN_OR_RETURN(Figures figures, PeriodFigures(c, region, period));
                  std::string snapshot = FiguresJson(figures).dump();
                  if (!exists) {
                    ZX_RETURN_IF_ERROR(c.Execute(
                        "INSERT INTO period_locks(region_code, period, period_from, period_to, state, submitted_by, "
                        "submitted_at, snapshot_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        region, period.label, period.from, period.to, LockStateName(next), ctx.caller->user_id, now, snapshot,
                        now));
                    ZX_ASSIGN_OR_RETURN(id, QueryInt(c, "SELECT id FROM period_locks WHERE region_code = ? AND period = ?",
                                                     region, period.label));
                    created = true;
                  } else {
                    ZX_RETURN_IF_ERROR(c.Execute(
                        "UPDATE period_locks SET state = ?, submitted_by = ?, submitted_at = ?, approved_by = NULL, "
                        "approved_at = NULL, returned_reason = '', previous_snapshot_json = snapshot_json, snapshot_json = ?, "
                        "submissions = submissions + 1, updated_at = ? WHERE id = ?",
                        LockStateName(next), ctx.caller->user_id, now, snapshot, now, id));
                  }
                  ZX_ASSIGN_OR_RETURN(view, LockView(c, id));
                  return Audit(c, ctx, "submit", "period_lock", id, region, before,
                               {{"state", LockStateName(next)}, {"period", period.label}, {"snapshot", view["snapshot"]}}, now);
                }));
                return JsonResponse(created ? 201 : 200, view.dump());
              }});

  Route get{"GET", "/api/v1/period-locks/{id}", Access::kPermission, "period.read", "",
            "A period lock with the snapshot at submission, the figures now and their difference, and its unlock requests",
            [&db](RequestContext& ctx) -> Result<HttpResponse> {
              ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
              nlohmann::json view;
              ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(view, LockView(c, id));
                return Status::Ok();
              }));
              return JsonResponse(200, view.dump());
            }};
  get.record_region = lock_region;
  router.Add(std::move(get));

  // Approve and return: the same shape, a state change decided by the level above.
  auto decide = [&db, &clock](LockAction action) {
    return [&db, &clock, action](RequestContext& ctx) -> Result<HttpResponse> {
      ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
      std::string reason;
      if (action == LockAction::kReturn) {
        ZX_ASSIGN_OR_RETURN(reason, RequiredReason(ctx));
      } else {
        ZX_ASSIGN_OR_RETURN(reason, OptionalComment(ctx));
      }
      int64_t now = clock.NowSeconds();
      nlohmann::json view;
      ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
        ZX_ASSIGN_OR_RETURN(LockRow l, LoadLock(c, id));
        ZX_RETURN_IF_ERROR(MayActOnLock(ActorFor(*ctx.caller), action, l.region_code));
        ZX_ASSIGN_OR_RETURN(LockState next, NextLockState(StateOf(l.state), action));
        if (action == LockAction::kApprove) {
          ZX_RETURN_IF_ERROR(c.Execute("UPDATE period_locks SET state = ?, approved_by = ?, approved_at = ?, updated_at = ? "
                                       "WHERE id = ?", LockStateName(next), ctx.caller->user_id, now, now, id));
        } else {
          ZX_RETURN_IF_ERROR(c.Execute("UPDATE period_locks SET state = ?, returned_reason = ?, updated_at = ? WHERE id = ?",
                                       LockStateName(next), reason, now, id));
        }
        ZX_ASSIGN_OR_RETURN(view, LockView(c, id));
        return Audit(c, ctx, LockActionName(action), "period_lock", id, l.region_code, l.state,
                     {{"state", LockStateName(next)}, {"period", l.period}, {"comment", reason}}, now);
      }));
      return JsonResponse(200, view.dump());
    };
  };
  Route approve{"POST", "/api/v1/period-locks/{id}/approve", Access::kPermission, "period.approve", "",
                "Approve a submitted period (审核通过): the period is locked for the region and its subtree",
                decide(LockAction::kApprove)};
  approve.record_region = lock_region;
  router.Add(std::move(approve));
  Route ret{"POST", "/api/v1/period-locks/{id}/return", Access::kPermission, "period.approve", "",
            "Return a submitted period with a reason (退回); the region may correct and submit again",
            decide(LockAction::kReturn)};
  ret.record_region = lock_region;
  router.Add(std::move(ret));

  Route ask{"POST", "/api/v1/period-locks/{id}/unlock-requests", Access::kPermission, "period.submit", "",
            "Ask the level above to unlock a locked period, with a reason; shows the difference snapshot vs now",
            [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
              ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
              ZX_ASSIGN_OR_RETURN(std::string reason, RequiredReason(ctx));
              int64_t now = clock.NowSeconds();
              nlohmann::json out;
              ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(LockRow l, LoadLock(c, id));
                ZX_RETURN_IF_ERROR(MayActOnLock(ActorFor(*ctx.caller), LockAction::kRequestUnlock, l.region_code));
                ZX_ASSIGN_OR_RETURN(LockState next, NextLockState(StateOf(l.state), LockAction::kRequestUnlock));
                ZX_ASSIGN_OR_RETURN(Figures now_figures, PeriodFigures(c, l.region_code, l.range));
                nlohmann::json diff = DiffJson(DiffFigures(FiguresFromJson(l.snapshot), now_figures));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO unlock_requests(lock_id, region_code, reason, requested_by, "
                                             "requested_at, difference_json) VALUES (?, ?, ?, ?, ?, ?)",
                                             id, l.region_code, reason, ctx.caller->user_id, now, diff.dump()));
                ZX_ASSIGN_OR_RETURN(int64_t rid, QueryInt(c, "SELECT MAX(id) FROM unlock_requests WHERE lock_id = ?", id));
                ZX_RETURN_IF_ERROR(c.Execute("UPDATE period_locks SET state = ?, updated_at = ? WHERE id = ?",
                                             LockStateName(next), now, id));
                out = {{"id", rid}, {"lock_id", id}, {"reason", reason}, {"state", LockStateName(next)}, {"difference", diff}};
                return Audit(c, ctx, "request_unlock", "period_lock", id, l.region_code, l.state, out, now);
              }));
              return JsonResponse(201, out.dump());
            }};
  ask.record_region = lock_region;
  router.Add(std::move(ask));

  auto decide_unlock = [&db, &clock](LockAction action) {
    return [&db, &clock, action](RequestContext& ctx) -> Result<HttpResponse> {
      ZX_ASSIGN_OR_RETURN(int64_t rid, ctx.IdParam());
      std::string reason;
      if (action == LockAction::kRejectUnlock) {
        ZX_ASSIGN_OR_RETURN(reason, RequiredReason(ctx));
      } else {
        ZX_ASSIGN_OR_RETURN(reason, OptionalComment(ctx));
      }
      int64_t now = clock.NowSeconds();
      nlohmann::json view;
      ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
        ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT lock_id, decision FROM unlock_requests WHERE id = ?"));
        st.Bind(rid);
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) return Status::NotFound("unlock request not found");
        int64_t lock_id = st->Int(0);
        if (!st->IsNull(1)) return Status::InvalidArgument("该解锁申请已处理", "state");
        ZX_ASSIGN_OR_RETURN(LockRow l, LoadLock(c, lock_id));
        ZX_RETURN_IF_ERROR(MayActOnLock(ActorFor(*ctx.caller), action, l.region_code));
        ZX_ASSIGN_OR_RETURN(LockState next, NextLockState(StateOf(l.state), action));
        ZX_ASSIGN_OR_RETURN(Figures now_figures, PeriodFigures(c, l.region_code, l.range));
        nlohmann::json diff = DiffJson(DiffFigures(FiguresFromJson(l.snapshot), now_figures));
        std::string decision = action == LockAction::kApproveUnlock ? "approved" : "rejected";
        ZX_RETURN_IF_ERROR(c.Execute("UPDATE unlock_requests SET decided_by = ?, decided_at = ?, decision = ?, "
                                     "decision_reason = ?, decided_difference_json = ? WHERE id = ?",
                                     ctx.caller->user_id, now, decision, reason, diff.dump(), rid));
        ZX_RETURN_IF_ERROR(c.Execute("UPDATE period_locks SET state = ?, updated_at = ? WHERE id = ?", LockStateName(next), now,
                                     lock_id));
        ZX_ASSIGN_OR_RETURN(view, LockView(c, lock_id));
        return Audit(c, ctx, LockActionName(action), "unlock_request", rid, l.region_code, l.state,
                     {{"state", LockStateName(next)}, {"lock_id", lock_id}, {"decision", decision}, {"reason", reason},
                      {"difference", diff}},
                     now);
      }));
      return JsonResponse(200, view.dump());
    };
  };
  Route yes{"POST", "/api/v1/unlock-requests/{id}/approve", Access::kPermission, "period.approve", "",
            "Approve an unlock request (批准解锁): the period's records may be corrected, then submitted again",
            decide_unlock(LockAction::kApproveUnlock)};
  yes.record_region = request_region;
  router.Add(std::move(yes));
  Route no{"POST", "/api/v1/unlock-requests/{id}/reject", Access::kPermission, "period.approve", "",
           "Reject an unlock request with a reason; the period stays locked", decide_unlock(LockAction::kRejectUnlock)};
  no.record_region = request_region;
  router.Add(std::move(no));
}

}  // namespace zx
