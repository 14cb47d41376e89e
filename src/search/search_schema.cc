#include "search/search_schema.h"

namespace xr::search {

std::vector<store::Migration> Migrations() {
  return {
      // 保存的查询: a condition (JSON as validated by DecodeCondition) named by its owner, unique
      // per owner, optionally shared with every reader of cadres.
      {2026112951, "search: saved queries", R"sql(
CREATE TABLE saved_queries (
  id {{IDENTITY}},
  owner_user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  condition TEXT NOT NULL,
  shared INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (owner_user_id, name)
);
CREATE INDEX saved_queries_shared ON saved_queries(shared, updated_at);
)sql",
       ""},
      // A 管理权限 (managed-by) data scope drives most plans of a district's officers: with the
      // unit and the columns conditions test most, counting the scoped cadres in a subtree reads
      // the index alone instead of every cadre row of the subtree.
      {2026112952, "search: cadres by managing unit with the commonly tested columns", R"sql(
CREATE INDEX cadres_managed ON cadres(managing_unit_id, status, unit_id, birth_month, gender,
                                      party, rank);
)sql",
       ""},
      // A page of 20 reads the scoped ids and sort keys from this index alone and then only its
      // 20 rows (CadreRepository's deferred join): with the sort keys of every list order
      // (sort_order, post_start_month, name_sort_key) and the id (PostgreSQL's indexes do not
      // carry it, SQLite's do) the managed-by index covers the page.
      {2026112990, "search: the managed-by index covers the list orders", R"sql(
DROP INDEX cadres_managed;
CREATE INDEX cadres_managed ON cadres(managing_unit_id, status, unit_id, birth_month, gender,
                                      party, rank, sort_order, post_start_month, name_sort_key, id);
)sql",
       ""},
      // Full text's common bigrams (cadre/common_bigrams.h) tested in the same scan, from the
      // index: a term made of them no longer probes the bigram index once per scoped cadre.
      {2026113001, "search: the managed-by index carries the common-bigram masks", R"sql(
DROP INDEX cadres_managed;
CREATE INDEX cadres_managed ON cadres(managing_unit_id, status, unit_id, birth_month, gender,
                                      party, rank, sort_order, post_start_month, name_sort_key, id,
                                      common_bigrams);
)sql",
       ""},
  };
}

}  // namespace xr::search
