// The indicator catalogue: built-in indicators of every module (ratios and counts defined as
// formulas over data elements, analytics/elements.h) and the ones users define, kept in the
// `indicators` table. Every data element is also usable as an indicator by its own id.
// Thread-safety: the built-in table is immutable; Catalogue guards user-defined ones.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "analytics/formula.h"
#include "core/status.h"

namespace zx::analytics {

struct IndicatorDef {
  std::string id;
  std::string name;     // Chinese
  std::string name_en;
  std::string module;   // presence, households, party_orgs, economy, training, tasks, supervision, custom
  std::string unit;
  bool higher_is_better = true;
  std::string definition;
  std::string numerator, denominator;  // for ratios: what is counted over what (names), else empty
  Formula formula;
  bool builtin = true;
  bool is_element = false;  // the value of one data element
};

class Catalogue {
 public:
  Catalogue();
  // Null if unknown.
  std::shared_ptr<const IndicatorDef> Find(const std::string& id) const;
  std::vector<std::shared_ptr<const IndicatorDef>> All() const;
  // Checks a user-defined indicator: id free and well-formed, formula parses, names known, no cycle.
  Status Validate(const IndicatorDef& def) const;
  // Adds or replaces a user-defined one (after Validate).
  void Put(IndicatorDef def);
  // Removes a user-defined one; refuses built-ins and ones others refer to.
  Status Remove(const std::string& id);

 private:
  bool Known(const std::string& name) const;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const IndicatorDef>> by_id_;
};

}  // namespace zx::analytics
