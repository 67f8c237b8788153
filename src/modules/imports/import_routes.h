// Routes of the import framework: for each kind a template, a preview (every check, no write),
// the import itself (all-or-nothing or the good rows, one transaction), an error report, and an
// export in the template's columns. Request bodies are the file itself (XLSX or CSV).
#pragma once

#include "auth/pii_crypto.h"
#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

class ChineseNames;

void RegisterImportRoutes(Router& router, Database& db, const PiiCrypto& crypto, const ChineseNames& names,
                          const Clock& clock);

}  // namespace zx
