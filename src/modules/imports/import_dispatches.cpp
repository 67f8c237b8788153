// Kind "dispatches": stationed cadres (驻村第一书记和工作队员) — the person by ID number (already in
// the person registry), the village, the role, the term and the sending unit by name. The natural
// key is person + village + term start: a row seen again corrects role, unit, term end and
// insurance instead of posting the person twice. New posts obey the route's rules: one post in
// progress per person, one first secretary in post per village.
#include <map>
#include <set>

#include "core/personal_ids.h"
#include "modules/dispatch/dispatch_rules.h"
#include "modules/imports/import_kind_ops.h"

namespace zx::imports {
namespace {

using sheets::ColumnType;
using sheets::ParsedRow;

const Choices kRole = {{"first_secretary", "第一书记"}, {"team_leader", "工作队长"}, {"team_member", "工作队员"}};

sheets::ImportTemplate DispatchTemplate() {
  sheets::ImportTemplate t;
  t.kind = "dispatches";
  t.title = "驻村干部选派";
  t.columns = {
      {"name", "姓名", "Name", false, ColumnType::kText, 50, {}, "仅供核对，以身份证号为准"},
      {"id_number", "身份证号", "ID number", true, ColumnType::kIdNumber, 18, {}, "须已在人员库中"},
      {"village_code", "驻村代码", "Village code", true, ColumnType::kRegionCode, 12, {}, "12 位村（社区）代码"},
      {"role", "选派身份", "Role", true, ColumnType::kChoice, 20, kRole},
      {"sending_unit", "派出单位", "Sending unit", true, ColumnType::kText, 100, {}, "须为已登记的派出单位名称"},
      {"term_start", "任期开始", "Term start", true, ColumnType::kDate, 10},
      {"term_end", "任期结束", "Term end", true, ColumnType::kDate, 10},
      {"insured", "是否参保", "Insured", false, ColumnType::kBool, 1, {}, "是/否"},
  };
  return t;
}

struct Found {
  int64_t person = 0, unit = 0, dispatch = 0;
  bool changed = false;
};

Status ImportDispatchRows(Connection& c, const PiiCrypto& crypto, const ImportRequest& req, std::vector<ParsedRow>& rows,
                          ImportSummary& sum, bool write) {
  ZX_ASSIGN_OR_RETURN(Stmt person, c.Prepare("SELECT id FROM people WHERE id_number_hash = ?"));
  ZX_ASSIGN_OR_RETURN(Stmt unit, c.Prepare("SELECT id FROM sending_units WHERE name = ? ORDER BY id LIMIT 2"));
  ZX_ASSIGN_OR_RETURN(Stmt same, c.Prepare(
      "SELECT id, role, sending_unit_id, term_end, insured FROM dispatches WHERE person_id = ? AND village_code = ? "
      "AND term_start = ? ORDER BY id LIMIT 1"));
  ZX_ASSIGN_OR_RETURN(Stmt busy, c.Prepare("SELECT COUNT(*) FROM dispatches WHERE person_id = ? AND status = 'in_post'"));
  ZX_ASSIGN_OR_RETURN(Stmt secretary, c.Prepare(
      "SELECT COUNT(*) FROM dispatches WHERE village_code = ? AND role = 'first_secretary' AND status = 'in_post'"));
  std::map<std::string, std::string> villages;
  std::map<int64_t, int> person_row;           // new posts in this file: one per person
  std::map<std::string, int> secretary_row;    // and one new first secretary per village
  std::vector<Found> found(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    auto& v = r.values;
    if (r.ok()) {
      Status term = CheckTerm(v["term_start"], v["term_end"]);
      if (!term.ok()) r.errors.push_back({r.row, "任期结束", term.message()});
    }
    if (!r.ok()) continue;
    Found& f = found[i];
    ZX_ASSIGN_OR_RETURN(std::string why, VillageError(c, req, v["village_code"], villages));
    if (!why.empty()) {
      r.errors.push_back({r.row, "驻村代码", why});
      continue;
    }
    person->Reset();
    person.Bind(crypto.BlindIndex(v["id_number"]));
    ZX_ASSIGN_OR_RETURN(bool has, person->Step());
    if (!has) {
      r.errors.push_back({r.row, "身份证号", "人员库中没有该人员，请先导入人员信息"});
      continue;
    }
    f.person = person->Int(0);
    unit->Reset();
    unit.Bind(v["sending_unit"]);
    ZX_ASSIGN_OR_RETURN(bool has_unit, unit->Step());
    if (!has_unit) {
      r.errors.push_back({r.row, "派出单位", "没有名为“" + v["sending_unit"] + "”的派出单位"});
      continue;
    }
    f.unit = unit->Int(0);
    ZX_ASSIGN_OR_RETURN(bool twice, unit->Step());
    if (twice) {
      r.errors.push_back({r.row, "派出单位", "有多个名为“" + v["sending_unit"] + "”的派出单位，请在页面上选派"});
      continue;
    }
    same->Reset();
    same.Bind(f.person, v["village_code"], v["term_start"]);
    ZX_ASSIGN_OR_RETURN(bool again, same->Step());
    if (again) {
      f.dispatch = same->Int(0);
      f.changed = same->Text(1) != v["role"] || same->Int(2) != f.unit || same->Text(3) != v["term_end"] ||
                  (same->Int(4) != 0) != (v["insured"] == "1");
      if (f.changed && same->Text(1) != v["role"]) {
        r.errors.push_back({r.row, "选派身份", "已选派的身份不能通过导入更改"});
      }
      continue;
    }
    auto [p, first] = person_row.emplace(f.person, r.row);
    if (!first) {
      r.errors.push_back({r.row, "身份证号", "与第 " + std::to_string(p->second) + " 行是同一人，一次只能在一处驻村"});
      continue;
    }
    busy->Reset();
    busy.Bind(f.person);
    ZX_ASSIGN_OR_RETURN(bool b, busy->Step());
    if (b && busy->Int(0) > 0) {
      r.errors.push_back({r.row, "身份证号", "该人员已在岗，须先轮换或期满后才能再次选派"});
      continue;
    }
    if (v["role"] == "first_secretary") {
      auto [s, first_s] = secretary_row.emplace(v["village_code"], r.row);
      secretary->Reset();
      secretary.Bind(v["village_code"]);
      ZX_ASSIGN_OR_RETURN(bool sr, secretary->Step());
      if (!first_s || (sr && secretary->Int(0) > 0)) {
        r.errors.push_back({r.row, "选派身份", "该村已有在岗第一书记"});
        continue;
      }
    }
  }
  for (Stmt* st : {&person, &unit, &same, &busy, &secretary}) (*st)->Reset();
  CollectErrors(rows, sum);
  bool do_write = ShouldWrite(req, sum, write);
  std::optional<int64_t> user = req.caller != nullptr ? std::optional<int64_t>(req.caller->user_id) : std::nullopt;
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    if (!r.ok()) continue;
    const Found& f = found[i];
    auto& v = r.values;
    bool insured = v["insured"] == "1";
    if (f.dispatch == 0) {
      ++sum.inserted;
      if (!do_write) continue;
      ZX_RETURN_IF_ERROR(c.Execute(
          "INSERT INTO dispatches(person_id, village_code, role, sending_unit_id, batch_id, term_start, term_end, status, "
          "insured, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?, 'in_post', ?, ?)",
          f.person, v["village_code"], v["role"], f.unit, v["term_start"], v["term_end"], insured, req.now));
      ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM dispatches WHERE person_id = ?", f.person));
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO dispatch_history(dispatch_id, at, from_status, to_status, reason, user_id) "
                                   "VALUES (?, ?, NULL, 'in_post', '数据导入', ?)",
                                   id, req.now, user));
    } else if (f.changed) {
      ++sum.updated;
      if (!do_write) continue;
      ZX_RETURN_IF_ERROR(c.Execute("UPDATE dispatches SET sending_unit_id = ?, term_end = ?, insured = ? WHERE id = ?", f.unit,
                                   v["term_end"], insured, f.dispatch));
    } else {
      ++sum.unchanged;
    }
  }
  if (!do_write) return Status::Ok();
  sum.written = true;
  return AuditImport(c, req, "dispatch", sum);
}

Status ExportDispatches(Connection& c, const PiiCrypto& crypto, const CodeRange& range, bool unmask, const ExportRowFn& row) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT p.name, COALESCE(p.id_number_enc, ''), d.village_code, d.role, u.name, d.term_start, d.term_end, d.insured "
      "FROM dispatches d JOIN people p ON p.id = d.person_id JOIN sending_units u ON u.id = d.sending_unit_id "
      "WHERE d.village_code BETWEEN ? AND ? ORDER BY d.village_code, d.term_start, d.id"));
  st.Bind(range.low, range.high);
  std::vector<std::string> cells;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) return Status::Ok();
    cells = {st->Text(0), ClearOrMasked(crypto, st->Text(1), unmask, true), st->Text(2), Label(kRole, st->Text(3)),
             st->Text(4), st->Text(5), st->Text(6), st->Int(7) != 0 ? "是" : "否"};
    ZX_RETURN_IF_ERROR(row(cells));
  }
}

}  // namespace

const KindOps& DispatchOps() {
  static const KindOps ops{"dispatches", &DispatchTemplate, &ImportDispatchRows, &ExportDispatches};
  return ops;
}

}  // namespace zx::imports
