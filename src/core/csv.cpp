#include "core/csv.h"

namespace zx {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 BOM
}

Result<bool> CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;
  std::string field;
  bool in_quotes = false, after_quote = false;
  while (pos_ < text_.size()) {
    char c = text_[pos_++];
    if (in_quotes) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
        } else {
          in_quotes = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line_;
        field.push_back(c);
      }
      continue;
    }
    if (c == ',') {
      fields->push_back(std::move(field));
      field.clear();
      after_quote = false;
    } else if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') {
      continue;
    } else if (c == '\n') {
      ++line_;
      fields->push_back(std::move(field));
      return true;
    } else if (c == '"' && field.empty() && !after_quote) {
      in_quotes = true;
    } else if (after_quote) {
      return Status::InvalidArgument("line " + std::to_string(record_line_) + ": text after a closing quote");
    } else {
      field.push_back(c);
    }
  }
  if (in_quotes) return Status::InvalidArgument("line " + std::to_string(record_line_) + ": quote not closed (truncated file?)");
  fields->push_back(std::move(field));
  return true;
}

}  // namespace zx
