// zhenxing db copy --from URL --to URL [--force]: moves an installation between databases (SQLite
// and PostgreSQL, either way). Every table the migrations made is copied (schema_migrations
// excepted: the target has its own), parents before children, in one transaction on the target;
// then row counts and a checksum per table are compared on both sides, and any difference rolls
// the copy back.
#include <cstdio>
#include <iostream>

#include "app/app.h"
#include "cli/commands.h"
#include "ops/db_copy.h"
#include "store/postgres/postgres_database.h"
#include "store/postgres/province_placement.h"

namespace zx {
namespace {

void PrintReport(const CopyReport& r) {
  if (r.source.empty()) return;
  std::printf("%-20s %12s %12s  %-16s  %-16s  %s\n", "table", "source rows", "target rows", "source sha256",
              "target sha256", "");
  for (const auto& name : r.order) {
    auto s = r.source.find(name), t = r.target.find(name);
    if (s == r.source.end() || t == r.target.end()) continue;
    bool same = s->second.rows == t->second.rows && s->second.sha256 == t->second.sha256;
    std::printf("%-20s %12lld %12lld  %-16s  %-16s  %s\n", name.c_str(), static_cast<long long>(s->second.rows),
                static_cast<long long>(t->second.rows), s->second.sha256.substr(0, 16).c_str(),
                t->second.sha256.substr(0, 16).c_str(), same ? "ok" : "DIFFERENT");
  }
}

}  // namespace

struct PlaceOptions {
  std::string db, province, server;
};

int RunPlaceProvince(const PlaceOptions& o) {
  auto installation = ConnectPostgres(o.db);
  if (!installation.ok()) {
    std::cerr << "zhenxing db place-province: installation: " << installation.status().ToString() << "\n";
    return 2;
  }
  auto server = ConnectPostgres(o.server);
  if (!server.ok()) {
    std::cerr << "zhenxing db place-province: province server: " << server.status().ToString() << "\n";
    return 2;
  }
  auto placed = PlaceProvince(**installation, **server, o.server, o.province);
  if (!placed.ok()) {
    std::cerr << "zhenxing db place-province: " << placed.status().ToString() << "\n";
    return 1;
  }
  for (const auto& t : placed->tables) std::cout << "placed " << t << " on " << RedactDatabaseUrl(o.server) << "\n";
  for (const auto& fk : placed->dropped_foreign_keys) std::cout << "foreign key dropped: " << fk << "\n";
  std::cout << placed->rows_moved << " rows moved; province " << o.province << " is served through postgres_fdw\n";
  return 0;
}

void AddDbCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* db = app.add_subcommand("db", "Database maintenance");
  db->require_subcommand(1);
  struct CopyOptions {
    std::string from, to;
    bool force = false;
  };
  auto o = std::make_shared<CopyOptions>();
  auto* copy = db->add_subcommand(
      "copy", "Copy every table from one database to another (SQLite or postgresql://), then compare checksums");
  copy->add_option("--from", o->from, "Source database (file, sqlite:PATH or postgresql://...)")->required();
  copy->add_option("--to", o->to, "Target database (created and migrated if new)")->required();
  copy->add_flag("--force", o->force, "Replace the target's contents if it has any");
  copy->callback([&run, o] {
    run = [o]() -> int {
      if (o->from == o->to) {
        std::cerr << "zhenxing db copy: --from and --to name the same database\n";
        return 2;
      }
      DatabaseOptions so;
      so.url = o->from;
      so.reader_connections = 1;
      so.create = false;
      auto source = OpenDatabase(so);
      if (!source.ok()) {
        std::cerr << "zhenxing db copy: source: " << source.status().ToString() << "\n";
        return 2;
      }
      EnsureDbFolder(o->to);
      auto target = OpenAppDatabase(o->to, 1);
      if (!target.ok()) {
        std::cerr << "zhenxing db copy: target: " << target.status().ToString() << "\n";
        return 2;
      }
      CopyReport report;
      Status s = Copy(**source, **target, o->force, &report);
      PrintReport(report);
      if (report.mismatch) {
        std::cout << "copy DIFFERS from the source: rolled back\n";
        return 1;
      }
      if (!s.ok()) {
        std::cerr << "zhenxing db copy: " << s.ToString() << "\n";
        return 2;
      }
      std::cout << "copied " << report.order.size() << " tables; counts and checksums match\n";
      return 0;
    };
  });
  auto place = std::make_shared<PlaceOptions>();
  auto* pc = db->add_subcommand("place-province",
                                "Move one province's partitions to another PostgreSQL server and attach them back as "
                                "postgres_fdw foreign partitions (docs/SCALING.md)");
  pc->add_option("--db", place->db, "The installation (postgresql://...)")->required();
  pc->add_option("--province", place->province, "Two-digit province code, e.g. 42 for 湖北省")->required();
  pc->add_option("--server", place->server, "The province's server and database (postgresql://...)")->required();
  pc->callback([&run, place] { run = [place]() -> int { return RunPlaceProvince(*place); }; });
  (void)common;
}

}  // namespace zx
