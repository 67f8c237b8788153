#include <sys/stat.h>

#include <cstdio>
#include <iostream>

#include "app/app.h"
#include "auth/pii_crypto.h"
#include "bench/generator.h"
#include "cli/commands.h"

namespace zx {
namespace {

// Bytes of the database: for SQLite the file and its WAL, for PostgreSQL pg_database_size.
int64_t DbBytes(const std::string& url, Database* db = nullptr) {
  if (url.find("://") != std::string::npos) {
    int64_t bytes = 0;
    if (db)
      db->Read([&](Connection& c) -> Status {
        ZX_ASSIGN_OR_RETURN(bytes, QueryInt(c, "SELECT pg_database_size(current_database())"));
        return Status::Ok();
      });
    return bytes;
  }
  std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
  int64_t total = 0;
  for (const std::string& p : {path, path + "-wal"}) {
    struct stat st;
    if (::stat(p.c_str(), &st) == 0) total += st.st_size;
  }
  return total;
}

double MiB(int64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

}  // namespace

void AddBenchCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* bench = app.add_subcommand("bench", "Benchmark data");
  bench->require_subcommand(1);
  auto* cmd = bench->add_subcommand(
      "generate", "Generate a deterministic data set on the imported division tree (county, province or nation scale)");
  AddDbOption(cmd, common);
  AddKeyFileOption(cmd, common);
  struct Args {
    std::string scale, county = "420323", province = "42";
    uint64_t seed = 2026;
    bool force = false;
    int batch = 50000;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("--scale", args->scale, "county | province | nation")
      ->required()->check(CLI::IsMember({"county", "province", "nation"}));
  cmd->add_option("--seed", args->seed, "Seed of the per-village generators")->capture_default_str();
  cmd->add_option("--county", args->county, "County for --scale county")->capture_default_str();
  cmd->add_option("--province", args->province, "Province for --scale province")->capture_default_str();
  cmd->add_option("--batch", args->batch, "Rows per transaction")->capture_default_str()->check(CLI::Range(1000, 10000000));
  cmd->add_flag("--force", args->force, "Delete earlier generated data (ids ≥ 10^14, meta bench_generated) and generate again");
  auto body = [&common, args]() -> int {
    auto crypto = PiiCrypto::Load(common.key_file);
    if (!crypto.ok()) {
      std::cerr << "zhenxing bench generate: " << crypto.status().message() << "\n";
      return 1;
    }
    EnsureDbFolder(common.db);
    auto db = OpenAppDatabase(common.db, 1);
    if (!db.ok()) {
      std::cerr << "zhenxing bench generate: " << db.status().ToString() << "\n";
      return 1;
    }
    GeneratorOptions o;
    o.root = args->scale == "county" ? args->county : args->scale == "province" ? args->province : "000000000000";
    if (o.root.size() < 12) o.root.append(12 - o.root.size(), '0');
    o.seed = args->seed;
    o.force = args->force;
    o.batch_rows = args->batch;
    double last_print = -10;
    o.progress = [&](const GeneratorProgress& p) {
      if (!p.final && p.seconds - last_print < 2.0) return;
      last_print = p.seconds;
      std::printf("%7.1f s  villages %lld/%lld  rows %lld  %.0f rows/s  db %.0f MiB\n", p.seconds,
                  static_cast<long long>(p.villages_done), static_cast<long long>(p.villages_total),
                  static_cast<long long>(p.total_rows), p.seconds > 0 ? p.total_rows / p.seconds : 0.0,
                  MiB(DbBytes(common.db, db->get())));
      std::fflush(stdout);
    };
    std::printf("generating %s scale under %s, seed %llu, batches of %d rows\n", args->scale.c_str(), o.root.c_str(),
                static_cast<unsigned long long>(o.seed), o.batch_rows);
    auto report = GenerateDataSet(**db, **crypto, o);
    const int64_t pg_bytes = (*db)->dialect() == Dialect::kPostgres ? DbBytes(common.db, db->get()) : 0;
    // Closing the last connection checkpoints the WAL into the file, so the size below is the file's.
    (*db)->Close();
    db->reset();
    if (!report.ok()) {
      std::cerr << "zhenxing bench generate: " << report.status().ToString() << "\n";
      return 1;
    }
    if (report->deleted) std::printf("deleted %lld earlier generated rows first\n", static_cast<long long>(report->deleted));
    std::printf("%-26s %12s\n", "table", "rows");
    for (const auto& [table, rows] : report->rows) std::printf("%-26s %12lld\n", table.c_str(), static_cast<long long>(rows));
    std::printf("total: %lld rows in %lld villages, %.1f s, %.0f rows/s, database %.1f MiB\n",
                static_cast<long long>(report->total_rows), static_cast<long long>(report->villages), report->seconds,
                report->seconds > 0 ? report->total_rows / report->seconds : 0.0,
                MiB(pg_bytes ? pg_bytes : DbBytes(common.db)));
    return 0;
  };
  cmd->callback([&run, body] { run = body; });
}

}  // namespace zx
