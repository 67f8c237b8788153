// Rules of supervision, free of I/O: the finding life cycle (open → rectifying → signed_off →
// closed) and what each step needs.
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "core/status.h"

namespace zx {

// One of minor, major, serious (一般、较重、严重); names "severity" otherwise.
Status CheckSeverity(const std::string& severity);
// One of open, unannounced (明查、暗访); names "kind" otherwise.
Status CheckInspectionKind(const std::string& kind);
// Sign-off needs evidence of rectification; a closed or signed-off finding is not signed again.
Status CheckSignOff(const std::string& status, int64_t evidence_files);
// Closing needs evidence and the inspection side's sign-off.
Status CheckClose(const std::string& status, int64_t evidence_files);
// A 述职评议 rating: good, fairly_good, average, poor (好、较好、一般、差).
Status CheckRating(const std::string& rating);

}  // namespace zx
