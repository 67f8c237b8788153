// RFC 4180 CSV records from text already in memory (quotes, doubled quotes, CRLF, embedded
// newlines inside quotes). Encoding conversion is the caller's job.
// Thread-safety: a CsvReader is used by one thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace zx {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);
  // Reads the next record into `fields`; false at the end. A malformed record (a quote left
  // open at the end of the text, text after a closing quote) gives an error naming the line.
  Result<bool> Next(std::vector<std::string>* fields);
  // Line number (1-based) where the last record returned started.
  int line() const { return record_line_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 0;
};

}  // namespace zx
