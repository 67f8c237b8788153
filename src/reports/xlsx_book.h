// A small wrapper over libxlsxwriter for report sheets: a workbook written to a private temporary
// file and returned as bytes, with the few formats our ledgers use (title, header, cell, centred).
// libxlsxwriter writes rows as they come (constant memory), so large lists stay flat in memory.
// Thread-safety: one XlsxBook per thread.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"

namespace zx {

class XlsxBook {
 public:
  enum class Style { kTitle, kHeader, kCell, kCenter, kNumber, kWarn };

  static Result<std::unique_ptr<XlsxBook>> Create();
  ~XlsxBook();

  // Starts a sheet; later calls write to it.
  Status AddSheet(const std::string& name);
  void Write(int row, int col, const std::string& text, Style style = Style::kCell);
  void Write(int row, int col, double number, Style style = Style::kNumber);
  void Merge(int first_row, int first_col, int last_row, int last_col, const std::string& text, Style style);
  void ColumnWidth(int first_col, int last_col, double width);
  void RowHeight(int row, double height);
  void FreezePanes(int row, int col);
  void Landscape();

  // Closes the workbook and returns the file's bytes.
  Result<std::string> Finish();

 private:
  struct Impl;
  explicit XlsxBook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A Content-Disposition value that keeps a Chinese file name (RFC 5987).
std::string AttachmentName(const std::string& utf8_name);

}  // namespace zx
