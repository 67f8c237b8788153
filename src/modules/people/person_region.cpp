#include "modules/people/person_region.h"

namespace zx {

Status SetPersonRegion(Connection& c, int64_t person_id, const std::string& region_code) {
  if (c.dialect() == Dialect::kPostgres) {
    std::string old_region;
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT region_code FROM people WHERE id = ?"));
      st.Bind(person_id);
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) return Status::NotFound("person not found");
      old_region = st->Text(0);
    }
    if (old_region.substr(0, 2) != region_code.substr(0, 2)) {
      // The whole row through jsonb, so that a column added to people later moves with it.
      return c.Execute(
          "WITH moved AS (DELETE FROM people WHERE id = ? RETURNING *) "
          "INSERT INTO people SELECT (jsonb_populate_record(NULL::people, to_jsonb(moved) || "
          "jsonb_build_object('region_code', ?::text))).* FROM moved",
          person_id, region_code);
    }
  }
  return c.Execute("UPDATE people SET region_code = ? WHERE id = ?", region_code, person_id);
}

}  // namespace zx
