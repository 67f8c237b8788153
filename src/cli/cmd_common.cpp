#include <unistd.h>

#include <filesystem>

#include "cli/commands.h"

namespace zx {

std::string ProjectRoot() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  buf[n] = 0;
  return std::filesystem::path(buf).parent_path().parent_path().string();
}

void AddDbOption(CLI::App* cmd, CommonOptions& common) {
  cmd->add_option("--db", common.db, "SQLite file (or sqlite:PATH)")->envname("ZHENXING_DB")->capture_default_str();
}

void AddKeyFileOption(CLI::App* cmd, CommonOptions& common) {
  cmd->add_option("--key-file", common.key_file, "Data key file for personal data (mode 600, outside the database)")
      ->envname("ZHENXING_KEY_FILE")->capture_default_str();
}

void EnsureDbFolder(const std::string& db) {
  std::string path = db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db;
  if (path.find("://") != std::string::npos) return;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
}

}  // namespace zx
