#include "org/org_schema.h"

namespace xr::org {

// `path` and `sort_key` compare bytewise, so that a subtree and the tree order are index ranges.
std::vector<store::Migration> Migrations() {
  return {
      {2026112702, "org: units and positions", R"sql(
CREATE TABLE units (
  id {{IDENTITY}},
  parent_id BIGINT REFERENCES units(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  type TEXT NOT NULL,
  level TEXT NOT NULL,
  sort_order BIGINT NOT NULL DEFAULT 0,
  path TEXT {{BYTEWISE}} NOT NULL,
  sort_key TEXT {{BYTEWISE}} NOT NULL
);
CREATE INDEX units_parent ON units(parent_id, sort_order);
CREATE INDEX units_path ON units(path);
CREATE INDEX units_sort_key ON units(sort_key);
CREATE TABLE positions (
  id {{IDENTITY}},
  unit_id BIGINT NOT NULL REFERENCES units(id),
  name TEXT NOT NULL,
  headcount BIGINT NOT NULL CHECK (headcount >= 0),
  sort_order BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX positions_unit ON positions(unit_id, sort_order);
)sql",
       ""},
      // 机构管理: abolished units and positions are kept (cadres, appointments and history point
      // to them); each unit's change history is its readable 沿革, besides the audit record.
      {2026112840, "org: abolition and unit history", R"sql(
ALTER TABLE units ADD COLUMN abolished_on TEXT;
ALTER TABLE units ADD COLUMN abolish_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE positions ADD COLUMN abolished_at TEXT;
CREATE TABLE unit_history (
  id {{IDENTITY}},
  unit_id BIGINT NOT NULL REFERENCES units(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL
);
CREATE INDEX unit_history_unit ON unit_history(unit_id, id);
)sql",
       ""},
  };
}

}  // namespace xr::org
