// Kind "visits": visits to households (巡村访户) entered on paper and typed up later. The household
// is named by its head's ID number (which survives a move to another database) or, failing that,
// by its 户编号 (the household's id here). The natural key is household + day + kind + visitor: a
// row seen again updates satisfaction and problems rather than adding a second visit.
#include <map>
#include <set>

#include "core/personal_ids.h"
#include "modules/households/household_rules.h"
#include "modules/imports/import_kind_ops.h"
#include "modules/presence/presence_rules.h"

namespace zx::imports {
namespace {

using sheets::ColumnType;
using sheets::ParsedRow;

const Choices kKind = {{"routine", "日常走访"}, {"leader", "领导干部走访"}, {"festival", "节日慰问"}};
const Choices kSatisfaction = {{"satisfied", "满意"}, {"basic", "基本满意"}, {"unsatisfied", "不满意"}};

sheets::ImportTemplate VisitTemplate() {
  sheets::ImportTemplate t;
  t.kind = "visits";
  t.title = "走访记录";
  t.columns = {
      {"household_no", "户编号", "Household no", false, ColumnType::kText, 20, {}, "本系统的户编号；填了户主身份证号时以身份证号为准"},
      {"head_id_number", "户主身份证号", "Head ID number", false, ColumnType::kText, 18, {}, "与户编号至少填一项"},
      {"head_name", "户主姓名", "Head name", false, ColumnType::kText, 50, {}, "仅供核对，不导入"},
      {"day", "走访日期", "Day", true, ColumnType::kDate, 10, {}, "不晚于今天"},
      {"kind", "走访类型", "Kind", false, ColumnType::kChoice, 20, kKind, "不填为日常走访"},
      {"satisfaction", "满意度", "Satisfaction", true, ColumnType::kChoice, 20, kSatisfaction},
      {"problems", "存在问题", "Problems", false, ColumnType::kText, 2000},
      {"visitor", "走访人", "Visitor", true, ColumnType::kText, 50},
  };
  return t;
}

struct Resolved {
  int64_t household = 0, visit = 0;
  std::string village;
  bool changed = false;
};

Status ImportVisitRows(Connection& c, const PiiCrypto& crypto, const ImportRequest& req, std::vector<ParsedRow>& rows,
                       ImportSummary& sum, bool write) {
  const std::string today = ChinaDay(req.now);
  ZX_ASSIGN_OR_RETURN(Stmt by_head, c.Prepare(
      "SELECT m.household_id FROM people p JOIN household_members m ON m.person_id = p.id AND m.active = 1 "
      "AND m.relation = 'head' WHERE p.id_number_hash = ?"));
  ZX_ASSIGN_OR_RETURN(Stmt household, c.Prepare("SELECT village_code, active FROM households WHERE id = ?"));
  ZX_ASSIGN_OR_RETURN(Stmt existing, c.Prepare(
      "SELECT id, satisfaction, problems FROM visits WHERE household_id = ? AND day = ? AND kind = ? AND visitor_name = ? "
      "ORDER BY id LIMIT 1"));
  std::vector<Resolved> found(rows.size());
  std::map<std::string, int> seen;  // natural key → first row
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    auto& v = r.values;
    if (v["kind"].empty()) v["kind"] = "routine";
    if (!v["day"].empty() && v["day"] > today) r.errors.push_back({r.row, "走访日期", "走访日期不能晚于今天"});
    if (!r.ok()) continue;
    Resolved& f = found[i];
    // An export without pii.read carries masked ID numbers: those fall back to the 户编号.
    const std::string& head = v["head_id_number"];
    std::string column = "户主身份证号";
    if (!head.empty() && head.find('*') == std::string::npos) {
      auto id = ParseIdNumber(head, "head_id_number");
      if (!id.ok()) {
        r.errors.push_back({r.row, column, id.status().message()});
        continue;
      }
      by_head->Reset();
      by_head.Bind(crypto.BlindIndex(id->canonical));
      ZX_ASSIGN_OR_RETURN(bool row, by_head->Step());
      if (!row) {
        r.errors.push_back({r.row, column, "没有以此人为户主的农户"});
        continue;
      }
      f.household = by_head->Int(0);
    } else if (!v["household_no"].empty()) {
      column = "户编号";
      auto id = ParseWhole(v["household_no"], 1, int64_t{1} << 50);
      if (!id.ok()) {
        r.errors.push_back({r.row, column, id.status().message()});
        continue;
      }
      f.household = *id;
    } else {
      r.errors.push_back({r.row, "户主身份证号", "户主身份证号与户编号至少填一项"});
      continue;
    }
    household->Reset();
    household.Bind(f.household);
    ZX_ASSIGN_OR_RETURN(bool row, household->Step());
    if (!row || !InScope(req, household->Text(0))) {
      r.errors.push_back({r.row, column, row ? "该户不在您的管辖范围内" : "没有该户"});
      continue;
    }
    if (household->Int(1) == 0) {
      r.errors.push_back({r.row, column, "该户已合并或注销"});
      continue;
    }
    f.village = household->Text(0);
    std::string key = std::to_string(f.household) + "|" + v["day"] + "|" + v["kind"] + "|" + v["visitor"];
    auto [it, first] = seen.emplace(key, r.row);
    if (!first) {
      r.errors.push_back({r.row, "", "与第 " + std::to_string(it->second) + " 行是同一次走访"});
      continue;
    }
    existing->Reset();
    existing.Bind(f.household, v["day"], v["kind"], v["visitor"]);
    ZX_ASSIGN_OR_RETURN(bool again, existing->Step());
    if (again) {
      f.visit = existing->Int(0);
      f.changed = existing->Text(1) != v["satisfaction"] || existing->Text(2) != v["problems"];
    }
  }
  by_head->Reset();
  household->Reset();
  existing->Reset();
  CollectErrors(rows, sum);
  bool do_write = ShouldWrite(req, sum, write);
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    if (!r.ok()) continue;
    const Resolved& f = found[i];
    auto& v = r.values;
    if (f.visit == 0) {
      ++sum.inserted;
      if (do_write) {
        ZX_RETURN_IF_ERROR(c.Execute(
            "INSERT INTO visits(household_id, village_code, day, kind, satisfaction, problems, visitor_user_id, "
            "visitor_person_id, visitor_name, visitor_is_leader, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)",
            f.household, f.village, v["day"], v["kind"], v["satisfaction"], v["problems"], v["visitor"],
            v["kind"] == "leader", req.now));
      }
    } else if (f.changed) {
      ++sum.updated;
      if (do_write) {
        ZX_RETURN_IF_ERROR(c.Execute("UPDATE visits SET satisfaction = ?, problems = ? WHERE id = ?", v["satisfaction"],
                                     v["problems"], f.visit));
      }
    } else {
      ++sum.unchanged;
    }
  }
  if (!do_write) return Status::Ok();
  sum.written = true;
  return AuditImport(c, req, "visit", sum);
}

Status ExportVisits(Connection& c, const PiiCrypto& crypto, const CodeRange& range, bool unmask, const ExportRowFn& row) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT v.household_id, COALESCE(p.id_number_enc, ''), COALESCE(p.name, ''), v.day, v.kind, v.satisfaction, "
      "v.problems, v.visitor_name FROM visits v LEFT JOIN household_members m ON m.id = (SELECT MIN(m2.id) FROM "
      "household_members m2 WHERE m2.household_id = v.household_id AND m2.active = 1 AND m2.relation = 'head') "
      "LEFT JOIN people p ON p.id = m.person_id WHERE v.village_code BETWEEN ? AND ? ORDER BY v.village_code, v.day, v.id"));
  st.Bind(range.low, range.high);
  std::vector<std::string> cells;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) return Status::Ok();
    cells = {std::to_string(st->Int(0)), ClearOrMasked(crypto, st->Text(1), unmask, true), st->Text(2), st->Text(3),
             Label(kKind, st->Text(4)), Label(kSatisfaction, st->Text(5)), st->Text(6), st->Text(7)};
    ZX_RETURN_IF_ERROR(row(cells));
  }
}

}  // namespace

const KindOps& VisitOps() {
  static const KindOps ops{"visits", &VisitTemplate, &ImportVisitRows, &ExportVisits};
  return ops;
}

}  // namespace zx::imports
