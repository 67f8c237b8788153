#include "modules/periods/period_demo.h"

#include "modules/periods/period_figures.h"
#include "modules/presence/presence_rules.h"

namespace zx {
namespace {

// The month `back` months before the month of `day`.
std::string MonthBefore(const std::string& day, int back) {
  int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(5, 2)) - back;
  while (m < 1) m += 12, --y;
  return std::to_string(y) + (m < 10 ? "-0" : "-") + std::to_string(m);
}

}  // namespace

std::string PeriodDemoReport::Summary() const {
  if (already_loaded) return "demo reporting periods: already loaded";
  return "demo reporting periods: " + std::to_string(locked) + " locked, " + std::to_string(submitted) +
         " submitted and waiting for the county";
}

Result<PeriodDemoReport> LoadPeriodDemo(Database& db, const Clock& clock) {
  PeriodDemoReport report;
  int64_t now = clock.NowSeconds();
  std::string today = ChinaDay(now);
  ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(int64_t loaded, QueryInt(c, "SELECT COUNT(*) FROM period_locks WHERE region_code BETWEEN "
                                                    "'420323000000' AND '420323999999'"));
    if (loaded) {
      report.already_loaded = true;
      return Status::Ok();
    }
    std::vector<std::string> townships;
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code FROM regions WHERE parent_code = '420323000000' AND level = 4 "
                                             "ORDER BY code"));
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        townships.push_back(st->Text(0));
      }
    }
    // The quarter before this one is approved everywhere; last month is approved for two townships
    // in three, and the third has reported and waits for the county.
    std::string last_month = MonthBefore(today, 1);
    int quarter_month = std::stoi(MonthBefore(today, 3).substr(5, 2));
    std::string last_quarter = MonthBefore(today, 3).substr(0, 4) + "-Q" + std::to_string((quarter_month - 1) / 3 + 1);
    for (size_t i = 0; i < townships.size(); ++i) {
      for (const std::string& label : {last_quarter, last_month}) {
        ZX_ASSIGN_OR_RETURN(LockPeriod period, ParseLockPeriod(label));
        ZX_ASSIGN_OR_RETURN(Figures figures, PeriodFigures(c, townships[i], period));
        bool locked = label == last_quarter || i % 3 != 0;
        int64_t submitted_at = now - (label == last_quarter ? 40 : 15) * 86400;
        ZX_RETURN_IF_ERROR(c.Execute(
            "INSERT INTO period_locks(region_code, period, period_from, period_to, state, submitted_by, submitted_at, "
            "approved_by, approved_at, snapshot_json, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
            townships[i], period.label, period.from, period.to, locked ? "locked" : "submitted", submitted_at,
            locked ? std::optional<int64_t>(0) : std::nullopt,
            locked ? std::optional<int64_t>(submitted_at + 3 * 86400) : std::nullopt, FiguresJson(figures).dump(), now));
        ++(locked ? report.locked : report.submitted);
      }
    }
    return Status::Ok();
  }));
  return report;
}

}  // namespace zx
