// Indicator formulas: arithmetic over named values, e.g.
//   #{visits.satisfied} / #{visits.count} * 100
// Numbers, + - * /, unary minus, parentheses and #{name} references. A division by zero while
// evaluating gives "no value" (a region without households has no visit rate), never an error;
// a divisor that is zero whatever the data (`x / 0`, `x / (2 - 2)`) is refused when parsed.
// Hand-written rather than a general expression library: the grammar is tiny, errors must name
// the position in Chinese for the form that shows them, and the parser is fuzzed.
// Thread-safety: a parsed Formula is immutable and may be evaluated from many threads.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace zx::analytics {

struct FormulaNode;

class Formula {
 public:
  // Parses `text`; errors name `field` and the character position.
  static Result<Formula> Parse(std::string_view text, std::string_view field = "formula");

  // The names referenced, in order of first appearance, without repeats.
  const std::vector<std::string>& references() const { return refs_; }
  const std::string& text() const { return text_; }

  using Lookup = std::function<std::optional<double>(const std::string& name)>;
  // nullopt if a referenced value is missing or a divisor is zero.
  std::optional<double> Evaluate(const Lookup& lookup) const;

 private:
  std::shared_ptr<const FormulaNode> root_;
  std::vector<std::string> refs_;
  std::string text_;
};

}  // namespace zx::analytics
