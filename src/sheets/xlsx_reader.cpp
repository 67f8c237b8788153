#include "sheets/xlsx_reader.h"

#include <zip.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>

namespace zx::sheets {
namespace {

Status Bad(const std::string& message) { return Status::InvalidArgument(message, "file"); }

// An archive opened over the caller's bytes, with the bomb limits applied once at open time.
class Archive {
 public:
  static Result<std::unique_ptr<Archive>> Open(std::string_view bytes, const XlsxLimits& limits) {
    if (bytes.size() > limits.max_file_bytes) {
      return Status::PayloadTooLarge("文件过大（上限 " + std::to_string(limits.max_file_bytes >> 20) + " MiB）");
    }
    if (!LooksLikeZip(bytes)) return Bad("不是 Excel（.xlsx）文件：文件内容不是 zip 格式");
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (src == nullptr) {
      zip_error_fini(&err);
      return Status::Internal("zip source");
    }
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (za == nullptr) {
      zip_source_free(src);
      std::string why = zip_error_strerror(&err);
      zip_error_fini(&err);
      return Bad("无法打开 Excel 文件（zip 结构损坏：" + why + "）");
    }
    zip_error_fini(&err);
    auto a = std::unique_ptr<Archive>(new Archive(za, limits));
    ZX_RETURN_IF_ERROR(a->CheckLimits());
    return a;
  }
  ~Archive() { zip_discard(za_); }

  bool Has(const std::string& name) const { return zip_name_locate(za_, name.c_str(), 0) >= 0; }

  Result<std::string> Read(const std::string& name) const {
    zip_int64_t index = zip_name_locate(za_, name.c_str(), 0);
    if (index < 0) return Bad("Excel 文件缺少部件 " + name);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za_, index, 0, &st) != 0) return Bad("无法读取部件 " + name);
    zip_file_t* f = zip_fopen_index(za_, index, 0);
    if (f == nullptr) return Bad("无法解压部件 " + name + "（" + zip_strerror(za_) + "）");
    // The declared size was checked against the limits; read at most that much plus one byte so
    // that an entry lying about its size cannot inflate past the cap.
    std::string out;
    out.resize(static_cast<size_t>(st.size) + 1);
    zip_int64_t got = 0;
    while (static_cast<size_t>(got) < out.size()) {
      zip_int64_t n = zip_fread(f, out.data() + got, out.size() - got);
      if (n < 0) {
        std::string why = zip_file_strerror(f);
        zip_fclose(f);
        return Bad("部件 " + name + " 解压失败（" + why + "）");
      }
      if (n == 0) break;
      got += n;
    }
    zip_fclose(f);
    if (static_cast<zip_uint64_t>(got) != st.size) return Bad("部件 " + name + " 的大小与目录不符（文件可能被篡改）");
    out.resize(got);
    return out;
  }

 private:
  Archive(zip_t* za, const XlsxLimits& limits) : za_(za), limits_(limits) {}

  Status CheckLimits() const {
    zip_int64_t n = zip_get_num_entries(za_, 0);
    if (n < 0 || n > limits_.max_entries) {
      return Bad("Excel 文件包含的部件过多（" + std::to_string(n) + "，上限 " + std::to_string(limits_.max_entries) + "）");
    }
    uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(za_, i, 0, &st) != 0) return Bad("无法读取 zip 目录");
      if (st.size > limits_.max_entry_bytes) {
        return Bad(std::string("Excel 文件中的部件 ") + st.name + " 解压后过大（疑似压缩炸弹）");
      }
      total += st.size;
      if (total > limits_.max_total_bytes) return Bad("Excel 文件解压后总大小超过上限（疑似压缩炸弹）");
      if (st.size > (1u << 20)) {
        double ratio = st.comp_size == 0 ? 1e9 : static_cast<double>(st.size) / static_cast<double>(st.comp_size);
        if (ratio > limits_.max_ratio) {
          return Bad(std::string("Excel 文件中的部件 ") + st.name + " 压缩比异常（疑似压缩炸弹）");
        }
      }
    }
    return Status::Ok();
  }

  zip_t* za_;
  XlsxLimits limits_;
};

Result<pugi::xml_document> Parse(const std::string& xml, const std::string& part) {
  pugi::xml_document doc;
  // No parse_doctype entity expansion in pugixml, so entity bombs are not a concern.
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!r) return Bad("Excel 部件 " + part + " 不是合法的 XML（" + r.description() + "）");
  return doc;
}

// Text of a <si> or <is>: plain <t>, or rich-text runs <r><t>; phonetic hints (<rPh>) skipped.
std::string RichText(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node child : node.children()) {
    std::string_view n = child.name();
    if (n == "t") out += child.text().get();
    else if (n == "r") out += child.child("t").text().get();
  }
  return out;
}

std::string ResolveTarget(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  if (target.rfind("xl/", 0) == 0) return target;
  return "xl/" + target;
}

struct SheetRef {
  std::string name;
  std::string part;
};

struct Workbook {
  std::vector<SheetRef> sheets;
  bool date1904 = false;
};

Result<Workbook> ReadWorkbook(const Archive& a) {
  ZX_ASSIGN_OR_RETURN(std::string wb_xml, a.Read("xl/workbook.xml"));
  ZX_ASSIGN_OR_RETURN(pugi::xml_document wb, Parse(wb_xml, "xl/workbook.xml"));
  std::map<std::string, std::string> targets;
  if (a.Has("xl/_rels/workbook.xml.rels")) {
    ZX_ASSIGN_OR_RETURN(std::string rels_xml, a.Read("xl/_rels/workbook.xml.rels"));
    ZX_ASSIGN_OR_RETURN(pugi::xml_document rels, Parse(rels_xml, "xl/_rels/workbook.xml.rels"));
    for (pugi::xml_node r : rels.child("Relationships").children("Relationship")) {
      targets[r.attribute("Id").value()] = ResolveTarget(r.attribute("Target").value());
    }
  }
  Workbook out;
  pugi::xml_node root = wb.child("workbook");
  std::string_view d1904 = root.child("workbookPr").attribute("date1904").value();
  out.date1904 = (d1904 == "1" || d1904 == "true");
  int i = 0;
  for (pugi::xml_node s : root.child("sheets").children("sheet")) {
    ++i;
    SheetRef ref;
    ref.name = s.attribute("name").value();
    auto it = targets.find(s.attribute("r:id").value());
    ref.part = it != targets.end() ? it->second : "xl/worksheets/sheet" + std::to_string(i) + ".xml";
    out.sheets.push_back(std::move(ref));
  }
  if (out.sheets.empty()) return Bad("Excel 文件中没有工作表");
  return out;
}

bool IsDateFormatCode(std::string_view code) {
  bool quoted = false, bracket = false;
  for (char c : code) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '[') bracket = true;
    else if (!quoted && c == ']') bracket = false;
    else if (!quoted && !bracket) {
      char l = static_cast<char>(c | 0x20);
      if (l == 'y' || l == 'd') return true;
    }
  }
  return false;
}

// For each cell style index: whether its number format shows a date.
Result<std::vector<bool>> ReadDateStyles(const Archive& a) {
  std::vector<bool> out;
  if (!a.Has("xl/styles.xml")) return out;
  ZX_ASSIGN_OR_RETURN(std::string xml, a.Read("xl/styles.xml"));
  ZX_ASSIGN_OR_RETURN(pugi::xml_document doc, Parse(xml, "xl/styles.xml"));
  pugi::xml_node ss = doc.child("styleSheet");
  std::set<int> custom_dates;
  for (pugi::xml_node f : ss.child("numFmts").children("numFmt")) {
    if (IsDateFormatCode(f.attribute("formatCode").value())) custom_dates.insert(f.attribute("numFmtId").as_int());
  }
  for (pugi::xml_node xf : ss.child("cellXfs").children("xf")) {
    int id = xf.attribute("numFmtId").as_int();
    bool builtin = (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
    out.push_back(builtin || custom_dates.count(id) > 0);
  }
  return out;
}

Result<std::vector<std::string>> ReadSharedStrings(const Archive& a, const std::string& part) {
  std::vector<std::string> out;
  if (!a.Has(part)) return out;
  ZX_ASSIGN_OR_RETURN(std::string xml, a.Read(part));
  ZX_ASSIGN_OR_RETURN(pugi::xml_document doc, Parse(xml, part));
  for (pugi::xml_node si : doc.child("sst").children("si")) out.push_back(RichText(si));
  return out;
}

// "AB12" → column 27 (0-based), row 12. Returns false on a malformed reference.
bool ParseRef(std::string_view ref, int* col, int* row) {
  size_t i = 0;
  int c = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    c = c * 26 + (ref[i] - 'A' + 1);
    if (c > 16384) return false;
    ++i;
  }
  if (i == 0) return false;
  int r = 0;
  size_t digits = 0;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') {
    r = r * 10 + (ref[i] - '0');
    if (r > 1048576) return false;
    ++i;
    ++digits;
  }
  if (i != ref.size()) return false;
  *col = c - 1;
  if (row != nullptr) *row = digits > 0 ? r : 0;
  return true;
}

std::string NumberText(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

}  // namespace

bool LooksLikeZip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

Result<std::string> SerialToDate(double serial, bool date1904) {
  if (!std::isfinite(serial)) return Status::InvalidArgument("日期序号无效");
  long days = static_cast<long>(std::floor(serial));
  if (date1904) {
    days += 1462;  // 1904-01-01 is serial 1462 in the 1900 system (after the phantom day)
  } else if (days < 1) {
    return Status::InvalidArgument("日期序号超出范围：" + NumberText(serial));
  } else if (days == 60) {
    return Status::InvalidArgument("日期 1900-02-29 不存在");
  } else if (days < 60) {
    days += 1;  // before the phantom day the plain count from 1899-12-30 is one short
  }
  if (days < 1 || days > 2958465) return Status::InvalidArgument("日期序号超出范围：" + NumberText(serial));
  // Days since 1899-12-30 to a civil date (Howard Hinnant's days_from_civil inverse).
  long z = days - 25569 + 719468;  // 25569 = serial of 1970-01-01
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return std::string(buf);
}

Result<std::vector<std::string>> XlsxSheetNames(std::string_view bytes, const XlsxLimits& limits) {
  ZX_ASSIGN_OR_RETURN(auto archive, Archive::Open(bytes, limits));
  ZX_ASSIGN_OR_RETURN(Workbook wb, ReadWorkbook(*archive));
  std::vector<std::string> names;
  for (const auto& s : wb.sheets) names.push_back(s.name);
  return names;
}

Result<Sheet> ReadXlsx(std::string_view bytes, const XlsxOptions& options) {
  ZX_ASSIGN_OR_RETURN(auto archive, Archive::Open(bytes, options.limits));
  ZX_ASSIGN_OR_RETURN(Workbook wb, ReadWorkbook(*archive));
  const SheetRef* chosen = &wb.sheets.front();
  if (!options.sheet_name.empty()) {
    chosen = nullptr;
    std::string names;
    for (const auto& s : wb.sheets) {
      if (s.name == options.sheet_name) chosen = &s;
      names += (names.empty() ? "" : "、") + s.name;
    }
    if (chosen == nullptr) {
      return Status::InvalidArgument("找不到工作表“" + options.sheet_name + "”（文件中有：" + names + "）", "sheet");
    }
  }
  ZX_ASSIGN_OR_RETURN(std::vector<std::string> shared, ReadSharedStrings(*archive, "xl/sharedStrings.xml"));
  ZX_ASSIGN_OR_RETURN(std::vector<bool> date_styles, ReadDateStyles(*archive));
  ZX_ASSIGN_OR_RETURN(std::string xml, archive->Read(chosen->part));
  ZX_ASSIGN_OR_RETURN(pugi::xml_document doc, Parse(xml, chosen->part));
  xml.clear();
  xml.shrink_to_fit();

  Sheet sheet;
  sheet.name = chosen->name;
  pugi::xml_node ws = doc.child("worksheet");
  int next_row = 1;
  for (pugi::xml_node r : ws.child("sheetData").children("row")) {
    int rn = r.attribute("r").as_int(next_row);
    next_row = rn + 1;
    std::string_view hidden = r.attribute("hidden").value();
    if (options.skip_hidden_rows && (hidden == "1" || hidden == "true")) {
      sheet.hidden_rows.push_back(rn);
      continue;
    }
    SheetRow row;
    row.number = rn;
    int next_col = 0;
    for (pugi::xml_node c : r.children("c")) {
      int col = next_col;
      const char* ref = c.attribute("r").value();
      if (*ref != 0 && !ParseRef(ref, &col, nullptr)) return Bad(std::string("单元格引用无效：") + ref);
      next_col = col + 1;
      Cell cell;
      std::string_view t = c.attribute("t").value();
      const char* v = c.child("v").text().get();
      if (t == "s") {
        size_t idx = static_cast<size_t>(c.child("v").text().as_ullong(~0ull));
        if (idx >= shared.size()) return Bad(std::string("单元格 ") + ref + " 引用的共享字符串不存在");
        cell.type = Cell::Type::kText;
        cell.text = shared[idx];
      } else if (t == "inlineStr") {
        cell.type = Cell::Type::kText;
        cell.text = RichText(c.child("is"));
      } else if (t == "str") {
        cell.type = Cell::Type::kText;
        cell.text = v;
      } else if (t == "b") {
        cell.type = Cell::Type::kBool;
        cell.text = std::string_view(v) == "1" ? "TRUE" : "FALSE";
      } else if (t == "e") {
        cell.type = Cell::Type::kError;
        cell.text = v;
      } else if (*v != 0) {
        char* end = nullptr;
        double num = std::strtod(v, &end);
        if (end == v || *end != 0) return Bad(std::string("单元格 ") + ref + " 的数值无效");
        size_t style = c.attribute("s").as_uint(0);
        if (style < date_styles.size() && date_styles[style]) {
          auto date = SerialToDate(num, wb.date1904);
          if (!date.ok()) {
            cell.type = Cell::Type::kError;
            cell.text = date.status().message();
          } else {
            cell.type = Cell::Type::kDate;
            cell.text = std::move(date).value();
          }
        } else {
          cell.type = Cell::Type::kNumber;
          cell.text = NumberText(num);
        }
      }
      if (cell.type == Cell::Type::kEmpty) continue;
      if (static_cast<size_t>(col) >= row.cells.size()) row.cells.resize(col + 1);
      row.cells[col] = std::move(cell);
    }
    if (!row.cells.empty()) sheet.rows.push_back(std::move(row));
  }

  if (options.fill_merged_cells) {
    std::map<int, size_t> by_number;
    for (size_t i = 0; i < sheet.rows.size(); ++i) by_number[sheet.rows[i].number] = i;
    for (pugi::xml_node m : ws.child("mergeCells").children("mergeCell")) {
      std::string_view range = m.attribute("ref").value();
      size_t colon = range.find(':');
      if (colon == std::string_view::npos) continue;
      int c1, r1, c2, r2;
      if (!ParseRef(range.substr(0, colon), &c1, &r1) || !ParseRef(range.substr(colon + 1), &c2, &r2)) continue;
      auto top = by_number.find(r1);
      if (top == by_number.end() || static_cast<size_t>(c1) >= sheet.rows[top->second].cells.size()) continue;
      Cell value = sheet.rows[top->second].cells[c1];
      if (value.empty()) continue;
      // Bounded by the sheet: a merge over a million columns in a hostile file cannot blow up.
      if (static_cast<int64_t>(r2 - r1 + 1) * (c2 - c1 + 1) > 100000) return Bad("合并单元格范围过大：" + std::string(range));
      for (int rr = r1; rr <= r2; ++rr) {
        auto it = by_number.find(rr);
        if (it == by_number.end()) continue;
        SheetRow& row = sheet.rows[it->second];
        for (int cc = c1; cc <= c2; ++cc) {
          if (static_cast<size_t>(cc) >= row.cells.size()) row.cells.resize(cc + 1);
          if (row.cells[cc].type == Cell::Type::kEmpty) row.cells[cc] = value;
        }
      }
    }
  }
  return sheet;
}

}  // namespace zx::sheets
