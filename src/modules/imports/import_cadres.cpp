// Kinds "village_cadres" (村“两委”现任职务) and "reserve_cadres" (村级后备干部库): people of the
// registry by ID number, in the caller's scope, attached to a village. Natural keys: village +
// person + post + term start for a post, village + person for the reserve pool; a row seen again
// changes nothing or corrects the reserve's source and note. New posts obey the route's rules:
// one holder in office of 书记, 主任 and 监委会主任 per village, a person not twice in one post.
#include <map>

#include "modules/imports/import_kind_ops.h"
#include "modules/party_orgs/party_rules.h"
#include "modules/village_cadres/village_cadre_store.h"

namespace zx::imports {
namespace {

using sheets::ColumnType;
using sheets::ParsedRow;

const Choices& Posts() {
  static const Choices posts = [] {
    Choices c;
    for (const char* p : {"secretary", "director", "deputy_secretary", "branch_member", "committee_member", "supervisor",
                          "supervisor_member"}) {
      c.emplace_back(p, VillagePostTitle(p));
    }
    return c;
  }();
  return posts;
}
const Choices kSource = {{"rich_expert", "致富能手"}, {"returned_youth", "返乡青年"}, {"veteran", "退役军人"},
                         {"graduate", "高校毕业生"}, {"other", "其他"}};

bool SinglePost(const std::string& post) { return post == "secretary" || post == "director" || post == "supervisor"; }

sheets::ImportTemplate PostTemplate() {
  sheets::ImportTemplate t;
  t.kind = "village_cadres";
  t.title = "村两委干部";
  t.columns = {
      {"village_code", "村代码", "Village code", true, ColumnType::kRegionCode, 12, {}, "12 位村（社区）代码"},
      {"name", "姓名", "Name", false, ColumnType::kText, 50, {}, "仅供核对，以身份证号为准"},
      {"id_number", "身份证号", "ID number", true, ColumnType::kIdNumber, 18, {}, "须已在人员库中"},
      {"post", "职务", "Post", true, ColumnType::kChoice, 30, Posts()},
      {"term_start", "任职日期", "Term start", true, ColumnType::kDate, 10},
  };
  return t;
}

sheets::ImportTemplate ReserveTemplate() {
  sheets::ImportTemplate t;
  t.kind = "reserve_cadres";
  t.title = "村级后备干部";
  t.columns = {
      {"village_code", "村代码", "Village code", true, ColumnType::kRegionCode, 12, {}, "12 位村（社区）代码"},
      {"name", "姓名", "Name", false, ColumnType::kText, 50, {}, "仅供核对，以身份证号为准"},
      {"id_number", "身份证号", "ID number", true, ColumnType::kIdNumber, 18, {}, "须已在人员库中"},
      {"source", "来源", "Source", true, ColumnType::kChoice, 20, kSource},
      {"note", "备注", "Note", false, ColumnType::kText, 500},
  };
  return t;
}

// The village and the person of a row, or a row error; 0 when the row failed.
Result<int64_t> VillageAndPerson(Connection& c, const PiiCrypto& crypto, const ImportRequest& req, ParsedRow& r,
                                 std::map<std::string, std::string>& villages, Stmt& person) {
  ZX_ASSIGN_OR_RETURN(std::string why, VillageError(c, req, r.values["village_code"], villages));
  if (!why.empty()) {
    r.errors.push_back({r.row, "村代码", why});
    return 0;
  }
  person->Reset();
  person.Bind(crypto.BlindIndex(r.values["id_number"]));
  ZX_ASSIGN_OR_RETURN(bool has, person->Step());
  if (!has || !InScope(req, person->Text(1))) {
    r.errors.push_back({r.row, "身份证号", has ? "该人员在您的管辖范围之外" : "人员库中没有该人员，请先导入人员信息"});
    return 0;
  }
  return person->Int(0);
}

Status ImportPostRows(Connection& c, const PiiCrypto& crypto, const ImportRequest& req, std::vector<ParsedRow>& rows,
                      ImportSummary& sum, bool write) {
  ZX_ASSIGN_OR_RETURN(Stmt person, c.Prepare("SELECT id, region_code FROM people WHERE id_number_hash = ?"));
  ZX_ASSIGN_OR_RETURN(Stmt same, c.Prepare(
      "SELECT COUNT(*) FROM village_posts WHERE village_code = ? AND person_id = ? AND post = ? AND term_start = ?"));
  ZX_ASSIGN_OR_RETURN(Stmt held, c.Prepare(
      "SELECT COUNT(*) FROM village_posts WHERE village_code = ? AND post = ? AND term_end IS NULL AND (? = 1 OR person_id = ?)"));
  std::map<std::string, std::string> villages;
  std::map<std::string, int> single_row, person_row;
  std::vector<int64_t> people(rows.size(), 0);
  std::vector<bool> known(rows.size(), false);
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    auto& v = r.values;
    if (!r.ok()) continue;
    ZX_ASSIGN_OR_RETURN(people[i], VillageAndPerson(c, crypto, req, r, villages, person));
    if (people[i] == 0) continue;
    same->Reset();
    same.Bind(v["village_code"], people[i], v["post"], v["term_start"]);
    ZX_ASSIGN_OR_RETURN(bool row, same->Step());
    if (row && same->Int(0) > 0) {
      known[i] = true;
      continue;
    }
    std::string key = v["village_code"] + "|" + v["post"];
    auto [p, first_person] = person_row.emplace(key + "|" + std::to_string(people[i]), r.row);
    if (!first_person) {
      r.errors.push_back({r.row, "身份证号", "与第 " + std::to_string(p->second) + " 行重复"});
      continue;
    }
    bool single = SinglePost(v["post"]);
    held->Reset();
    held.Bind(v["village_code"], v["post"], single ? 1 : 0, people[i]);
    ZX_ASSIGN_OR_RETURN(bool h, held->Step());
    if (h && held->Int(0) > 0) {
      r.errors.push_back({r.row, "职务", single ? "该村已有在任" + Label(Posts(), v["post"]) + "，请在页面上“调整”更换"
                                               : std::string("此人已在任该职务")});
      continue;
    }
    if (single) {
      auto [s, first] = single_row.emplace(key, r.row);
      if (!first) r.errors.push_back({r.row, "职务", "与第 " + std::to_string(s->second) + " 行是同一村的同一职务"});
    }
  }
  person->Reset();
  same->Reset();
  held->Reset();
  CollectErrors(rows, sum);
  bool do_write = ShouldWrite(req, sum, write);
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    if (!r.ok()) continue;
    if (known[i]) {
      ++sum.unchanged;
      continue;
    }
    ++sum.inserted;
    if (!do_write) continue;
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO village_posts(village_code, person_id, post, term_start, created_at) VALUES "
                                 "(?, ?, ?, ?, ?)", r.values["village_code"], people[i], r.values["post"],
                                 r.values["term_start"], req.now));
  }
  if (!do_write) return Status::Ok();
  sum.written = true;
  return AuditImport(c, req, "village_post", sum);
}

// Posts held now: an ended post imported again would come back as held.
Status ExportPosts(Connection& c, const PiiCrypto& crypto, const CodeRange& range, bool unmask, const ExportRowFn& row) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT v.village_code, p.name, COALESCE(p.id_number_enc, ''), v.post, v.term_start FROM village_posts v JOIN people p "
      "ON p.id = v.person_id WHERE v.village_code BETWEEN ? AND ? AND v.term_end IS NULL ORDER BY v.village_code, v.id"));
  st.Bind(range.low, range.high);
  std::vector<std::string> cells;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) return Status::Ok();
    cells = {st->Text(0), st->Text(1), ClearOrMasked(crypto, st->Text(2), unmask, true), Label(Posts(), st->Text(3)),
             st->Text(4)};
    ZX_RETURN_IF_ERROR(row(cells));
  }
}

Status ImportReserveRows(Connection& c, const PiiCrypto& crypto, const ImportRequest& req, std::vector<ParsedRow>& rows,
                         ImportSummary& sum, bool write) {
  ZX_ASSIGN_OR_RETURN(Stmt person, c.Prepare("SELECT id, region_code FROM people WHERE id_number_hash = ?"));
  ZX_ASSIGN_OR_RETURN(Stmt existing, c.Prepare("SELECT id, source, note FROM reserve_cadres WHERE village_code = ? AND person_id = ?"));
  std::map<std::string, std::string> villages;
  std::map<std::string, int> seen;
  std::vector<int64_t> people(rows.size(), 0), ids(rows.size(), 0);
  std::vector<bool> changed(rows.size(), false);
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    auto& v = r.values;
    if (!r.ok()) continue;
    ZX_ASSIGN_OR_RETURN(people[i], VillageAndPerson(c, crypto, req, r, villages, person));
    if (people[i] == 0) continue;
    auto [s, first] = seen.emplace(v["village_code"] + "|" + std::to_string(people[i]), r.row);
    if (!first) {
      r.errors.push_back({r.row, "身份证号", "与第 " + std::to_string(s->second) + " 行重复"});
      continue;
    }
    existing->Reset();
    existing.Bind(v["village_code"], people[i]);
    ZX_ASSIGN_OR_RETURN(bool row, existing->Step());
    if (row) {
      ids[i] = existing->Int(0);
      changed[i] = existing->Text(1) != v["source"] || existing->Text(2) != v["note"];
    }
  }
  person->Reset();
  existing->Reset();
  CollectErrors(rows, sum);
  bool do_write = ShouldWrite(req, sum, write);
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    if (!r.ok()) continue;
    auto& v = r.values;
    (ids[i] == 0 ? sum.inserted : changed[i] ? sum.updated : sum.unchanged)++;
    if (!do_write) continue;
    if (ids[i] == 0) {
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO reserve_cadres(village_code, person_id, source, note, created_at) VALUES "
                                   "(?, ?, ?, ?, ?)", v["village_code"], people[i], v["source"], v["note"], req.now));
    } else if (changed[i]) {
      ZX_RETURN_IF_ERROR(c.Execute("UPDATE reserve_cadres SET source = ?, note = ? WHERE id = ?", v["source"], v["note"], ids[i]));
    }
  }
  if (!do_write) return Status::Ok();
  sum.written = true;
  return AuditImport(c, req, "reserve_cadre", sum);
}

Status ExportReserve(Connection& c, const PiiCrypto& crypto, const CodeRange& range, bool unmask, const ExportRowFn& row) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT r.village_code, p.name, COALESCE(p.id_number_enc, ''), r.source, r.note FROM reserve_cadres r JOIN people p "
      "ON p.id = r.person_id WHERE r.village_code BETWEEN ? AND ? ORDER BY r.village_code, r.id"));
  st.Bind(range.low, range.high);
  std::vector<std::string> cells;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) return Status::Ok();
    cells = {st->Text(0), st->Text(1), ClearOrMasked(crypto, st->Text(2), unmask, true), Label(kSource, st->Text(3)),
             st->Text(4)};
    ZX_RETURN_IF_ERROR(row(cells));
  }
}

}  // namespace

const KindOps& VillageCadreOps() {
  static const KindOps ops{"village_cadres", &PostTemplate, &ImportPostRows, &ExportPosts};
  return ops;
}

const KindOps& ReserveCadreOps() {
  static const KindOps ops{"reserve_cadres", &ReserveTemplate, &ImportReserveRows, &ExportReserve};
  return ops;
}

}  // namespace zx::imports
