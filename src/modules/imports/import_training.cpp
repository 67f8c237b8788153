// Kind "training": training records (培训记录), one row per trainee, the class's columns repeated.
// A class is known by region + title + start day (a class not yet recorded is created from its
// rows); a trainee is a person of the registry by ID number, in the caller's scope as for the
// enrolment route. The natural key of a row is class + person: a row seen again updates the
// attendance, never enrols the person twice. Attendance earns the route's certificate number.
#include <cstdio>
#include <map>

#include "modules/imports/import_kind_ops.h"

namespace zx::imports {
namespace {

using sheets::ColumnType;
using sheets::ParsedRow;

const Choices kLevel = {{"central", "中央"}, {"provincial", "省级"}, {"city", "市级"}, {"county", "县级"}, {"township", "乡镇"}};
const Choices kAttendance = {{"enrolled", "已报名"}, {"attended", "已参训"}, {"absent", "缺训"}};
const char* const kClassKeys[] = {"level", "organizer", "topic", "end_day", "hours"};

sheets::ImportTemplate TrainingTemplate() {
  sheets::ImportTemplate t;
  t.kind = "training";
  t.title = "培训记录";
  t.columns = {
      {"region_code", "举办地区代码", "Region code", true, ColumnType::kRegionCode, 12, {}, "县、乡镇或村的区划代码"},
      {"title", "班次名称", "Class title", true, ColumnType::kText, 200},
      {"level", "培训层级", "Level", true, ColumnType::kChoice, 20, kLevel},
      {"organizer", "主办单位", "Organizer", true, ColumnType::kText, 100},
      {"topic", "培训主题", "Topic", false, ColumnType::kText, 500},
      {"start_day", "开始日期", "Start day", true, ColumnType::kDate, 10},
      {"end_day", "结束日期", "End day", true, ColumnType::kDate, 10},
      {"hours", "学时", "Hours", true, ColumnType::kText, 10, {}, "0.5 到 2000"},
      {"name", "学员姓名", "Trainee name", false, ColumnType::kText, 50, {}, "仅供核对，以身份证号为准"},
      {"id_number", "学员身份证号", "Trainee ID number", true, ColumnType::kIdNumber, 18, {}, "须已在人员库中"},
      {"attendance", "参训情况", "Attendance", false, ColumnType::kChoice, 20, kAttendance, "不填为已报名"},
  };
  return t;
}

struct Row {
  std::string class_key;
  int64_t person = 0, trainee = 0;
  bool changed = false;
  double hours = 0;
};

struct ClassInfo {
  int64_t id = 0;    // 0: to be created
  int first_row = 0; // the file row whose class columns count
};

Status ImportTrainingRows(Connection& c, const PiiCrypto& crypto, const ImportRequest& req, std::vector<ParsedRow>& rows,
                          ImportSummary& sum, bool write) {
  ZX_ASSIGN_OR_RETURN(Stmt person, c.Prepare("SELECT id, region_code FROM people WHERE id_number_hash = ?"));
  ZX_ASSIGN_OR_RETURN(Stmt klass, c.Prepare(
      "SELECT id, level, organizer, topic, end_day, hours FROM training_classes WHERE region_code = ? AND title = ? AND "
      "start_day = ? ORDER BY id LIMIT 1"));
  ZX_ASSIGN_OR_RETURN(Stmt trainee, c.Prepare("SELECT id, attendance FROM training_trainees WHERE class_id = ? AND person_id = ?"));
  std::map<std::string, ClassInfo> classes;
  std::map<std::string, size_t> first_of_class;  // class key → index of its first row
  std::map<std::string, int> seen;
  std::vector<Row> found(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    auto& v = r.values;
    Row& f = found[i];
    if (v["attendance"].empty()) v["attendance"] = "enrolled";
    if (!v["hours"].empty()) {
      auto h = ParseNumber(v["hours"], 0.5, 2000);
      if (h.ok()) f.hours = *h; else r.errors.push_back({r.row, "学时", h.status().message()});
    }
    if (!v["end_day"].empty() && v["end_day"] < v["start_day"]) r.errors.push_back({r.row, "结束日期", "结束日期早于开始日期"});
    if (!r.ok()) continue;
    if (!InScope(req, v["region_code"])) {
      r.errors.push_back({r.row, "举办地区代码", "区划 " + v["region_code"] + " 不在您的管辖范围内"});
      continue;
    }
    f.class_key = v["region_code"] + "|" + v["title"] + "|" + v["start_day"];
    auto [fit, first_row] = first_of_class.emplace(f.class_key, i);
    if (!first_row) {
      // Rows of one class repeat its columns: they must agree with the class's first row.
      ParsedRow& first = rows[fit->second];
      bool agree = true;
      for (const char* key : kClassKeys) agree = agree && v[key] == first.values[key];
      if (!agree) {
        r.errors.push_back({r.row, "", "班次信息与第 " + std::to_string(first.row) + " 行不一致"});
        continue;
      }
    } else {
      ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", v["region_code"]));
      if (n == 0) {
        r.errors.push_back({r.row, "举办地区代码", "区划 " + v["region_code"] + " 不存在"});
        first_of_class.erase(fit);
        continue;
      }
      ClassInfo info{0, r.row};
      klass->Reset();
      klass.Bind(v["region_code"], v["title"], v["start_day"]);
      ZX_ASSIGN_OR_RETURN(bool known, klass->Step());
      if (known) {
        info.id = klass->Int(0);
        if (klass->Text(1) != v["level"] || klass->Text(2) != v["organizer"] || klass->Text(3) != v["topic"] ||
            klass->Text(4) != v["end_day"] || klass->Double(5) != f.hours) {
          r.errors.push_back({r.row, "班次名称", "该班次已登记，层级、主办单位、主题、结束日期或学时与登记不一致"});
          first_of_class.erase(fit);
          continue;
        }
      }
      classes[f.class_key] = info;
    }
    if (!classes.count(f.class_key)) {
      r.errors.push_back({r.row, "班次名称", "该班次的第一行有误"});
      continue;
    }
    person->Reset();
    person.Bind(crypto.BlindIndex(v["id_number"]));
    ZX_ASSIGN_OR_RETURN(bool has, person->Step());
    if (!has) {
      r.errors.push_back({r.row, "学员身份证号", "人员库中没有该人员，请先导入人员信息"});
      continue;
    }
    if (!InScope(req, person->Text(1))) {
      r.errors.push_back({r.row, "学员身份证号", "该人员在您的管辖范围之外"});
      continue;
    }
    f.person = person->Int(0);
    auto [sit, first] = seen.emplace(f.class_key + "|" + std::to_string(f.person), r.row);
    if (!first) {
      r.errors.push_back({r.row, "学员身份证号", "与第 " + std::to_string(sit->second) + " 行重复"});
      continue;
    }
    if (int64_t cls = classes[f.class_key].id; cls != 0) {
      trainee->Reset();
      trainee.Bind(cls, f.person);
      ZX_ASSIGN_OR_RETURN(bool enrolled, trainee->Step());
      if (enrolled) {
        f.trainee = trainee->Int(0);
        f.changed = trainee->Text(1) != v["attendance"];
      }
    }
  }
  person->Reset();
  klass->Reset();
  trainee->Reset();
  CollectErrors(rows, sum);
  bool do_write = ShouldWrite(req, sum, write);
  for (size_t i = 0; i < rows.size(); ++i) {
    ParsedRow& r = rows[i];
    if (!r.ok()) continue;
    Row& f = found[i];
    auto& v = r.values;
    (f.trainee == 0 ? sum.inserted : f.changed ? sum.updated : sum.unchanged)++;
    if (!do_write || (f.trainee != 0 && !f.changed)) continue;
    ClassInfo& cls = classes[f.class_key];
    if (cls.id == 0) {
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO training_classes(region_code, level, organizer, title, topic, start_day, "
                                   "end_day, hours, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   v["region_code"], v["level"], v["organizer"], v["title"], v["topic"], v["start_day"],
                                   v["end_day"], f.hours, req.now));
      ZX_ASSIGN_OR_RETURN(cls.id, QueryInt(c, "SELECT MAX(id) FROM training_classes WHERE region_code = ?", v["region_code"]));
    }
    if (f.trainee == 0) {
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO training_trainees(class_id, person_id, attendance) VALUES (?, ?, 'enrolled')",
                                   cls.id, f.person));
      ZX_ASSIGN_OR_RETURN(f.trainee, QueryInt(c, "SELECT id FROM training_trainees WHERE class_id = ? AND person_id = ?",
                                              cls.id, f.person));
    }
    if (v["attendance"] == "attended") {
      // The certificate number as the attendance route gives it: year, class, enrolment row.
      char no[64];
      std::snprintf(no, sizeof no, "PX%s-%04lld-%06lld", v["start_day"].substr(0, 4).c_str(), static_cast<long long>(cls.id),
                    static_cast<long long>(f.trainee));
      ZX_RETURN_IF_ERROR(c.Execute("UPDATE training_trainees SET attendance = 'attended', certificate_no = "
                                   "COALESCE(certificate_no, ?) WHERE id = ?", std::string(no), f.trainee));
    } else {
      ZX_RETURN_IF_ERROR(c.Execute("UPDATE training_trainees SET attendance = ?, certificate_no = NULL WHERE id = ?",
                                   v["attendance"], f.trainee));
    }
  }
  if (!do_write) return Status::Ok();
  sum.written = true;
  return AuditImport(c, req, "training_class", sum);
}

Status ExportTraining(Connection& c, const PiiCrypto& crypto, const CodeRange& range, bool unmask, const ExportRowFn& row) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT k.region_code, k.title, k.level, k.organizer, k.topic, k.start_day, k.end_day, k.hours, p.name, "
      "COALESCE(p.id_number_enc, ''), t.attendance FROM training_classes k JOIN training_trainees t ON t.class_id = k.id "
      "JOIN people p ON p.id = t.person_id WHERE k.region_code BETWEEN ? AND ? ORDER BY k.region_code, k.start_day, k.id, t.id"));
  st.Bind(range.low, range.high);
  std::vector<std::string> cells;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) return Status::Ok();
    cells = {st->Text(0), st->Text(1), Label(kLevel, st->Text(2)), st->Text(3), st->Text(4), st->Text(5), st->Text(6),
             NumberText(st->Double(7)), st->Text(8), ClearOrMasked(crypto, st->Text(9), unmask, true),
             Label(kAttendance, st->Text(10))};
    ZX_RETURN_IF_ERROR(row(cells));
  }
}

}  // namespace

const KindOps& TrainingOps() {
  static const KindOps ops{"training", &TrainingTemplate, &ImportTrainingRows, &ExportTraining};
  return ops;
}

}  // namespace zx::imports
