#include "analytics/formula.h"

#include <gtest/gtest.h>

#include <map>

namespace zx::analytics {
namespace {

std::optional<double> Eval(const std::string& text, const std::map<std::string, double>& values) {
  auto f = Formula::Parse(text);
  EXPECT_TRUE(f.ok()) << text << ": " << f.status().ToString();
  if (!f.ok()) return std::nullopt;
  return f->Evaluate([&](const std::string& name) -> std::optional<double> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  });
}

TEST(Formula, EvaluatesWithPrecedenceAndParentheses) {
  EXPECT_DOUBLE_EQ(*Eval("1 + 2 * 3", {}), 7);
  EXPECT_DOUBLE_EQ(*Eval("(1 + 2) * 3", {}), 9);
  EXPECT_DOUBLE_EQ(*Eval("10 - 4 - 3", {}), 3);
  EXPECT_DOUBLE_EQ(*Eval("12 / 3 / 2", {}), 2);
  EXPECT_DOUBLE_EQ(*Eval("-2 * -3", {}), 6);
  EXPECT_DOUBLE_EQ(*Eval("#{a.x} / #{b.y} * 100", {{"a.x", 3}, {"b.y", 4}}), 75);
}

TEST(Formula, ListsReferencesOnceInOrder) {
  auto f = Formula::Parse("(#{visits.satisfied} + #{visits.basic}) / #{visits.count} + #{visits.basic}");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->references(), (std::vector<std::string>{"visits.satisfied", "visits.basic", "visits.count"}));
}

TEST(Formula, DivisionByZeroInTheDataGivesNoValueNotAnError) {
  EXPECT_FALSE(Eval("#{a.x} / #{b.y}", {{"a.x", 3}, {"b.y", 0}}).has_value());
  EXPECT_FALSE(Eval("#{a.x} + 1", {}).has_value());  // a missing value propagates
}

TEST(Formula, RefusesMalformedTextNamingThePosition) {
  struct Case {
    const char* text;
    const char* expect;
  } cases[] = {
      {"", "不完整"},          {"1 +", "不完整"},         {"(1 + 2", "右括号"},
      {"1 2", "多余"},         {"#{a.x", "右花括号"},     {"#a.x", "#{名称}"},
      {"#{A.X}", "小写"},      {"#{}", "小写"},           {"1 / 0", "除数恒为零"},
      {"1 / (2 - 2)", "除数恒为零"}, {"1..2", "数字"},    {"x + 1", "无法识别"},
      {"1 + 乙", "无法识别"},
  };
  for (const auto& c : cases) {
    auto f = Formula::Parse(c.text, "formula");
    ASSERT_FALSE(f.ok()) << c.text;
    EXPECT_NE(f.status().message().find(c.expect), std::string::npos) << c.text << " → " << f.status().message();
    EXPECT_NE(f.status().message().find("第 "), std::string::npos) << c.text;
    EXPECT_EQ(f.status().field(), "formula");
  }
}

TEST(Formula, RefusesNestingBeyondTheLimitInsteadOfOverflowingTheStack) {
  std::string deep(500, '(');
  deep += "1";
  deep += std::string(500, ')');
  EXPECT_FALSE(Formula::Parse(deep).ok());
  std::string minus(1000, '-');
  EXPECT_FALSE(Formula::Parse(minus + "1").ok());
}

}  // namespace
}  // namespace zx::analytics
