// Rules of task handling (任务交办), free of I/O: the answer form a task carries and the answers
// validated against it, evidence files (type by name and by magic bytes, size limit), overdue
// judgement, and the periods a cycle (周调度、月通报、季督查) opens.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/status.h"

namespace zx {

inline constexpr int64_t kMaxEvidenceBytes = 5 * 1024 * 1024;  // 5 MiB per file
inline constexpr size_t kMaxReceivers = 500;

struct FormField {
  std::string name;       // key in the answers, [a-z0-9_]
  std::string label;      // shown to people
  std::string type;       // text, number, date
  bool required = false;
  std::string indicator;  // e.g. presence.compliance_rate: the platform has the number, nobody is asked
};

// Reads the form of a task ([{name,label,type,required,indicator?}]); errors name "form[i].x".
Result<std::vector<FormField>> ParseForm(const nlohmann::json& form);
nlohmann::json FormToJson(const std::vector<FormField>& form);

// Checks answers (an object name → value) against the form: unknown names, wrong types and answers
// to indicator-linked fields are refused; when `complete`, every required field must be answered.
// Errors name "answers.<name>".
Status CheckAnswers(const std::vector<FormField>& form, const nlohmann::json& answers, bool complete);

// The content type of an evidence file from its name and first bytes (pdf, jpg, png, docx, xlsx),
// or InvalidArgument naming `field` when the type is not allowed or the bytes do not match the name.
Result<std::string> EvidenceType(const std::string& file_name, const std::string& bytes, const std::string& field);
// Refuses a file name whose type is not allowed (before its bytes are decoded); names "file_name".
Status CheckEvidenceName(const std::string& file_name);
// Decodes base64 text; InvalidArgument naming `field` when malformed or larger than the limit.
Result<std::string> DecodeEvidence(const std::string& base64, const std::string& field);

// Days since 1970-01-01 of a "YYYY-MM-DD" day and back.
Result<int64_t> DayNumber(const std::string& day, const std::string& field);
std::string DayFromNumber(int64_t days);

// A receiver is overdue when it is not done and today is after its deadline.
bool IsOverdue(const std::string& status, const std::string& deadline, const std::string& today);

// The period a cycle opens on `today` and the day it opened: weekly → the week before this one
// ("2026-W46", opened on this Monday); monthly → the month before ("2026-10", the 1st); quarterly
// → the quarter before ("2026-Q3", the quarter's first day).
struct CyclePeriod {
  std::string period;
  std::string opens_on;
  std::string label;  // 2026年第46周 / 2026年10月 / 2026年第3季度
};
Result<CyclePeriod> CurrentCyclePeriod(const std::string& frequency, const std::string& today);

}  // namespace zx
