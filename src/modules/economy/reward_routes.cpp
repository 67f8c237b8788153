// The contribution reward (贡献补贴奖): the calculator, the stored sheet of a village and year, and
// the payment sheet as XLSX. The split itself is modules/economy/reward_rules (pure, unit-tested).
#include <nlohmann/json.hpp>

#include <map>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/economy/economy_routes.h"
#include "modules/economy/economy_store.h"
#include "modules/economy/reward_rules.h"
#include "modules/village_cadres/village_cadre_store.h"
#include "reports/xlsx_book.h"

namespace zx {
namespace {

struct RewardRequest {
  std::string village_in;
  int64_t year = 0;
  std::optional<int64_t> pool, floor, cap;
  std::vector<RewardShareInput> people;
};

Result<RewardRequest> ReadRewardRequest(const HttpRequest& request) {
  ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(request));
  RewardRequest r;
  ZX_ASSIGN_OR_RETURN(r.village_in, body.String("village_code", 12));
  ZX_ASSIGN_OR_RETURN(r.year, body.Int("year", 2000, 2100));
  ZX_ASSIGN_OR_RETURN(r.pool, body.OptionalInt("pool_yuan", -1'000'000'000'000, 1'000'000'000'000));
  ZX_ASSIGN_OR_RETURN(r.floor, body.OptionalInt("floor_yuan", -1'000'000'000, 1'000'000'000));
  ZX_ASSIGN_OR_RETURN(r.cap, body.OptionalInt("cap_yuan", -1'000'000'000, 1'000'000'000));
  ZX_ASSIGN_OR_RETURN(std::vector<JsonBody> list, body.ObjectList("people", kMaxRewardPeople));
  ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
  for (size_t i = 0; i < list.size(); ++i) {
    auto pid = list[i].Int("person_id", 1, int64_t{1} << 50);
    if (!pid.ok()) return ItemField(pid.status(), "people", i);
    auto score = list[i].Number("score", -1e9, 1e9);
    if (!score.ok()) return ItemField(score.status(), "people", i);
    ZX_RETURN_IF_ERROR(ItemField(list[i].RejectUnknownFields(), "people", i));
    r.people.push_back({*pid, *score});
  }
  return r;
}

struct Computed {
  std::string village;
  int64_t income = 0, rate_bp = 0, max_pool = 0;
  RewardSplit split;
  std::vector<std::string> names, posts;
};

// Everything the sheet rests on, checked: the village in scope, its income of the year, the rate of
// its county, each person a cadre of the village that year, and the split.
Result<Computed> Compute(Connection& c, const Caller& caller, const RewardRequest& r) {
  Computed out;
  ZX_ASSIGN_OR_RETURN(out.village, VillageForWrite(c, caller, r.village_in, "village_code"));
  ZX_ASSIGN_OR_RETURN(out.income, IncomeTotal(c, out.village, r.year));
  if (out.income <= 0) return Status::InvalidArgument("该村当年没有集体经济收入记录，无法计提贡献补贴奖", "year");
  ZX_ASSIGN_OR_RETURN(EconomyRates rates, RatesFor(c, out.village));
  out.rate_bp = rates.reward_rate_bp;
  ZX_ASSIGN_OR_RETURN(out.max_pool, MaxRewardPool(out.income, out.rate_bp));
  int64_t pool = r.pool.value_or(out.max_pool);
  if (pool > out.max_pool)
    return Status::InvalidArgument("奖励总额 " + std::to_string(pool) + " 元超过上限 " + std::to_string(out.max_pool) +
                                       " 元（年集体经济收入 " + std::to_string(out.income) + " 元 × " +
                                       std::to_string(out.rate_bp / 100.0).substr(0, 5) + "%）",
                                   "pool_yuan");
  std::string y = std::to_string(r.year);
  CodeRange one{out.village, out.village};
  ZX_ASSIGN_OR_RETURN(std::vector<CadrePost> held, PostsHeld(c, one, y + "-01-01", y + "-12-31"));
  for (size_t i = 0; i < r.people.size(); ++i) {
    const CadrePost* found = nullptr;
    for (const auto& p : held)
      if (p.person_id == r.people[i].person_id) {
        found = &p;
        break;
      }
    if (!found)
      return Status::InvalidArgument("人员 " + std::to_string(r.people[i].person_id) + " 当年不是该村村干部",
                                     "people[" + std::to_string(i) + "].person_id");
    out.names.push_back(found->name);
    out.posts.push_back(found->post);
  }
  ZX_ASSIGN_OR_RETURN(out.split, SplitReward({pool, r.people, r.floor, r.cap}));
  return out;
}

nlohmann::json ComputedView(const Computed& c, int64_t year) {
  nlohmann::json lines = nlohmann::json::array();
  for (size_t i = 0; i < c.split.lines.size(); ++i) {
    const auto& l = c.split.lines[i];
    lines.push_back({{"person_id", l.person_id}, {"name", c.names[i]}, {"post", c.posts[i]},
                     {"post_title", VillagePostTitle(c.posts[i])}, {"score", l.score}, {"amount_yuan", l.amount_yuan}});
  }
  return {{"village_code", c.village}, {"year", year}, {"income_yuan", c.income}, {"rate_bp", c.rate_bp},
          {"max_pool_yuan", c.max_pool}, {"pool_yuan", c.split.pool_yuan}, {"paid_yuan", c.split.paid_yuan},
          {"unpaid_yuan", c.split.unpaid_yuan}, {"lines", lines}};
}

}  // namespace

void RegisterRewardRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"POST", "/api/v1/rewards/preview", Access::kPermission, "economy.read", "",
              "Calculate a village's contribution reward (贡献补贴奖) without saving it",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(RewardRequest r, ReadRewardRequest(ctx.request));
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Computed comp, Compute(c, *ctx.caller, r));
                  view = ComputedView(comp, r.year);
                  return Status::Ok();
                }));
                return JsonResponse(200, view.dump());
              }});

  router.Add({"POST", "/api/v1/rewards", Access::kPermission, "economy.manage", "",
              "Save the contribution reward sheet of a village and year (one per village and year); all lines or none",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(RewardRequest r, ReadRewardRequest(ctx.request));
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Computed comp, Compute(c, *ctx.caller, r));
                  ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM reward_sheets WHERE village_code = ? AND "
                                                               "year = ?", comp.village, r.year));
                  if (dup) return Status::Conflict("该村当年的贡献补贴奖已发放登记", "year");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO reward_sheets(village_code, year, income_yuan, rate_bp, pool_yuan, "
                                               "floor_yuan, cap_yuan, paid_yuan, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                               comp.village, r.year, comp.income, comp.rate_bp, comp.split.pool_yuan, r.floor,
                                               r.cap, comp.split.paid_yuan, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM reward_sheets WHERE village_code = ? AND year = ?",
                                                           comp.village, r.year));
                  for (const auto& l : comp.split.lines)
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO reward_lines(sheet_id, person_id, score, amount_yuan) VALUES "
                                                 "(?, ?, ?, ?)", id, l.person_id, l.score, l.amount_yuan));
                  view = ComputedView(comp, r.year);
                  view["id"] = id;
                  return AppendAudit(c, ActorOf(ctx), {"create", "reward_sheet", std::to_string(id), comp.village, std::nullopt,
                                                       view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/rewards", Access::kPermission, "economy.read", "",
              "Saved contribution reward sheets in scope for a year, with their lines",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", 0, 2000, 2100));
                nlohmann::json items = nlohmann::json::array();
                int64_t paid = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT s.id, s.village_code, v.name, s.year, s.income_yuan, s.rate_bp, s.pool_yuan, s.paid_yuan FROM "
                      "reward_sheets s JOIN regions v ON v.code = s.village_code WHERE s.village_code BETWEEN ? AND ? AND "
                      "(? = 0 OR s.year = ?) ORDER BY s.year DESC, s.village_code LIMIT 2000"));
                  st.Bind(range.low, range.high, year, year);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"id", st->Int(0)}, {"village", {{"code", st->Text(1)}, {"name", st->Text(2)}}},
                                     {"year", st->Int(3)}, {"income_yuan", st->Int(4)}, {"rate_bp", st->Int(5)},
                                     {"pool_yuan", st->Int(6)}, {"paid_yuan", st->Int(7)}, {"lines", nlohmann::json::array()}});
                    paid += st->Int(7);
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt ls, c.Prepare("SELECT l.person_id, p.name, l.score, l.amount_yuan FROM reward_lines l "
                                                         "JOIN people p ON p.id = l.person_id WHERE l.sheet_id = ? ORDER BY "
                                                         "l.amount_yuan DESC, l.id"));
                  for (auto& item : items) {
                    ls.Bind(item["id"].get<int64_t>());
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool row, ls->Step());
                      if (!row) break;
                      item["lines"].push_back({{"person_id", ls->Int(0)}, {"name", ls->Text(1)}, {"score", ls->Double(2)},
                                               {"amount_yuan", ls->Int(3)}});
                    }
                    ls->Reset();
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}, {"paid_yuan", paid}}.dump());
              }});

  Route sheet{"GET", "/api/v1/rewards/{id}/sheet.xlsx", Access::kPermission, "economy.read", "",
              "The payment sheet of a saved contribution reward, as XLSX with a column for signatures",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                std::string village, township;
                int64_t year = 0, income = 0, rate = 0, pool = 0, paid = 0;
                struct Line { std::string name, post; double score; int64_t amount; };
                std::vector<Line> lines;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT v.name, t.name, s.year, s.income_yuan, s.rate_bp, s.pool_yuan, s.paid_yuan, s.village_code FROM "
                      "reward_sheets s JOIN regions v ON v.code = s.village_code JOIN regions t ON t.code = v.parent_code WHERE "
                      "s.id = ?"));
                  st.Bind(id);
                  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                  if (!row) return Status::NotFound("reward sheet not found");
                  village = st->Text(0);
                  township = st->Text(1);
                  year = st->Int(2);
                  income = st->Int(3);
                  rate = st->Int(4);
                  pool = st->Int(5);
                  paid = st->Int(6);
                  std::string code = st->Text(7), y = std::to_string(year);
                  CodeRange one{code, code};
                  ZX_ASSIGN_OR_RETURN(std::vector<CadrePost> held, PostsHeld(c, one, y + "-01-01", y + "-12-31"));
                  ZX_ASSIGN_OR_RETURN(Stmt ls, c.Prepare("SELECT l.person_id, p.name, l.score, l.amount_yuan FROM reward_lines l "
                                                         "JOIN people p ON p.id = l.person_id WHERE l.sheet_id = ? ORDER BY "
                                                         "l.amount_yuan DESC, l.id"));
                  ls.Bind(id);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool r2, ls->Step());
                    if (!r2) break;
                    std::string post;
                    for (const auto& p : held)
                      if (p.person_id == ls->Int(0)) {
                        post = VillagePostTitle(p.post);
                        break;
                      }
                    lines.push_back({ls->Text(1), post, ls->Double(2), ls->Int(3)});
                  }
                  return Status::Ok();
                }));
                ZX_ASSIGN_OR_RETURN(auto book, XlsxBook::Create());
                ZX_RETURN_IF_ERROR(book->AddSheet("发放表"));
                book->Merge(0, 0, 0, 5, township + village + std::to_string(year) + "年度村干部贡献补贴奖发放表",
                            XlsxBook::Style::kTitle);
                char info[256];
                std::snprintf(info, sizeof info, "年集体经济收入 %lld 元；提取比例 %.2f%%；奖励总额 %lld 元",
                              static_cast<long long>(income), rate / 100.0, static_cast<long long>(pool));
                book->Merge(1, 0, 1, 5, info, XlsxBook::Style::kCell);
                const char* h[] = {"序号", "姓名", "职务", "贡献分", "金额（元）", "领取人签字"};
                for (int i = 0; i < 6; ++i) book->Write(2, i, h[i], XlsxBook::Style::kHeader);
                book->ColumnWidth(0, 0, 6);
                book->ColumnWidth(1, 2, 16);
                book->ColumnWidth(3, 5, 14);
                int r = 2, n = 0;
                for (const auto& l : lines) {
                  ++r;
                  book->Write(r, 0, static_cast<double>(++n));
                  book->Write(r, 1, l.name);
                  book->Write(r, 2, l.post);
                  book->Write(r, 3, l.score);
                  book->Write(r, 4, static_cast<double>(l.amount));
                  book->Write(r, 5, "");
                }
                ++r;
                book->Merge(r, 0, r, 3, "合计", XlsxBook::Style::kHeader);
                book->Write(r, 4, static_cast<double>(paid));
                book->Write(r, 5, "");
                ZX_ASSIGN_OR_RETURN(std::string bytes, book->Finish());
                HttpResponse out;
                out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                out.body = std::move(bytes);
                out.headers.emplace_back("Content-Disposition",
                                         AttachmentName(village + "贡献补贴奖发放表" + std::to_string(year) + ".xlsx"));
                return out;
              }};
  sheet.record_region = RegionOfRecord(db, "SELECT village_code FROM reward_sheets WHERE id = ?", "reward sheet");
  router.Add(std::move(sheet));
}

}  // namespace zx
