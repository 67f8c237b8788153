// Kind "households": households with their members in one sheet, one row per member, the
// household's columns repeated on each row. Rows are grouped by 户编号 when given, otherwise by
// 户主身份证号 (a head's own row may leave it empty). The natural key of a household is its head's
// ID number: a household whose head is already registered as head is updated, never duplicated.
// New households are written by RegisterHousehold, the same code as the registration route.
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/personal_ids.h"
#include "modules/households/household_register.h"
#include "modules/households/household_rules.h"
#include "modules/imports/import_kind_ops.h"
#include "modules/presence/presence_rules.h"

namespace zx::imports {
namespace {

using sheets::ColumnType;
using sheets::ParsedRow;

const Choices kStatus = {{"ordinary", "一般户"}, {"registered_poor", "建档立卡贫困户"}, {"lifted", "已脱贫户"},
                         {"monitored", "监测对象"}, {"risk_removed", "风险已消除"}};
const Choices kRisk = {{"unstable", "脱贫不稳定"}, {"marginal", "边缘易致贫"}, {"sudden", "突发严重困难"}};
const Choices kRelation = {{"head", "户主"},        {"spouse", "配偶"},       {"child", "子女"},
                           {"child_in_law", "儿媳女婿"}, {"grandchild", "孙辈"},  {"parent", "父母"},
                           {"grandparent", "祖父母"},  {"sibling", "兄弟姐妹"}, {"other", "其他"}};
const Choices kLabour = {{"full", "普通劳动力"}, {"weak", "弱劳动力"}, {"none", "丧失劳动力"}, {"no_need", "无劳动力"}};
const Choices kHealth = {{"healthy", "健康"}, {"chronic", "长期慢性病"}, {"serious", "大病"}, {"disabled", "残疾"}};
const Choices kSchooling = {
    {"kindergarten", "在园幼儿"}, {"primary_student", "小学在读"}, {"junior_student", "初中在读"},
    {"senior_student", "高中在读"}, {"college_student", "大专及以上在读"}, {"preschool", "学龄前儿童"},
    {"dropout", "辍学"},           {"illiterate", "文盲或半文盲"},   {"primary", "小学"},
    {"junior", "初中"},            {"senior", "高中"},             {"college", "大专及以上"}};
const Choices kSex = {{"M", "男"}, {"F", "女"}};

// Columns of the household itself: repeated on each member row, and must agree with the head's.
const char* const kHouseholdKeys[] = {"village_code", "villager_group", "address", "status", "risk_type",
                                      "status_since", "registered_year", "income_per_head", "income_year"};

sheets::ImportTemplate HouseholdTemplate() {
  sheets::ImportTemplate t;
  t.kind = "households";
  t.title = "农户及成员";
  t.columns = {
      {"household_no", "户编号", "Household no", false, ColumnType::kText, 30, {}, "同一户的各成员行填相同的户编号；不填则按户主身份证号归户"},
      {"head_id_number", "户主身份证号", "Head ID number", false, ColumnType::kIdNumber, 18, {}, "不填户编号时，成员行须填户主身份证号"},
      {"village_code", "所属村代码", "Village code", true, ColumnType::kRegionCode, 12, {}, "12 位村（社区）代码"},
      {"villager_group", "村民小组", "Villager group", false, ColumnType::kText, 30},
      {"address", "家庭住址", "Address", false, ColumnType::kText, 200},
      {"status", "户类型", "Status", false, ColumnType::kChoice, 20, kStatus, "不填为一般户"},
      {"risk_type", "风险类型", "Risk type", false, ColumnType::kChoice, 20, kRisk, "仅监测对象填写"},
      {"status_since", "状态日期", "Status since", false, ColumnType::kDate, 10, {}, "不填为导入当天"},
      {"registered_year", "建档年度", "Registered year", false, ColumnType::kText, 4},
      {"income_per_head", "人均纯收入", "Income per head", false, ColumnType::kText, 20, {}, "元/人/年"},
      {"income_year", "收入年度", "Income year", false, ColumnType::kText, 4},
      {"name", "姓名", "Name", true, ColumnType::kText, 50},
      {"id_number", "身份证号", "ID number", true, ColumnType::kIdNumber, 18, {}, "18 位，单元格设为文本"},
      {"sex", "性别", "Sex", false, ColumnType::kChoice, 1, kSex, "可不填，以身份证号为准"},
      {"relation", "与户主关系", "Relation", true, ColumnType::kChoice, 20, kRelation},
      {"phone", "手机号", "Phone", false, ColumnType::kPhone, 11},
      {"party_member", "是否党员", "Party member", false, ColumnType::kBool, 1, {}, "是/否"},
      {"labour", "劳动能力", "Labour", false, ColumnType::kChoice, 20, kLabour},
      {"health", "健康状况", "Health", false, ColumnType::kChoice, 20, kHealth},
      {"schooling", "在校及文化程度", "Schooling", false, ColumnType::kChoice, 20, kSchooling},
  };
  return t;
}

const std::string& ZhOf(const std::string& key) {
  static const std::map<std::string, std::string> zh = [] {
    std::map<std::string, std::string> m;
    for (const auto& c : HouseholdTemplate().columns) m[c.key] = c.zh;
    return m;
  }();
  return zh.at(key);
}

void Fail(ParsedRow& r, const std::string& key, const std::string& reason) {
  r.errors.push_back({r.row, key.empty() ? "" : ZhOf(key), reason});
}

// What the database already holds for one member's ID number.
struct Known {
  int64_t person_id = 0;
  std::string region, name, phone_enc;
  bool party = false;
  int64_t household = 0, member_id = 0;  // active membership, 0 if none
  std::string relation, labour, health, schooling;
};

struct Member {
  // Worked out by the reading thread for rows still good when their household was read: the ID
  // number, its blind index and, for a write, who the person already is and the ciphertexts (a
  // preview looks the person up in Check).
  Status id_status = Status::Ok();
  IdNumber id;
  std::string id_hash;
  Status lookup_status = Status::Ok();
  Known known;
  Status crypto_status = Status::Ok();
  std::optional<std::string> id_enc, phone_enc;
  bool changed = false;
};

// The rows of one household, gathered until its last row has been read.
struct Group {
  std::vector<ParsedRow> rows;
  std::vector<Member> members;  // one per row, in the same order
  size_t head = SIZE_MAX;       // index into rows and members
  int64_t existing = 0;         // household id when the head already heads a registered household
  bool household_changed = false;
  NewHousehold h;
  bool lone = false;            // a single row that names no household
};

// Households handed from the reading thread to the writing one, a batch at a time (waking the
// other thread for every household cost more than a tenth of the writer's time). Push waits while
// the queue is full, so the reader runs at most a few batches ahead and memory stays flat.
class GroupQueue {
 public:
  static constexpr size_t kBatch = 32;
  explicit GroupQueue(size_t batches) : capacity_(batches) {}

  // Reader side. False once the writer has given up (the reader then stops).
  bool Push(Group g) {
    pending_.push_back(std::move(g));
    return pending_.size() < kBatch || Flush();
  }
  // Reader side: hands on what is pending; no more pushes follow.
  void Close() {
    Flush();
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }
  // Writer side. False when the reader has closed the queue and it is empty.
  bool Pop(Group* g) {
    if (taken_.empty()) {
      std::unique_lock lock(mu_);
      not_empty_.wait(lock, [&] { return !q_.empty() || closed_; });
      if (q_.empty()) return false;
      taken_ = std::move(q_.front());
      q_.pop_front();
      next_ = 0;
      not_full_.notify_one();
    }
    *g = std::move(taken_[next_++]);
    if (next_ == taken_.size()) taken_.clear();
    return true;
  }
  // Stops the reader and drops what it handed on (the writer giving up, or the reader finding
  // the rows must be read another way).
  void Cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    q_.clear();
    not_full_.notify_all();
  }

 private:
  bool Flush() {
    if (pending_.empty()) return true;
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return q_.size() < capacity_ || cancelled_; });
    if (cancelled_) return false;
    q_.push_back(std::move(pending_));
    pending_.clear();
    not_empty_.notify_one();
    return true;
  }

  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<std::vector<Group>> q_;
  bool closed_ = false, cancelled_ = false;
  std::vector<Group> pending_;  // the reader's batch being filled
  std::vector<Group> taken_;    // the writer's batch being worked through
  size_t next_ = 0;
};

// A member by blind index: the person and their active membership, if any.
constexpr char kFindMember[] =
    "SELECT p.id, p.region_code, p.name, COALESCE(p.phone_enc, ''), p.party_member, m.household_id, m.id, m.relation, "
    "m.labour, m.health, m.schooling FROM people p LEFT JOIN household_members m ON m.person_id = p.id AND m.active = 1 "
    "WHERE p.id_number_hash = ?";

Status LookUp(Stmt& find, const std::string& hash, Known* k) {
  find.Bind(hash);
  ZX_ASSIGN_OR_RETURN(bool row, find->Step());
  if (row) {
    *k = {find->Int(0), find->Text(1), find->Text(2), find->Text(3), find->Int(4) != 0,
          find->IsNull(5) ? 0 : find->Int(5), find->IsNull(6) ? 0 : find->Int(6), find->Text(7), find->Text(8), find->Text(9),
          find->Text(10)};
  }
  find->Reset();  // households are written between look-ups on this connection
  return Status::Ok();
}

// The household-level checks of a group, on its head row: status and risk type, dates, numbers.
void CheckHouseholdFields(ParsedRow& r, const std::string& today, NewHousehold* h) {
  auto& v = r.values;
  h->village = v["village_code"];
  h->group = v["villager_group"];
  h->address = v["address"];
  h->status = HouseholdStatus::kOrdinary;
  if (!v["status"].empty()) ParseHouseholdStatus(v["status"], &h->status);
  if (!v["risk_type"].empty()) h->risk_type = v["risk_type"];
  if (h->status == HouseholdStatus::kMonitored ? !h->risk_type : h->risk_type.has_value()) {
    Fail(r, "risk_type", "监测对象须填写风险类型，其他户类型不填");
  }
  h->since = v["status_since"].empty() ? today : v["status_since"];
  if (h->since > today) Fail(r, "status_since", "状态日期不能晚于今天");
  if (!v["registered_year"].empty()) {
    auto y = ParseWhole(v["registered_year"], 2013, 2100);
    if (y.ok()) h->registered_year = *y; else Fail(r, "registered_year", y.status().message());
  }
  bool registered = h->status == HouseholdStatus::kRegisteredPoor || h->status == HouseholdStatus::kLifted;
  if (registered && !h->registered_year) h->registered_year = std::stoi(h->since.substr(0, 4));
  if (!v["income_per_head"].empty()) {
    auto n = ParseNumber(v["income_per_head"], 0, 1e8);
    if (n.ok()) h->income_per_head = *n; else Fail(r, "income_per_head", n.status().message());
  }
  if (!v["income_year"].empty()) {
    auto y = ParseWhole(v["income_year"], 2000, 2100);
    if (y.ok()) h->income_year = *y; else Fail(r, "income_year", y.status().message());
  }
}

// The household a row belongs to: 户编号 first, else the head's ID number (a head's own row names
// itself); empty if the row names none.
std::string GroupKey(sheets::RowValues& v) {
  if (!v["household_no"].empty()) return "no:" + v["household_no"];
  if (!v["head_id_number"].empty()) return "id:" + v["head_id_number"];
  if (v["relation"] == "head" && !v["id_number"].empty()) return "id:" + v["id_number"];
  return {};
}

// The columns GroupKey reads: all that the first pass over a file parses.
const std::vector<bool>& GroupKeyColumns() {
  static const std::vector<bool> only = [] {
    std::vector<bool> flags;
    for (const auto& c : HouseholdTemplate().columns) {
      flags.push_back(c.key == "household_no" || c.key == "head_id_number" || c.key == "relation" || c.key == "id_number");
    }
    return flags;
  }();
  return only;
}

// The first row of the file with each ID number, so that a later row with the same one is refused
// (sheets::MarkDuplicateKeys over a file read row by row). An ID number of digits and X is kept as
// one 64-bit number (base 11, times 2 plus whether it has 18 characters): a few bytes a row.
class FirstRowOfId {
 public:
  // The earlier row with `id`, or 0 if `row` is the first (then remembered).
  int Check(const std::string& id, int row) {
    uint64_t packed = 0;
    if (Pack(id, &packed)) {
      auto [it, inserted] = packed_.emplace(packed, row);
      return inserted ? 0 : it->second;
    }
    auto [it, inserted] = other_.emplace(id, row);
    return inserted ? 0 : it->second;
  }

 private:
  static bool Pack(const std::string& id, uint64_t* out) {
    if (id.size() != 18 && id.size() != 15) return false;
    uint64_t v = 0;
    for (char c : id) {
      int d = c >= '0' && c <= '9' ? c - '0' : c == 'X' ? 10 : -1;
      if (d < 0) return false;
      v = v * 11 + static_cast<uint64_t>(d);
    }
    *out = v * 2 + (id.size() == 18 ? 1 : 0);  // 11^18 * 2 < 2^64
    return true;
  }

  std::unordered_map<uint64_t, int> packed_;
  std::unordered_map<std::string, int> other_;
};

// How a file's rows are gathered into households. Most files keep each household's rows
// together (exports do, and ledgers sorted by household): one pass, a household ends where the
// next one's first row is. Otherwise a first pass reads only the grouping columns to learn each
// household's last row.
enum class Grouping { kAdjacentRows, kLastRowFromFirstPass };

// Checks and writes household by household as the rows are read: a reading thread gathers a
// household's rows until its last one and prepares its members, then the transaction's thread
// checks, counts and (while the file may still be written) writes it, and lets its rows go.
// Memory holds the open and queued households, not the file. Households share no person (a
// repeated ID number fails its later row), so checking a household after earlier ones were
// written in this transaction answers as checking all before writing any would.
class HouseholdImport {
 public:
  HouseholdImport(Database& db, Connection& c, const PiiCrypto& crypto, const ImportRequest& req, ImportSummary& sum,
                  bool write)
      : db_(db),
        c_(c),
        crypto_(crypto),
        req_(req),
        sum_(sum),
        write_(write),
        today_(ChinaDay(req.now)),
        by_{req.caller, req.caller != nullptr ? req.caller->display_name : std::string("数据导入"),
            req.caller != nullptr ? std::optional<int64_t>(req.caller->user_id) : std::nullopt} {}

  // With kAdjacentRows, stops (having counted and written some households) as soon as a
  // household's rows turn out to be apart in the file: then rows_apart() is true and the caller
  // undoes what was written and runs again with kLastRowFromFirstPass.
  Status Run(ImportSource& source, Grouping grouping) {
    std::unordered_map<std::string, int> last_row;  // household key → its last row in the file
    if (grouping == Grouping::kLastRowFromFirstPass) {
      ParsedRow row;
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool more, source.Next(&row, &GroupKeyColumns()));
        if (!more) break;
        std::string key = GroupKey(row.values);
        if (!key.empty()) last_row[key] = row.row;
      }
      source.Rewind();
    }

    ZX_ASSIGN_OR_RETURN(Stmt household, c_.Prepare(
        "SELECT village_code, villager_group, address, status, income_per_head, income_year, active FROM households WHERE id = ?"));
    household_ = &household;
    ZX_ASSIGN_OR_RETURN(Stmt find_here, c_.Prepare(kFindMember));
    if (!write_) find_ = &find_here;  // a preview looks members up here (see below)

    // Second pass, on two cores: a reading thread parses the rows, gathers each household and does
    // the work that needs no writing (ID numbers, blind indexes, who each member already is,
    // encryption); this thread, the transaction's, checks and writes the households in the order
    // they were completed. When writing, the reading thread looks members up too, on a reading
    // connection of its own, which sees the database as it was before this transaction: the same
    // answers as here, because no household of the file can write a person another one looks up
    // (a repeated ID number fails its later row first). A preview already runs on a reading
    // connection (the pool may have no second one to give), so it looks members up here.
    GroupQueue queue(4);
    Status read_status = Status::Ok();
    auto read = [&] {
      return grouping == Grouping::kAdjacentRows ? ReadAdjacentGroups(source, queue) : ReadGroups(source, last_row, queue);
    };
    std::thread reader([&] {
      if (!write_) {
        read_status = read();
      } else {
        read_status = db_.Read([&](Connection& lookups) -> Status {
          ZX_ASSIGN_OR_RETURN(Stmt find, lookups.Prepare(kFindMember));
          find_ = &find;
          Status s = read();
          find_ = nullptr;
          return s;
        });
      }
      queue.Close();
    });
    Status s = Status::Ok();
    Group g;
    while (queue.Pop(&g)) {
      if (g.lone) {
        Emit(g.rows[0]);
        continue;
      }
      s = Check(g);
      if (s.ok()) s = Finish(g);
      if (!s.ok()) {
        queue.Cancel();
        break;
      }
    }
    reader.join();
    ZX_RETURN_IF_ERROR(s);
    ZX_RETURN_IF_ERROR(read_status);
    household_ = find_ = nullptr;
    if (rows_apart_) return Status::Ok();

    // Households finish in the order of their last rows: the errors are given in row order.
    std::stable_sort(sum_.errors.begin(), sum_.errors.end(),
                     [](const sheets::RowError& a, const sheets::RowError& b) { return a.row < b.row; });
    if (!ShouldWrite(req_, sum_, write_)) return Status::Ok();
    sum_.written = true;
    return AuditImport(c_, req_, "household", sum_);
  }

  bool rows_apart() const { return rows_apart_; }

 private:
  // Row checks common to both ways of grouping: counts the row, marks a repeated ID number and
  // returns the row's household key (empty, and the row marked, if it names none).
  std::string Mark(ParsedRow& row) {
    ++sum_.rows;
    const std::string& id = row.values["id_number"];
    if (!id.empty()) {
      if (int first = first_row_.Check(id, row.row)) {
        row.errors.push_back({row.row, "身份证号", "与第 " + std::to_string(first) + " 行重复"});
      }
    }
    std::string key = GroupKey(row.values);
    if (key.empty()) Fail(row, "household_no", "须填写户编号或户主身份证号，以确定该成员属于哪一户");
    return key;
  }

  // Hands on a row that names no household by itself: false if the writer has given up.
  static bool PushLone(ParsedRow row, GroupQueue& queue) {
    Group lone;
    lone.lone = true;
    lone.rows.push_back(std::move(row));
    return queue.Push(std::move(lone));
  }

  // The reading thread, one pass: a household ends when a row of another one comes. A household
  // key met again after its household ended means the file's rows are not kept together: the
  // queue is cancelled and rows_apart_ set.
  Status ReadAdjacentGroups(ImportSource& source, GroupQueue& queue) {
    std::unordered_set<std::string> ended;
    std::string current;
    Group open;
    ParsedRow row;
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool more, source.Next(&row));
      if (!more) break;
      std::string key = Mark(row);
      if (key.empty()) {
        if (!PushLone(std::move(row), queue)) return Status::Ok();
        continue;
      }
      if (key != current) {
        if (!current.empty()) {
          Prepare(open);
          if (!queue.Push(std::move(open))) return Status::Ok();
          open = Group();
          ended.insert(std::move(current));
        }
        if (ended.count(key) != 0) {
          rows_apart_ = true;
          queue.Cancel();
          return Status::Ok();
        }
        current = std::move(key);
      }
      open.rows.push_back(std::move(row));
    }
    if (!current.empty()) {
      Prepare(open);
      queue.Push(std::move(open));
    }
    return Status::Ok();
  }

  // The reading thread after a first pass: every row in file order, each household handed on
  // (prepared) when its last row is read.
  Status ReadGroups(ImportSource& source, std::unordered_map<std::string, int>& last_row, GroupQueue& queue) {
    std::unordered_map<std::string, Group> open;
    ParsedRow row;
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool more, source.Next(&row));
      if (!more) break;
      std::string key = Mark(row);
      if (key.empty()) {
        if (!PushLone(std::move(row), queue)) return Status::Ok();
        continue;
      }
      int number = row.row;
      auto it = open.try_emplace(key).first;
      it->second.rows.push_back(std::move(row));
      auto last = last_row.find(key);
      if (last != last_row.end() && last->second != number) continue;
      if (last != last_row.end()) last_row.erase(last);
      Prepare(it->second);
      if (!queue.Push(std::move(it->second))) return Status::Ok();
      open.erase(it);
    }
    // Nothing is left open when both passes read the same rows; should one not have been, it is
    // finished rather than lost.
    for (auto& [key, g] : open) {
      Prepare(g);
      if (!queue.Push(std::move(g))) return Status::Ok();
    }
    return Status::Ok();
  }

  // The database-free part of each member, for rows still good: ID number, blind index and, when
  // the file may be written, the ciphertexts of the ID number and phone.
  void Prepare(Group& g) {
    g.members.resize(g.rows.size());
    for (size_t k = 0; k < g.rows.size(); ++k) {
      ParsedRow& r = g.rows[k];
      Member& m = g.members[k];
      if (!r.ok()) continue;
      auto id = ParseIdNumber(r.values["id_number"]);
      if (!id.ok()) {
        m.id_status = id.status();
        continue;
      }
      m.id = std::move(id).value();
      m.id_hash = crypto_.BlindIndex(m.id.canonical);
      if (!write_) continue;  // looked up by Check, on the transaction's thread
      m.lookup_status = LookUp(*find_, m.id_hash, &m.known);
      auto enc = crypto_.Encrypt(m.id.canonical);
      if (!enc.ok()) {
        m.crypto_status = enc.status();
        continue;
      }
      m.id_enc = std::move(enc).value();
      if (!r.values["phone"].empty()) {
        auto phone = crypto_.Encrypt(r.values["phone"]);
        if (phone.ok()) m.phone_enc = std::move(phone).value(); else m.crypto_status = phone.status();
      }
    }
  }

  // A finished row: counted as failed if it has errors, which go to the summary.
  void Emit(const ParsedRow& r) {
    if (r.ok()) return;
    ++sum_.failed;
    sum_.errors.insert(sum_.errors.end(), r.errors.begin(), r.errors.end());
  }

  // Adds the group's row errors: one head, agreeing rows, the village, the members' ID numbers
  // and who they already are; sets what is known of the household and its members.
  Status Check(Group& g) {
    std::vector<ParsedRow>& rows = g.rows;
    // One head, whose row carries the household's columns; the other rows must agree with it.
    for (size_t k = 0; k < rows.size(); ++k) {
      if (rows[k].values["relation"] != "head") continue;
      if (g.head == SIZE_MAX) g.head = k; else Fail(rows[k], "relation", "一户只能有一名户主");
    }
    if (g.head == SIZE_MAX) {
      Fail(rows[0], "relation", "该户没有户主（与户主关系为“户主”的一行）");
      return Status::Ok();
    }
    if (rows.size() > 30) Fail(rows[0], "", "一户最多 30 名成员");
    ParsedRow& head = rows[g.head];
    if (!head.ok()) return Status::Ok();
    CheckHouseholdFields(head, today_, &g.h);
    for (ParsedRow& r : rows) {
      if (&r == &head) continue;
      for (const char* key : kHouseholdKeys) {
        const std::string& mine = r.values[key];
        if (!mine.empty() && mine != head.values[key]) Fail(r, key, "与本户户主行不一致（" + head.values[key] + "）");
      }
      const std::string& named_head = r.values["head_id_number"];
      if (!named_head.empty() && named_head != head.values["id_number"]) Fail(r, "head_id_number", "与本户户主的身份证号不一致");
    }
    // The village: in scope, a village, known.
    const std::string& village = g.h.village;
    auto [vit, fresh] = village_error_.emplace(village, "");
    if (fresh) {
      if (!InScope(req_, village)) {
        vit->second = "区划 " + village + " 不在您的管辖范围内";
      } else if (auto level = LevelOfCode(village); !level.ok() || *level != RegionLevel::kVillage) {
        vit->second = "须为村（社区）代码";
      } else {
        ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c_, "SELECT COUNT(*) FROM regions WHERE code = ?", village));
        if (n == 0) vit->second = "区划 " + village + " 不存在";
      }
    }
    if (!vit->second.empty()) {
      for (ParsedRow& r : rows) Fail(r, "village_code", vit->second);
      return Status::Ok();
    }
    // Each member: the ID number decides sex and birth date, and who the person already is.
    for (size_t k = 0; k < rows.size(); ++k) {
      ParsedRow& r = rows[k];
      Member& m = g.members[k];
      if (!r.ok()) continue;
      if (!m.id_status.ok()) {
        Fail(r, "id_number", m.id_status.message());
        continue;
      }
      if (!r.values["sex"].empty() && r.values["sex"][0] != m.id.sex) Fail(r, "sex", "性别与身份证号不符");
      if (!write_) m.lookup_status = LookUp(*find_, m.id_hash, &m.known);
      ZX_RETURN_IF_ERROR(m.lookup_status);
      if (m.known.person_id != 0 && !InScope(req_, m.known.region)) {
        Fail(r, "id_number", "该身份证号的人员已在您的管辖范围之外登记");
      }
    }
    const Member& hm = g.members[g.head];
    if (!head.ok()) return Status::Ok();
    if (hm.known.household != 0 && hm.known.relation == "head") g.existing = hm.known.household;
    if (g.existing != 0) {
      Stmt& household = *household_;
      household.Bind(g.existing);
      ZX_ASSIGN_OR_RETURN(bool found, household->Step());
      if (!found) return Status::Internal("household of a member not found");
      if (household->Text(0) != village) {
        Fail(head, "village_code", "该户已登记在 " + household->Text(0) + "，迁移请在农户档案中办理");
      }
      if (household->Text(3) != HouseholdStatusName(g.h.status)) {
        Fail(head, "status", "该户已登记为“" + Label(kStatus, household->Text(3)) + "”，户类型变更请走状态变更审批");
      }
      std::optional<double> income = household->IsNull(4) ? std::nullopt : std::optional(household->Double(4));
      std::optional<int64_t> income_year = household->IsNull(5) ? std::nullopt : std::optional(household->Int(5));
      g.household_changed = household->Text(1) != g.h.group || household->Text(2) != g.h.address ||
                            (g.h.income_per_head && g.h.income_per_head != income) ||
                            (g.h.income_year && g.h.income_year != income_year);
      household->Reset();
    }
    for (size_t k = 0; k < rows.size(); ++k) {
      ParsedRow& r = rows[k];
      Member& m = g.members[k];
      if (!r.ok() || m.known.household == 0) continue;
      if (m.known.household != g.existing) {
        Fail(r, "id_number", "此人已是户 " + std::to_string(m.known.household) + " 的成员，一人只能属于一户");
        continue;
      }
      bool phone_differs = false;
      if (!r.values["phone"].empty()) {
        auto stored = m.known.phone_enc.empty() ? Result<std::string>(std::string()) : crypto_.Decrypt(m.known.phone_enc);
        phone_differs = !stored.ok() || *stored != r.values["phone"];
      }
      m.changed = m.known.name != r.values["name"] || phone_differs || (r.values["party_member"] == "1") != m.known.party ||
                  m.known.relation != r.values["relation"] || m.known.labour != r.values["labour"] ||
                  m.known.health != r.values["health"] || m.known.schooling != r.values["schooling"];
    }
    return Status::Ok();
  }

  // A checked group: held back whole if any row failed, else counted and, while the file may
  // still be written, written. Its rows' errors go to the summary.
  Status Finish(Group& g) {
    std::vector<ParsedRow>& rows = g.rows;
    // A household is written whole or not at all: one bad row holds back its other rows.
    bool bad = false;
    for (const ParsedRow& r : rows) bad = bad || !r.ok();
    if (bad) {
      for (ParsedRow& r : rows) {
        if (r.ok()) Fail(r, "", "同户其他行有误，整户未导入");
      }
      for (const ParsedRow& r : rows) Emit(r);
      return Status::Ok();
    }
    // Counts per row: a new member is inserted; a known one updated or unchanged.
    for (size_t k = 0; k < rows.size(); ++k) {
      const Member& m = g.members[k];
      bool household_row_changed = k == g.head && g.household_changed;
      if (m.known.household == 0) ++sum_.inserted;
      else if (m.changed || household_row_changed) ++sum_.updated;
      else ++sum_.unchanged;
    }
    // A bad row anywhere in an all-or-nothing file means nothing is kept: stop writing.
    if (!ShouldWrite(req_, sum_, write_)) return Status::Ok();
    return Write(g);
  }

  Status Write(Group& g) {
    std::vector<MemberIn> members;
    members.reserve(g.rows.size());
    for (size_t k = 0; k < g.rows.size(); ++k) {
      ParsedRow& r = g.rows[k];
      const Member& m = g.members[k];
      MemberIn in;
      in.field = "第 " + std::to_string(r.row) + " 行";
      in.name = r.values["name"];
      in.relation = r.values["relation"];
      in.labour = r.values["labour"];
      in.health = r.values["health"];
      in.schooling = r.values["schooling"];
      in.sex = std::string(1, m.id.sex);
      in.birth_date = m.id.birth_date;
      in.party_member = r.values["party_member"] == "1";
      in.pd.sex = m.id.sex;
      in.pd.birth_date = m.id.birth_date;
      in.pd.id_hash = m.id_hash;
      in.person_id = m.known.person_id;  // looked up above, in this transaction
      ZX_RETURN_IF_ERROR(m.crypto_status);
      in.pd.id_enc = m.id_enc;
      if (m.id.legacy15) in.pd.id_flag = "legacy15";
      if (!r.values["phone"].empty()) in.pd.phone_enc = m.phone_enc;
      members.push_back(std::move(in));
    }
    if (g.existing == 0) {
      g.h.members = std::move(members);
      return RegisterHousehold(c_, by_, g.h, today_, req_.now).status();
    }
    if (g.household_changed) {
      ZX_RETURN_IF_ERROR(c_.Execute(
          "UPDATE households SET villager_group = ?, address = ?, income_per_head = COALESCE(?, income_per_head), "
          "income_year = COALESCE(?, income_year) WHERE id = ?",
          g.h.group, g.h.address, g.h.income_per_head, g.h.income_year, g.existing));
    }
    for (size_t k = 0; k < g.members.size(); ++k) {
      const Member& m = g.members[k];
      const MemberIn& in = members[k];
      if (m.known.household == 0) {
        ZX_RETURN_IF_ERROR(InsertMember(c_, by_, g.existing, g.h.village, in, today_, req_.now));
      } else if (m.changed) {
        ZX_RETURN_IF_ERROR(c_.Execute("UPDATE household_members SET relation = ?, labour = ?, health = ?, schooling = ? WHERE id = ?",
                                      in.relation, in.labour, in.health, in.schooling, m.known.member_id));
        ZX_RETURN_IF_ERROR(c_.Execute("UPDATE people SET name = ?, phone_enc = COALESCE(?, phone_enc), party_member = ? WHERE id = ?",
                                      in.name, in.pd.phone_enc, in.party_member, m.known.person_id));
      }
    }
    return Status::Ok();
  }

  Database& db_;
  Connection& c_;
  const PiiCrypto& crypto_;
  const ImportRequest& req_;
  ImportSummary& sum_;
  const bool write_;
  const std::string today_;
  const RegisterBy by_;
  Stmt* find_ = nullptr;       // members by blind index: the reading thread's connection when writing, else c_
  Stmt* household_ = nullptr;  // households by id, on the transaction's connection
  FirstRowOfId first_row_;
  bool rows_apart_ = false;  // written by the reading thread, read after it has been joined
  std::map<std::string, std::string> village_error_;  // village code → reason ("" if fine)
};

// One pass when each household's rows are together; if they turn out not to be, what that pass
// wrote is undone (a savepoint inside the import's transaction) and the file is read again with a
// first pass over the grouping columns.
Status ImportHouseholds(Database& db, Connection& c, const PiiCrypto& crypto, const ImportRequest& req,
                        ImportSource& source, ImportSummary& sum, bool write) {
  if (write) ZX_RETURN_IF_ERROR(c.Exec("SAVEPOINT households_adjacent"));
  HouseholdImport adjacent(db, c, crypto, req, sum, write);
  Status s = adjacent.Run(source, Grouping::kAdjacentRows);
  if (!s.ok() || !adjacent.rows_apart()) {
    if (write && s.ok()) s = c.Exec("RELEASE SAVEPOINT households_adjacent");
    return s;
  }
  if (write) {
    ZX_RETURN_IF_ERROR(c.Exec("ROLLBACK TO SAVEPOINT households_adjacent"));
    ZX_RETURN_IF_ERROR(c.Exec("RELEASE SAVEPOINT households_adjacent"));
  }
  sum = ImportSummary{};
  source.Rewind();
  return HouseholdImport(db, c, crypto, req, sum, write).Run(source, Grouping::kLastRowFromFirstPass);
}

// One row per active member, head first; the household's columns repeated on each row.
Status ExportHouseholds(Connection& c, const PiiCrypto& crypto, const CodeRange& range, bool unmask, const ExportRowFn& row) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT h.id, h.village_code, h.villager_group, h.address, h.status, COALESCE(h.risk_type, ''), h.status_since, "
      "h.registered_year, h.income_per_head, h.income_year, p.name, COALESCE(p.id_number_enc, ''), p.sex, m.relation, "
      "COALESCE(p.phone_enc, ''), p.party_member, m.labour, m.health, m.schooling FROM households h "
      "JOIN household_members m ON m.household_id = h.id AND m.active = 1 JOIN people p ON p.id = m.person_id "
      "WHERE h.village_code BETWEEN ? AND ? AND h.active = 1 "
      "ORDER BY h.village_code, h.id, CASE WHEN m.relation = 'head' THEN 0 ELSE 1 END, m.id"));
  st.Bind(range.low, range.high);
  int64_t current = 0;
  std::string head_id;
  std::vector<std::string> cells;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool more, st->Step());
    if (!more) return Status::Ok();
    int64_t id = st->Int(0);
    std::string id_number = ClearOrMasked(crypto, st->Text(11), unmask, true);
    if (id != current) {
      current = id;
      head_id = st->Text(13) == "head" ? id_number : std::string();
    }
    cells = {std::to_string(id),
             head_id,
             st->Text(1),
             st->Text(2),
             st->Text(3),
             Label(kStatus, st->Text(4)),
             Label(kRisk, st->Text(5)),
             st->Text(6),
             st->IsNull(7) ? "" : std::to_string(st->Int(7)),
             st->IsNull(8) ? "" : NumberText(st->Double(8)),
             st->IsNull(9) ? "" : std::to_string(st->Int(9)),
             st->Text(10),
             std::move(id_number),
             Label(kSex, st->Text(12)),
             Label(kRelation, st->Text(13)),
             ClearOrMasked(crypto, st->Text(14), unmask, false),
             st->Int(15) != 0 ? "是" : "否",
             Label(kLabour, st->Text(16)),
             Label(kHealth, st->Text(17)),
             Label(kSchooling, st->Text(18))};
    ZX_RETURN_IF_ERROR(row(cells));
  }
}

}  // namespace

const KindOps& HouseholdOps() {
  static const KindOps ops{"households", &HouseholdTemplate, nullptr, &ExportHouseholds, &ImportHouseholds};
  return ops;
}

}  // namespace zx::imports
