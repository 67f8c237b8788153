// One function per subcommand: each adds its options to the CLI11 app and returns what runs it.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace zx {

using CommandRun = std::function<int()>;

struct CommonOptions {
  std::string db = "var/zhenxing.db";
  std::string key_file = "var/keys/data.key";
};

// The project folder, found from the binary's place (build/zhenxing → ..), for default paths.
std::string ProjectRoot();
// Adds --db (env ZHENXING_DB) to a subcommand.
void AddDbOption(CLI::App* cmd, CommonOptions& common);
// Adds --key-file (env ZHENXING_KEY_FILE): the data keys for personal data.
void AddKeyFileOption(CLI::App* cmd, CommonOptions& common);
// Makes sure the folder of a SQLite file exists.
void EnsureDbFolder(const std::string& db);

void AddServeCommand(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddInitCommand(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddRegionsCommand(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddDemoCommand(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddUserCommand(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddKeysCommand(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddAuditCommand(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddDbCommand(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddBackupCommands(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddTasksCommand(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddReportCommand(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddSheetCommands(CLI::App& app, CommonOptions& common, CommandRun& run);
void AddBenchCommand(CLI::App& app, CommonOptions& common, CommandRun& run);

}  // namespace zx
