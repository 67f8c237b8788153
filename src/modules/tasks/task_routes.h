// Task handling (任务交办, DOMAIN.md D6): a unit issues a task to units below it, each receiver
// reports progress with answers to the task's form, may pass the task further down, and closes it
// with evidence; overdue receivers escalate to the issuer once; cycles open periodic tasks.
#pragma once

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterTaskRoutes(Router& router, Database& db, const Clock& clock);

// Checks the top-level fields of a body against the fields a route knows (for bodies with nested
// lists, which JsonBody's accessors do not cover); errors name the first unknown field.
Status RejectUnknownTopFields(const nlohmann::json& body, std::initializer_list<const char*> known);

// Reads {file_name, content_base64} of an evidence upload: type by name and magic bytes, size.
struct EvidenceUpload {
  std::string file_name, bytes, content_type;
};
Result<EvidenceUpload> ReadEvidenceUpload(const HttpRequest& request);

}  // namespace zx
