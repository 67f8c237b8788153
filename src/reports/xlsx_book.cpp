#include "reports/xlsx_book.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace zx {

struct XlsxBook::Impl {
  std::string path;
  lxw_workbook* book = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* formats[6] = {};
  bool finished = false;
};

XlsxBook::XlsxBook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

XlsxBook::~XlsxBook() {
  if (!impl_->finished && impl_->book) workbook_close(impl_->book);
  if (!impl_->path.empty()) std::remove(impl_->path.c_str());
}

Result<std::unique_ptr<XlsxBook>> XlsxBook::Create() {
  auto impl = std::make_unique<Impl>();
  char tmpl[] = "/tmp/zx-xlsx-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0) return Status::Unavailable("cannot create a temporary file for the spreadsheet");
  close(fd);
  impl->path = tmpl;
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = const_cast<char*>("/tmp");
  impl->book = workbook_new_opt(impl->path.c_str(), &options);
  if (!impl->book) return Status::Internal("cannot start a spreadsheet");
  auto make = [&](bool bold, double size, bool border, bool center, bool wrap, uint32_t color) {
    lxw_format* f = workbook_add_format(impl->book);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (center) {
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    }
    if (wrap) format_set_text_wrap(f);
    if (color) format_set_font_color(f, color);
    return f;
  };
  impl->formats[static_cast<int>(Style::kTitle)] = make(true, 16, false, true, false, 0);
  impl->formats[static_cast<int>(Style::kHeader)] = make(true, 10, true, true, true, 0);
  impl->formats[static_cast<int>(Style::kCell)] = make(false, 10, true, false, false, 0);
  impl->formats[static_cast<int>(Style::kCenter)] = make(false, 10, true, true, false, 0);
  impl->formats[static_cast<int>(Style::kNumber)] = make(false, 10, true, true, false, 0);
  impl->formats[static_cast<int>(Style::kWarn)] = make(true, 10, true, true, false, LXW_COLOR_RED);
  return std::unique_ptr<XlsxBook>(new XlsxBook(std::move(impl)));
}

Status XlsxBook::AddSheet(const std::string& name) {
  impl_->sheet = workbook_add_worksheet(impl_->book, name.c_str());
  return impl_->sheet ? Status::Ok() : Status::InvalidArgument("bad sheet name " + name, "sheet");
}

void XlsxBook::Write(int row, int col, const std::string& text, Style style) {
  worksheet_write_string(impl_->sheet, row, col, text.c_str(), impl_->formats[static_cast<int>(style)]);
}

void XlsxBook::Write(int row, int col, double number, Style style) {
  worksheet_write_number(impl_->sheet, row, col, number, impl_->formats[static_cast<int>(style)]);
}

void XlsxBook::Merge(int r1, int c1, int r2, int c2, const std::string& text, Style style) {
  worksheet_merge_range(impl_->sheet, r1, c1, r2, c2, text.c_str(), impl_->formats[static_cast<int>(style)]);
}

void XlsxBook::ColumnWidth(int c1, int c2, double width) { worksheet_set_column(impl_->sheet, c1, c2, width, nullptr); }
void XlsxBook::RowHeight(int row, double height) { worksheet_set_row(impl_->sheet, row, height, nullptr); }
void XlsxBook::FreezePanes(int row, int col) { worksheet_freeze_panes(impl_->sheet, row, col); }
void XlsxBook::Landscape() {
  worksheet_set_landscape(impl_->sheet);
  worksheet_set_paper(impl_->sheet, 9);  // A4
  worksheet_fit_to_pages(impl_->sheet, 1, 0);
}

Result<std::string> XlsxBook::Finish() {
  impl_->finished = true;
  lxw_error err = workbook_close(impl_->book);
  impl_->book = nullptr;
  if (err != LXW_NO_ERROR) return Status::Internal(std::string("spreadsheet could not be written: ") + lxw_strerror(err));
  std::ifstream in(impl_->path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string AttachmentName(const std::string& name) {
  std::string encoded;
  char buf[4];
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded.push_back(static_cast<char>(c));
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += buf;
    }
  }
  return "attachment; filename=\"report.xlsx\"; filename*=UTF-8''" + encoded;
}

}  // namespace zx
