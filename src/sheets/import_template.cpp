#include "sheets/import_template.h"

#include <set>

#include "core/personal_ids.h"
#include "core/region_code.h"
#include "core/text.h"
#include "sheets/csv_sheet.h"

namespace zx::sheets {
namespace {

std::string HeaderKey(std::string_view s) {
  std::string n = AsciiLower(NormalizeInput(s));
  std::string out;
  for (char c : n) {
    if (c != ' ' && c != '*') out.push_back(c);  // "* 姓名" marks required columns in our template
  }
  return out;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool ValidDate(int y, int m, int d) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
  return d <= max;
}

// "1990年3月7日" → "1990-3-7": how Excel and Calc show a date cell in the Chinese long format, and
// so what a CSV they saved holds. Anything else is returned unchanged.
std::string ChineseLongDateToDashes(const std::string& text) {
  static constexpr std::string_view kYear = "年", kMonth = "月", kDay = "日";
  size_t y = text.find(kYear);
  if (y == std::string::npos) return text;
  size_t m = text.find(kMonth, y + kYear.size());
  if (m == std::string::npos || text.size() < m + kMonth.size() + kDay.size() ||
      std::string_view(text).substr(text.size() - kDay.size()) != kDay) {
    return text;
  }
  return text.substr(0, y) + "-" + text.substr(y + kYear.size(), m - y - kYear.size()) + "-" +
         text.substr(m + kMonth.size(), text.size() - kDay.size() - m - kMonth.size());
}

Result<std::string> CheckDate(const std::string& text) {
  int y = 0, m = 0, d = 0;
  char s1 = 0, s2 = 0;
  char tail = 0;
  std::string dashed = ChineseLongDateToDashes(text);
  if (std::sscanf(dashed.c_str(), "%4d%c%2d%c%2d%c", &y, &s1, &m, &s2, &d, &tail) != 5 || s1 != s2 ||
      (s1 != '-' && s1 != '/' && s1 != '.') || !ValidDate(y, m, d)) {
    return Status::InvalidArgument("日期格式应为 YYYY-MM-DD：" + text);
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

}  // namespace

Result<HeaderMatch> MatchHeader(const ImportTemplate& tpl, const Sheet& sheet) {
  std::map<std::string, size_t> names;
  for (size_t i = 0; i < tpl.columns.size(); ++i) {
    names[HeaderKey(tpl.columns[i].zh)] = i;
    names[HeaderKey(tpl.columns[i].en)] = i;
  }
  size_t best = sheet.rows.size(), best_hits = 0;
  for (size_t r = 0; r < sheet.rows.size() && r < 10; ++r) {
    size_t hits = 0;
    for (const Cell& c : sheet.rows[r].cells) hits += names.count(HeaderKey(c.text));
    if (hits > best_hits) {
      best_hits = hits;
      best = r;
    }
  }
  if (best == sheet.rows.size()) {
    return Status::InvalidArgument("找不到表头：前 10 行中没有一行包含模板的列名（请使用下载的模板）", "file");
  }
  HeaderMatch m;
  m.header_row = sheet.rows[best].number;
  m.column_of.assign(tpl.columns.size(), -1);
  const auto& cells = sheet.rows[best].cells;
  for (size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].empty()) continue;
    auto it = names.find(HeaderKey(cells[c].text));
    if (it == names.end()) {
      m.extra.push_back(cells[c].text);
      continue;
    }
    if (m.column_of[it->second] >= 0) {
      return Status::InvalidArgument("列“" + tpl.columns[it->second].zh + "”出现了两次", "file");
    }
    m.column_of[it->second] = static_cast<int>(c);
  }
  std::string missing;
  for (size_t i = 0; i < tpl.columns.size(); ++i) {
    if (tpl.columns[i].required && m.column_of[i] < 0) missing += (missing.empty() ? "" : "、") + tpl.columns[i].zh;
  }
  if (!missing.empty()) return Status::InvalidArgument("缺少必填列：" + missing, "file");
  return m;
}

Result<std::string> CheckCell(const Column& col, const Cell& cell) {
  if (cell.type == Cell::Type::kError) return Status::InvalidArgument("单元格是错误值 " + cell.text);
  std::string text = NormalizeInput(cell.text);
  if (text.size() > 1 && text[0] == '\'' && std::string_view("=+-@").find(text[1]) != std::string_view::npos) {
    text.erase(0, 1);  // the formula guard our CSV export adds
  }
  if (text.empty()) {
    if (col.required) return Status::InvalidArgument("必填");
    return std::string();
  }
  switch (col.type) {
    case ColumnType::kText:
      if (Utf8Length(text) > col.max_length) {
        return Status::InvalidArgument("超过 " + std::to_string(col.max_length) + " 个字");
      }
      return text;
    case ColumnType::kIdNumber: {
      if (cell.type == Cell::Type::kNumber || LooksLikeNumericIdNumber(text)) {
        return Status::InvalidArgument("身份证号被存成了数字，后几位已丢失；请把该列设为文本格式后重新填写");
      }
      ZX_ASSIGN_OR_RETURN(IdNumber id, ParseIdNumber(text, col.key));
      return id.canonical;
    }
    case ColumnType::kPhone:
      return ParseMobile(text, col.key);
    case ColumnType::kDate:
      if (cell.type == Cell::Type::kDate) return text;
      return CheckDate(text);
    case ColumnType::kRegionCode:
      return ParseRegionCode(text, col.key);
    case ColumnType::kChoice: {
      std::string allowed;
      for (const auto& [value, label] : col.choices) {
        if (text == value || text == label) return value;
        allowed += (allowed.empty() ? "" : "、") + label;
      }
      return Status::InvalidArgument("应为以下之一：" + allowed);
    }
    case ColumnType::kBool: {
      std::string l = AsciiLower(text);
      if (l == "是" || l == "y" || l == "yes" || l == "true" || l == "1") return std::string("1");
      if (l == "否" || l == "n" || l == "no" || l == "false" || l == "0") return std::string("0");
      return Status::InvalidArgument("应为 是 或 否");
    }
  }
  return text;
}

RowValues::RowValues(std::shared_ptr<const std::vector<std::string>> keys)
    : keys_(std::move(keys)), values_(keys_ ? keys_->size() : 0) {}

std::string& RowValues::operator[](std::string_view key) {
  if (keys_) {
    for (size_t i = 0; i < keys_->size(); ++i) {
      if ((*keys_)[i] == key) return values_[i];
    }
  }
  for (auto& [k, v] : extra_) {
    if (k == key) return v;
  }
  return extra_.emplace_back(std::string(key), std::string()).second;
}

ParsedRow ParseRow(const ImportTemplate& tpl, const SheetRow& r, const HeaderMatch& header,
                   const std::shared_ptr<const std::vector<std::string>>& keys) {
  static const Cell kEmpty;
  ParsedRow p;
  p.row = r.number;
  p.values = RowValues(keys);
  p.raw.reserve(tpl.columns.size());
  for (size_t i = 0; i < tpl.columns.size(); ++i) {
    const Column& col = tpl.columns[i];
    int c = header.column_of[i];
    const Cell& cell = (c >= 0 && static_cast<size_t>(c) < r.cells.size()) ? r.cells[c] : kEmpty;
    p.raw.push_back(cell.text);
    auto v = CheckCell(col, cell);
    if (v.ok()) {
      p.values[col.key] = std::move(v).value();
    } else {
      p.errors.push_back({r.number, col.zh, v.status().message()});
    }
  }
  return p;
}

// True if the cell holds more than the spaces CheckCell trims away (ASCII whitespace and the
// ideographic space U+3000): a cell "cleared" by typing a space is as empty as one never filled.
static bool Filled(const Cell& cell) {
  if (cell.empty()) return false;
  std::string_view t = cell.text;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') continue;
    if (t.substr(i, 3) == "\xE3\x80\x80") {
      i += 2;
      continue;
    }
    return true;
  }
  return false;
}

bool RowHasCells(const ImportTemplate& tpl, const SheetRow& r, const HeaderMatch& header) {
  for (size_t i = 0; i < tpl.columns.size(); ++i) {
    int c = header.column_of[i];
    if (c >= 0 && static_cast<size_t>(c) < r.cells.size() && Filled(r.cells[c])) return true;
  }
  return false;
}

std::shared_ptr<const std::vector<std::string>> RowKeys(const ImportTemplate& tpl) {
  auto keys = std::make_shared<std::vector<std::string>>();
  for (const auto& c : tpl.columns) keys->push_back(c.key);
  return keys;
}

std::vector<ParsedRow> ParseRows(const ImportTemplate& tpl, const Sheet& sheet, const HeaderMatch& header) {
  std::vector<ParsedRow> out;
  auto keys = RowKeys(tpl);
  for (const SheetRow& r : sheet.rows) {
    if (r.number <= header.header_row || !RowHasCells(tpl, r, header)) continue;
    out.push_back(ParseRow(tpl, r, header, keys));
  }
  return out;
}

std::vector<ParsedRow> ParseRows(const ImportTemplate& tpl, Sheet&& sheet, const HeaderMatch& header) {
  std::vector<ParsedRow> out;
  auto keys = RowKeys(tpl);
  for (SheetRow& r : sheet.rows) {
    if (r.number > header.header_row && RowHasCells(tpl, r, header)) out.push_back(ParseRow(tpl, r, header, keys));
    std::vector<Cell>().swap(r.cells);
  }
  return out;
}

void MarkDuplicateKeys(std::vector<ParsedRow>& rows, const std::string& key, const std::string& column_zh) {
  std::map<std::string, int> first;
  for (ParsedRow& r : rows) {
    const std::string& v = r.values[key];
    if (v.empty()) continue;
    auto [it, inserted] = first.emplace(v, r.row);
    if (!inserted) r.errors.push_back({r.row, column_zh, "与第 " + std::to_string(it->second) + " 行重复"});
  }
}

Result<ImportMode> ParseImportMode(const std::string& text) {
  if (text.empty() || text == "all") return ImportMode::kAllOrNothing;
  if (text == "good") return ImportMode::kGoodRows;
  return Status::InvalidArgument("mode must be all or good", "mode");
}

}  // namespace zx::sheets
