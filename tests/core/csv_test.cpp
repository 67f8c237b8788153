#include "core/csv.h"

#include <gtest/gtest.h>

namespace zx {

TEST(CsvTest, QuotesCommasAndNewlines) {
  CsvReader r("\xEF\xBB\xBF" "a,\"b,1\",\"say \"\"hi\"\"\"\r\nx,\"two\nlines\",z\n");
  std::vector<std::string> f;
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b,1", "say \"hi\""}));
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(f, (std::vector<std::string>{"x", "two\nlines", "z"}));
  EXPECT_EQ(r.line(), 2);
  EXPECT_FALSE(*r.Next(&f));
}

TEST(CsvTest, UnclosedQuoteIsAnErrorWithItsLine) {
  CsvReader r("a,b\n1,\"open");
  std::vector<std::string> f;
  ASSERT_TRUE(*r.Next(&f));
  auto second = r.Next(&f);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("line 2"), std::string::npos);
}

}  // namespace zx
