// Kind "people": the person registry, natural key the ID number (blind index).
#include "core/personal_ids.h"
#include "modules/imports/import_kind_ops.h"
#include "modules/people/person_region.h"

namespace zx::imports {
namespace {

using sheets::Column;
using sheets::ColumnType;
using sheets::ParsedRow;

const Choices kEducation = {
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
  sheets::MarkDuplicateKeys(rows, "id_number", "身份证号");
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
    if (!InScope(req, region)) {
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
      if (!InScope(req, find->Text(1))) {
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
  CollectErrors(rows, sum);
  if (!ShouldWrite(req, sum, write)) {
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
      ZX_RETURN_IF_ERROR(SetPersonRegion(c, existing[i], r.values["region_code"]));
      ZX_RETURN_IF_ERROR(c.Execute(
          "UPDATE people SET name = ?, phone_enc = COALESCE(?, phone_enc), party_member = ?, education = ?, "
          "work_unit = ? WHERE id = ?",
          r.values["name"], phone, party, r.values["education"], r.values["work_unit"], existing[i]));
      ++sum.updated;
    } else {
      ++sum.unchanged;
    }
  }
  sum.written = true;
  return AuditImport(c, req, "person", sum);
}

Status ExportPeople(Connection& c, const PiiCrypto& crypto, const CodeRange& range, bool unmask, const ExportRowFn& row) {
  static const Choices kSex = {{"M", "男"}, {"F", "女"}};
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT name, COALESCE(id_number_enc, ''), sex, COALESCE(birth_date, ''), COALESCE(phone_enc, ''), party_member, "
      "education, work_unit, region_code FROM people WHERE region_code BETWEEN ? AND ? ORDER BY region_code, name, id"));
  st.Bind(range.low, range.high);
  std::vector<std::string> cells;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) return Status::Ok();
    cells = {st->Text(0), ClearOrMasked(crypto, st->Text(1), unmask, true), Label(kSex, st->Text(2)), st->Text(3),
             ClearOrMasked(crypto, st->Text(4), unmask, false), st->Int(5) != 0 ? "是" : "否", Label(kEducation, st->Text(6)),
             st->Text(7), st->Text(8)};
    ZX_RETURN_IF_ERROR(row(cells));
  }
}

}  // namespace

const KindOps& PeopleOps() {
  static const KindOps ops{"people", &PeopleTemplate, &ImportPeopleRows, &ExportPeople};
  return ops;
}

}  // namespace zx::imports
