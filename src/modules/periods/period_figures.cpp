#include "modules/periods/period_figures.h"

#include "core/region_code.h"

namespace zx {

Result<Figures> PeriodFigures(Connection& c, const std::string& region_code, const LockPeriod& p) {
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(region_code));
  CodeRange r = SubtreeRange(region_code, level);
  Figures f;
  ZX_ASSIGN_OR_RETURN(f["visits"], QueryInt(c, "SELECT COUNT(*) FROM visits WHERE village_code BETWEEN ? AND ? AND day BETWEEN "
                                               "? AND ?", r.low, r.high, p.from, p.to));
  ZX_ASSIGN_OR_RETURN(f["satisfied_visits"],
                      QueryInt(c, "SELECT COUNT(*) FROM visits WHERE village_code BETWEEN ? AND ? AND day BETWEEN ? AND ? "
                                  "AND satisfaction IN ('satisfied', 'basic')", r.low, r.high, p.from, p.to));
  ZX_ASSIGN_OR_RETURN(f["households_visited"],
                      QueryInt(c, "SELECT COUNT(DISTINCT household_id) FROM visits WHERE village_code BETWEEN ? AND ? AND "
                                  "day BETWEEN ? AND ?", r.low, r.high, p.from, p.to));
  ZX_ASSIGN_OR_RETURN(f["checkins"], QueryInt(c, "SELECT COUNT(*) FROM checkins WHERE village_code BETWEEN ? AND ? AND day "
                                                 "BETWEEN ? AND ?", r.low, r.high, p.from, p.to));
  ZX_ASSIGN_OR_RETURN(f["days_present"],
                      QueryInt(c, "SELECT COUNT(*) FROM (SELECT DISTINCT person_id, day FROM checkins WHERE village_code "
                                  "BETWEEN ? AND ? AND day BETWEEN ? AND ? AND within = 1) t", r.low, r.high, p.from, p.to));
  ZX_ASSIGN_OR_RETURN(f["work_logs"], QueryInt(c, "SELECT COUNT(*) FROM work_logs WHERE village_code BETWEEN ? AND ? AND day "
                                                  "BETWEEN ? AND ?", r.low, r.high, p.from, p.to));
  // Collective income is kept by year and dated at the year's end: a December, fourth-quarter or
  // whole-year period holds it, earlier periods do not.
  int64_t income_year = p.to.substr(5) == "12-31" ? std::stoll(p.to.substr(0, 4)) : 0;
  ZX_ASSIGN_OR_RETURN(f["collective_income_yuan"],
                      QueryInt(c, "SELECT COALESCE(SUM(amount_yuan), 0) FROM collective_income WHERE village_code BETWEEN ? "
                                  "AND ? AND year = ?", r.low, r.high, income_year));
  ZX_ASSIGN_OR_RETURN(f["trainees"],
                      QueryInt(c, "SELECT COUNT(*) FROM training_trainees t JOIN training_classes k ON k.id = t.class_id "
                                  "WHERE k.region_code BETWEEN ? AND ? AND k.start_day BETWEEN ? AND ?",
                               r.low, r.high, p.from, p.to));
  ZX_ASSIGN_OR_RETURN(f["follow_ups_opened"],
                      QueryInt(c, "SELECT COUNT(*) FROM follow_ups f JOIN visits v ON v.id = f.visit_id WHERE f.village_code "
                                  "BETWEEN ? AND ? AND v.day BETWEEN ? AND ?", r.low, r.high, p.from, p.to));
  ZX_ASSIGN_OR_RETURN(f["follow_ups_closed"],
                      QueryInt(c, "SELECT COUNT(*) FROM follow_ups WHERE village_code BETWEEN ? AND ? AND closed_on BETWEEN "
                                  "? AND ?", r.low, r.high, p.from, p.to));
  return f;
}

nlohmann::json FiguresJson(const Figures& f) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : f) j[k] = v;
  return j;
}

Figures FiguresFromJson(const nlohmann::json& j) {
  Figures f;
  if (!j.is_object()) return f;
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it->is_number_integer()) f[it.key()] = it->get<int64_t>();
  return f;
}

nlohmann::json DiffJson(const std::vector<FigureChange>& diff) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : diff) out.push_back({{"name", d.name}, {"before", d.before}, {"now", d.now}, {"delta", d.delta}});
  return out;
}

}  // namespace zx
