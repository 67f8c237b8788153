// A minimal WordprocessingML (DOCX) writer for the forms offices circulate: A4 portrait, 黑体
// title and headings, 仿宋 body text, tables with single borders. Only the parts Word needs:
// [Content_Types].xml, _rels/.rels, word/document.xml, word/styles.xml and the document's rels.
// Thread-safety: one DocxWriter per thread.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace zx {

class DocxWriter {
 public:
  void Title(const std::string& text);
  void Subtitle(const std::string& text);  // centred, small: region, period, date
  void Heading(const std::string& text);
  void Paragraph(const std::string& text);
  void Caption(const std::string& text);   // a table's name, centred and bold
  // A bordered table: a bold header row, then the rows; cells marked in `warn` are red.
  void Table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
             const std::vector<std::vector<bool>>& warn = {});

  // The document.xml text built so far (tests) and the zipped package.
  std::string DocumentXml() const;
  Result<std::string> Finish() const;

 private:
  std::string body_;
};

// XML text escaping (&, <, >, ", and control characters Word refuses).
std::string XmlEscape(const std::string& text);

}  // namespace zx
