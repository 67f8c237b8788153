#include "reports/report_model.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

#include "reports/docx_writer.h"

namespace zx::reports {

constexpr int64_t kChinaOffsetSeconds = 8 * 3600;

const std::vector<ReportKind>& ReportKinds() {
  static const std::vector<ReportKind> kinds = {
      {"weekly-dispatch", "驻村工作周报", "Weekly stationed-cadre report", PeriodKind::kWeek},
      {"monthly-bulletin", "月度通报", "Monthly bulletin", PeriodKind::kMonth},
      {"quarterly-inspection", "季度督查情况汇总", "Quarterly inspection summary", PeriodKind::kQuarter},
      {"year-end", "年终数据", "Year-end figures", PeriodKind::kYear},
  };
  return kinds;
}

const ReportKind* FindReportKind(const std::string& id) {
  for (const auto& k : ReportKinds())
    if (id == k.id) return &k;
  return nullptr;
}

Result<Period> ReportPeriod(const ReportKind& kind, const std::string& text, int64_t now_unix) {
  if (text.empty()) {
    int day = static_cast<int>((now_unix + kChinaOffsetSeconds) / 86400);
    return PeriodContaining(kind.period_kind, day);
  }
  ZX_ASSIGN_OR_RETURN(Period p, ParsePeriod(text, "period"));
  if (p.kind != kind.period_kind) {
    static const char* kExamples[] = {"2026-11-22", "2026-W47", "2026-11", "2026-Q4", "2026", ""};
    static const char* kNames[] = {"日", "周", "月", "季度", "年", "日期范围"};
    return Status::InvalidArgument(std::string(kind.title) + "的期间应为" + kNames[static_cast<int>(kind.period_kind)] +
                                       "（如 " + kExamples[static_cast<int>(kind.period_kind)] + "），收到 " +
                                       text.substr(0, 40),
                                   "period");
  }
  return p;
}

std::string FormatFigure(const std::optional<double>& value) {
  if (!value || !std::isfinite(*value)) return "—";
  double v = std::round(*value * 100.0) / 100.0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::string ReportFileName(const Report& report, const std::string& extension) {
  return report.region_name + report.title + "（" + report.period.label + "）." + extension;
}

nlohmann::json ReportJson(const Report& report) {
  using nlohmann::json;
  json sections = json::array();
  for (const auto& s : report.sections) {
    json tables = json::array();
    for (const auto& t : s.tables) {
      json rows = json::array();
      for (const auto& r : t.rows) {
        json cells = json::array();
        for (const auto& c : r) {
          json cell{{"text", c.text}};
          cell["value"] = c.number ? json(std::round(*c.number * 10000.0) / 10000.0) : json(nullptr);
          if (c.warn) cell["warn"] = true;
          cells.push_back(std::move(cell));
        }
        rows.push_back(std::move(cells));
      }
      tables.push_back(json{{"caption", t.caption}, {"headers", t.headers}, {"rows", rows}});
    }
    sections.push_back(json{{"heading", s.heading}, {"paragraphs", s.paragraphs}, {"tables", tables}});
  }
  return json{{"kind", report.kind},
              {"title", report.title},
              {"region", {{"code", report.region_code}, {"name", report.region_name}}},
              {"period",
               {{"label", report.period.label},
                {"kind", PeriodKindName(report.period.kind)},
                {"from", FormatDay(report.period.from)},
                {"to", FormatDay(report.period.to)}}},
              {"generated_at", report.generated_at},
              {"sections", sections}};
}

Result<std::string> RenderDocx(const Report& report) {
  DocxWriter w;
  w.Title(report.region_name + report.title);
  w.Subtitle("（" + report.period.label + "：" + FormatDay(report.period.from) + " 至 " + FormatDay(report.period.to) +
             "，生成于 " + report.generated_at + "）");
  for (const auto& s : report.sections) {
    w.Heading(s.heading);
    for (const auto& p : s.paragraphs) w.Paragraph(p);
    for (const auto& t : s.tables) {
      if (!t.caption.empty()) w.Caption(t.caption);
      std::vector<std::vector<std::string>> rows;
      std::vector<std::vector<bool>> warn;
      for (const auto& r : t.rows) {
        rows.emplace_back();
        warn.emplace_back();
        for (const auto& c : r) {
          rows.back().push_back(c.text);
          warn.back().push_back(c.warn);
        }
      }
      if (rows.empty()) rows.push_back({"（无）"});
      w.Table(t.headers, rows, warn);
    }
  }
  return w.Finish();
}

}  // namespace zx::reports
