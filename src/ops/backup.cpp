#include "ops/backup.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "store/database.h"
#include "store/postgres/postgres_database.h"

namespace zx {
namespace {

namespace fs = std::filesystem;

std::string ManifestPath(const std::string& file) { return file + ".manifest.json"; }

Result<std::unique_ptr<Database>> Open(const std::string& url, bool create) {
  DatabaseOptions o;
  o.url = url;
  o.reader_connections = 1;
  o.create = create;
  return OpenDatabase(o);
}

Result<int64_t> SchemaVersion(Database& db) {
  int64_t v = 0;
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(v, QueryInt(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    return Status::Ok();
  }));
  return v;
}

}  // namespace

Result<BackupResult> MakeBackup(const std::string& source_url, const std::string& file, const Clock& clock) {
  if (fs::exists(file) || fs::exists(ManifestPath(file)))
    return Status::Conflict("backup file " + file + " already exists; choose a new name", "to");
  std::error_code ec;
  fs::path parent = fs::path(file).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  ZX_ASSIGN_OR_RETURN(auto source, Open(source_url, false));
  ZX_ASSIGN_OR_RETURN(int64_t version, SchemaVersion(*source));
  // Written under a temporary name and renamed when verified: a backup file is complete or absent.
  std::string partial = file + ".partial";
  fs::remove(partial, ec);
  BackupResult out;
  {
    ZX_ASSIGN_OR_RETURN(auto target, Open(partial, true));
    Status s = Copy(*source, *target, /*force=*/true, &out.report);  // a file made just now
    target->Close();
    if (!s.ok()) {
      fs::remove(partial, ec);
      fs::remove(partial + "-wal", ec);
      fs::remove(partial + "-shm", ec);
      return s;
    }
  }
  nlohmann::json tables = nlohmann::json::object();
  for (const auto& name : out.report.order) {
    const Summary& s = out.report.source.at(name);
    tables[name] = {{"rows", s.rows}, {"sha256", s.sha256}};
  }
  nlohmann::json manifest = {{"format", "zhenxing-backup-1"},
                             {"made_at", clock.NowSeconds()},
                             {"source", RedactDatabaseUrl(source_url)},
                             {"schema_version", version},
                             {"tables", tables}};
  {
    std::ofstream m(ManifestPath(file), std::ios::trunc);
    m << manifest.dump(1) << "\n";
    m.flush();
    if (!m) return Status::Unavailable("cannot write the manifest " + ManifestPath(file));
  }
  fs::rename(partial, file, ec);
  if (ec) return Status::Unavailable("cannot rename the backup into place: " + ec.message());
  out.file = file;
  out.manifest = ManifestPath(file);
  return out;
}

Result<CopyReport> RestoreBackup(const std::string& backup_file, const std::string& target_url, bool force) {
  if (!fs::exists(backup_file)) return Status::InvalidArgument("no backup file " + backup_file, "from");
  std::ifstream in(ManifestPath(backup_file));
  if (!in) return Status::InvalidArgument("the manifest " + ManifestPath(backup_file) + " is missing", "from");
  nlohmann::json manifest = nlohmann::json::parse(in, nullptr, false);
  if (manifest.is_discarded() || manifest.value("format", "") != "zhenxing-backup-1" || !manifest.contains("tables"))
    return Status::InvalidArgument("the manifest " + ManifestPath(backup_file) + " is not a zhenxing backup manifest",
                                   "from");
  ZX_ASSIGN_OR_RETURN(auto source, Open(backup_file, false));
  // First the backup against its manifest, before anything is written to the target.
  ZX_ASSIGN_OR_RETURN(auto summaries, TableSummaries(*source));
  for (const auto& [name, recorded] : manifest["tables"].items()) {
    auto it = summaries.find(name);
    if (it == summaries.end())
      return Status::InvalidArgument("table " + name + " of the manifest is not in the backup", "from");
    if (it->second.rows != recorded.value("rows", int64_t{-1}) || it->second.sha256 != recorded.value("sha256", ""))
      return Status::InvalidArgument("table " + name + " of the backup differs from its manifest (damaged or altered "
                                     "after the backup was made); nothing was restored", "from");
  }
  if (summaries.size() != manifest["tables"].size())
    return Status::InvalidArgument("the backup holds tables its manifest does not list", "from");
  ZX_ASSIGN_OR_RETURN(auto target, Open(target_url, true));
  CopyReport report;
  Status s = Copy(*source, *target, force, &report);
  if (!s.ok()) return s;
  return report;
}

std::string ScheduledBackupName(const std::string& dir, int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "zhenxing-%Y%m%d-%H%M%S.db", &tm);
  return (fs::path(dir) / buf).string();
}

Status PruneBackups(const std::string& dir, int keep) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind("zhenxing-", 0) == 0 && name.size() == std::string("zhenxing-20260101-000000.db").size() &&
        name.substr(name.size() - 3) == ".db")
      files.push_back(e.path().string());
  }
  if (ec) return Status::Unavailable("cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());  // the names sort by time
  for (size_t i = 0; i + static_cast<size_t>(std::max(keep, 1)) < files.size(); ++i) {
    fs::remove(files[i], ec);
    fs::remove(ManifestPath(files[i]), ec);
  }
  return Status::Ok();
}

}  // namespace zx
