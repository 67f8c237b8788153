// Indicator formulas come from users (the 指标管理 form and POST /api/v1/indicators); periods come
// from every analytics query string. Both must refuse garbage with an error, never crash, and what
// they accept must behave: a parsed formula evaluates without trapping, a parsed period is ordered.
#include <cmath>
#include <cstdint>
#include <string>

#include "analytics/formula.h"
#include "core/periods.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto f = zx::analytics::Formula::Parse(input);
  if (f.ok()) {
    double seed = static_cast<double>(size % 7);
    auto v = f->Evaluate([&](const std::string& name) -> std::optional<double> {
      if (name.size() % 5 == 0) return std::nullopt;  // a missing value
      return seed - static_cast<double>(name.size() % 3);
    });
    if (v && !std::isfinite(*v)) __builtin_trap();
    for (const auto& r : f->references())
      if (r.empty() || r.size() > 64) __builtin_trap();
  }
  auto p = zx::ParsePeriod(input);
  if (p.ok()) {
    if (p->from > p->to) __builtin_trap();
    auto again = zx::ParsePeriod(p->label);
    if (!again.ok() || again->from != p->from || again->to != p->to) __builtin_trap();
    auto prev = zx::PreviousPeriod(*p);
    if (prev.to >= p->from) __builtin_trap();
  }
  return 0;
}
