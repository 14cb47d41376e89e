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
  // One page, in the order of official lists: by unit in tree order, then sort_order, then id. The
  // unit filter covers the unit's whole subtree; the name filter is a literal substring ('%' and
  // '_' match themselves).
  // Only cadres inside `scope` are listed and counted.
  base::Result<CadrePage> List(const CadreQuery& query, const ScopePredicate& scope);
  base::Result<std::int64_t> Count(const ScopePredicate& scope);
  // Counts per rank, in the order of the rank ladder (ranks with no cadre omitted).
  base::Result<std::vector<RankCount>> CountByRank(const ScopePredicate& scope);

 private:
  store::Transaction& tx_;
};

}  // namespace xr::cadre
