#include "modules/village_cadres/village_cadre_routes.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/economy/economy_rules.h"
#include "modules/presence/presence_rules.h"
#include "modules/village_cadres/village_cadre_store.h"

namespace zx {

std::string ChildKey(const std::string& village_code, const std::string& parent_code) {
  auto level = LevelOfCode(parent_code);
  if (!level.ok() || *level == RegionLevel::kVillage) return village_code;
  int len = PrefixLength(static_cast<RegionLevel>(static_cast<int>(*level) + 1));
  return village_code.substr(0, len) + std::string(12 - len, '0');
}

namespace {

// Only one person at a time holds these posts in a village.
bool SinglePost(const std::string& post) { return post == "secretary" || post == "director" || post == "supervisor"; }

nlohmann::json PostView(const CadrePost& p, bool both, const std::string& today) {
  int age = PostHolderAge(p.birth_date, today);
  return {{"id", p.post_id},
          {"village", {{"code", p.village_code}, {"name", p.village_name}}},
          {"township", {{"code", p.township_code}, {"name", p.township_name}}},
          {"person_id", p.person_id},
          {"name", p.name},
          {"sex", p.sex},
          {"age", age < 0 ? nlohmann::json(nullptr) : nlohmann::json(age)},
          {"education", p.education},
          {"post", p.post},
          {"post_title", VillagePostTitle(p.post)},
          {"term_start", p.term_start},
          {"term_end", p.term_end.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.term_end)},
          {"end_reason", p.end_reason},
          {"yijiantiao", both}};
}

// Villages (code) where one person holds both the secretary's and the director's post now.
std::set<std::pair<std::string, int64_t>> BothPosts(const std::vector<CadrePost>& current) {
  std::set<std::pair<std::string, int64_t>> sec, dir, both;
  for (const auto& p : current) {
    if (!p.term_end.empty()) continue;
    if (p.post == "secretary") sec.insert({p.village_code, p.person_id});
    if (p.post == "director") dir.insert({p.village_code, p.person_id});
  }
  for (const auto& k : sec)
    if (dir.count(k)) both.insert(k);
  return both;
}

Status CheckPostFree(Connection& c, const std::string& village, const std::string& post, int64_t person_id,
                     const std::string& field) {
  if (SinglePost(post)) {
    ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM village_posts WHERE village_code = ? AND post = ? AND "
                                               "term_end IS NULL", village, post));
    if (n) return Status::Conflict(std::string("该村已有在任") + VillagePostTitle(post) + "，请用“调整”更换", field);
  }
  ZX_ASSIGN_OR_RETURN(int64_t same, QueryInt(c, "SELECT COUNT(*) FROM village_posts WHERE village_code = ? AND post = ? AND "
                                                "person_id = ? AND term_end IS NULL", village, post, person_id));
  if (same) return Status::Conflict("此人已在任该职务", "person_id");
  return Status::Ok();
}

Result<int64_t> InsertPost(Connection& c, const std::string& village, int64_t person_id, const std::string& post,
                           const std::string& start, int64_t now) {
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO village_posts(village_code, person_id, post, term_start, created_at) VALUES "
                               "(?, ?, ?, ?, ?)", village, person_id, post, start, now));
  return QueryInt(c, "SELECT MAX(id) FROM village_posts WHERE village_code = ? AND person_id = ?", village, person_id);
}

}  // namespace

void RegisterVillageCadreRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"GET", "/api/v1/village-posts", Access::kPermission, "villagecadre.read", "",
              "Village two-committee posts in scope (held now, or the whole history with history=1), with 一肩挑 marked",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                bool history = ctx.Query("history") == "1";
                std::string post = ctx.Query("post");
                if (!post.empty() && !IsVillagePost(post)) return Status::InvalidArgument("unknown post " + post, "post");
                std::string today = ChinaDay(clock.NowSeconds());
                nlohmann::json items = nlohmann::json::array();
                int64_t both_count = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::vector<CadrePost> current, PostsHeld(c, range, today, today));
                  std::vector<CadrePost> rows;
                  if (history) {
                    ZX_ASSIGN_OR_RETURN(rows, PostHistory(c, range));
                  } else {
                    for (const auto& p : current)
                      if (p.term_end.empty() || p.term_end > today) rows.push_back(p);  // ended today: replaced
                  }
                  auto both = BothPosts(current);
                  both_count = static_cast<int64_t>(both.size());
                  for (const auto& p : rows) {
                    if (!post.empty() && p.post != post) continue;
                    bool b = p.term_end.empty() && (p.post == "secretary" || p.post == "director") &&
                             both.count({p.village_code, p.person_id});
                    items.push_back(PostView(p, b, today));
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}, {"yijiantiao_villages", both_count}}.dump());
              }});

  router.Add({"POST", "/api/v1/village-posts", Access::kPermission, "villagecadre.manage", "",
              "Put a person of the registry into a village post from a day",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string village_in, body.String("village_code", 12));
                ZX_ASSIGN_OR_RETURN(int64_t person_id, body.Int("person_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string post, body.String("post", 30));
                ZX_ASSIGN_OR_RETURN(std::string start, body.String("term_start", 10));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (!IsVillagePost(post)) return Status::InvalidArgument("未知职务 " + post, "post");
                ZX_RETURN_IF_ERROR(CheckDay(start, "term_start"));
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::string village, VillageForWrite(c, *ctx.caller, village_in, "village_code"));
                  ZX_RETURN_IF_ERROR(PersonForWrite(c, *ctx.caller, person_id, "person_id"));
                  ZX_RETURN_IF_ERROR(CheckPostFree(c, village, post, person_id, "post"));
                  ZX_ASSIGN_OR_RETURN(int64_t id, InsertPost(c, village, person_id, post, start, now));
                  view = {{"id", id}, {"village_code", village}, {"person_id", person_id}, {"post", post},
                          {"term_start", start}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "village_post", std::to_string(id), village, std::nullopt, view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  Route replace{"POST", "/api/v1/village-posts/{id}/replacement", Access::kPermission, "villagecadre.manage", "",
                "Replace (调整) the holder of a post: the old row ends on the day with the reason, the new one starts; "
                "without person_id the post is only vacated",
                [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                  ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                  ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                  ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
                  ZX_ASSIGN_OR_RETURN(std::string reason, body.String("reason", 200));
                  ZX_ASSIGN_OR_RETURN(std::optional<int64_t> person_id, body.OptionalInt("person_id", 1, int64_t{1} << 50));
                  ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                  ZX_RETURN_IF_ERROR(CheckDay(day, "day"));
                  int64_t now = clock.NowSeconds();
                  nlohmann::json view;
                  ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT village_code, person_id, post, term_start, term_end FROM "
                                                           "village_posts WHERE id = ?"));
                    st.Bind(id);
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) return Status::NotFound("post not found");
                    std::string village = st->Text(0), post = st->Text(2), start = st->Text(3);
                    int64_t old_person = st->Int(1);
                    bool ended = !st->IsNull(4);
                    if (ended) return Status::Conflict("该任职已结束", "id");
                    if (day < start) return Status::InvalidArgument("调整日期早于任职开始日期 " + start, "day");
                    if (person_id && *person_id == old_person) return Status::InvalidArgument("新任人员与原任相同", "person_id");
                    ZX_RETURN_IF_ERROR(c.Execute("UPDATE village_posts SET term_end = ?, end_reason = ? WHERE id = ?", day,
                                                 reason, id));
                    view = {{"ended", {{"id", id}, {"person_id", old_person}, {"term_end", day}, {"end_reason", reason}}},
                            {"started", nullptr}};
                    if (person_id) {
                      ZX_RETURN_IF_ERROR(PersonForWrite(c, *ctx.caller, *person_id, "person_id"));
                      ZX_RETURN_IF_ERROR(CheckPostFree(c, village, post, *person_id, "person_id"));
                      ZX_ASSIGN_OR_RETURN(int64_t new_id, InsertPost(c, village, *person_id, post, day, now));
                      ZX_RETURN_IF_ERROR(c.Execute("UPDATE village_posts SET replaced_by = ? WHERE id = ?", new_id, id));
                      view["started"] = {{"id", new_id}, {"person_id", *person_id}, {"post", post}, {"term_start", day}};
                    }
                    return AppendAudit(c, ActorOf(ctx), {"update", "village_post", std::to_string(id), village, std::nullopt,
                                                         view},
                                       now);
                  }));
                  return JsonResponse(200, view.dump());
                }};
  replace.record_region = RegionOfRecord(db, "SELECT village_code FROM village_posts WHERE id = ?", "post");
  router.Add(std::move(replace));

  router.Add({"GET", "/api/v1/village-elections", Access::kPermission, "villagecadre.read", "",
              "Elections (换届) of village two committees in scope",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT e.id, e.village_code, v.name, e.day, e.term_start, e.term_end, e.note FROM village_elections e "
                      "JOIN regions v ON v.code = e.village_code WHERE e.village_code BETWEEN ? AND ? ORDER BY e.village_code, "
                      "e.day LIMIT 5000"));
                  st.Bind(range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"id", st->Int(0)}, {"village", {{"code", st->Text(1)}, {"name", st->Text(2)}}},
                                     {"day", st->Text(3)}, {"term_start", st->Text(4)}, {"term_end", st->Text(5)},
                                     {"note", st->Text(6)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/village-elections", Access::kPermission, "villagecadre.manage", "",
              "Record an election (换届) of a village and the term it opens",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string village_in, body.String("village_code", 12));
                ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
                ZX_ASSIGN_OR_RETURN(std::string term_start, body.String("term_start", 10));
                ZX_ASSIGN_OR_RETURN(std::string term_end, body.String("term_end", 10));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> note, body.OptionalString("note", 500));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(CheckDay(day, "day"));
                ZX_RETURN_IF_ERROR(CheckDay(term_start, "term_start"));
                ZX_RETURN_IF_ERROR(CheckDay(term_end, "term_end"));
                if (term_end <= term_start) return Status::InvalidArgument("任期结束须晚于开始", "term_end");
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::string village, VillageForWrite(c, *ctx.caller, village_in, "village_code"));
                  ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM village_elections WHERE village_code = ? "
                                                               "AND day = ?", village, day));
                  if (dup) return Status::Conflict("该村当日的换届已登记", "day");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO village_elections(village_code, day, term_start, term_end, note, "
                                               "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                               village, day, term_start, term_end, note.value_or(""), now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM village_elections WHERE village_code = ? AND "
                                                              "day = ?", village, day));
                  view = {{"id", id}, {"village_code", village}, {"day", day}, {"term_start", term_start},
                          {"term_end", term_end}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "village_election", std::to_string(id), village, std::nullopt,
                                                       view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/secretary-ratings", Access::kPermission, "villagecadre.read", "",
              "The yearly rating of every village secretary in scope; secretaries not yet rated are listed too",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", 0, 2000, 2100));
                if (!year) return Status::InvalidArgument("year is required", "year");
                std::string y = std::to_string(year);
                nlohmann::json items = nlohmann::json::array();
                std::map<std::string, int64_t> counts;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::vector<CadrePost> held, PostsHeld(c, range, y + "-01-01", y + "-12-31"));
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT rating, comment FROM secretary_ratings WHERE village_code = ? AND "
                                                         "person_id = ? AND year = ?"));
                  std::set<std::pair<std::string, int64_t>> seen;
                  for (const auto& p : held) {
                    if (p.post != "secretary" || !seen.insert({p.village_code, p.person_id}).second) continue;
                    st.Bind(p.village_code, p.person_id, year);
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    std::string rating = row ? st->Text(0) : "", comment = row ? st->Text(1) : "";
                    st->Reset();
                    ++counts[rating.empty() ? "unrated" : rating];
                    items.push_back({{"village", {{"code", p.village_code}, {"name", p.village_name}}},
                                     {"township", {{"code", p.township_code}, {"name", p.township_name}}},
                                     {"person_id", p.person_id}, {"name", p.name},
                                     {"rating", rating.empty() ? nlohmann::json(nullptr) : nlohmann::json(rating)},
                                     {"rating_title", SecretaryRatingTitle(rating)}, {"comment", comment}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"year", year}, {"items", items}, {"counts", counts}}.dump());
              }});

  router.Add({"POST", "/api/v1/secretary-ratings", Access::kPermission, "villagecadre.manage", "",
              "Rate a village secretary for a year: excellent (优秀), competent (称职), basic (基本称职), incompetent (不称职)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string village_in, body.String("village_code", 12));
                ZX_ASSIGN_OR_RETURN(int64_t person_id, body.Int("person_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
                ZX_ASSIGN_OR_RETURN(std::string rating, body.String("rating", 20));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> comment, body.OptionalString("comment", 500));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (!IsSecretaryRating(rating))
                  return Status::InvalidArgument("评定等次须为 excellent（优秀）、competent（称职）、basic（基本称职）或 "
                                                 "incompetent（不称职）",
                                                 "rating");
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::string village, VillageForWrite(c, *ctx.caller, village_in, "village_code"));
                  std::string y = std::to_string(year);
                  ZX_ASSIGN_OR_RETURN(int64_t held, QueryInt(c, "SELECT COUNT(*) FROM village_posts WHERE village_code = ? AND "
                                                                "person_id = ? AND post = 'secretary' AND term_start <= ? AND "
                                                                "(term_end IS NULL OR term_end >= ?)",
                                                             village, person_id, y + "-12-31", y + "-01-01"));
                  if (!held) return Status::InvalidArgument("此人当年不是该村党组织书记", "person_id");
                  ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM secretary_ratings WHERE village_code = ? "
                                                               "AND person_id = ? AND year = ?", village, person_id, year));
                  if (dup) return Status::Conflict("该书记当年已评定", "year");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO secretary_ratings(village_code, person_id, year, rating, comment, "
                                               "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                               village, person_id, year, rating, comment.value_or(""), now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM secretary_ratings WHERE village_code = ? AND "
                                                              "person_id = ? AND year = ?", village, person_id, year));
                  view = {{"id", id}, {"village_code", village}, {"person_id", person_id}, {"year", year}, {"rating", rating},
                          {"rating_title", SecretaryRatingTitle(rating)}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "secretary_rating", std::to_string(id), village, std::nullopt,
                                                       view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/village-cadres/stats", Access::kPermission, "villagecadre.read", "",
              "Counts per region: villages, secretaries, 一肩挑 count and share, average age, education mix",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string today = ChinaDay(clock.NowSeconds());
                struct Acc {
                  std::string name;
                  int64_t villages = 0, secretaries = 0, both = 0, cadres = 0, aged = 0, age_sum = 0;
                  std::map<std::string, int64_t> education;
                };
                std::map<std::string, Acc> by;
                Acc total;
                total.name = "合计";
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt vs, c.Prepare("SELECT code FROM regions WHERE level = 5 AND code BETWEEN ? AND ?"));
                  vs.Bind(range.low, range.high);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, vs->Step());
                    if (!row) break;
                    ++by[ChildKey(vs->Text(0), range.low)].villages;
                    ++total.villages;
                  }
                  ZX_ASSIGN_OR_RETURN(std::vector<CadrePost> current, PostsHeld(c, range, today, today));
                  auto both = BothPosts(current);
                  std::set<std::pair<std::string, int64_t>> people;
                  for (const auto& p : current) {
                    if (!p.term_end.empty() && p.term_end <= today) continue;
                    Acc& a = by[ChildKey(p.village_code, range.low)];
                    if (p.post == "secretary") {
                      ++a.secretaries;
                      ++total.secretaries;
                      if (both.count({p.village_code, p.person_id})) {
                        ++a.both;
                        ++total.both;
                      }
                    }
                    if (!people.insert({p.village_code, p.person_id}).second) continue;  // a person counts once
                    for (Acc* x : {&a, &total}) {
                      ++x->cadres;
                      int age = PostHolderAge(p.birth_date, today);
                      if (age >= 0) {
                        ++x->aged;
                        x->age_sum += age;
                      }
                      ++x->education[p.education.empty() ? "unknown" : p.education];
                    }
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt nm, c.Prepare("SELECT name FROM regions WHERE code = ?"));
                  for (auto& [code, a] : by) {
                    nm.Bind(code);
                    ZX_ASSIGN_OR_RETURN(bool row, nm->Step());
                    a.name = row ? nm->Text(0) : code;
                    nm->Reset();
                  }
                  return Status::Ok();
                }));
                auto view = [](const std::string& code, const Acc& a) {
                  return nlohmann::json{
                      {"code", code}, {"name", a.name}, {"villages", a.villages}, {"secretaries", a.secretaries},
                      {"yijiantiao", a.both},
                      {"yijiantiao_share", a.secretaries ? static_cast<double>(a.both) / a.secretaries : 0.0},
                      {"cadres", a.cadres},
                      {"average_age", a.aged ? nlohmann::json(std::round(10.0 * a.age_sum / a.aged) / 10.0) : nlohmann::json(nullptr)},
                      {"education", a.education}};
                };
                nlohmann::json rows = nlohmann::json::array();
                for (const auto& [code, a] : by) rows.push_back(view(code, a));
                return JsonResponse(200, nlohmann::json{{"rows", rows}, {"total", view(range.low, total)}}.dump());
              }});
}

}  // namespace zx
