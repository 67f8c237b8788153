// The data elements the rollups keep, and the feeds that fill them: each feed is one SQL query over
// a module's records that yields (region, day, value...) rows. The same query, with a filter on one
// region and a window of days, refreshes the rollups after a write, so the rollups equal plain SQL
// by construction; the tests check it anyway.
// Thread-safety: immutable tables.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/periods.h"

namespace zx::analytics {

// Flow: the values dated inside a period are added (visits in November). Stock: everything dated up
// to the period's last day (households registered by then).
enum class Temporal { kFlow, kStock };

// How far one changed record can move a feed's values: the day it is dated, its month (first visit
// of a household in a month), ..., or anywhere (current-state tables with one row per region).
enum class Grain { kDay, kMonth, kQuarter, kYear, kAll };

struct ElementDef {
  std::string id;  // "visits.count"
  std::string name_zh;
  std::string name_en;
  std::string unit;  // 次, 户, 元, ...
  Temporal temporal = Temporal::kFlow;
  // Distinct counts cannot be added across days: such an element names, per calendar period kind,
  // the internal element counting each thing once in that kind of period, and a plain SQL count
  // for the other kinds (weeks, ranges). Parameters: subtree low, high code; first, last day.
  std::map<PeriodKind, std::string> per_period;
  std::string distinct_sql;
  bool internal = false;  // a per-period variant, not offered in the catalogue
};

struct FeedDef {
  std::vector<std::string> sources;  // tables whose changes refresh it
  std::string region_expr;           // expression naming the region, used in the refresh filter
  std::string day_expr;              // expression naming the day; empty if not filterable by day
  Grain grain = Grain::kAll;
  // SELECT region, day, v1, v2 ... with the placeholder {where} where the filter goes.
  std::string sql;
  std::vector<std::string> elements;  // the element of each value column, in order
};

const std::vector<ElementDef>& Elements();
const std::vector<FeedDef>& Feeds();

// The first visits of a household per month, quarter and year are three feeds (each refreshes
// one village's window), but a full build reads them in one pass: rows (village, household,
// 'YYYY-MM', first day of a visit that month) in that order, from which the first visit of each
// quarter and year follows. Three sorts of every visit become one.
extern const char kFirstVisitsByMonthSql[];
bool IsFirstVisitFeed(const FeedDef& feed);

// The window of days a change dated `day` can affect in a feed of `grain`.
void GrainWindow(Grain grain, int day, int* from, int* to);

}  // namespace zx::analytics
