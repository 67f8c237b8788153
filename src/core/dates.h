// Calendar dates as the platform stores them: 'YYYY-MM-DD' text.
#pragma once

#include <optional>
#include <string>

namespace zx {

// Whole years of age on `day` for someone born on `birth_date`; nullopt for a malformed date or a
// birth after the day. Leap-day births are a year older on 1 March of common years.
std::optional<int> AgeOn(const std::string& birth_date, const std::string& day);

}  // namespace zx
