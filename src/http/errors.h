// The one error shape of the API, {"error":{"code","message","field"}}, and the one place where
// Status codes become HTTP statuses.
// Thread-safety: pure functions.
#pragma once

#include "core/status.h"
#include "http/http_types.h"

namespace zx {

int HttpStatusFor(Code code);
HttpResponse ErrorResponse(const Status& status);
HttpResponse JsonResponse(int status, const std::string& json_text);

}  // namespace zx
