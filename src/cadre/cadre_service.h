#pragma once
// Use cases on cadre records. Reading needs cadre.read and shows only the cadres inside the
// actor's data scope (by unit, unit subtree, 管理权限 or self — cadre_scope.h); a record outside
// it is answered exactly like a missing one. The three separated administrators hold no scope, so
// they see no dossier unless granted another role (ARCHITECTURE.md §5).

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "cadre/cadre_repository.h"
#include "crypto/keyring.h"
#include "store/database.h"

namespace xr::cadre {

struct CadreCounts {
  std::int64_t total = 0;
  std::vector<RankCount> by_rank;
};

// How many cadres `actor` can see, by rank, within `tx`; zero without cadre.read. (For views
// that combine these counts with others in one transaction, like the home-page overview.)
base::Result<CadreCounts> CountVisible(store::Transaction& tx, const access::Actor& actor);

// Seals `id_number` (canonical, NormalizeIdNumber) of the stored cadre `id` with the data key of
// its managing unit (the "none" scope without one), creating that key on first use, and stores
// it. For CadreService::Add and bulk loaders (the demo) inside their write transaction.
base::Status StoreIdNumber(store::Transaction& tx, const crypto::Keyring& keyring, CadreId id,
                           std::optional<org::UnitId> managing_unit_id, std::string_view id_number);

// Opens or clears the confidential fields of `page`, read by CadreRepository::ListWhere for
// `actor` in an earlier (read) transaction, exactly as CadreService::List does: each record opened
// is recorded in `tx`, which must be a write transaction — the values exist only once it has
// the records (docs/decisions.md).
base::Status RevealPage(store::Transaction& tx, const access::Actor& actor,
                        const crypto::Keyring* keyring, const access::Recorder& recorder,
                        CadrePage& page);

class CadreService {
 public:
  // `keyring` seals and opens confidential fields (id_number); without one, writing or
  // revealing them fails FailedPrecondition.
  CadreService(store::Database& db, const base::Clock& clock, const access::Recorder& recorder,
               const crypto::Keyring* keyring = nullptr)
      : db_(db), clock_(clock), recorder_(recorder), keyring_(keyring) {}

  // PermissionDenied without cadre.read; InvalidArgument per ValidateCadreQuery; NotFound (field
  // "unit_id") when the filter unit does not exist.
  // Confidential fields (cadre_fields.h): for an actor cleared for them, each record's stored
  // value is decrypted and one `cadre.read_confidential` entry per record read (details: the
  // field names, never the values) is appended in the same (then write) transaction; for
  // anyone else they are left empty (id_number_stored still tells whether one exists).
  base::Result<CadrePage> List(const access::Actor& actor, const CadreQuery& query);
  // NotFound when there is no such cadre or it is outside the actor's scope. Confidential
  // fields as for List.
  base::Result<Cadre> Get(const access::Actor& actor, CadreId id);
  // PermissionDenied without cadre.write; InvalidArgument per ValidateCadre; NotFound (field
  // "unit_id") for a missing unit or a record that would fall outside the actor's scope.
  // An id_number is stored sealed with the data key of the cadre's managing unit (or the
  // "none" scope), created on first use.
  base::Result<CadreId> Add(const access::Actor& actor, const Cadre& cadre);
  // How many cadres the actor can see, by rank; zero without cadre.read.
  base::Result<CadreCounts> Count(const access::Actor& actor);

 private:
  store::Database& db_;
  const base::Clock& clock_;
  const access::Recorder& recorder_;
  const crypto::Keyring* keyring_;
};

}  // namespace xr::cadre
