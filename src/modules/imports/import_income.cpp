// Kind "collective_income": a village's yearly collective income by item (村集体经济收入), one row
// per village, year and item — that triple is the natural key, as in PUT /api/v1/collective-income,
// so a row seen again replaces the amount rather than adding a second one.
#include <set>

#include "modules/economy/economy_rules.h"
#include "modules/imports/import_kind_ops.h"

namespace zx::imports {
namespace {

using sheets::ColumnType;
using sheets::ParsedRow;

const Choices& Items() {
  static const Choices items = [] {
    Choices c;
    for (const auto& item : IncomeItems()) c.emplace_back(item, IncomeItemTitle(item));
    return c;
  }();
  return items;
}

sheets::ImportTemplate IncomeTemplate() {
  sheets::ImportTemplate t;
  t.kind = "collective_income";
  t.title = "村集体经济收入";
  t.columns = {
      {"village_code", "村代码", "Village code", true, ColumnType::kRegionCode, 12, {}, "12 位村（社区）代码"},
      {"village_name", "村名称", "Village name", false, ColumnType::kText, 50, {}, "仅供核对，不导入"},
      {"year", "年度", "Year", true, ColumnType::kText, 4, {}, "如 2025"},
      {"item", "收入项目", "Item", true, ColumnType::kChoice, 20, Items()},
      {"amount_yuan", "金额（元）", "Amount (yuan)", true, ColumnType::kText, 15, {}, "整元，不为负"},
      {"evidence_name", "凭证文件名", "Evidence file", false, ColumnType::kText, 200},
      {"evidence_sha256", "凭证SHA-256", "Evidence SHA-256", false, ColumnType::kText, 64, {}, "与凭证文件名同时填写"},
  };
  return t;
}

struct Found {
  int64_t year = 0, amount = 0;
  bool exists = false, changed = false;
};

Status ImportIncomeRows(Connection& c, const PiiCrypto&, const ImportRequest& req, std::vector<ParsedRow>& rows,
                        ImportSummary& sum, bool write) {
  std::map<std::string, std::string> villages;
  std::map<std::string, int> seen;
  std::vector<Found> found(rows.size());
  ZX_ASSIGN_OR_RETURN(Stmt existing, c.Prepare(
      "SELECT amount_yuan, COALESCE(evidence_name, ''), COALESCE(evidence_sha256, '') FROM collective_income "
      "WHERE village_code = ? AND year = ? AND item = ?"));
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    auto& v = r.values;
    Found& f = found[i];
    if (!v["year"].empty()) {
      auto y = ParseWhole(v["year"], 2000, 2100);
      if (y.ok()) f.year = *y; else r.errors.push_back({r.row, "年度", y.status().message()});
    }
    if (!v["amount_yuan"].empty()) {
      auto a = ParseWhole(v["amount_yuan"], 0, 100000000000);
      if (a.ok()) f.amount = *a; else r.errors.push_back({r.row, "金额（元）", "须为不为负的整元：" + a.status().message()});
    }
    const std::string& sha = v["evidence_sha256"];
    if (!sha.empty() && !IsSha256Hex(sha)) r.errors.push_back({r.row, "凭证SHA-256", "须为 64 位小写十六进制"});
    if (v["evidence_name"].empty() != sha.empty()) r.errors.push_back({r.row, "凭证SHA-256", "凭证须同时给出文件名和 SHA-256"});
    if (!r.ok()) continue;
    ZX_ASSIGN_OR_RETURN(std::string why, VillageError(c, req, v["village_code"], villages));
    if (!why.empty()) {
      r.errors.push_back({r.row, "村代码", why});
      continue;
    }
    auto [it, first] = seen.emplace(v["village_code"] + "|" + v["year"] + "|" + v["item"], r.row);
    if (!first) {
      r.errors.push_back({r.row, "收入项目", "与第 " + std::to_string(it->second) + " 行重复"});
      continue;
    }
    existing->Reset();
    existing.Bind(v["village_code"], f.year, v["item"]);
    ZX_ASSIGN_OR_RETURN(bool row, existing->Step());
    if (row) {
      f.exists = true;
      f.changed = existing->Int(0) != f.amount || existing->Text(1) != v["evidence_name"] || existing->Text(2) != sha;
    }
  }
  existing->Reset();
  CollectErrors(rows, sum);
  bool do_write = ShouldWrite(req, sum, write);
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    if (!r.ok()) continue;
    const Found& f = found[i];
    (!f.exists ? sum.inserted : f.changed ? sum.updated : sum.unchanged)++;
    if (!do_write || (f.exists && !f.changed)) continue;
    auto& v = r.values;
    auto opt = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); };
    ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM collective_income WHERE village_code = ? AND year = ? AND item = ?",
                                 v["village_code"], f.year, v["item"]));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO collective_income(village_code, year, item, amount_yuan, evidence_name, "
                                 "evidence_sha256, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 v["village_code"], f.year, v["item"], f.amount, opt(v["evidence_name"]),
                                 opt(v["evidence_sha256"]), req.now));
  }
  if (!do_write) return Status::Ok();
  sum.written = true;
  return AuditImport(c, req, "collective_income", sum);
}

Status ExportIncome(Connection& c, const PiiCrypto&, const CodeRange& range, bool, const ExportRowFn& row) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT i.village_code, r.name, i.year, i.item, i.amount_yuan, COALESCE(i.evidence_name, ''), "
      "COALESCE(i.evidence_sha256, '') FROM collective_income i JOIN regions r ON r.code = i.village_code "
      "WHERE i.village_code BETWEEN ? AND ? ORDER BY i.village_code, i.year, i.item"));
  st.Bind(range.low, range.high);
  std::vector<std::string> cells;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) return Status::Ok();
    cells = {st->Text(0), st->Text(1), std::to_string(st->Int(2)), Label(Items(), st->Text(3)),
             std::to_string(st->Int(4)), st->Text(5), st->Text(6)};
    ZX_RETURN_IF_ERROR(row(cells));
  }
}

}  // namespace

const KindOps& CollectiveIncomeOps() {
  static const KindOps ops{"collective_income", &IncomeTemplate, &ImportIncomeRows, &ExportIncome};
  return ops;
}

}  // namespace zx::imports
