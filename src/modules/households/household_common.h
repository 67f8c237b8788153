// Helpers shared by the household, grid and visit routes.
// Thread-safety: free functions; connections as database.h says.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

#include "http/json_body.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

// A body with one list-of-objects (or list-of-ids) field: the list is taken out and returned
// apart, and the rest is read strictly by JsonBody. A missing list is an empty array.
Result<std::pair<JsonBody, nlohmann::json>> ParseBodyWithList(const HttpRequest& request, const std::string& list_field);

// A village code the caller may write into (404 outside the scope or unknown, 400 not a village).
Result<std::string> HouseholdVillageForWrite(Connection& c, const Caller& caller, const std::string& input, const std::string& field);

// The region filter of a list, also accepting ?village= as a synonym used by the pages.
Result<CodeRange> HouseholdRange(const RequestContext& ctx);

struct PageArgs {
  int64_t page = 1, size = 20;
};
Result<PageArgs> ReadPage(const RequestContext& ctx);

// Reads all rows of a statement into JSON with a row function.
template <typename F>
Status ForEachRow(Stmt& st, F&& f) {
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return Status::Ok();
    f(*st);
  }
}

inline nlohmann::json NullableText(const Statement& st, int col) {
  return st.IsNull(col) ? nlohmann::json(nullptr) : nlohmann::json(st.Text(col));
}
inline nlohmann::json NullableDouble(const Statement& st, int col) {
  return st.IsNull(col) ? nlohmann::json(nullptr) : nlohmann::json(st.Double(col));
}

}  // namespace zx
