#pragma once
// SQL for full dossiers (dossier.h). The current state is relational: the basic fields on
// `cadres`, one row per item of each sub-record in `cadre_education`, `cadre_resume` (其间
// entries carry their parent's position), `cadre_posts`, `cadre_ranks`, `cadre_assessments`,
// `cadre_rewards`, `cadre_trainings`; `cadres.post`, `cadres.rank` and
// `cadres.post_start_month` are kept from the current posts and ranks so that lists and
// statistics read one table. The confidential parts are sealed JSON: `id_number_sealed`,
// `family_sealed`, `personal_matters_sealed` (context cadres|<column>|<cadre id>, key of the
// managing unit). History is the change log `cadre_changes` (dossier_history.h); photos are
// `cadre_photos`.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.h"
#include "base/status.h"
#include "base/timestamp.h"
#include "cadre/cadre_scope.h"
#include "cadre/dossier.h"
#include "cadre/dossier_history.h"
#include "cadre/search_keys.h"
#include "crypto/keyring.h"
#include "store/database.h"

namespace xr::cadre {

// A dossier as stored: the confidential parts of `dossier` are empty and their sealed text is
// beside it (nullopt = nothing stored).
struct StoredDossier {
  Dossier dossier;
  std::optional<std::string> id_number_sealed;
  std::optional<std::string> family_sealed;
  std::optional<std::string> personal_matters_sealed;
};

// The sealed confidential parts to store (nullopt = NULL).
struct SealedParts {
  std::optional<std::string> id_number;
  std::optional<std::string> family;
  std::optional<std::string> personal_matters;
};

// One row of the change log. The non-confidential fields' changes are in `changes`; the names
// of changed confidential fields in `confidential_fields`, their values (ChangesToJson form) only
// in `confidential_changes_sealed` (context cadre_changes|confidential_changes_sealed|<id>).
struct StoredChange {
  std::int64_t id = 0;
  std::int64_t version = 0;
  base::Timestamp at;
  std::string actor;
  FieldChanges changes;
  std::vector<std::string> confidential_fields;
  std::optional<std::string> confidential_changes_sealed;
};

struct NewChange {
  std::int64_t version = 0;
  base::Timestamp at;
  std::string actor;
  FieldChanges changes;                          // non-confidential fields only
  std::vector<std::string> confidential_fields;  // names only
};

struct StoredPhoto {
  std::string content_type;
  std::string bytes;
};

// The `cadres` columns filled from a dossier's basic fields, in order, and their values for `d`.
// The last three are derived for lists: `post` (现任职务 of the current posts, the 主要职务 first),
// `rank` (the current 职级) and `post_start_month` (任职时间 of the current main post); post and
// rank are null for a dossier without any post (or rank) entry, so that a write keeps the text an
// older record had; `appointment` is the AppointmentForm as JSON (dossier_json.h). Insert and
// Replace write through these, and so does the demo's bulk loader.
inline constexpr std::array<std::string_view, 29> kDossierBasicColumns{"name",
                                                                       "gender",
                                                                       "gender_code",
                                                                       "birth_month",
                                                                       "ethnicity",
                                                                       "ethnicity_code",
                                                                       "native_place",
                                                                       "native_place_code",
                                                                       "birth_place",
                                                                       "birth_place_code",
                                                                       "party",
                                                                       "party_code",
                                                                       "party_join_month",
                                                                       "party_join_age_confirmed",
                                                                       "work_start_month",
                                                                       "health",
                                                                       "health_code",
                                                                       "professional_title",
                                                                       "expertise",
                                                                       "unit_id",
                                                                       "managing_body",
                                                                       "managing_unit_id",
                                                                       "sort_order",
                                                                       "status",
                                                                       "status_reason",
                                                                       "post",
                                                                       "rank",
                                                                       "post_start_month",
                                                                       "appointment"};
store::Params DossierBasicValues(const Dossier& d);

class DossierRepository {
 public:
  explicit DossierRepository(store::Transaction& tx) : tx_(tx) {}

  // Inserts `dossier` as version 1 created at `at` (its id, version, unit_name, has_photo and
  // confidential parts are ignored: see StoreConfidential). InvalidArgument (field "gender")
  // unless the gender is 男 or 女; NotFound (field "unit_id", "managing_unit_id" or
  // "posts[i].unit_id") for a unit that does not exist.
  base::Result<CadreId> Insert(const Dossier& dossier, base::Timestamp at);
  // The dossier with its version, unit name, has_photo and every sub-record in order; the
  // confidential parts sealed. NotFound when missing or outside `scope` (not told apart).
  base::Result<StoredDossier> Load(CadreId id, const ScopePredicate& scope);
  // Whether `id` exists within `scope`.
  base::Result<bool> Visible(CadreId id, const ScopePredicate& scope);
  // Whether `d`, not stored yet, would be inside `scope` once stored (by its unit and managing
  // unit; a record not stored is nobody's own): what a dry run checks instead of Visible.
  base::Result<bool> WouldBeVisible(const Dossier& d, const ScopePredicate& scope);
  // Rewrites the basic fields and every sub-record of `dossier.id` and moves its version from
  // `expected_version` to expected_version + 1 (returned), in one conditional UPDATE so that of
  // two writers starting from the same version only one succeeds. Aborted "VERSION_CONFLICT: …"
  // when the stored version is another (or the row is gone); errors of Insert otherwise. A
  // dossier without any post (rank) entry keeps the stored 现任职务 (职级) text, so records
  // written before the full dossier keep theirs.
  base::Result<std::int64_t> Replace(const Dossier& dossier, std::int64_t expected_version,
                                     base::Timestamp at);
  // Stores the sealed parts of `id`, and its search keys (search_keys.h) in the same UPDATE when
  // `search_keys` is given. NotFound when there is no such row; AlreadyExists (field
  // "id_number") when another cadre has the same ID index.
  base::Status SetSealed(CadreId id, const SealedParts& parts,
                         const SearchKeys* search_keys = nullptr);

  // For rows inserted by the basic record path (CadreService::Add): sets created_at and appends
  // the creation entry of the change log (version 1, no changes).
  base::Status RecordCreation(CadreId id, base::Timestamp at, std::string_view actor);
  // Appends one entry of the change log; returns its row id.
  base::Result<std::int64_t> AppendChange(CadreId id, const NewChange& change);
  // The same when the row id is not needed: deferred (Transaction::ExecuteDeferred), so its
  // errors may come from the transaction's next statement or from Transact.
  base::Status AddChange(CadreId id, const NewChange& change);
  base::Status SetChangeSealed(std::int64_t change_id, const std::string& sealed);
  // The change log of `id`, newest first: versions after `since_version`, and when `at_or_after`
  // is given only changes made at or after that instant.
  base::Result<std::vector<StoredChange>> Changes(
      CadreId id, std::int64_t since_version = 0,
      std::optional<base::Timestamp> at_or_after = std::nullopt);

  // The photo of `id`; nullopt when there is none.
  base::Result<std::optional<StoredPhoto>> Photo(CadreId id);
  // Stores (or replaces) the photo of `id`; deferred (Transaction::ExecuteDeferred), so a
  // failure (no such cadre) may come from the transaction's next statement or from Transact.
  base::Status SetPhoto(CadreId id, const StoredPhoto& photo, base::Timestamp at);

 private:
  base::Status CheckUnits(const Dossier& dossier);
  base::Status WriteItems(CadreId id, const Dossier& dossier);
  base::Status LoadItems(Dossier& dossier);

  store::Transaction& tx_;
};

// Whether a write of a dossier's sealed parts also stores its search keys (search_keys.h: from
// its name and ID number) in the same UPDATE of `cadres`, one statement instead of a separate
// StoreSearchKeys, with StoreSearchKeys' errors (AlreadyExists, field "id_number", for an ID
// number another cadre has).
enum class WithSearchKeys : bool { kNo, kYes };

// Seals the confidential parts of `dossier` (stored under dossier.id: its id_number when
// given, family and personal_matters always) with the data key of its managing unit, creating
// that key on first use, and stores them.
base::Status StoreConfidential(store::Transaction& tx, const crypto::Keyring& keyring,
                               const Dossier& dossier);
// The same with the caller's data keys of this transaction (their unwrapped keys and active key
// ids are cached, so a bulk loader unwraps each key once), and the search keys when asked.
base::Status StoreConfidential(store::Transaction& tx, crypto::DataKeys& keys,
                               const Dossier& dossier,
                               WithSearchKeys search_keys = WithSearchKeys::kNo);
// Opens the sealed parts of `stored` into stored.dossier. Errors of DataKeys::Open
// (FailedPrecondition for a wrong master key or tampered text).
base::Status OpenConfidential(store::Transaction& tx, const crypto::Keyring& keyring,
                              StoredDossier& stored);
base::Status OpenConfidential(crypto::DataKeys& keys, StoredDossier& stored);

// Appends one entry of the change log: the non-confidential changes in the clear, the
// confidential ones sealed with the data key of `managing_unit_id`. Returns its row id.
base::Result<std::int64_t> AppendDossierChange(store::Transaction& tx,
                                               const crypto::Keyring& keyring, CadreId id,
                                               std::optional<org::UnitId> managing_unit_id,
                                               std::int64_t version, base::Timestamp at,
                                               std::string_view actor, const FieldChanges& changes);
base::Result<std::int64_t> AppendDossierChange(store::Transaction& tx, crypto::DataKeys& keys,
                                               CadreId id,
                                               std::optional<org::UnitId> managing_unit_id,
                                               std::int64_t version, base::Timestamp at,
                                               std::string_view actor, const FieldChanges& changes);
// Opens the sealed confidential changes of `change` (empty when it has none).
base::Result<FieldChanges> OpenConfidentialChanges(store::Transaction& tx,
                                                   const crypto::Keyring& keyring,
                                                   const StoredChange& change);

// How the change log names who made a change: "display name（account）", or the account alone.
std::string ChangeLogActor(const access::Actor& actor);

// A complete new dossier in one go: Insert, StoreConfidential, and the creation entry of the
// change log (version 1, no changes) by `actor` at `at`. For DossierService::Create and bulk
// loaders (the demo), inside their write transaction; the audit entry is the caller's, and so
// are the search keys (search_keys.h) unless `search_keys` is kYes (then they are stored with
// the sealed parts).
base::Result<CadreId> InsertDossier(store::Transaction& tx, const crypto::Keyring& keyring,
                                    const Dossier& dossier, base::Timestamp at,
                                    std::string_view actor);
base::Result<CadreId> InsertDossier(store::Transaction& tx, crypto::DataKeys& keys,
                                    const Dossier& dossier, base::Timestamp at,
                                    std::string_view actor,
                                    WithSearchKeys search_keys = WithSearchKeys::kNo);

}  // namespace xr::cadre
