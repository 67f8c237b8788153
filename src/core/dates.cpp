#include "core/dates.h"

namespace zx {
namespace {

bool Digits(const std::string& s, size_t from, size_t n) {
  for (size_t i = from; i < from + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool WellFormed(const std::string& d) {
  return d.size() == 10 && d[4] == '-' && d[7] == '-' && Digits(d, 0, 4) && Digits(d, 5, 2) && Digits(d, 8, 2);
}

}  // namespace

std::optional<int> AgeOn(const std::string& birth_date, const std::string& day) {
  if (!WellFormed(birth_date) || !WellFormed(day) || birth_date > day) return std::nullopt;
  int age = std::stoi(day.substr(0, 4)) - std::stoi(birth_date.substr(0, 4));
  if (day.substr(5) < birth_date.substr(5)) --age;
  return age;
}

}  // namespace zx
