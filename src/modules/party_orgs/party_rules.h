// Rules of village party organizations (DOMAIN.md D3): kinds, yearly ratings and how they may
// change, the results of a rectification case, the counts the reports give, standardization
// scoring against thresholds, and the reserve-cadre pool's figures. No I/O.
// Thread-safety: pure functions.
#pragma once

#include "core/dates.h"  // AgeOn, used with the reserve rules

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace zx {

// branch 党支部, general_branch 党总支, committee 党委.
bool IsOrgKind(const std::string& kind);
// advanced 先进, ordinary 一般, backward 后进, weak 软弱涣散.
bool IsOrgRating(const std::string& rating);
const char* RatingTitle(const std::string& rating);
// Backward and weak organizations are the ones identified for rectification (应定尽定).
bool NeedsRectification(const std::string& rating);

// A year's rating set or changed. `from` is the rating in force (none yet: nullopt); an open
// rectification case that year keeps the rating at backward or weak; a change needs a reason.
Status CheckRatingChange(const std::optional<std::string>& from, const std::string& to, bool open_case,
                         const std::string& reason);

// A case ends once: open → transformed (转化, rated ordinary) or carried_over (结转 to next year).
bool IsCaseResult(const std::string& result);
Status CheckCaseResult(const std::string& status, const std::string& result);

// "YYYY-MM" within 2000..2100.
bool IsMonth(const std::string& month);
// "YYYY-MM-DD", a real day within 1900..2100 (founding dates go back before 2000).
bool IsDay(const std::string& day);

// One case as the counts see it.
struct CaseFacts {
  std::string rating;  // backward or weak
  std::string status;  // open, transformed, carried_over
  bool leader = false, first_secretary = false, department = false, work_group = false;
  int64_t progress_reports = 0, inspections = 0;
};

// The figures the reports give for a region and year: identified, pairing counts, results.
struct RectificationCounts {
  int64_t identified = 0, weak = 0, backward = 0;
  int64_t work_groups = 0, leaders = 0, first_secretaries = 0, departments = 0;
  int64_t transformed = 0, carried_over = 0, open = 0;
  int64_t progress_reports = 0, inspections = 0;
};
RectificationCounts CountCases(const std::vector<CaseFacts>& cases);

// Thresholds on the 100-point standardization score and the first-class target share.
struct PartyTargets {
  double first_class_pct = 60;      // share of organizations rated advanced (一流/先进) aimed at
  double demonstration_score = 90;  // 示范
  double standard_score = 75;       // 达标
};
Status CheckTargets(const PartyTargets& t);

// Score out of 100 from the points of the standards met; 0 when nothing is configured.
double StandardScore(int64_t points_met, int64_t points_total);
// demonstration, standard or below.
std::string StandardStatus(double score, const PartyTargets& t);
// Percent with one decimal, 0 for an empty base.
double Percent(int64_t part, int64_t whole);

// Reserve cadres: rich_expert 致富能手, returned_youth 返乡青年, veteran 退役军人, graduate 高校毕业生, other.
bool IsReserveSource(const std::string& source);

}  // namespace zx
