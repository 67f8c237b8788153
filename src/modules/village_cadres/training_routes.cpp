// Training of village cadres (培训): classes, trainees from the person registry, attendance, the
// yearly coverage (every village cadre trained at least once a year; the share of secretaries
// trained directly by the city or above) and the certificate list.
#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/economy/economy_rules.h"
#include "modules/presence/presence_rules.h"
#include "modules/village_cadres/village_cadre_routes.h"
#include "modules/village_cadres/village_cadre_store.h"
#include "modules/periods/period_guard.h"
#include "reports/xlsx_book.h"

namespace zx {
namespace {

const char* const kLevels[] = {"central", "provincial", "city", "county", "township"};

const char* LevelTitle(const std::string& level) {
  if (level == "central") return "中央";
  if (level == "provincial") return "省级";
  if (level == "city") return "市级";
  if (level == "county") return "县级";
  if (level == "township") return "乡镇";
  return "";
}

bool CityOrAbove(const std::string& level) { return level == "central" || level == "provincial" || level == "city"; }

Result<std::string> YearOf(const RequestContext& ctx) {
  ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", 0, 2000, 2100));
  if (!year) return Status::InvalidArgument("year is required", "year");
  return std::to_string(year);
}

// Attended classes per person in a year: person → levels of the classes attended.
Result<std::map<int64_t, std::set<std::string>>> AttendedIn(Connection& c, const std::string& year) {
  std::map<int64_t, std::set<std::string>> out;
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT t.person_id, k.level FROM training_trainees t JOIN training_classes k ON "
                                         "k.id = t.class_id WHERE t.attendance = 'attended' AND k.start_day BETWEEN ? AND ?"));
  st.Bind(year + "-01-01", year + "-12-31");
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out[st->Int(0)].insert(st->Text(1));
  }
  return out;
}

struct CertificateRow {
  std::string certificate_no, name, village, post, class_title, level, organizer, start_day, end_day;
  double hours = 0;
};

Result<std::vector<CertificateRow>> Certificates(Connection& c, const CodeRange& range, const std::string& year) {
  std::vector<CertificateRow> out;
  // A trainee belongs to the region of the class record; the village column shows a post held then.
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT t.certificate_no, p.name, COALESCE((SELECT v.name FROM village_posts vp JOIN regions v ON v.code = "
      "vp.village_code WHERE vp.person_id = p.id ORDER BY vp.term_end IS NULL DESC, vp.id DESC LIMIT 1), ''), "
      "COALESCE((SELECT vp.post FROM village_posts vp WHERE vp.person_id = p.id ORDER BY vp.term_end IS NULL DESC, vp.id DESC "
      "LIMIT 1), ''), k.title, k.level, k.organizer, k.start_day, k.end_day, k.hours FROM training_trainees t JOIN "
      "training_classes k ON k.id = t.class_id JOIN people p ON p.id = t.person_id WHERE t.attendance = 'attended' AND "
      "k.region_code BETWEEN ? AND ? AND k.start_day BETWEEN ? AND ? ORDER BY k.start_day, k.id, t.certificate_no LIMIT 20000"));
  st.Bind(range.low, range.high, year + "-01-01", year + "-12-31");
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Text(0), st->Text(1), st->Text(2), VillagePostTitle(st->Text(3)), st->Text(4), LevelTitle(st->Text(5)),
                   st->Text(6), st->Text(7), st->Text(8), st->Double(9)});
  }
  return out;
}

}  // namespace

void RegisterTrainingRoutes(Router& router, Database& db, const Clock& clock) {
  auto locate = RegionOfRecord(db, "SELECT region_code FROM training_classes WHERE id = ?", "training class");

  router.Add({"GET", "/api/v1/training-classes", Access::kPermission, "training.read", "",
              "Training classes kept in scope for a year, with trainee and attendance counts",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(std::string year, YearOf(ctx));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT k.id, k.region_code, r.name, k.level, k.organizer, k.title, k.topic, k.start_day, k.end_day, "
                      "k.hours, (SELECT COUNT(*) FROM training_trainees t WHERE t.class_id = k.id), (SELECT COUNT(*) FROM "
                      "training_trainees t WHERE t.class_id = k.id AND t.attendance = 'attended') FROM training_classes k JOIN "
                      "regions r ON r.code = k.region_code WHERE k.region_code BETWEEN ? AND ? AND k.start_day BETWEEN ? AND ? "
                      "ORDER BY k.start_day, k.id LIMIT 2000"));
                  st.Bind(range.low, range.high, year + "-01-01", year + "-12-31");
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"id", st->Int(0)}, {"region", {{"code", st->Text(1)}, {"name", st->Text(2)}}},
                                     {"level", st->Text(3)}, {"level_title", LevelTitle(st->Text(3))},
                                     {"organizer", st->Text(4)}, {"title", st->Text(5)}, {"topic", st->Text(6)},
                                     {"start_day", st->Text(7)}, {"end_day", st->Text(8)}, {"hours", st->Double(9)},
                                     {"trainees", st->Int(10)}, {"attended", st->Int(11)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/training-classes", Access::kPermission, "training.manage", "",
              "Record a training class (level central/provincial/city/county/township, organizer, dates, hours, topic)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string region_in, body.String("region_code", 12));
                ZX_ASSIGN_OR_RETURN(std::string level, body.String("level", 20));
                ZX_ASSIGN_OR_RETURN(std::string organizer, body.String("organizer", 100));
                ZX_ASSIGN_OR_RETURN(std::string title, body.String("title", 200));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> topic, body.OptionalString("topic", 500));
                ZX_ASSIGN_OR_RETURN(std::string start, body.String("start_day", 10));
                ZX_ASSIGN_OR_RETURN(std::string end, body.String("end_day", 10));
                ZX_ASSIGN_OR_RETURN(double hours, body.Number("hours", 0.5, 2000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (std::find(std::begin(kLevels), std::end(kLevels), level) == std::end(kLevels))
                  return Status::InvalidArgument("层级须为 central、provincial、city、county 或 township", "level");
                ZX_RETURN_IF_ERROR(CheckDay(start, "start_day"));
                ZX_RETURN_IF_ERROR(CheckDay(end, "end_day"));
                if (end < start) return Status::InvalidArgument("结束日期早于开始日期", "end_day");
                ZX_ASSIGN_OR_RETURN(std::string region, ParseRegionCode(region_in, "region_code"));
                if (!ctx.caller->InScope(region)) return Status::InvalidArgument("地区不在您的管辖范围内", "region_code");
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t exists, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", region));
                  if (!exists) return Status::InvalidArgument("没有该地区", "region_code");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO training_classes(region_code, level, organizer, title, topic, "
                                               "start_day, end_day, hours, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                               region, level, organizer, title, topic.value_or(""), start, end, hours, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM training_classes WHERE region_code = ?",
                                                           region));
                  view = {{"id", id}, {"region_code", region}, {"level", level}, {"organizer", organizer}, {"title", title},
                          {"topic", topic.value_or("")}, {"start_day", start}, {"end_day", end}, {"hours", hours}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "training_class", std::to_string(id), region, std::nullopt,
                                                       view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  Route list{"GET", "/api/v1/training-classes/{id}/trainees", Access::kPermission, "training.read", "",
             "The trainees of a class with their attendance and certificate numbers",
             [&db](RequestContext& ctx) -> Result<HttpResponse> {
               ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
               nlohmann::json items = nlohmann::json::array();
               ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                 ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                     "SELECT t.person_id, p.name, p.region_code, r.name, t.attendance, COALESCE(t.certificate_no, '') FROM "
                     "training_trainees t JOIN people p ON p.id = t.person_id JOIN regions r ON r.code = p.region_code WHERE "
                     "t.class_id = ? ORDER BY t.id"));
                 st.Bind(id);
                 for (;;) {
                   ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                   if (!row) break;
                   items.push_back({{"person_id", st->Int(0)}, {"name", st->Text(1)},
                                    {"region", {{"code", st->Text(2)}, {"name", st->Text(3)}}}, {"attendance", st->Text(4)},
                                    {"certificate_no", st->Text(5)}});
                 }
                 return Status::Ok();
               }));
               return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
             }};
  list.record_region = locate;
  router.Add(std::move(list));

  Route enroll{"POST", "/api/v1/training-classes/{id}/trainees", Access::kPermission, "training.manage", "",
               "Enrol people of the registry in a class; all or none (an unknown person rejects the whole list)",
               [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                 ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                 ZX_ASSIGN_OR_RETURN(std::vector<JsonBody> items, body.ObjectList("trainees", 2000));
                 ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                 if (items.empty()) return Status::InvalidArgument("trainees is empty", "trainees");
                 std::vector<int64_t> ids;
                 for (size_t i = 0; i < items.size(); ++i) {
                   auto pid = items[i].Int("person_id", 1, int64_t{1} << 50);
                   if (!pid.ok()) return ItemField(pid.status(), "trainees", i);
                   ZX_RETURN_IF_ERROR(ItemField(items[i].RejectUnknownFields(), "trainees", i));
                   ids.push_back(*pid);
                 }
                 int64_t now = clock.NowSeconds();
                 int64_t added = 0;
                 ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                   std::string region = ctx.record_region;
                   ZX_RETURN_IF_ERROR(RefuseIfTrainingClassLocked(c, id));
                   for (size_t i = 0; i < ids.size(); ++i) {
                     ZX_RETURN_IF_ERROR(PersonForWrite(c, *ctx.caller, ids[i], "trainees[" + std::to_string(i) + "].person_id"));
                     ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM training_trainees WHERE class_id = ? AND "
                                                                  "person_id = ?", id, ids[i]));
                     if (dup) continue;
                     ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO training_trainees(class_id, person_id, attendance) VALUES "
                                                  "(?, ?, 'enrolled')", id, ids[i]));
                     ++added;
                   }
                   return AppendAudit(c, ActorOf(ctx), {"update", "training_class", std::to_string(id), region, std::nullopt,
                                                        nlohmann::json{{"enrolled", ids}}},
                                      now);
                 }));
                 return JsonResponse(201, nlohmann::json{{"class_id", id}, {"added", added}}.dump());
               }};
  enroll.record_region = locate;
  router.Add(std::move(enroll));

  Route attendance{"PUT", "/api/v1/training-classes/{id}/attendance", Access::kPermission, "training.manage", "",
                   "Mark trainees attended or absent; attendance earns a certificate number",
                   [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                     ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                     ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                     ZX_ASSIGN_OR_RETURN(std::vector<JsonBody> items, body.ObjectList("items", 2000));
                     ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                     std::vector<std::pair<int64_t, std::string>> marks;
                     for (size_t i = 0; i < items.size(); ++i) {
                       auto pid = items[i].Int("person_id", 1, int64_t{1} << 50);
                       if (!pid.ok()) return ItemField(pid.status(), "items", i);
                       auto att = items[i].String("attendance", 20);
                       if (!att.ok()) return ItemField(att.status(), "items", i);
                       ZX_RETURN_IF_ERROR(ItemField(items[i].RejectUnknownFields(), "items", i));
                       if (*att != "attended" && *att != "absent")
                         return Status::InvalidArgument("attendance 须为 attended 或 absent",
                                                        "items[" + std::to_string(i) + "].attendance");
                       marks.push_back({*pid, *att});
                     }
                     int64_t now = clock.NowSeconds();
                     ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                       ZX_ASSIGN_OR_RETURN(Stmt k, c.Prepare("SELECT start_day FROM training_classes WHERE id = ?"));
                       k.Bind(id);
                       ZX_ASSIGN_OR_RETURN(bool found, k->Step());
                       if (!found) return Status::NotFound("training class not found");
                       std::string year = k->Text(0).substr(0, 4);
                       ZX_RETURN_IF_ERROR(RefuseIfPeriodLocked(c, ctx.record_region, k->Text(0)));
                       for (size_t i = 0; i < marks.size(); ++i) {
                         const auto& [pid, att] = marks[i];
                         ZX_ASSIGN_OR_RETURN(int64_t enrolled, QueryInt(c, "SELECT COUNT(*) FROM training_trainees WHERE "
                                                                           "class_id = ? AND person_id = ?", id, pid));
                         if (!enrolled)
                           return Status::InvalidArgument("人员 " + std::to_string(pid) + " 未报名该班次",
                                                          "items[" + std::to_string(i) + "].person_id");
                         // Certificate numbers: year, class, and the trainee's enrolment row (unique, stable).
                         ZX_ASSIGN_OR_RETURN(int64_t row_id, QueryInt(c, "SELECT id FROM training_trainees WHERE class_id = ? "
                                                                         "AND person_id = ?", id, pid));
                         char no[64];
                         std::snprintf(no, sizeof no, "PX%s-%04lld-%06lld", year.c_str(), static_cast<long long>(id),
                                       static_cast<long long>(row_id));
                         if (att == "attended") {
                           ZX_RETURN_IF_ERROR(c.Execute("UPDATE training_trainees SET attendance = 'attended', certificate_no = "
                                                        "COALESCE(certificate_no, ?) WHERE class_id = ? AND person_id = ?",
                                                        std::string(no), id, pid));
                         } else {
                           ZX_RETURN_IF_ERROR(c.Execute("UPDATE training_trainees SET attendance = 'absent', certificate_no = "
                                                        "NULL WHERE class_id = ? AND person_id = ?", id, pid));
                         }
                       }
                       nlohmann::json after = nlohmann::json::array();
                       for (const auto& [pid, att] : marks) after.push_back({{"person_id", pid}, {"attendance", att}});
                       return AppendAudit(c, ActorOf(ctx), {"update", "training_attendance", std::to_string(id),
                                                            ctx.record_region, std::nullopt, after},
                                          now);
                     }));
                     return JsonResponse(200, nlohmann::json{{"class_id", id}, {"marked", marks.size()}}.dump());
                   }};
  attendance.record_region = locate;
  router.Add(std::move(attendance));

  router.Add({"GET", "/api/v1/training/coverage", Access::kPermission, "training.read", "",
              "Yearly coverage of village cadres in scope by post and region, the untrained list, and the share of "
              "secretaries trained directly by the city or above",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(std::string year, YearOf(ctx));
                struct Acc { std::string name; int64_t cadres = 0, trained = 0; };
                std::map<std::string, Acc> by_post, by_region;
                Acc total;
                int64_t secretaries = 0, secretaries_city = 0;
                nlohmann::json untrained = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(auto attended, AttendedIn(c, year));
                  ZX_ASSIGN_OR_RETURN(std::vector<CadrePost> held, PostsHeld(c, range, year + "-01-01", year + "-12-31"));
                  std::set<int64_t> counted;
                  std::set<int64_t> secretary_seen;
                  for (const auto& p : held) {
                    auto it = attended.find(p.person_id);
                    bool trained = it != attended.end();
                    if (p.post == "secretary" && secretary_seen.insert(p.person_id).second) {
                      ++secretaries;
                      if (trained && std::any_of(it->second.begin(), it->second.end(), CityOrAbove)) ++secretaries_city;
                    }
                    Acc& bp = by_post[p.post];
                    bp.name = VillagePostTitle(p.post);
                    ++bp.cadres;
                    bp.trained += trained;
                    if (!counted.insert(p.person_id).second) continue;  // a person with two posts counts once below
                    std::string key = ChildKey(p.village_code, range.low);
                    Acc& br = by_region[key];
                    ++br.cadres;
                    br.trained += trained;
                    ++total.cadres;
                    total.trained += trained;
                    if (!trained)
                      untrained.push_back({{"person_id", p.person_id}, {"name", p.name}, {"post", p.post},
                                           {"post_title", VillagePostTitle(p.post)},
                                           {"village", {{"code", p.village_code}, {"name", p.village_name}}},
                                           {"township", {{"code", p.township_code}, {"name", p.township_name}}}});
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt nm, c.Prepare("SELECT name FROM regions WHERE code = ?"));
                  for (auto& [code, a] : by_region) {
                    nm.Bind(code);
                    ZX_ASSIGN_OR_RETURN(bool row, nm->Step());
                    a.name = row ? nm->Text(0) : code;
                    nm->Reset();
                  }
                  return Status::Ok();
                }));
                auto view = [](const std::string& key, const Acc& a) {
                  return nlohmann::json{{"key", key}, {"name", a.name}, {"cadres", a.cadres}, {"trained", a.trained},
                                        {"share", a.cadres ? static_cast<double>(a.trained) / a.cadres : 0.0}};
                };
                nlohmann::json posts = nlohmann::json::array(), regions = nlohmann::json::array();
                for (const auto& post : VillagePosts())
                  if (by_post.count(post)) posts.push_back(view(post, by_post[post]));
                for (const auto& [k, a] : by_region) regions.push_back(view(k, a));
                return JsonResponse(200, nlohmann::json{
                    {"year", std::stoi(year)}, {"total", view("total", total)}, {"by_post", posts}, {"by_region", regions},
                    {"secretaries", secretaries}, {"secretaries_trained_by_city", secretaries_city},
                    {"secretaries_city_share", secretaries ? static_cast<double>(secretaries_city) / secretaries : 0.0},
                    {"untrained", untrained}}.dump());
              }});

  router.Add({"GET", "/api/v1/training/certificates.xlsx", Access::kPermission, "training.read", "",
              "The certificate list of a year (trainees who attended) as XLSX, or CSV with format=csv",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(std::string year, YearOf(ctx));
                std::string format = ctx.Query("format", "xlsx");
                if (format != "xlsx" && format != "csv") return Status::InvalidArgument("format must be xlsx or csv", "format");
                std::vector<CertificateRow> rows;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(rows, Certificates(c, range, year));
                  return Status::Ok();
                }));
                const char* headers[] = {"证书编号", "姓名", "村", "职务", "班次", "层级", "主办单位", "开始", "结束", "学时"};
                HttpResponse out;
                if (format == "csv") {
                  auto cell = [](const std::string& s) {
                    std::string q = "\"";
                    for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
                    return q + "\"";
                  };
                  std::string csv = "\xEF\xBB\xBF";
                  for (size_t i = 0; i < std::size(headers); ++i) csv += (i ? "," : "") + std::string(headers[i]);
                  csv += "\r\n";
                  for (const auto& r : rows) {
                    char hours[32];
                    std::snprintf(hours, sizeof hours, "%g", r.hours);
                    csv += cell(r.certificate_no) + "," + cell(r.name) + "," + cell(r.village) + "," + cell(r.post) + "," +
                           cell(r.class_title) + "," + cell(r.level) + "," + cell(r.organizer) + "," + r.start_day + "," +
                           r.end_day + "," + hours + "\r\n";
                  }
                  out.content_type = "text/csv; charset=utf-8";
                  out.body = std::move(csv);
                  out.headers.emplace_back("Content-Disposition", AttachmentName("培训结业证书名单" + year + ".csv"));
                  return out;
                }
                ZX_ASSIGN_OR_RETURN(auto book, XlsxBook::Create());
                ZX_RETURN_IF_ERROR(book->AddSheet(year));
                book->Merge(0, 0, 0, 9, year + "年村干部培训结业证书名单", XlsxBook::Style::kTitle);
                for (int i = 0; i < 10; ++i) book->Write(1, i, headers[i], XlsxBook::Style::kHeader);
                book->ColumnWidth(0, 0, 18);
                book->ColumnWidth(1, 3, 12);
                book->ColumnWidth(4, 4, 30);
                book->ColumnWidth(5, 9, 11);
                int r = 1;
                for (const auto& row : rows) {
                  ++r;
                  book->Write(r, 0, row.certificate_no);
                  book->Write(r, 1, row.name);
                  book->Write(r, 2, row.village);
                  book->Write(r, 3, row.post);
                  book->Write(r, 4, row.class_title);
                  book->Write(r, 5, row.level, XlsxBook::Style::kCenter);
                  book->Write(r, 6, row.organizer);
                  book->Write(r, 7, row.start_day, XlsxBook::Style::kCenter);
                  book->Write(r, 8, row.end_day, XlsxBook::Style::kCenter);
                  book->Write(r, 9, row.hours);
                }
                ZX_ASSIGN_OR_RETURN(std::string bytes, book->Finish());
                out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                out.body = std::move(bytes);
                out.headers.emplace_back("Content-Disposition", AttachmentName("培训结业证书名单" + year + ".xlsx"));
                return out;
              }});
}

}  // namespace zx
