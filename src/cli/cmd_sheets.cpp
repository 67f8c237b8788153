// zhenxing import KIND FILE / zhenxing export KIND: the import framework from the command line,
// run as the system (whole country, audited as "system").
#include <ctime>
#include <fstream>
#include <iostream>

#include "app/app.h"
#include "auth/pii_crypto.h"
#include "cli/commands.h"
#include "core/region_code.h"
#include "modules/imports/import_books.h"
#include "modules/imports/import_kinds.h"
#include "modules/imports/import_source.h"
#include "modules/regions/chinese_names.h"

namespace zx {
namespace {

struct SheetArgs {
  std::string kind, file, mode = "all", sheet, region, format = "xlsx", out;
  size_t max_mib = 50;
};

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound("cannot open " + path);
  std::string bytes(static_cast<size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return Status::Internal("cannot read " + path);
  return bytes;
}

int Fail(const char* cmd, const Status& s) {
  std::cerr << "zhenxing " << cmd << ": " << s.ToString() << "\n";
  return 2;
}

}  // namespace

void AddSheetCommands(CLI::App& app, CommonOptions& common, CommandRun& run) {
  static SheetArgs a;
  auto* imp = app.add_subcommand("import", "Import a spreadsheet (XLSX or CSV) of a kind (people, households, visits, collective_income, dispatches, training, village_cadres, reserve_cadres)");
  imp->add_option("kind", a.kind, "people | households (one row per member) | visits | collective_income | dispatches | training | village_cadres | reserve_cadres")->required();
  imp->add_option("file", a.file, "the .xlsx or .csv file")->required();
  imp->add_option("--mode", a.mode, "all: nothing if any row fails; good: import the good rows")
      ->check(CLI::IsMember({"all", "good"}));
  imp->add_option("--sheet", a.sheet, "worksheet name (default: the first)");
  imp->add_option("--max-mib", a.max_mib, "largest file accepted, MiB (uploads over HTTP: 50)")->check(CLI::Range(1, 4096));
  AddDbOption(imp, common);
  AddKeyFileOption(imp, common);
  imp->callback([&run, &common] {
    run = [&common]() -> int {
      auto tpl = ImportTemplateFor(a.kind);
      if (!tpl.ok()) return Fail("import", tpl.status());
      auto bytes = ReadWholeFile(a.file);
      if (!bytes.ok()) return Fail("import", bytes.status());
      auto crypto = PiiCrypto::Load(common.key_file);
      if (!crypto.ok()) return Fail("import", crypto.status());
      auto db = OpenAppDatabase(common.db, 1);
      if (!db.ok()) return Fail("import", db.status());
      auto names = ChineseNames::Create();
      if (!names.ok()) return Fail("import", names.status());
      // Rows are read from the file as the import goes: households are checked and written one by
      // one, so memory holds the file's bytes and the open households, not every row parsed.
      auto source = OpenImportSource(*tpl, *bytes, a.sheet, names->get(), a.max_mib << 20);
      if (!source.ok()) return Fail("import", source.status());
      ImportRequest req;
      req.kind = a.kind;
      req.mode = a.mode == "good" ? sheets::ImportMode::kGoodRows : sheets::ImportMode::kAllOrNothing;
      req.now = static_cast<int64_t>(std::time(nullptr));
      auto sum = RunImport(**db, **crypto, req, **source);
      if (!sum.ok()) return Fail("import", sum.status());
      for (const auto& e : sum->errors) std::cout << "row " << e.row << " " << e.column << ": " << e.reason << "\n";
      std::cout << "rows " << sum->rows << ", inserted " << sum->inserted << ", updated " << sum->updated
                << ", unchanged " << sum->unchanged << ", failed " << sum->failed
                << (sum->written ? "" : " — nothing written") << "\n";
      return sum->failed > 0 ? 1 : 0;
    };
  });

  auto* exp = app.add_subcommand("export", "Export a kind's list (people, households, visits, collective_income, dispatches, training, village_cadres, reserve_cadres) in its import template's columns");
  exp->add_option("kind", a.kind, "people | households | visits | collective_income | dispatches | training | village_cadres | reserve_cadres")->required();
  exp->add_option("--region", a.region, "region code (default: the whole country)");
  exp->add_option("--format", a.format, "xlsx or csv")->check(CLI::IsMember({"xlsx", "csv"}));
  exp->add_option("--out", a.out, "output file")->required();
  AddDbOption(exp, common);
  AddKeyFileOption(exp, common);
  exp->callback([&run, &common] {
    run = [&common]() -> int {
      auto tpl = ImportTemplateFor(a.kind);
      if (!tpl.ok()) return Fail("export", tpl.status());
      CodeRange range{"000000000000", "999999999999"};
      if (!a.region.empty()) {
        auto code = ParseRegionCode(a.region, "region");
        if (!code.ok()) return Fail("export", code.status());
        auto level = LevelOfCode(*code);
        if (!level.ok()) return Fail("export", level.status());
        range = SubtreeRange(*code, *level);
      }
      auto crypto = PiiCrypto::Load(common.key_file);
      if (!crypto.ok()) return Fail("export", crypto.status());
      auto db = OpenAppDatabase(common.db, 1);
      if (!db.ok()) return Fail("export", db.status());
      // The command line is the operator on the server itself: personal data in clear, as in backups.
      // Rows stream from the database into the file: memory stays flat for any size of list.
      std::ofstream out(a.out, std::ios::binary);
      if (!out) return Fail("export", Status::Internal("cannot write " + a.out));
      auto writer = TableWriter::Create(*tpl, a.format, &out);
      if (!writer.ok()) return Fail("export", writer.status());
      Status s = ExportRows(**db, **crypto, a.kind, range, true,
                            [&](std::vector<std::string>& cells) { return (*writer)->Add(cells); });
      if (!s.ok()) return Fail("export", s);
      auto bytes = (*writer)->Finish();
      if (!bytes.ok()) return Fail("export", bytes.status());
      out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
      out.close();
      if (!out) return Fail("export", Status::Internal("cannot write " + a.out));
      std::cout << (*writer)->rows() << " rows written to " << a.out << "\n";
      return 0;
    };
  });
}

}  // namespace zx
