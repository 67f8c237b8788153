#include "modules/tasks/task_routes.h"

#include <sodium.h>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/presence/presence_rules.h"
#include "modules/tasks/task_store.h"

namespace zx {

Status RejectUnknownTopFields(const nlohmann::json& body, std::initializer_list<const char*> known) {
  for (auto& [k, v] : body.items()) {
    bool ok = false;
    for (const char* n : known) ok = ok || k == n;
    if (!ok) return Status::InvalidArgument("unknown field " + k, k);
  }
  return Status::Ok();
}

Result<EvidenceUpload> ReadEvidenceUpload(const HttpRequest& request) {
  ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(request));
  ZX_ASSIGN_OR_RETURN(std::string name, body.String("file_name", 200));
  const nlohmann::json& raw = body.raw();
  if (!raw.contains("content_base64") || !raw["content_base64"].is_string())
    return Status::InvalidArgument("content_base64 is required", "content_base64");
  ZX_RETURN_IF_ERROR(RejectUnknownTopFields(raw, {"file_name", "content_base64"}));
  if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos)
    return Status::InvalidArgument("文件名不能含路径", "file_name");
  EvidenceUpload up;
  up.file_name = name;
  // Type by name first: a forbidden type is refused before its bytes are looked at.
  ZX_RETURN_IF_ERROR(CheckEvidenceName(name));
  ZX_ASSIGN_OR_RETURN(up.bytes, DecodeEvidence(raw["content_base64"].get<std::string>(), "content_base64"));
  ZX_ASSIGN_OR_RETURN(up.content_type, EvidenceType(name, up.bytes, "content_base64"));
  return up;
}

namespace {

std::string Today(const Clock& clock) { return ChinaDay(clock.NowSeconds()); }

bool IsReceivingUnit(const Caller& caller, const ReceiverInfo& r) {
  return caller.scope_code == r.region_code || (r.user_id && *r.user_id == caller.user_id);
}

// Reads the body of a new task (or of one passed down): title, content, deadline, evidence,
// form and receivers.
Result<NewTask> ReadTaskBody(const HttpRequest& request, bool passing_down) {
  ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(request));
  NewTask t;
  if (passing_down) {
    ZX_ASSIGN_OR_RETURN(std::optional<std::string> title, body.OptionalString("title", 200));
    ZX_ASSIGN_OR_RETURN(std::optional<std::string> content, body.OptionalString("content", 4000));
    t.title = title.value_or("");
    t.content = content.value_or("");
  } else {
    ZX_ASSIGN_OR_RETURN(t.title, body.String("title", 200));
    ZX_ASSIGN_OR_RETURN(t.content, body.String("content", 4000));
  }
  ZX_ASSIGN_OR_RETURN(t.deadline, body.String("deadline", 10));
  ZX_ASSIGN_OR_RETURN(std::optional<std::string> evidence, body.OptionalString("evidence_required", 1000));
  ZX_ASSIGN_OR_RETURN(std::optional<std::string> unit, body.OptionalString("issuer_unit", 100));
  t.evidence_required = evidence.value_or("");
  t.issuer_unit = unit.value_or("");
  const nlohmann::json& raw = body.raw();
  ZX_RETURN_IF_ERROR(RejectUnknownTopFields(raw, {"title", "content", "deadline", "evidence_required", "issuer_unit",
                                                  "form", "receivers"}));
  ZX_RETURN_IF_ERROR(DayNumber(t.deadline, "deadline").status());
  if (raw.contains("form") && !raw["form"].is_null()) {
    if (passing_down) return Status::InvalidArgument("下发时沿用上级任务的表单", "form");
    ZX_ASSIGN_OR_RETURN(t.form, ParseForm(raw["form"]));
  }
  if (!raw.contains("receivers") || !raw["receivers"].is_array() || raw["receivers"].empty())
    return Status::InvalidArgument("至少选择一个接收单位", "receivers");
  const auto& list = raw["receivers"];
  for (size_t i = 0; i < list.size(); ++i) {
    std::string at = "receivers[" + std::to_string(i) + "]";
    NewReceiver r;
    if (list[i].is_string()) {
      r.region_code = list[i].get<std::string>();
    } else if (list[i].is_object()) {
      for (auto& [k, v] : list[i].items())
        if (k != "region_code" && k != "user_id") return Status::InvalidArgument("unknown field " + at + "." + k, at + "." + k);
      if (!list[i].contains("region_code") || !list[i]["region_code"].is_string())
        return Status::InvalidArgument(at + ".region_code is required", at + ".region_code");
      r.region_code = list[i]["region_code"].get<std::string>();
      if (list[i].contains("user_id") && !list[i]["user_id"].is_null()) {
        if (!list[i]["user_id"].is_number_integer() || list[i]["user_id"].get<int64_t>() < 1)
          return Status::InvalidArgument(at + ".user_id must be a positive whole number", at + ".user_id");
        r.user_id = list[i]["user_id"].get<int64_t>();
      }
    } else {
      return Status::InvalidArgument(at + " must be a region code or {region_code, user_id}", at);
    }
    t.receivers.push_back(std::move(r));
  }
  return t;
}

nlohmann::json ReceiverListItem(const Statement& st, const std::string& today) {
  std::string status = st.Text(3), deadline = st.Text(7);
  return {{"id", st.Int(0)}, {"task_id", st.Int(1)}, {"region", {{"code", st.Text(2)}, {"name", st.Text(9)}}},
          {"status", status}, {"title", st.Text(4)}, {"issuer", {{"code", st.Text(5)}, {"unit", st.Text(6)}}},
          {"deadline", deadline}, {"overdue", IsOverdue(status, deadline, today)}, {"passed_down", st.Int(8) != 0}};
}

}  // namespace

void RegisterTaskRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"POST", "/api/v1/tasks", Access::kPermission, "task.issue", "",
              "Issue a task to units below the caller's (many at once); nothing is written if one receiver is wrong",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(NewTask t, ReadTaskBody(ctx.request, false));
                t.issuer_region = ctx.caller->scope_code;
                t.issuer_user_id = ctx.caller->user_id;
                if (t.issuer_unit.empty()) t.issuer_unit = ctx.caller->display_name;
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t id, InsertTask(c, t, ChinaDay(now), now));
                  ZX_ASSIGN_OR_RETURN(view, TaskProgress(c, id, ChinaDay(now)));
                  return AppendAudit(c, ActorOf(ctx), {"create", "task", std::to_string(id), t.issuer_region, std::nullopt,
                                                       nlohmann::json{{"title", t.title}, {"deadline", t.deadline},
                                                                      {"receivers", view["summary"]["total"]}}},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/tasks", Access::kPermission, "task.read", "",
              "Tasks issued in scope (mine=1: issued by the caller's own unit), with completion counts",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                bool mine = ctx.Query("mine") == "1";
                if (mine) range = {ctx.caller->scope_code, ctx.caller->scope_code};
                std::string q = ctx.Query("q");
                ZX_ASSIGN_OR_RETURN(int64_t limit, ctx.IntQuery("limit", 200, 1, 1000));
                std::string today = Today(clock);
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT t.id, t.title, t.issuer_region, g.name, t.issuer_unit, t.deadline, t.created_at, "
                      "t.parent_receiver_id, t.period FROM tasks t JOIN regions g ON g.code = t.issuer_region WHERE "
                      "t.issuer_region BETWEEN ? AND ? AND (? = '' OR t.title LIKE ?) ORDER BY t.deadline DESC, t.id DESC "
                      "LIMIT ?"));
                  st.Bind(range.low, range.high, q, "%" + q + "%", limit);
                  std::vector<nlohmann::json> rows;
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    rows.push_back({{"id", st->Int(0)}, {"title", st->Text(1)},
                                    {"issuer", {{"code", st->Text(2)}, {"name", st->Text(3)}, {"unit", st->Text(4)}}},
                                    {"deadline", st->Text(5)}, {"created_at", FormatUtc(st->Int(6))},
                                    {"passed_down_from", st->IsNull(7) ? nlohmann::json(nullptr) : nlohmann::json(st->Int(7))},
                                    {"period", st->IsNull(8) ? nlohmann::json(nullptr) : nlohmann::json(st->Text(8))}});
                  }
                  for (auto& r : rows) {
                    ZX_ASSIGN_OR_RETURN(r["summary"], TaskCounts(c, r["id"].get<int64_t>(), today));
                    items.push_back(std::move(r));
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  Route one{"GET", "/api/v1/tasks/{id}", Access::kPermission, "task.read", "",
            "A task with the completion of every receiver below it, passed-down ones included",
            [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
              ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
              nlohmann::json out;
              ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(out, TaskProgress(c, id, Today(clock)));
                return Status::Ok();
              }));
              return JsonResponse(200, out.dump());
            }};
  one.record_region = RegionOfRecord(db, "SELECT issuer_region FROM tasks WHERE id = ?", "task");
  router.Add(std::move(one));

  router.Add({"GET", "/api/v1/task-receivers", Access::kPermission, "task.read", "",
              "Tasks received by the caller's unit or addressed to the caller (status: pending, in_progress, done, overdue)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                std::string status = ctx.Query("status");
                if (!status.empty() && status != "pending" && status != "in_progress" && status != "done" && status != "overdue")
                  return Status::InvalidArgument("status must be pending, in_progress, done or overdue", "status");
                std::string today = Today(clock);
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT r.id, r.task_id, r.region_code, r.status, t.title, t.issuer_region, t.issuer_unit, t.deadline, "
                      "r.passed_down, g.name FROM task_receivers r JOIN tasks t ON t.id = r.task_id JOIN regions g ON "
                      "g.code = r.region_code WHERE (r.region_code = ? OR r.user_id = ?) ORDER BY t.deadline DESC, r.id DESC "
                      "LIMIT 1000"));
                  st.Bind(ctx.caller->scope_code, ctx.caller->user_id);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    nlohmann::json item = ReceiverListItem(*st, today);
                    if (status == "overdue" ? !item["overdue"].get<bool>() : (!status.empty() && item["status"] != status))
                      continue;
                    items.push_back(std::move(item));
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  Route rec{"GET", "/api/v1/task-receivers/{id}", Access::kPermission, "task.read", "",
            "One received task: the task, its form, progress reports, evidence and what was passed down",
            [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
              ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
              std::string today = Today(clock);
              nlohmann::json out;
              ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(ReceiverInfo r, FindReceiver(c, id));
                ZX_ASSIGN_OR_RETURN(nlohmann::json task, TaskProgress(c, r.task_id, today));
                task.erase("receivers");
                task.erase("summary");
                ZX_ASSIGN_OR_RETURN(std::string region_name, [&]() -> Result<std::string> {
                  ZX_ASSIGN_OR_RETURN(Stmt s, c.Prepare("SELECT name FROM regions WHERE code = ?"));
                  s.Bind(r.region_code);
                  ZX_ASSIGN_OR_RETURN(bool f, s->Step());
                  return f ? s->Text(0) : std::string();
                }());
                nlohmann::json reports = nlohmann::json::array();
                ZX_ASSIGN_OR_RETURN(Stmt rs, c.Prepare(
                    "SELECT p.id, p.at, p.text, p.answers_json, COALESCE(u.display_name, '') FROM task_reports p LEFT JOIN "
                    "users u ON u.id = p.user_id WHERE p.receiver_id = ? ORDER BY p.at, p.id"));
                rs.Bind(id);
                for (;;) {
                  ZX_ASSIGN_OR_RETURN(bool more, rs->Step());
                  if (!more) break;
                  reports.push_back({{"id", rs->Int(0)}, {"at", FormatUtc(rs->Int(1))}, {"text", rs->Text(2)},
                                     {"answers", nlohmann::json::parse(rs->Text(3), nullptr, false)}, {"by", rs->Text(4)}});
                }
                ZX_ASSIGN_OR_RETURN(nlohmann::json files, AttachmentsOf(c, "task_receiver", id));
                nlohmann::json children = nlohmann::json::array();
                ZX_ASSIGN_OR_RETURN(Stmt cs, c.Prepare("SELECT id FROM tasks WHERE parent_receiver_id = ? ORDER BY id"));
                cs.Bind(id);
                std::vector<int64_t> child_ids;
                for (;;) {
                  ZX_ASSIGN_OR_RETURN(bool more, cs->Step());
                  if (!more) break;
                  child_ids.push_back(cs->Int(0));
                }
                for (int64_t cid : child_ids) {
                  ZX_ASSIGN_OR_RETURN(nlohmann::json child, TaskProgress(c, cid, today));
                  children.push_back(child);
                }
                out = {{"id", r.id}, {"task", task}, {"region", {{"code", r.region_code}, {"name", region_name}}},
                       {"status", r.status}, {"overdue", IsOverdue(r.status, r.deadline, today)},
                       {"passed_down", r.passed_down}, {"answers", r.answers}, {"reports", reports},
                       {"attachments", files}, {"passed_down_tasks", children},
                       {"can_act", IsReceivingUnit(*ctx.caller, r)}};
                return Status::Ok();
              }));
              return JsonResponse(200, out.dump());
            }};
  rec.record_region = RegionOfRecord(db, "SELECT region_code FROM task_receivers WHERE id = ?", "task receiver");
  router.Add(std::move(rec));

  Route report{"POST", "/api/v1/task-receivers/{id}/reports", Access::kPermission, "task.report", "",
               "Report progress on a received task: text and answers checked against the task's form",
               [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                 ZX_ASSIGN_OR_RETURN(std::string text, body.String("text", 4000));
                 nlohmann::json answers = body.raw().contains("answers") ? body.raw()["answers"] : nlohmann::json::object();
                 ZX_RETURN_IF_ERROR(RejectUnknownTopFields(body.raw(), {"text", "answers"}));
                 int64_t now = clock.NowSeconds();
                 nlohmann::json view;
                 ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                   ZX_ASSIGN_OR_RETURN(ReceiverInfo r, FindReceiver(c, id));
                   if (!IsReceivingUnit(*ctx.caller, r)) return Status::PermissionDenied("只有接收单位可以填报");
                   if (r.status == "done") return Status::Conflict("任务已办结", "id");
                   ZX_RETURN_IF_ERROR(CheckAnswers(r.form, answers, false));
                   nlohmann::json merged = r.answers;
                   for (auto& [k, v] : answers.items()) merged[k] = v;
                   ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO task_reports(receiver_id, at, user_id, text, answers_json) VALUES "
                                                "(?, ?, ?, ?, ?)", id, now, ctx.caller->user_id, text, answers.dump()));
                   ZX_RETURN_IF_ERROR(c.Execute("UPDATE task_receivers SET status = 'in_progress', answers_json = ?, "
                                                "last_report_at = ? WHERE id = ?", merged.dump(), now, id));
                   view = {{"id", id}, {"status", "in_progress"}, {"answers", merged}, {"text", text}};
                   return AppendAudit(c, ActorOf(ctx), {"update", "task_receiver", std::to_string(id), r.region_code,
                                                        std::nullopt, view}, now);
                 }));
                 return JsonResponse(201, view.dump());
               }};
  report.record_region = RegionOfRecord(db, "SELECT region_code FROM task_receivers WHERE id = ?", "task receiver");
  router.Add(std::move(report));

  Route pass{"POST", "/api/v1/task-receivers/{id}/pass-down", Access::kPermission, "task.report", "",
             "Pass a received task down to units of the receiver's own subtree (a child task; the tree is kept)",
             [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
               ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
               ZX_ASSIGN_OR_RETURN(NewTask t, ReadTaskBody(ctx.request, true));
               int64_t now = clock.NowSeconds();
               nlohmann::json view;
               ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                 ZX_ASSIGN_OR_RETURN(ReceiverInfo r, FindReceiver(c, id));
                 if (!IsReceivingUnit(*ctx.caller, r)) return Status::PermissionDenied("只有接收单位可以下发");
                 if (r.status == "done") return Status::Conflict("任务已办结", "id");
                 ZX_ASSIGN_OR_RETURN(Stmt ps, c.Prepare("SELECT title, content, evidence_required, form_json FROM tasks WHERE id = ?"));
                 ps.Bind(r.task_id);
                 ZX_ASSIGN_OR_RETURN(bool found, ps->Step());
                 if (!found) return Status::NotFound("task not found");
                 if (t.title.empty()) t.title = ps->Text(0);
                 if (t.content.empty()) t.content = ps->Text(1);
                 if (t.evidence_required.empty()) t.evidence_required = ps->Text(2);
                 t.form = r.form;
                 t.issuer_region = r.region_code;
                 t.issuer_user_id = ctx.caller->user_id;
                 if (t.issuer_unit.empty()) t.issuer_unit = ctx.caller->display_name;
                 t.parent_receiver_id = id;
                 t.parent_deadline = r.deadline;
                 ZX_ASSIGN_OR_RETURN(int64_t child, InsertTask(c, t, ChinaDay(now), now));
                 if (r.status == "pending")
                   ZX_RETURN_IF_ERROR(c.Execute("UPDATE task_receivers SET status = 'in_progress' WHERE id = ?", id));
                 ZX_ASSIGN_OR_RETURN(view, TaskProgress(c, child, ChinaDay(now)));
                 return AppendAudit(c, ActorOf(ctx), {"create", "task", std::to_string(child), r.region_code, std::nullopt,
                                                      nlohmann::json{{"passed_down_from", id}, {"deadline", t.deadline}}},
                                    now);
               }));
               return JsonResponse(201, view.dump());
             }};
  pass.record_region = RegionOfRecord(db, "SELECT region_code FROM task_receivers WHERE id = ?", "task receiver");
  router.Add(std::move(pass));

  Route attach{"POST", "/api/v1/task-receivers/{id}/attachments", Access::kPermission, "task.report", "",
               "Attach an evidence file (pdf, jpg, png, docx, xlsx; at most 5 MiB) to a received task",
               [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 ZX_ASSIGN_OR_RETURN(EvidenceUpload up, ReadEvidenceUpload(ctx.request));
                 int64_t now = clock.NowSeconds();
                 nlohmann::json view;
                 ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                   ZX_ASSIGN_OR_RETURN(ReceiverInfo r, FindReceiver(c, id));
                   if (!IsReceivingUnit(*ctx.caller, r)) return Status::PermissionDenied("只有接收单位可以上传佐证");
                   if (r.status == "done") return Status::Conflict("任务已办结", "id");
                   ZX_ASSIGN_OR_RETURN(view, StoreAttachment(c, "task_receiver", id, r.region_code, up.file_name, up.bytes,
                                                             up.content_type, ctx.caller->user_id, now));
                   return AppendAudit(c, ActorOf(ctx), {"create", "attachment", std::to_string(view["id"].get<int64_t>()),
                                                        r.region_code, std::nullopt, view}, now);
                 }));
                 return JsonResponse(201, view.dump());
               }};
  attach.record_region = RegionOfRecord(db, "SELECT region_code FROM task_receivers WHERE id = ?", "task receiver");
  router.Add(std::move(attach));

  Route close{"POST", "/api/v1/task-receivers/{id}/close", Access::kPermission, "task.report", "",
              "Close a received task: needs evidence, every required answer, and everything passed down closed",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string note, body.String("note", 2000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(ReceiverInfo r, FindReceiver(c, id));
                  if (!IsReceivingUnit(*ctx.caller, r)) return Status::PermissionDenied("只有接收单位可以办结");
                  if (r.status == "done") return Status::Conflict("任务已办结", "id");
                  ZX_ASSIGN_OR_RETURN(int64_t files, QueryInt(c, "SELECT COUNT(*) FROM attachments WHERE owner_kind = "
                                                                 "'task_receiver' AND owner_id = ?", id));
                  if (!files) return Status::InvalidArgument("办结前须上传佐证材料", "attachments");
                  ZX_RETURN_IF_ERROR(CheckAnswers(r.form, r.answers, true));
                  ZX_ASSIGN_OR_RETURN(int64_t open_below, QueryInt(c,
                      "SELECT COUNT(*) FROM task_receivers x JOIN tasks t ON t.id = x.task_id WHERE t.parent_receiver_id = ? "
                      "AND x.status <> 'done'", id));
                  if (open_below)
                    return Status::InvalidArgument("下发的 " + std::to_string(open_below) + " 个单位尚未办结", "passed_down_tasks");
                  ZX_RETURN_IF_ERROR(c.Execute("UPDATE task_receivers SET status = 'done', closed_at = ?, closing_note = ? "
                                               "WHERE id = ?", now, note, id));
                  view = {{"id", id}, {"status", "done"}, {"closed_at", FormatUtc(now)}, {"note", note}};
                  return AppendAudit(c, ActorOf(ctx), {"update", "task_receiver", std::to_string(id), r.region_code,
                                                       std::nullopt, view}, now);
                }));
                return JsonResponse(200, view.dump());
              }};
  close.record_region = RegionOfRecord(db, "SELECT region_code FROM task_receivers WHERE id = ?", "task receiver");
  router.Add(std::move(close));

  Route file{"GET", "/api/v1/attachments/{id}", Access::kPermission, "task.read", "", "Download an evidence file",
             [&db](RequestContext& ctx) -> Result<HttpResponse> {
               ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
               HttpResponse res;
               ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                 ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT file_name, content_type, content_base64 FROM attachments WHERE id = ?"));
                 st.Bind(id);
                 ZX_ASSIGN_OR_RETURN(bool found, st->Step());
                 if (!found) return Status::NotFound("attachment not found");
                 std::string b64 = st->Text(2);
                 std::string bin(b64.size() / 4 * 3 + 3, '\0');
                 size_t len = 0;
                 if (sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), b64.data(), b64.size(), nullptr,
                                       &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
                   return Status::Internal("stored attachment is damaged");
                 bin.resize(len);
                 res.content_type = st->Text(1);
                 res.body = std::move(bin);
                 // The name goes RFC 5987-encoded: Chinese names survive every browser.
                 std::string name = st->Text(0), enc;
                 for (unsigned char ch : name) {
                   if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_') enc += static_cast<char>(ch);
                   else {
                     char buf[4];
                     std::snprintf(buf, sizeof buf, "%%%02X", ch);
                     enc += buf;
                   }
                 }
                 res.headers.push_back({"Content-Disposition", "attachment; filename*=UTF-8''" + enc});
                 return Status::Ok();
               }));
               return res;
             }};
  file.record_region = RegionOfRecord(db, "SELECT region_code FROM attachments WHERE id = ?", "attachment");
  router.Add(std::move(file));

  router.Add({"POST", "/api/v1/task-jobs/run", Access::kPermission, "task.issue", "",
              "Run the task timer job now (escalate overdue receivers once, open due cycle periods); it is idempotent",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(TaskJobReport r, RunTaskJobs(db, clock.NowSeconds()));
                return JsonResponse(200, nlohmann::json{{"escalated", r.escalated}, {"opened", r.opened},
                                                        {"today", Today(clock)}}.dump());
              }});

  router.Add({"GET", "/api/v1/notifications", Access::kPermission, "task.read", "",
              "Notifications for the caller's unit or the caller: tasks issued to it, overdue receivers of its tasks",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT id, kind, ref_id, message, created_at FROM notifications WHERE region_code = ? OR user_id = ? "
                      "ORDER BY created_at DESC, id DESC LIMIT 200"));
                  st.Bind(ctx.caller->scope_code, ctx.caller->user_id);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    items.push_back({{"id", st->Int(0)}, {"kind", st->Text(1)},
                                     {"ref_id", st->IsNull(2) ? nlohmann::json(nullptr) : nlohmann::json(st->Int(2))},
                                     {"message", st->Text(3)}, {"created_at", FormatUtc(st->Int(4))}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/task-cycles", Access::kPermission, "task.issue", "",
              "Set up a cycle (weekly on Monday for the week before, monthly, quarterly) that opens a task each period",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string frequency, body.String("frequency", 20));
                ZX_ASSIGN_OR_RETURN(std::string title, body.String("title", 200));
                ZX_ASSIGN_OR_RETURN(std::string content, body.String("content", 4000));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> evidence, body.OptionalString("evidence_required", 1000));
                ZX_ASSIGN_OR_RETURN(int64_t due_days, body.Int("due_days", 0, 90));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> starts_on, body.OptionalString("starts_on", 10));
                ZX_ASSIGN_OR_RETURN(std::vector<std::string> receivers, body.StringList("receivers", kMaxReceivers, 12));
                const nlohmann::json& raw = body.raw();
                ZX_RETURN_IF_ERROR(RejectUnknownTopFields(raw, {"frequency", "title", "content", "evidence_required", "due_days",
                                                                "starts_on", "receivers", "form"}));
                ZX_RETURN_IF_ERROR(CurrentCyclePeriod(frequency, "2026-01-01").status());
                std::vector<FormField> form;
                if (raw.contains("form") && !raw["form"].is_null()) {
                  ZX_ASSIGN_OR_RETURN(form, ParseForm(raw["form"]));
                }
                int64_t now = clock.NowSeconds();
                std::string starts = starts_on.value_or(ChinaDay(now));
                ZX_RETURN_IF_ERROR(DayNumber(starts, "starts_on").status());
                const std::string& issuer = ctx.caller->scope_code;
                std::vector<std::string> codes;
                for (size_t i = 0; i < receivers.size(); ++i) {
                  std::string field = "receivers[" + std::to_string(i) + "]";
                  ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(receivers[i], field));
                  if (code == issuer || !ctx.caller->InScope(code))
                    return Status::InvalidArgument("接收单位 " + code + " 不在下发单位的管辖范围内", field);
                  codes.push_back(code);
                }
                if (codes.empty()) return Status::InvalidArgument("至少选择一个接收单位", "receivers");
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  for (size_t i = 0; i < codes.size(); ++i) {
                    ZX_ASSIGN_OR_RETURN(int64_t exists, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", codes[i]));
                    if (!exists) return Status::InvalidArgument("没有该行政区划：" + codes[i], "receivers[" + std::to_string(i) + "]");
                  }
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "INSERT INTO task_cycles(issuer_region, issuer_user_id, issuer_unit, frequency, title, content, "
                      "evidence_required, form_json, receivers_json, due_days, starts_on, active, created_at) VALUES "
                      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                      issuer, ctx.caller->user_id, ctx.caller->display_name, frequency, title, content, evidence.value_or(""),
                      FormToJson(form).dump(), nlohmann::json(codes).dump(), due_days, starts, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM task_cycles WHERE issuer_region = ?", issuer));
                  view = {{"id", id}, {"frequency", frequency}, {"title", title}, {"receivers", codes},
                          {"due_days", due_days}, {"starts_on", starts}, {"active", true}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "task_cycle", std::to_string(id), issuer, std::nullopt, view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/task-cycles", Access::kPermission, "task.read", "", "Cycles set up in scope and the periods they opened",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT y.id, y.issuer_region, y.issuer_unit, y.frequency, y.title, y.receivers_json, y.due_days, "
                      "y.starts_on, y.active, (SELECT COUNT(*) FROM tasks t WHERE t.cycle_id = y.id), (SELECT MAX(t.period) "
                      "FROM tasks t WHERE t.cycle_id = y.id) FROM task_cycles y WHERE y.issuer_region BETWEEN ? AND ? "
                      "ORDER BY y.id"));
                  st.Bind(range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
                    if (!more) break;
                    items.push_back({{"id", st->Int(0)}, {"issuer", {{"code", st->Text(1)}, {"unit", st->Text(2)}}},
                                     {"frequency", st->Text(3)}, {"title", st->Text(4)},
                                     {"receivers", nlohmann::json::parse(st->Text(5), nullptr, false)},
                                     {"due_days", st->Int(6)}, {"starts_on", st->Text(7)}, {"active", st->Int(8) != 0},
                                     {"periods_opened", st->Int(9)},
                                     {"last_period", st->IsNull(10) ? nlohmann::json(nullptr) : nlohmann::json(st->Text(10))}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});
}

}  // namespace zx
