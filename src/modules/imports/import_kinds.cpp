#include "modules/imports/import_kinds.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/personal_ids.h"
#include "core/region_code.h"
#include "modules/imports/import_kind_ops.h"
#include "modules/imports/import_source.h"

namespace zx {
namespace imports {

std::string Label(const Choices& choices, const std::string& value) {
  for (const auto& [v, text] : choices) {
    if (v == value) return text;
  }
  return value;
}

void CollectErrors(std::vector<sheets::ParsedRow>& rows, ImportSummary& sum) {
  for (const sheets::ParsedRow& r : rows) {
    if (!r.ok()) ++sum.failed;
    sum.errors.insert(sum.errors.end(), r.errors.begin(), r.errors.end());
  }
}

bool ShouldWrite(const ImportRequest& req, const ImportSummary& sum, bool write) {
  return write && !(req.mode == sheets::ImportMode::kAllOrNothing && sum.failed > 0);
}

Status AuditImport(Connection& c, const ImportRequest& req, const std::string& entity, const ImportSummary& sum) {
  std::string scope = req.caller != nullptr ? req.caller->scope_code : std::string("000000000000");
  return AppendAudit(c, req.actor,
                     {"import", entity, "", scope, std::nullopt,
                      nlohmann::json{{"kind", req.kind}, {"rows", sum.rows}, {"inserted", sum.inserted},
                                     {"updated", sum.updated}, {"unchanged", sum.unchanged}, {"failed", sum.failed}}},
                     req.now);
}

std::string ClearOrMasked(const PiiCrypto& crypto, const std::string& enc, bool unmask, bool id_number) {
  if (enc.empty()) return {};
  auto plain = crypto.Decrypt(enc);
  if (!plain.ok()) return {};
  if (unmask) return *plain;
  return id_number ? MaskIdNumber(*plain) : MaskPhone(*plain);
}

std::string NumberText(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

Result<double> ParseNumber(const std::string& text, double min, double max) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v)) {
    return Status::InvalidArgument("应为数字：" + text);
  }
  if (v < min || v > max) return Status::InvalidArgument("应在 " + NumberText(min) + " 到 " + NumberText(max) + " 之间");
  return v;
}

Result<int64_t> ParseWhole(const std::string& text, int64_t min, int64_t max) {
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end != text.c_str() + text.size()) return Status::InvalidArgument("应为整数：" + text);
  if (v < min || v > max) return Status::InvalidArgument("应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间");
  return static_cast<int64_t>(v);
}

bool InScope(const ImportRequest& req, const std::string& code) {
  return req.caller == nullptr || req.caller->InScope(code);
}

Result<std::string> VillageError(Connection& c, const ImportRequest& req, const std::string& code,
                                 std::map<std::string, std::string>& cache) {
  auto [it, fresh] = cache.emplace(code, "");
  if (!fresh) return it->second;
  if (!InScope(req, code)) {
    it->second = "区划 " + code + " 不在您的管辖范围内";
  } else if (auto level = LevelOfCode(code); !level.ok() || *level != RegionLevel::kVillage) {
    it->second = "须为村（社区）代码";
  } else {
    ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", code));
    if (n == 0) it->second = "区划 " + code + " 不存在";
  }
  return it->second;
}

}  // namespace imports

namespace {

Result<const imports::KindOps*> OpsFor(const std::string& kind) {
  for (const imports::KindOps* ops : {&imports::PeopleOps(), &imports::HouseholdOps(), &imports::VisitOps(),
                                           &imports::CollectiveIncomeOps(), &imports::DispatchOps(),
                                           &imports::TrainingOps(), &imports::VillageCadreOps(), &imports::ReserveCadreOps()}) {
    if (ops->kind == kind) return ops;
  }
  return Status::NotFound("unknown import kind " + kind);
}

}  // namespace

const std::vector<std::string>& ImportKindNames() {
  static const std::vector<std::string> names = {"people", "households", "visits", "collective_income", "dispatches", "training",
                                                      "village_cadres", "reserve_cadres"};
  return names;
}

Result<sheets::ImportTemplate> ImportTemplateFor(const std::string& kind) {
  ZX_ASSIGN_OR_RETURN(const imports::KindOps* ops, OpsFor(kind));
  return ops->tpl();
}

Result<std::vector<sheets::ParsedRow>> ReadImportFile(const sheets::ImportTemplate& tpl, std::string_view bytes,
                                                      const std::string& sheet_name, std::vector<std::string>* extra_columns,
                                                      std::vector<int>* hidden_rows, const ChineseNames* to_simplified,
                                                      size_t max_file_bytes) {
  ZX_ASSIGN_OR_RETURN(auto source, OpenImportSource(tpl, bytes, sheet_name, to_simplified, max_file_bytes));
  std::vector<sheets::ParsedRow> rows;
  sheets::ParsedRow row;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, source->Next(&row));
    if (!more) break;
    rows.push_back(std::move(row));
  }
  if (extra_columns != nullptr) *extra_columns = source->extra_columns();
  if (hidden_rows != nullptr) *hidden_rows = source->hidden_rows();
  return rows;
}

Result<ImportSummary> RunImport(Database& db, const PiiCrypto& crypto, const ImportRequest& req,
                                std::vector<sheets::ParsedRow> rows) {
  auto source = ParsedRowSource(std::move(rows));
  return RunImport(db, crypto, req, *source);
}

Result<ImportSummary> RunImport(Database& db, const PiiCrypto& crypto, const ImportRequest& req, ImportSource& source) {
  ZX_ASSIGN_OR_RETURN(const imports::KindOps* ops, OpsFor(req.kind));
  // Kinds that check the whole file at once get every row parsed first, before the transaction.
  std::vector<sheets::ParsedRow> rows;
  if (ops->check_write_source == nullptr) {
    sheets::ParsedRow row;
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool more, source.Next(&row));
      if (!more) break;
      rows.push_back(std::move(row));
    }
  }
  ImportSummary sum;
  auto run = [&](Connection& c, bool write) {
    sum = ImportSummary{};
    if (ops->check_write_source != nullptr) {
      source.Rewind();
      return ops->check_write_source(db, c, crypto, req, source, sum, write);
    }
    sum.rows = static_cast<int>(rows.size());
    return ops->check_write(c, crypto, req, rows, sum, write);
  };
  if (req.dry_run) {
    ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) { return run(c, false); }));
    return sum;
  }
  // One transaction of its own: a large file must not hold other writers' answers hostage. A kind
  // that writes as it reads may have written rows of a file it then refuses (mode all, a bad row
  // late in the file): the transaction is rolled back, so nothing of the file remains.
  bool refused = false;
  Status s = db.WriteAlone([&](Connection& c) -> Status {
    ZX_RETURN_IF_ERROR(run(c, true));
    if (sum.written) return Status::Ok();
    refused = true;
    return Status::Conflict("import refused: rows failed");
  });
  if (!s.ok() && !refused) return s;
  return sum;
}

Status ExportRows(Database& db, const PiiCrypto& crypto, const std::string& kind, const CodeRange& range, bool unmask,
                  const ExportRowFn& row) {
  ZX_ASSIGN_OR_RETURN(const imports::KindOps* ops, OpsFor(kind));
  return db.Read([&](Connection& c) { return ops->export_rows(c, crypto, range, unmask, row); });
}

Result<std::vector<std::vector<std::string>>> ExportTable(Database& db, const PiiCrypto& crypto, const std::string& kind,
                                                          const CodeRange& range, bool unmask) {
  std::vector<std::vector<std::string>> out;
  ZX_RETURN_IF_ERROR(ExportRows(db, crypto, kind, range, unmask, [&](std::vector<std::string>& cells) {
    out.push_back(std::move(cells));
    return Status::Ok();
  }));
  return out;
}

}  // namespace zx
