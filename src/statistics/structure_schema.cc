#include "statistics/structure_schema.h"

namespace xr::statistics {

// Defaults: 年轻干部 at most 45 (厅局级), 40 (县处级), 35 (乡科级); every 班子 should have at least
// one woman and one young cadre; the other indicators have no target until the 组织部 sets one.
// Shares are stored in basis points of the total (1500 = 15%).
std::vector<store::Migration> Migrations() {
  return {
      {2026112961, "statistics: structure targets; statistics.manage for the cadre officers", R"sql(
CREATE TABLE statistics_young_limits (
  level TEXT PRIMARY KEY,
  max_age INTEGER NOT NULL CHECK (max_age BETWEEN 18 AND 70)
);
INSERT INTO statistics_young_limits (level, max_age) VALUES
  ('厅局级', 45), ('县处级', 40), ('乡科级', 35);
CREATE TABLE statistics_indicator_targets (
  indicator TEXT PRIMARY KEY,
  min_count BIGINT CHECK (min_count >= 0),
  min_share_bp BIGINT CHECK (min_share_bp BETWEEN 0 AND 10000)
);
INSERT INTO statistics_indicator_targets (indicator, min_count, min_share_bp) VALUES
  ('female', 1, NULL), ('young', 1, NULL);
UPDATE roles SET permissions = permissions || ',statistics.manage'
WHERE builtin = 0 AND (',' || permissions || ',') LIKE '%,cadre.write,%'
  AND (',' || permissions || ',') NOT LIKE '%,statistics.manage,%';
)sql",
       ""},
      // The highest 学历 of each cadre (full-time and of any kind) is the lowest code among its
      // entries: with this index that is read from the index alone, one seek per cadre.
      {2026112962, "statistics: cadre_education by cadre, kind and level code", R"sql(
CREATE INDEX cadre_education_levels ON cadre_education(cadre_id, kind, level_code);
)sql",
       ""},
      // Every column the statistics read of a cadre, by unit: a subtree's cadres are read from
      // the index alone instead of from their (wide) dossier rows — on 1,000,000 demo cadres a
      // 10,000-cadre request went from ~100 to ~70 ms of CPU on SQLite (docs/benchmarks.md).
      // SQLite keeps the rowid (id) in every index; PostgreSQL needs it INCLUDEd for an
      // index-only scan.
      {2026112963, "statistics: cadres by unit with the columns the structure statistics read",
       R"sql(
CREATE INDEX cadres_structure ON cadres(unit_id, status, birth_month, gender, ethnicity, party,
                                        rank, post_start_month);
)sql",
       R"sql(
CREATE INDEX cadres_structure ON cadres(unit_id, status, birth_month, gender, ethnicity, party,
                                        rank, post_start_month) INCLUDE (id);
)sql"},
  };
}

}  // namespace xr::statistics
