#pragma once
// SQL for cadre records.

#include <vector>

#include "cadre/cadre.h"
#include "cadre/cadre_scope.h"
#include "store/database.h"

namespace xr::cadre {

struct CadrePage {
  std::vector<Cadre> items;
  std::int64_t total = 0;
};

struct RankCount {
  std::string rank;
  std::int64_t count = 0;
};

// Reads return the record as stored: `id_number` holds the SEALED text (crypto/sealed.h) and
// id_number_stored is set; CadreService opens or clears it before the record leaves the service.
class CadreRepository {
 public:
  explicit CadreRepository(store::Transaction& tx) : tx_(tx) {}

  // NotFound (field "unit_id") when the unit does not exist.
  // Inserts without id_number (sealing needs the row id: see SetIdNumberSealed).
  base::Result<CadreId> Insert(const Cadre& cadre);
  // Stores the sealed 公民身份号码 of `id`. NotFound when there is no such row.
  base::Status SetIdNumberSealed(CadreId id, const std::string& sealed);
  // NotFound when missing or outside `scope` (the two are not told apart).
  base::Result<Cadre> Find(CadreId id, const ScopePredicate& scope);
  // One page of the cadres inside `scope` matching `query`, and how many match in all.
  // Order per query.sort (CadreSort), every order ending in id so pages never overlap; the
  // default is that of official lists: by unit in tree order, then sort_order. The unit filter
  // covers the unit's whole subtree; name filters are literal substrings ('%' and '_' match
  // themselves); initials match as a prefix of name_initials. An ID number quick search matches
  // on the blind index `id_number_index`, which the caller computes (search_keys.h
  // IdNumberIndexOf) after checking the reader's clearance; without it nothing matches.
  // Errors: InvalidArgument per ParseQuickSearch; NotFound for a missing filter unit.
  base::Result<CadrePage> List(const CadreQuery& query, const ScopePredicate& scope,
                               const std::optional<std::string>& id_number_index = std::nullopt);
  // How a list counts all its matches:
  // - kSeparately: COUNT(*), then the page, whose pass can stop after its rows when an index
  //   gives the order — for conditions on the cadre row itself, and large scopes;
  // - kInPage: COUNT(*) OVER () in the page's own pass, which then reads every match but
  //   evaluates the condition once — for conditions that read other tables per cadre.
  enum class Total { kSeparately, kInPage };
  // The statements List runs, for inspecting their query plans: COUNT(*) and the page of
  // `offset` (parameters ending with LIMIT and OFFSET); with `total_in_page` the page has the
  // count as its last column and COUNT(*) runs only for an empty page after the first.
  // `matches_nothing`: List runs neither.
  struct ListStatements {
    std::string count_sql;
    store::Params count_params;
    std::string page_sql;
    store::Params page_params;
    std::int64_t offset = 0;
    bool total_in_page = false;
    bool matches_nothing = false;
  };
  base::Result<ListStatements> ListSql(
      const CadreQuery& query, const ScopePredicate& scope,
      const std::optional<std::string>& id_number_index = std::nullopt);
  // One page of the cadres matching `where` — a predicate over `cadres c JOIN units u` with its
  // bound parameters, the caller's data scope already in it (the compound query, search/) — in
  // the order of `sort` as List orders, and how many match in all. Pages are 1-based.
  base::Result<CadrePage> ListWhere(std::string_view where, const store::Params& params,
                                    CadreSort sort, bool descending, int page, int page_size,
                                    Total total = Total::kSeparately);
  // The statements ListWhere runs (for query plans and benchmarks), as ListSql's.
  ListStatements ListWhereSql(std::string_view where, const store::Params& params, CadreSort sort,
                              bool descending, int page, int page_size,
                              Total total = Total::kSeparately) const;
  base::Result<std::int64_t> Count(const ScopePredicate& scope);
  // Counts per rank, in the order of the rank ladder (ranks with no cadre omitted).
  base::Result<std::vector<RankCount>> CountByRank(const ScopePredicate& scope);

 private:
  base::Result<CadrePage> RunList(const ListStatements& statements);

  store::Transaction& tx_;
};

}  // namespace xr::cadre
