#include "modules/imports/import_source.h"

#include <unordered_map>

#include "core/csv.h"
#include "core/text.h"
#include "modules/regions/chinese_names.h"
#include "sheets/csv_sheet.h"
#include "sheets/xlsx_reader.h"

namespace zx {
namespace {

using sheets::Cell;
using sheets::HeaderMatch;
using sheets::ImportTemplate;
using sheets::ParsedRow;
using sheets::SheetRow;

// Traditional characters (張三, 塘口村) are stored simplified, as everywhere else in the registry.
// Columns such as 户类型 or 与户主关系 repeat a few words on every row: each text is converted once.
class Simplifier {
 public:
  explicit Simplifier(const ChineseNames* names) : names_(names) {}

  void Convert(Cell& cell) {
    // Most cells are digits, codes and dates: only text with non-ASCII bytes can hold Chinese.
    if (names_ == nullptr || cell.type != Cell::Type::kText || cell.text.empty()) return;
    bool ascii = true;
    for (unsigned char ch : cell.text) {
      if (ch >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return;
    auto it = seen_.find(cell.text);
    if (it != seen_.end()) {
      cell.text = it->second;
      return;
    }
    std::string simple = names_->ToSimplified(cell.text);
    if (seen_.size() < 100000) seen_.emplace(cell.text, simple);
    cell.text = std::move(simple);
  }

 private:
  const ChineseNames* names_;
  std::unordered_map<std::string, std::string> seen_;
};

// A CSV field as a cell: normalised (full-width forms, spaces), typed text unless empty.
void SetCell(Cell& cell, std::string_view field, Simplifier& simplifier) {
  cell.text = NormalizeInput(field);
  cell.type = cell.text.empty() ? Cell::Type::kEmpty : Cell::Type::kText;
  simplifier.Convert(cell);
}

// Only the flagged columns of `row`, checked; the shared first-pass parse of both file kinds.
ParsedRow ParseFlagged(const ImportTemplate& tpl, const SheetRow& r, const HeaderMatch& header,
                       const std::shared_ptr<const std::vector<std::string>>& keys, const std::vector<bool>& only) {
  static const Cell kEmpty;
  ParsedRow p;
  p.row = r.number;
  p.values = sheets::RowValues(keys);
  for (size_t i = 0; i < tpl.columns.size(); ++i) {
    if (!only[i]) continue;
    int c = header.column_of[i];
    const Cell& cell = (c >= 0 && static_cast<size_t>(c) < r.cells.size()) ? r.cells[c] : kEmpty;
    auto v = sheets::CheckCell(tpl.columns[i], cell);
    if (v.ok()) p.values[tpl.columns[i].key] = std::move(v).value();
  }
  return p;
}

class CsvSource final : public ImportSource {
 public:
  static Result<std::unique_ptr<ImportSource>> Open(const ImportTemplate& tpl, std::string_view bytes,
                                                    const ChineseNames* names, size_t max_file_bytes) {
    // The checks of sheets::ReadCsv, in its order.
    if (bytes.size() > max_file_bytes) {
      return Status::PayloadTooLarge("文件过大（上限 " + std::to_string(max_file_bytes >> 20) + " MiB）");
    }
    if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
      return Status::InvalidArgument("这是 Excel（.xlsx）文件，不是 CSV", "file");
    }
    bool utf16 = bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
    if (!utf16 && bytes.find('\0') != std::string_view::npos) return Status::InvalidArgument("不是文本文件（CSV）", "file");
    std::unique_ptr<CsvSource> s(new CsvSource(tpl, names));
    // UTF-8 (the reader skips a BOM) is read where it lies; anything else is converted once.
    bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
    if (!utf16 && bytes.size() <= 0x7fffffff / 4 && IsValidUtf8(bom ? bytes.substr(3) : bytes)) {
      s->text_ = bytes;
    } else {
      ZX_ASSIGN_OR_RETURN(s->decoded_, sheets::DecodeText(bytes));
      s->text_ = s->decoded_;
    }
    // The header is among the first ten non-empty records.
    sheets::Sheet head;
    CsvReader reader(s->text_);
    std::vector<std::string> fields;
    while (head.rows.size() < 10) {
      ZX_ASSIGN_OR_RETURN(bool more, reader.Next(&fields));
      if (!more) break;
      SheetRow row;
      row.number = reader.line();
      row.cells.resize(fields.size());
      bool any = false;
      for (size_t c = 0; c < fields.size(); ++c) {
        SetCell(row.cells[c], fields[c], s->simplifier_);
        any = any || !row.cells[c].empty();
      }
      if (any) head.rows.push_back(std::move(row));
    }
    ZX_ASSIGN_OR_RETURN(s->header_, sheets::MatchHeader(tpl, head));
    s->Rewind();
    return std::unique_ptr<ImportSource>(std::move(s));
  }

  Result<bool> Next(ParsedRow* out, const std::vector<bool>* only) override {
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool more, reader_->Next(&fields_));
      if (!more) return false;
      if (reader_->line() <= header_.header_row) continue;
      row_.number = reader_->line();
      row_.cells.assign(fields_.size(), Cell());
      if (only == nullptr) {
        for (size_t c = 0; c < fields_.size(); ++c) SetCell(row_.cells[c], fields_[c], simplifier_);
        if (!sheets::RowHasCells(tpl_, row_, header_)) continue;
        *out = sheets::ParseRow(tpl_, row_, header_, keys_);
        return true;
      }
      bool any = false;
      for (size_t i = 0; i < tpl_.columns.size(); ++i) {
        int c = header_.column_of[i];
        if (!(*only)[i] || c < 0 || static_cast<size_t>(c) >= fields_.size()) continue;
        SetCell(row_.cells[c], fields_[c], simplifier_);
        any = any || !row_.cells[c].empty();
      }
      if (!any) continue;
      *out = ParseFlagged(tpl_, row_, header_, keys_, *only);
      return true;
    }
  }

  void Rewind() override { reader_.emplace(text_); }
  const std::vector<std::string>& extra_columns() const override { return header_.extra; }
  const std::vector<int>& hidden_rows() const override { return no_hidden_rows_; }

 private:
  CsvSource(const ImportTemplate& tpl, const ChineseNames* names)
      : tpl_(tpl), keys_(sheets::RowKeys(tpl)), simplifier_(names) {}

  const ImportTemplate tpl_;
  const std::shared_ptr<const std::vector<std::string>> keys_;
  Simplifier simplifier_;
  std::string decoded_;  // the text converted to UTF-8, when the file was not UTF-8
  std::string_view text_;
  HeaderMatch header_;
  std::optional<CsvReader> reader_;
  std::vector<std::string> fields_;
  SheetRow row_;
  const std::vector<int> no_hidden_rows_;
};

class XlsxSource final : public ImportSource {
 public:
  static Result<std::unique_ptr<ImportSource>> Open(const ImportTemplate& tpl, std::string_view bytes,
                                                    const std::string& sheet_name, const ChineseNames* names,
                                                    size_t max_file_bytes) {
    sheets::XlsxOptions o;
    o.sheet_name = sheet_name;
    o.limits.max_file_bytes = max_file_bytes;
    std::unique_ptr<XlsxSource> s(new XlsxSource(tpl));
    ZX_ASSIGN_OR_RETURN(s->sheet_, sheets::ReadXlsx(bytes, o));
    Simplifier simplifier(names);
    for (auto& row : s->sheet_.rows) {
      for (auto& cell : row.cells) simplifier.Convert(cell);
    }
    ZX_ASSIGN_OR_RETURN(s->header_, sheets::MatchHeader(tpl, s->sheet_));
    return std::unique_ptr<ImportSource>(std::move(s));
  }

  Result<bool> Next(ParsedRow* out, const std::vector<bool>* only) override {
    while (next_ < sheet_.rows.size()) {
      SheetRow& r = sheet_.rows[next_++];
      if (r.number <= header_.header_row || !sheets::RowHasCells(tpl_, r, header_)) continue;
      if (only != nullptr) {
        *out = ParseFlagged(tpl_, r, header_, keys_, *only);
        return true;
      }
      *out = sheets::ParseRow(tpl_, r, header_, keys_);
      std::vector<Cell>().swap(r.cells);  // a full read hands each row out once: give its memory back
      return true;
    }
    return false;
  }

  void Rewind() override { next_ = 0; }
  const std::vector<std::string>& extra_columns() const override { return header_.extra; }
  const std::vector<int>& hidden_rows() const override { return sheet_.hidden_rows; }

 private:
  explicit XlsxSource(const ImportTemplate& tpl) : tpl_(tpl), keys_(sheets::RowKeys(tpl)) {}

  const ImportTemplate tpl_;
  const std::shared_ptr<const std::vector<std::string>> keys_;
  sheets::Sheet sheet_;
  HeaderMatch header_;
  size_t next_ = 0;
};

class ParsedRows final : public ImportSource {
 public:
  explicit ParsedRows(std::vector<ParsedRow> rows) : rows_(std::move(rows)) {}

  Result<bool> Next(ParsedRow* out, const std::vector<bool>* only) override {
    if (next_ >= rows_.size()) return false;
    ParsedRow& r = rows_[next_++];
    if (only != nullptr) {
      *out = ParsedRow{r.row, r.values, {}, {}};
    } else {
      *out = std::move(r);
    }
    return true;
  }

  void Rewind() override { next_ = 0; }
  const std::vector<std::string>& extra_columns() const override { return none_; }
  const std::vector<int>& hidden_rows() const override { return no_rows_; }

 private:
  std::vector<ParsedRow> rows_;
  size_t next_ = 0;
  const std::vector<std::string> none_;
  const std::vector<int> no_rows_;
};

}  // namespace

Result<std::unique_ptr<ImportSource>> OpenImportSource(const ImportTemplate& tpl, std::string_view bytes,
                                                       const std::string& sheet_name, const ChineseNames* to_simplified,
                                                       size_t max_file_bytes) {
  if (sheets::LooksLikeZip(bytes)) return XlsxSource::Open(tpl, bytes, sheet_name, to_simplified, max_file_bytes);
  return CsvSource::Open(tpl, bytes, to_simplified, max_file_bytes);
}

std::unique_ptr<ImportSource> ParsedRowSource(std::vector<ParsedRow> rows) {
  return std::make_unique<ParsedRows>(std::move(rows));
}

}  // namespace zx
