// zhenxing: one binary, one subcommand per job. Dispatch only; each command lives in src/cli/.
#include <spdlog/spdlog.h>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"振兴 Zhenxing — party-building-led rural revitalization platform"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "zhenxing 0.1.0");
  zx::CommonOptions common;
  zx::CommandRun run;
  zx::AddServeCommand(app, common, run);
  zx::AddInitCommand(app, common, run);
  zx::AddRegionsCommand(app, common, run);
  zx::AddDemoCommand(app, common, run);
  zx::AddUserCommand(app, common, run);
  zx::AddKeysCommand(app, common, run);
  zx::AddAuditCommand(app, common, run);
  zx::AddDbCommand(app, common, run);
  zx::AddBackupCommands(app, common, run);
  zx::AddTasksCommand(app, common, run);
  zx::AddReportCommand(app, common, run);
  zx::AddSheetCommands(app, common, run);
  zx::AddBenchCommand(app, common, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return run ? run() : 1;
}
