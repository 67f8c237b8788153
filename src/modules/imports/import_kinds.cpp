#include "modules/imports/import_kinds.h"

#include "core/personal_ids.h"
#include "core/region_code.h"
#include "modules/regions/chinese_names.h"
#include "sheets/csv_sheet.h"
#include "sheets/xlsx_reader.h"

namespace zx {
namespace {

using sheets::Column;
using sheets::ColumnType;
using sheets::ParsedRow;
using sheets::RowError;

const std::vector<std::pair<std::string, std::string>> kEducation = {
    {"primary", "小学"}, {"junior", "初中"}, {"senior", "高中"}, {"vocational", "中专"},
    {"college", "大专"}, {"bachelor", "本科"}, {"master", "硕士"}, {"doctor", "博士"}};

sheets::ImportTemplate PeopleTemplate() {
  sheets::ImportTemplate t;
  t.kind = "people";
  t.title = "人员信息";
  t.columns = {
      {"name", "姓名", "Name", true, ColumnType::kText, 50},
      {"id_number", "身份证号", "ID number", true, ColumnType::kIdNumber, 18, {}, "18 位，单元格设为文本"},
      {"sex", "性别", "Sex", false, ColumnType::kChoice, 1, {{"M", "男"}, {"F", "女"}}, "可不填，以身份证号为准"},
      {"birth_date", "出生日期", "Birth date", false, ColumnType::kDate, 10, {}, "可不填，以身份证号为准"},
      {"phone", "手机号", "Phone", false, ColumnType::kPhone, 11},
      {"party_member", "是否党员", "Party member", false, ColumnType::kBool, 1, {}, "是/否"},
      {"education", "文化程度", "Education", false, ColumnType::kChoice, 20, kEducation},
      {"work_unit", "工作单位", "Work unit", false, ColumnType::kText, 100},
      {"region_code", "所属区划代码", "Region code", true, ColumnType::kRegionCode, 12, {}, "12 位村（社区）代码"},
  };
  return t;
}

struct PersonRow {
  std::string id_enc, id_hash, phone_enc, sex, birth_date;
  std::optional<std::string> id_flag;
};

// What the people writer needs beyond the template's checks: the ID number is the authority on
// sex and birth date (as in the person registry's own routes), and the values encrypted.
Status PrepareRow(const PiiCrypto& crypto, ParsedRow& r, PersonRow* out) {
  ZX_ASSIGN_OR_RETURN(IdNumber id, ParseIdNumber(r.values["id_number"], "id_number"));
  if (!r.values["sex"].empty() && r.values["sex"][0] != id.sex) {
    r.errors.push_back({r.row, "性别", "性别与身份证号不符"});
  }
  if (!r.values["birth_date"].empty() && r.values["birth_date"] != id.birth_date) {
    r.errors.push_back({r.row, "出生日期", "出生日期与身份证号不符"});
  }
  out->sex = std::string(1, id.sex);
  out->birth_date = id.birth_date;
  ZX_ASSIGN_OR_RETURN(out->id_enc, crypto.Encrypt(id.canonical));
  out->id_hash = crypto.BlindIndex(id.canonical);
  if (id.legacy15) out->id_flag = "legacy15";
  if (!r.values["phone"].empty()) {
    ZX_ASSIGN_OR_RETURN(out->phone_enc, crypto.Encrypt(r.values["phone"]));
  }
  return Status::Ok();
}

// Rows the database refuses (scope, unknown region, a person kept outside the caller's scope)
// get row errors; in a real run the good rows are written.
Status ImportPeopleRows(Connection& c, const PiiCrypto& crypto, const ImportRequest& req, std::vector<ParsedRow>& rows,
                        ImportSummary& sum, bool write) {
  ZX_ASSIGN_OR_RETURN(Stmt region_exists, c.Prepare("SELECT COUNT(*) FROM regions WHERE code = ?"));
  ZX_ASSIGN_OR_RETURN(Stmt find, c.Prepare(
      "SELECT id, region_code, name, COALESCE(phone_enc, ''), party_member, education, work_unit FROM people "
      "WHERE id_number_hash = ?"));
  std::vector<PersonRow> prepared(rows.size());
  std::vector<int64_t> existing(rows.size(), 0);
  std::vector<bool> changed(rows.size(), false);
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    if (!r.ok()) continue;
    ZX_RETURN_IF_ERROR(PrepareRow(crypto, r, &prepared[i]));
    const std::string& region = r.values["region_code"];
    if (req.caller != nullptr && !req.caller->InScope(region)) {
      r.errors.push_back({r.row, "所属区划代码", "区划 " + region + " 不在您的管辖范围内"});
      continue;
    }
    region_exists->Reset();
    region_exists.Bind(region);
    ZX_ASSIGN_OR_RETURN(bool has, region_exists->Step());
    if (!has || region_exists->Int(0) == 0) {
      r.errors.push_back({r.row, "所属区划代码", "区划 " + region + " 不存在"});
      continue;
    }
    find->Reset();
    find.Bind(prepared[i].id_hash);
    ZX_ASSIGN_OR_RETURN(bool found, find->Step());
    if (found) {
      if (req.caller != nullptr && !req.caller->InScope(find->Text(1))) {
        r.errors.push_back({r.row, "身份证号", "该身份证号的人员已在您的管辖范围之外登记"});
        continue;
      }
      existing[i] = find->Int(0);
      // Ciphertexts differ on every encryption, so the stored phone is compared in clear.
      bool phone_differs = false;
      if (!r.values["phone"].empty()) {
        auto stored = find->Text(3).empty() ? Result<std::string>(std::string()) : crypto.Decrypt(find->Text(3));
        phone_differs = !stored.ok() || *stored != r.values["phone"];
      }
      changed[i] = find->Text(1) != region || find->Text(2) != r.values["name"] || phone_differs ||
                   (r.values["party_member"] == "1") != (find->Int(4) != 0) ||
                   find->Text(5) != r.values["education"] || find->Text(6) != r.values["work_unit"];
    }
  }
  region_exists->Reset();
  find->Reset();
  for (const ParsedRow& r : rows) {
    if (!r.ok()) ++sum.failed;
    sum.errors.insert(sum.errors.end(), r.errors.begin(), r.errors.end());
  }
  if (!write || (req.mode == sheets::ImportMode::kAllOrNothing && sum.failed > 0)) {
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!rows[i].ok()) continue;
      (existing[i] == 0 ? sum.inserted : changed[i] ? sum.updated : sum.unchanged)++;
    }
    return Status::Ok();
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    if (!r.ok()) continue;
    const PersonRow& p = prepared[i];
    std::optional<std::string> phone = p.phone_enc.empty() ? std::nullopt : std::optional(p.phone_enc);
    int64_t party = r.values["party_member"] == "1" ? 1 : 0;
    if (existing[i] == 0) {
      ZX_RETURN_IF_ERROR(c.Execute(
          "INSERT INTO people(name, sex, birth_date, id_number_enc, id_number_hash, id_number_flag, phone_enc, "
          "party_member, education, work_unit, region_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          r.values["name"], p.sex, p.birth_date, p.id_enc, p.id_hash, p.id_flag, phone, party, r.values["education"],
          r.values["work_unit"], r.values["region_code"], req.now));
      ++sum.inserted;
    } else if (changed[i]) {
      ZX_RETURN_IF_ERROR(c.Execute(
          "UPDATE people SET name = ?, phone_enc = COALESCE(?, phone_enc), party_member = ?, education = ?, "
          "work_unit = ?, region_code = ? WHERE id = ?",
          r.values["name"], phone, party, r.values["education"], r.values["work_unit"], r.values["region_code"],
          existing[i]));
      ++sum.updated;
    } else {
      ++sum.unchanged;
    }
  }
  sum.written = true;
  std::string scope = req.caller != nullptr ? req.caller->scope_code : std::string("000000000000");
  return AppendAudit(c, req.actor,
                     {"import", "person", "", scope, std::nullopt,
                      nlohmann::json{{"rows", sum.rows}, {"inserted", sum.inserted}, {"updated", sum.updated},
                                     {"unchanged", sum.unchanged}, {"failed", sum.failed}}},
                     req.now);
}

}  // namespace

Result<sheets::ImportTemplate> ImportTemplateFor(const std::string& kind) {
  if (kind == "people") return PeopleTemplate();
  return Status::NotFound("unknown import kind " + kind);
}

Result<std::vector<ParsedRow>> ReadImportFile(const sheets::ImportTemplate& tpl, std::string_view bytes,
                                              const std::string& sheet_name, std::vector<std::string>* extra_columns,
                                              std::vector<int>* hidden_rows, const ChineseNames* to_simplified,
                                              size_t max_file_bytes) {
  sheets::Sheet sheet;
  if (sheets::LooksLikeZip(bytes)) {
    sheets::XlsxOptions o;
    o.sheet_name = sheet_name;
    o.limits.max_file_bytes = max_file_bytes;
    ZX_ASSIGN_OR_RETURN(sheet, sheets::ReadXlsx(bytes, o));
  } else {
    sheets::CsvOptions o;
    o.max_file_bytes = max_file_bytes;
    ZX_ASSIGN_OR_RETURN(sheet, sheets::ReadCsv(bytes, o));
  }
  // Traditional characters (張三, 塘口村) are stored simplified, as everywhere else in the registry.
  if (to_simplified != nullptr) {
    for (auto& row : sheet.rows) {
      for (auto& cell : row.cells) {
        if (cell.type == sheets::Cell::Type::kText && !cell.text.empty()) cell.text = to_simplified->ToSimplified(cell.text);
      }
    }
  }
  ZX_ASSIGN_OR_RETURN(sheets::HeaderMatch header, sheets::MatchHeader(tpl, sheet));
  if (extra_columns != nullptr) *extra_columns = header.extra;
  if (hidden_rows != nullptr) *hidden_rows = sheet.hidden_rows;
  return sheets::ParseRows(tpl, sheet, header);
}

Result<ImportSummary> RunImport(Database& db, const PiiCrypto& crypto, const ImportRequest& req,
                                std::vector<ParsedRow> rows) {
  ZX_ASSIGN_OR_RETURN(sheets::ImportTemplate tpl, ImportTemplateFor(req.kind));
  sheets::MarkDuplicateKeys(rows, "id_number", "身份证号");
  ImportSummary sum;
  sum.rows = static_cast<int>(rows.size());
  if (req.dry_run) {
    ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) { return ImportPeopleRows(c, crypto, req, rows, sum, false); }));
  } else {
    ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) { return ImportPeopleRows(c, crypto, req, rows, sum, true); }));
  }
  return sum;
}

}  // namespace zx

namespace zx {

Result<std::vector<std::vector<std::string>>> ExportTable(Database& db, const PiiCrypto& crypto, const std::string& kind,
                                                          const CodeRange& range, bool unmask) {
  ZX_ASSIGN_OR_RETURN(sheets::ImportTemplate tpl, ImportTemplateFor(kind));
  auto label = [](const std::vector<std::pair<std::string, std::string>>& choices, const std::string& v) {
    for (const auto& [value, text] : choices) {
      if (value == v) return text;
    }
    return v;
  };
  auto clear = [&](const std::string& enc, bool id) -> std::string {
    if (enc.empty()) return {};
    auto plain = crypto.Decrypt(enc);
    if (!plain.ok()) return {};
    if (unmask) return *plain;
    return id ? MaskIdNumber(*plain) : MaskPhone(*plain);
  };
  std::vector<std::vector<std::string>> out;
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
        "SELECT name, COALESCE(id_number_enc, ''), sex, COALESCE(birth_date, ''), COALESCE(phone_enc, ''), party_member, "
        "education, work_unit, region_code FROM people WHERE region_code BETWEEN ? AND ? ORDER BY region_code, name, id"));
    st.Bind(range.low, range.high);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      out.push_back({st->Text(0), clear(st->Text(1), true), label(tpl.columns[2].choices, st->Text(2)), st->Text(3),
                     clear(st->Text(4), false), st->Int(5) != 0 ? "是" : "否", label(kEducation, st->Text(6)),
                     st->Text(7), st->Text(8)});
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace zx
