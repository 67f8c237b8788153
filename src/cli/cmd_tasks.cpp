#include <iostream>

#include "app/app.h"
#include "cli/commands.h"
#include "core/clock.h"
#include "modules/tasks/task_store.h"

namespace zx {

void AddTasksCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* cmd = app.add_subcommand("tasks", "Task jobs");
  auto* jobs = cmd->add_subcommand("run-jobs", "Escalate overdue task receivers (once each) and open due cycle periods");
  AddDbOption(jobs, common);
  auto offset = std::make_shared<int64_t>(0);
  jobs->add_option("--clock-offset-seconds", *offset, "Run as if the time were this many seconds later (as serve)");
  cmd->require_subcommand(1);
  auto body = [&common, offset]() -> int {
    auto db = OpenAppDatabase(common.db, 1);
    if (!db.ok()) {
      std::cerr << "zhenxing tasks run-jobs: " << db.status().ToString() << "\n";
      return 1;
    }
    OffsetClock clock(*offset);
    auto r = RunTaskJobs(**db, clock.NowSeconds());
    (*db)->Close();
    if (!r.ok()) {
      std::cerr << "zhenxing tasks run-jobs: " << r.status().ToString() << "\n";
      return 1;
    }
    std::cout << "escalated " << r->escalated << ", opened " << r->opened << "\n";
    return 0;
  };
  jobs->callback([&run, body] { run = body; });
}

}  // namespace zx
