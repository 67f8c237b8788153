// Every route × every role × a record inside and outside the caller's scope, built from the route
// table itself: a new route is covered the moment it is added, and one without a rule fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>

#include "app/app.h"
#include "auth/roles.h"
#include "auth/users.h"
#include "modules/regions/region_import.h"
#include "test_util.h"

namespace zx {
namespace {

constexpr char kKey[] = "k1 aes-256-gcm 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr char kPassword[] = "Matrix-Test-Pass-2026";

void WriteTwoCounties(const std::string& dir) {
  testing::WriteMiniDivision(dir);
  testing::WriteFile(dir + "/provinces.csv", "code,name\n42,\"湖北省\"\n61,\"陕西省\"\n");
  testing::WriteFile(dir + "/cities.csv", "code,name,provinceCode\n4203,\"十堰市\",42\n6103,\"宝鸡市\",61\n");
  testing::WriteFile(dir + "/areas.csv",
                     "code,name,cityCode,provinceCode\n420323,\"竹山县\",4203,42\n610331,\"太白县\",6103,61\n");
  testing::WriteFile(dir + "/streets.csv",
                     "code,name,areaCode,provinceCode,cityCode\n420323100,\"城关镇\",420323,42,4203\n"
                     "610331100,\"嘴头镇\",610331,61,6103\n610331101,\"桃川镇\",610331,61,6103\n");
  testing::WriteFile(dir + "/villages.csv",
                     "code,name,streetCode,provinceCode,cityCode,areaCode\n"
                     "420323100200,\"城关村\",420323100,42,4203,420323\n"
                     "610331100200,\"马耳山村委会\",610331100,61,6103,610331\n"
                     "610331100201,\"七里川村委会\",610331100,61,6103,610331\n"
                     "610331101200,\"东青村委会\",610331101,61,6103,610331\n");
}

// One record of each kind at a village (inside every actor's scope, or outside all but the country).
struct Records {
  int64_t person = 0, dispatch = 0, leave = 0, fund = 0;
  int64_t party_org = 0, rectification = 0, reserve = 0;
  int64_t village_post = 0, training_class = 0, reward_sheet = 0;
  int64_t household = 0, follow_up = 0;
  int64_t task = 0, receiver = 0, finding = 0, attachment = 0, duty_list = 0;
  int64_t period_lock = 0, unlock_request = 0;
};

// Tasks and supervision records at the village (a fixture: a village issuing is not a real case).
Status AddTaskRecords(Connection& c, const std::string& village, const std::string& tag, Records& r) {
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO tasks(issuer_region, issuer_user_id, issuer_unit, title, content, deadline, "
                               "created_at) VALUES (?, 0, 'u', ?, 'c', '2026-12-31', 0)", village, "task_" + tag));
  ZX_ASSIGN_OR_RETURN(r.task, QueryInt(c, "SELECT MAX(id) FROM tasks"));
  ZX_RETURN_IF_ERROR(c.Execute("UPDATE tasks SET root_task_id = id WHERE id = ?", r.task));
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO task_receivers(task_id, root_task_id, region_code, status) VALUES (?, ?, ?, "
                               "'pending')", r.task, r.task, village));
  ZX_ASSIGN_OR_RETURN(r.receiver, QueryInt(c, "SELECT MAX(id) FROM task_receivers"));
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspection_groups(region_code, name, year, created_at) VALUES (?, ?, 2026, 0)",
                               village, "group_" + tag));
  ZX_ASSIGN_OR_RETURN(int64_t group, QueryInt(c, "SELECT MAX(id) FROM inspection_groups"));
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspections(group_id, region_code, kind, day, created_at) VALUES (?, ?, 'open', "
                               "'2026-11-01', 0)", group, village));
  ZX_ASSIGN_OR_RETURN(int64_t inspection, QueryInt(c, "SELECT MAX(id) FROM inspections"));
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO findings(inspection_id, region_code, owner_unit, category, severity, description, "
                               "deadline, status, found_on, created_at) VALUES (?, ?, 'u', 'c', 'minor', 'd', '2026-12-31', "
                               "'open', '2026-11-01', 0)", inspection, village));
  ZX_ASSIGN_OR_RETURN(r.finding, QueryInt(c, "SELECT MAX(id) FROM findings"));
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO attachments(owner_kind, owner_id, region_code, file_name, content_type, size_bytes, "
                               "sha256, content_base64, user_id, created_at) VALUES ('task_receiver', ?, ?, 'a.pdf', "
                               "'application/pdf', 5, '', 'JVBERi0=', 0, 0)", r.receiver, village));
  ZX_ASSIGN_OR_RETURN(r.attachment, QueryInt(c, "SELECT MAX(id) FROM attachments"));
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO responsibility_lists(region_code, level, year, secretary_name, created_at) VALUES "
                               "(?, 'village', 2026, ?, 0)", village, "secretary_" + tag));
  ZX_ASSIGN_OR_RETURN(r.duty_list, QueryInt(c, "SELECT MAX(id) FROM responsibility_lists"));
  // A submitted month of the village and a pending unlock request of a locked one.
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO period_locks(region_code, period, period_from, period_to, state, submitted_by, "
                               "submitted_at, updated_at) VALUES (?, '2026-09', '2026-09-01', '2026-09-30', 'submitted', 0, 0, "
                               "0)", village));
  ZX_ASSIGN_OR_RETURN(r.period_lock, QueryInt(c, "SELECT MAX(id) FROM period_locks"));
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO period_locks(region_code, period, period_from, period_to, state, submitted_by, "
                               "submitted_at, updated_at) VALUES (?, '2026-08', '2026-08-01', '2026-08-31', "
                               "'unlock_requested', 0, 0, 0)", village));
  ZX_ASSIGN_OR_RETURN(int64_t locked, QueryInt(c, "SELECT MAX(id) FROM period_locks"));
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO unlock_requests(lock_id, region_code, reason, requested_by, requested_at) VALUES "
                               "(?, ?, 'r', 0, 0)", locked, village));
  ZX_ASSIGN_OR_RETURN(r.unlock_request, QueryInt(c, "SELECT MAX(id) FROM unlock_requests"));
  return Status::Ok();
}

Records AddRecords(Database& db, const std::string& village, const std::string& tag) {
  Records r;
  EXPECT_TRUE(db.Write([&](Connection& c) -> Status {
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO people(name, sex, region_code, created_at) VALUES (?, 'M', ?, 0)",
                                             "person_" + tag, village));
                ZX_ASSIGN_OR_RETURN(r.person, QueryInt(c, "SELECT MAX(id) FROM people"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO sending_units(name, level, region_code) VALUES (?, 'county', ?)",
                                             "unit_" + tag, village));
                ZX_ASSIGN_OR_RETURN(int64_t unit, QueryInt(c, "SELECT MAX(id) FROM sending_units"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO dispatches(person_id, village_code, role, sending_unit_id, term_start, "
                                             "term_end, status, created_at) VALUES (?, ?, 'first_secretary', ?, '2026-01-01', "
                                             "'2027-12-31', 'in_post', 0)",
                                             r.person, village, unit));
                ZX_ASSIGN_OR_RETURN(r.dispatch, QueryInt(c, "SELECT MAX(id) FROM dispatches"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO leaves(dispatch_id, village_code, start_day, end_day, days, reason, "
                                             "status, needs_county, requested_at) VALUES (?, ?, '2026-12-01', '2026-12-02', 2, "
                                             "'x', 'pending', 0, 0)",
                                             r.dispatch, village));
                ZX_ASSIGN_OR_RETURN(r.leave, QueryInt(c, "SELECT MAX(id) FROM leaves"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO fund_budgets(dispatch_id, village_code, year, kind, amount_yuan) "
                                             "VALUES (?, ?, 2026, 'first_secretary', 10000)", r.dispatch, village));
                ZX_ASSIGN_OR_RETURN(r.fund, QueryInt(c, "SELECT MAX(id) FROM fund_budgets"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_orgs(village_code, name, kind, members, created_at) VALUES "
                                             "(?, ?, 'branch', 30, 0)", village, "org_" + tag));
                ZX_ASSIGN_OR_RETURN(r.party_org, QueryInt(c, "SELECT MAX(id) FROM party_orgs"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rectification_cases(org_id, village_code, year, rating, status, "
                                             "created_at) VALUES (?, ?, 2026, 'weak', 'open', 0)", r.party_org, village));
                ZX_ASSIGN_OR_RETURN(r.rectification, QueryInt(c, "SELECT MAX(id) FROM rectification_cases"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO reserve_cadres(village_code, person_id, source, created_at) VALUES "
                                             "(?, ?, 'veteran', 0)", village, r.person));
                ZX_ASSIGN_OR_RETURN(r.reserve, QueryInt(c, "SELECT MAX(id) FROM reserve_cadres"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO village_posts(village_code, person_id, post, term_start, created_at) "
                                             "VALUES (?, ?, 'secretary', '2021-01-01', 0)", village, r.person));
                ZX_ASSIGN_OR_RETURN(r.village_post, QueryInt(c, "SELECT MAX(id) FROM village_posts"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO training_classes(region_code, level, organizer, title, start_day, "
                                             "end_day, hours, created_at) VALUES (?, 'county', 'x', 'x', '2026-03-01', "
                                             "'2026-03-02', 16, 0)", village));
                ZX_ASSIGN_OR_RETURN(r.training_class, QueryInt(c, "SELECT MAX(id) FROM training_classes"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO reward_sheets(village_code, year, income_yuan, rate_bp, pool_yuan, "
                                             "paid_yuan, created_at) VALUES (?, 2026, 100000, 1500, 15000, 15000, 0)", village));
                ZX_ASSIGN_OR_RETURN(r.reward_sheet, QueryInt(c, "SELECT MAX(id) FROM reward_sheets"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO households(village_code, status, status_since, created_at) VALUES "
                                             "(?, 'ordinary', '2026-01-01', 0)", village));
                ZX_ASSIGN_OR_RETURN(r.household, QueryInt(c, "SELECT MAX(id) FROM households"));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO visits(household_id, village_code, day, kind, satisfaction, "
                                             "visitor_name, created_at) VALUES (?, ?, '2026-11-01', 'routine', 'satisfied', "
                                             "'x', 0)", r.household, village));
                ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO follow_ups(visit_id, household_id, village_code, problem, owner, "
                                             "deadline, created_at) SELECT MAX(id), ?, ?, 'p', 'o', '2026-12-01', 0 FROM visits",
                                             r.household, village));
                ZX_ASSIGN_OR_RETURN(r.follow_up, QueryInt(c, "SELECT MAX(id) FROM follow_ups"));
                return AddTaskRecords(c, village, tag, r);
              }).ok());
  return r;
}

struct Actor {
  std::string role, scope, peer_role;
  int64_t peer_id = 0;
  std::string cookie, csrf;
};

class AuthorizationMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteTwoCounties(src_.path());
    AppOptions o;
    o.db_url = dir_.File("z.db");
    o.key_text = kKey;
    auto app = App::Open(o);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(*app);
    ASSERT_TRUE(ImportRegions(app_->db(), app_->names(), {src_.path(), {}}).ok());
    actors_ = {{"sys_admin", "000000000000", "leader"},          {"org_admin", "610331000000", "leader"},
               {"township_admin", "610331100000", "leader"},     {"leader", "610331000000", "leader"},
               {"inspector", "610331000000", "leader"},          {"first_secretary", "610331100200", "village_secretary"},
               {"village_secretary", "610331100200", "village_secretary"}};
    ASSERT_EQ(actors_.size(), AllRoles().size()) << "a new role needs a row here";
    outsider_ = AddUser("outsider", "420323000000", "leader");
    inside_ = AddRecords(app_->db(), "610331100200", "in");
    outside_ = AddRecords(app_->db(), "420323100200", "out");
    for (auto& a : actors_) {
      AddUser("m_" + a.role, a.scope, a.role);
      a.peer_id = AddUser("p_" + a.role, a.scope, a.peer_role);
      Login(a);
    }
  }

  int64_t AddUser(const std::string& name, const std::string& scope, const std::string& role) {
    NewUser u{name, name, kPassword, scope, {role}, false};
    auto hash = PrepareUserPassword(u);
    EXPECT_TRUE(hash.ok());
    int64_t id = 0;
    EXPECT_TRUE(app_->db().Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(id, InsertUser(c, u, *hash, 0));
                  return Status::Ok();
                }).ok());
    return id;
  }

  void Login(Actor& a) {
    auto r = app_->auth().Login("m_" + a.role, kPassword, "127.0.0.1", "matrix");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    a.cookie = std::string(kSessionCookie) + "=" + r->token;
    a.csrf = r->caller.csrf_token;
  }

  HttpResponse Call(const Actor& a, const Route& route, const std::string& path) {
    HttpRequest req;
    req.method = route.method;
    req.path = path;
    req.headers["cookie"] = a.cookie;
    req.headers["x-csrf-token"] = a.csrf;
    if (route.method != "GET") req.body = "{}";
    req.remote_addr = "127.0.0.1";
    return AwaitResponse(app_->Handle(req));
  }

  testing::TempDir src_, dir_;
  std::unique_ptr<App> app_;
  std::vector<Actor> actors_;
  int64_t outsider_ = 0;
  Records inside_, outside_;
};

// The record a route's {id} names, by the collection it sits under.
int64_t RecordFor(const std::string& pattern, const Actor& a, int64_t outsider, const Records& in, const Records& out,
                  bool inside) {
  if (pattern.rfind("/api/v1/users/", 0) == 0) return inside ? a.peer_id : outsider;
  const Records& r = inside ? in : out;
  if (pattern.rfind("/api/v1/people/", 0) == 0) return r.person;
  if (pattern.rfind("/api/v1/dispatches/", 0) == 0) return r.dispatch;
  if (pattern.rfind("/api/v1/leaves/", 0) == 0) return r.leave;
  if (pattern.rfind("/api/v1/funds/", 0) == 0) return r.fund;
  if (pattern.rfind("/api/v1/party-orgs/", 0) == 0) return r.party_org;
  if (pattern.rfind("/api/v1/rectifications/", 0) == 0) return r.rectification;
  if (pattern.rfind("/api/v1/reserve-cadres/", 0) == 0) return r.reserve;
  if (pattern.rfind("/api/v1/village-posts/", 0) == 0) return r.village_post;
  if (pattern.rfind("/api/v1/training-classes/", 0) == 0) return r.training_class;
  if (pattern.rfind("/api/v1/rewards/", 0) == 0) return r.reward_sheet;
  if (pattern.rfind("/api/v1/households/", 0) == 0) return r.household;
  if (pattern.rfind("/api/v1/follow-ups/", 0) == 0) return r.follow_up;
  if (pattern.rfind("/api/v1/tasks/", 0) == 0) return r.task;
  if (pattern.rfind("/api/v1/task-receivers/", 0) == 0) return r.receiver;
  if (pattern.rfind("/api/v1/findings/", 0) == 0) return r.finding;
  if (pattern.rfind("/api/v1/attachments/", 0) == 0) return r.attachment;
  if (pattern.rfind("/api/v1/responsibility-lists/", 0) == 0) return r.duty_list;
  if (pattern.rfind("/api/v1/period-locks/", 0) == 0) return r.period_lock;
  if (pattern.rfind("/api/v1/unlock-requests/", 0) == 0) return r.unlock_request;
  return -1;
}

TEST_F(AuthorizationMatrixTest, EveryRouteHasARule) {
  std::regex param("\\{([a-z_]+)\\}");
  for (const Route& r : app_->router().routes()) {
    if (r.access == Access::kPermission) {
      EXPECT_FALSE(r.permission.empty()) << r.method << " " << r.pattern;
      const auto& all = AllPermissions();
      EXPECT_NE(std::find(all.begin(), all.end(), r.permission), all.end())
          << r.permission << " of " << r.pattern << " is missing from the permission catalogue";
    }
    std::smatch m;
    if (std::regex_search(r.pattern, m, param))
      EXPECT_TRUE(!r.scope_param.empty() || r.record_region)
          << r.method << " " << r.pattern << " names a record but has no scope rule";
  }
}

TEST_F(AuthorizationMatrixTest, EveryRouteEveryRoleInsideAndOutsideScope) {
  int checked = 0;
  for (const Route& route : app_->router().routes()) {
    for (Actor& a : actors_) {
      for (bool inside : {true, false}) {
        bool has_record = route.pattern.find('{') != std::string::npos;
        if (!inside && (!has_record || a.scope == kCountryCode)) continue;  // nothing is outside the country
        std::string path = route.pattern;
        path = std::regex_replace(path, std::regex("\\{code\\}"), inside ? a.scope : "420323000000");
        if (path.find("{id}") != std::string::npos) {
          int64_t id = RecordFor(route.pattern, a, outsider_, inside_, outside_, inside);
          ASSERT_GE(id, 0) << "the matrix does not know which record " << route.pattern << " names: add it to RecordFor";
          path = std::regex_replace(path, std::regex("\\{id\\}"), std::to_string(id));
        }
        ASSERT_EQ(path.find('{'), std::string::npos) << "the matrix does not know a parameter of " << route.pattern;
        HttpResponse res = Call(a, route, path);
        std::string what = route.method + " " + path + " as " + a.role + (inside ? " (inside)" : " (outside)") +
                           " → " + std::to_string(res.status) + " " + res.body;
        bool permitted = route.access != Access::kPermission || RolesPermit({a.role}, route.permission);
        if (!permitted) {
          EXPECT_EQ(res.status, 403) << what;
        } else if (!inside) {
          EXPECT_EQ(res.status, 404) << what;
        } else {
          EXPECT_TRUE(res.status == 200 || res.status == 201 || res.status == 204 || res.status == 400) << what;
        }
        ++checked;
        if (route.pattern.find("logout") != std::string::npos) Login(a);  // that call ended the session
      }
    }
  }
  EXPECT_GT(checked, 100);
}

TEST_F(AuthorizationMatrixTest, WithoutASessionOnlyPublicRoutesAnswer) {
  for (const Route& route : app_->router().routes()) {
    HttpRequest req;
    req.method = route.method;
    req.path = std::regex_replace(std::regex_replace(route.pattern, std::regex("\\{code\\}"), "610331"),
                                  std::regex("\\{id\\}"), "1");
    HttpResponse res = app_->Handle(req);
    if (route.access == Access::kPublic)
      EXPECT_NE(res.status, 401) << route.pattern;
    else
      EXPECT_EQ(res.status, 401) << route.method << " " << route.pattern;
  }
}

}  // namespace
}  // namespace zx
