// zhenxing backup / restore: online, verified backups (ops/backup.h) and a scheduled mode.
#include <chrono>
#include <iostream>
#include <thread>

#include "app/app.h"
#include "cli/commands.h"
#include "ops/backup.h"
#include "store/postgres/postgres_database.h"

namespace zx {
namespace {

struct BackupOptions {
  std::string to, dir;
  double every_hours = 0;
  int keep = 7;
};

int RunBackupOnce(const std::string& db, const std::string& file, const Clock& clock) {
  auto made = MakeBackup(db, file, clock);
  if (!made.ok()) {
    std::cerr << "zhenxing backup: " << made.status().ToString() << "\n";
    return 1;
  }
  int64_t rows = 0;
  for (const auto& [name, s] : made->report.source) rows += s.rows;
  std::cout << "backup " << made->file << ": " << made->report.order.size() << " tables, " << rows
            << " rows, checksums match the source (manifest " << made->manifest << ")\n";
  return 0;
}

}  // namespace

void AddBackupCommands(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto o = std::make_shared<BackupOptions>();
  auto* backup = app.add_subcommand(
      "backup", "Back up the installation online into a verified SQLite file with a manifest (any --db kind)");
  AddDbOption(backup, common);
  backup->add_option("--to", o->to, "The backup file to write (must not exist)");
  backup->add_option("--dir", o->dir, "With --every: the folder for timestamped backups");
  backup->add_option("--every", o->every_hours, "Keep running: one backup every this many hours into --dir");
  backup->add_option("--keep", o->keep, "With --every: how many backups to keep (default 7)");
  backup->callback([&run, &common, o] {
    run = [&common, o]() -> int {
      SystemClock clock;
      if (o->every_hours <= 0) {
        if (o->to.empty()) {
          std::cerr << "zhenxing backup: --to FILE is required (or --every HOURS --dir DIR)\n";
          return 2;
        }
        return RunBackupOnce(common.db, o->to, clock);
      }
      if (o->dir.empty()) {
        std::cerr << "zhenxing backup: --every needs --dir\n";
        return 2;
      }
      for (;;) {
        int rc = RunBackupOnce(common.db, ScheduledBackupName(o->dir, clock.NowSeconds()), clock);
        if (rc == 0) {
          Status pruned = PruneBackups(o->dir, o->keep);
          if (!pruned.ok()) std::cerr << "zhenxing backup: " << pruned.ToString() << "\n";
        }
        std::this_thread::sleep_for(std::chrono::duration<double, std::ratio<3600>>(o->every_hours));
      }
    };
  });

  struct RestoreOptions {
    std::string from;
    bool force = false;
  };
  auto r = std::make_shared<RestoreOptions>();
  auto* restore = app.add_subcommand(
      "restore", "Restore a backup into --db (checked against its manifest first; refuses a non-empty target)");
  AddDbOption(restore, common);
  restore->add_option("--from", r->from, "The backup file (its .manifest.json beside it)")->required();
  restore->add_flag("--force", r->force, "Replace the target's contents if it has any");
  restore->callback([&run, &common, r] {
    run = [&common, r]() -> int {
      EnsureDbFolder(common.db);
      auto report = RestoreBackup(r->from, common.db, r->force);
      if (!report.ok()) {
        std::cerr << "zhenxing restore: " << report.status().ToString() << "\n";
        return 1;
      }
      int64_t rows = 0;
      for (const auto& [name, s] : report->target) rows += s.rows;
      std::cout << "restored " << report->order.size() << " tables, " << rows << " rows into "
                << RedactDatabaseUrl(common.db) << "; checksums match the backup and its manifest\n";
      return 0;
    };
  });
}

}  // namespace zx
