// Tasks in a real (SQLite) database: all-or-nothing issuing, the tree below a task, escalation
// exactly once, cycles opening each period once.
#include "modules/tasks/task_store.h"

#include <gtest/gtest.h>

#include "modules/presence/presence_rules.h"
#include "modules/regions/chinese_names.h"
#include "modules/regions/region_import.h"
#include "test_util.h"

namespace zx {
namespace {

class TaskStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::WriteMiniDivision(src_.path());
    db_ = testing::OpenTestDb(dir_.path());
    auto names = ChineseNames::Create();
    ASSERT_TRUE(names.ok());
    ASSERT_TRUE(ImportRegions(*db_, **names, {src_.path(), {}}).ok());
  }

  Result<int64_t> Issue(NewTask t, int64_t now) {
    int64_t id = 0;
    Status s = db_->Write([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(id, InsertTask(c, t, ChinaDay(now), now));
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return id;
  }

  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(n, QueryInt(c, sql));
                  return Status::Ok();
                }).ok());
    return n;
  }

  NewTask CountyTask() {
    NewTask t;
    t.issuer_region = "610331000000";
    t.issuer_user_id = 1;
    t.issuer_unit = "太白县委组织部";
    t.title = "报送走访情况";
    t.content = "本月走访脱贫户情况";
    t.deadline = "2026-11-30";
    t.receivers = {{"610331100"}, {"610331101"}};
    return t;
  }

  testing::TempDir src_, dir_;
  std::unique_ptr<Database> db_;
  const int64_t now_ = 1795305600;  // 2026-11-22 00:00 UTC (08:00 China time)
};

TEST_F(TaskStoreTest, OneBadReceiverAmongFiveCreatesNothing) {
  NewTask t = CountyTask();
  t.receivers = {{"610331100"}, {"610331101"}, {"610331100200"}, {"420323100"}, {"610331101200"}};
  auto r = Issue(t, now_);
  EXPECT_EQ(r.status().field(), "receivers[3].region_code");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tasks"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM task_receivers"), 0);
  t.receivers = {{"610331"}};
  EXPECT_EQ(Issue(t, now_).status().field(), "receivers[0].region_code") << "the issuer itself is not below it";
  t.receivers = {{"610331100"}, {"610331100"}};
  EXPECT_EQ(Issue(t, now_).status().field(), "receivers[1].region_code");
  t = CountyTask();
  t.deadline = "2026-11-21";
  EXPECT_EQ(Issue(t, now_).status().field(), "deadline");
}

TEST_F(TaskStoreTest, TreeCountsAndEscalationOnce) {
  auto top = Issue(CountyTask(), now_);
  ASSERT_TRUE(top.ok()) << top.status().ToString();
  int64_t town_receiver = Count("SELECT id FROM task_receivers WHERE region_code = '610331100000'");
  NewTask down = CountyTask();
  down.issuer_region = "610331100000";
  down.receivers = {{"610331100200"}, {"610331100201"}};
  down.parent_receiver_id = town_receiver;
  down.parent_deadline = "2026-11-30";
  down.deadline = "2026-12-01";
  EXPECT_EQ(Issue(down, now_).status().field(), "deadline") << "not later than the parent task";
  down.deadline = "2026-11-25";
  ASSERT_TRUE(Issue(down, now_).ok());
  nlohmann::json progress;
  ASSERT_TRUE(db_->Read([&](Connection& c) -> Status {
                ZX_ASSIGN_OR_RETURN(progress, TaskProgress(c, *top, "2026-11-22"));
                return Status::Ok();
              }).ok());
  EXPECT_EQ(progress["summary"]["total"], 4);
  EXPECT_EQ(progress["receivers"][1]["depth"], 2);
  EXPECT_EQ(progress["receivers"][1]["parent_receiver_id"], town_receiver);

  // Four days after the village deadline: the two villages are late; the townships are not.
  int64_t later = now_ + 4 * 86400;
  auto first = RunTaskJobs(*db_, later);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->escalated, 2);
  EXPECT_EQ(RunTaskJobs(*db_, later)->escalated, 0) << "never twice";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notifications WHERE kind = 'task_overdue' AND region_code = '610331100000'"), 2);
  EXPECT_EQ(RunTaskJobs(*db_, later + 10 * 86400)->escalated, 2) << "now the townships too";
}

TEST_F(TaskStoreTest, CyclesOpenEachPeriodOnce) {
  ASSERT_TRUE(db_->Write([&](Connection& c) -> Status {
                return c.Execute("INSERT INTO task_cycles(issuer_region, issuer_user_id, issuer_unit, frequency, title, content, "
                                 "receivers_json, due_days, starts_on, created_at) VALUES ('610331000000', 1, '县委组织部', "
                                 "'weekly', '县级领导走访周报', '上周走访情况', '[\"610331100000\",\"610331101000\"]', 3, "
                                 "'2026-11-01', 0)");
              }).ok());
  int64_t monday = 1795996800;  // 2026-11-30 00:00 UTC, a Monday (08:00 China time)
  auto r = RunTaskJobs(*db_, monday);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->opened, 1);
  EXPECT_EQ(RunTaskJobs(*db_, monday + 3600)->opened, 0);
  EXPECT_EQ(RunTaskJobs(*db_, monday + 3 * 86400)->opened, 0) << "same week";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM task_receivers"), 2);
  EXPECT_EQ(RunTaskJobs(*db_, monday + 7 * 86400)->opened, 1) << "next Monday, next week";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tasks WHERE period = '2026-W48'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tasks WHERE period = '2026-W49'"), 1);
}

}  // namespace
}  // namespace zx
