// The OpenAPI 3 document (src/http/openapi.json, compiled in) served at /api/v1/openapi.json.
// Thread-safety: immutable.
#pragma once

#include <string>

namespace zx {

const std::string& OpenApiDocument();

}  // namespace zx
