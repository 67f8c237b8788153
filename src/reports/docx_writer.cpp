#include "reports/docx_writer.h"

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace zx {
namespace {

constexpr char kContentTypes[] =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
    R"(</Types>)";

constexpr char kRootRels[] =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

constexpr char kDocumentRels[] =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";

// Children of pPr/rPr/tblPr follow the schema's sequence order (spacing before jc, ...): Word
// refuses a document whose elements are out of order.
// Sizes in half-points: 二号 22pt title, 三号 16pt headings and body, 五号 10.5pt in tables so
// that a row of seven figures fits across A4.
constexpr char kStyles[] =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/>)"
    R"(<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>)"
    R"(<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>)"
    R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/></w:pPr>)"
    R"(<w:rPr><w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>)"
    R"(<w:rPr><w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:ind w:firstLine="640"/><w:jc w:val="both"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:jc w:val="center"/></w:pPr>)"
    R"(<w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>)"
    R"(<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>)"
    R"(<w:tblPr><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>)"
    R"(<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>)"
    R"(<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
    R"(<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
    R"(<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
    R"(<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>)"
    R"(</w:styles>)";

// A4 portrait, margins of the official document standard (GB/T 9704: 37 mm top, 28 mm left).
constexpr char kSection[] =
    R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>)"
    R"(<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>)"
    R"(</w:sectPr>)";

constexpr int kTextWidthTwips = 11906 - 1474 - 1588;

std::string Run(const std::string& text, bool bold = false, bool red = false) {
  std::string r = "<w:r>";
  if (bold || red) {
    r += "<w:rPr>";
    if (bold) r += "<w:b/>";
    if (red) r += R"(<w:color w:val="C00000"/>)";
    r += "</w:rPr>";
  }
  return r + R"(<w:t xml:space="preserve">)" + XmlEscape(text) + "</w:t></w:r>";
}

std::string Para(const std::string& style, const std::string& runs) {
  return R"(<w:p><w:pPr><w:pStyle w:val=")" + style + R"("/></w:pPr>)" + runs + "</w:p>";
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

}  // namespace

std::string XmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;  // not allowed in XML 1.0
        out += static_cast<char>(c);
    }
  }
  return out;
}

void DocxWriter::Title(const std::string& text) { body_ += Para("Title", Run(text)); }
void DocxWriter::Subtitle(const std::string& text) { body_ += Para("Subtitle", Run(text)); }
void DocxWriter::Heading(const std::string& text) { body_ += Para("Heading1", Run(text)); }
void DocxWriter::Paragraph(const std::string& text) { body_ += Para("BodyText", Run(text)); }
void DocxWriter::Caption(const std::string& text) { body_ += Para("Caption", Run(text, true)); }

void DocxWriter::Table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<std::vector<bool>>& warn) {
  const size_t cols = std::max<size_t>(1, headers.size());
  const int width = kTextWidthTwips / static_cast<int>(cols);
  std::string t = R"(<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w=")" + std::to_string(kTextWidthTwips) +
                  R"(" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>)";
  for (size_t c = 0; c < cols; ++c) t += R"(<w:gridCol w:w=")" + std::to_string(width) + R"("/>)";
  t += "</w:tblGrid>";
  auto cell = [&](const std::string& text, bool bold, bool red) {
    return R"(<w:tc><w:tcPr><w:tcW w:w=")" + std::to_string(width) + R"(" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>)" +
           Para("TableText", Run(text, bold, red)) + "</w:tc>";
  };
  // The header row repeats on each page (tblHeader), as printed forms do.
  t += R"(<w:tr><w:trPr><w:tblHeader/></w:trPr>)";
  for (size_t c = 0; c < cols; ++c) t += cell(c < headers.size() ? headers[c] : "", true, false);
  t += "</w:tr>";
  for (size_t r = 0; r < rows.size(); ++r) {
    t += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (size_t c = 0; c < cols; ++c) {
      bool red = r < warn.size() && c < warn[r].size() && warn[r][c];
      t += cell(c < rows[r].size() ? rows[r][c] : "", false, red);
    }
    t += "</w:tr>";
  }
  // Word ends a table with a paragraph after it; it also keeps two tables apart.
  t += "</w:tbl><w:p/>";
  body_ += t;
}

std::string DocxWriter::DocumentXml() const {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
         body_ + kSection + "</w:body></w:document>";
}

Result<std::string> DocxWriter::Finish() const {
  // Sources made with zip_source_buffer read their bytes at zip_close: keep them alive until then.
  const std::vector<std::pair<std::string, std::string>> parts = {{"[Content_Types].xml", kContentTypes},
                                                                  {"_rels/.rels", kRootRels},
                                                                  {"word/_rels/document.xml.rels", kDocumentRels},
                                                                  {"word/styles.xml", kStyles},
                                                                  {"word/document.xml", DocumentXml()}};
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) return Status::Internal(std::string("docx: ") + zip_error_strerror(&error));
  zip_t* raw = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!raw) {
    zip_source_free(buffer);
    return Status::Internal(std::string("docx: ") + zip_error_strerror(&error));
  }
  zip_source_keep(buffer);  // still needed after zip_close, to read the archive back
  std::unique_ptr<zip_t, ZipCloser> archive(raw);
  auto fail = [&](const char* what) {
    std::string msg = std::string("docx: ") + what + ": " + zip_strerror(archive.get());
    archive.reset();
    zip_source_free(buffer);
    return Status::Internal(msg);
  };
  for (const auto& [name, data] : parts) {
    zip_source_t* src = zip_source_buffer(archive.get(), data.data(), data.size(), 0);
    if (!src) return fail("source");
    if (zip_file_add(archive.get(), name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(src);
      return fail("add");
    }
  }
  if (zip_close(archive.get()) < 0) return fail("close");
  archive.release();
  std::string out;
  if (zip_source_open(buffer) < 0) {
    zip_source_free(buffer);
    return Status::Internal("docx: cannot reopen the archive");
  }
  char chunk[16384];
  for (;;) {
    zip_int64_t n = zip_source_read(buffer, chunk, sizeof chunk);
    if (n < 0) {
      zip_source_close(buffer);
      zip_source_free(buffer);
      return Status::Internal("docx: cannot read the archive");
    }
    if (n == 0) break;
    out.append(chunk, static_cast<size_t>(n));
  }
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

}  // namespace zx
