#pragma once
// The columns by which cadres are found and ordered without reading their sealed or free text:
// cadres.name_sort_key (StrokeSortKey: 姓氏笔画 order), cadres.name_initials (PinyinInitials:
// quick search by 拼音首字母) and cadres.id_number_index (a blind index of the canonical
// 公民身份号码, crypto::DataKeys::BlindIndex with label kIdNumberIndexLabel; UNIQUE where not null,
// so one ID number belongs to at most one cadre).
//
// Every writer of cadres.name or of the ID number stores them in the same transaction: with
// StoreSearchKeys, or in the same UPDATE as the sealed parts (dossier_repository.h,
// WithSearchKeys::kYes); BackfillSearchKeys fills rows written before these columns existed.
//
// The functions taking a crypto::DataKeys use the caller's (one per transaction, so the index
// key is looked up and unwrapped once however many of them run); those taking the Keyring make
// their own.

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "cadre/cadre.h"
#include "crypto/keyring.h"
#include "store/database.h"

namespace xr::cadre {

inline constexpr std::string_view kIdNumberIndexLabel = "cadres.id_number";

// Stores the keys of cadre `id` from its `name` and canonical ID number (NormalizeIdNumber;
// nullopt clears the index). Needs a write transaction (the index key is created on first use).
// AlreadyExists (field "id_number") when another cadre has the same ID number; NotFound when
// there is no such row; errors of the keyring.
base::Status StoreSearchKeys(store::Transaction& tx, const crypto::Keyring& keyring, CadreId id,
                             std::string_view name,
                             const std::optional<std::string>& canonical_id_number);
base::Status StoreSearchKeys(store::Transaction& tx, crypto::DataKeys& keys, CadreId id,
                             std::string_view name,
                             const std::optional<std::string>& canonical_id_number);

// The values of the three columns, for a writer that stores them in a statement of its own.
struct SearchKeys {
  std::string name_sort_key;
  std::string name_initials;
  std::optional<std::string> id_number_index;
};
// The keys of `name` and `canonical_id_number` (nullopt: no index). Creates the index key on
// first use (needs a write transaction then); errors of the keyring.
base::Result<SearchKeys> ComputeSearchKeys(crypto::DataKeys& keys, std::string_view name,
                                           const std::optional<std::string>& canonical_id_number);
// The error of a write of cadres.id_number_index that broke its UNIQUE index (AlreadyExists):
// the ID number belongs to another cadre (AlreadyExists, field "id_number"). Other statuses are
// returned as they are.
base::Status SearchKeyWriteError(base::Status status);

// Only the name keys (no keyring needed); the ID index is left as it is. NotFound when there is
// no such row.
base::Status StoreNameKeys(store::Transaction& tx, CadreId id, std::string_view name);

// The cadre whose ID number is `canonical_id_number` (canonical form), regardless of data scope
// (callers apply theirs); nullopt when none. Does not write (works in a read transaction).
base::Result<std::optional<CadreId>> FindByIdNumber(store::Transaction& tx,
                                                    const crypto::Keyring& keyring,
                                                    std::string_view canonical_id_number);
base::Result<std::optional<CadreId>> FindByIdNumber(store::Transaction& tx, crypto::DataKeys& keys,
                                                    std::string_view canonical_id_number);

// The blind index stored for `canonical_id_number`, or nullopt when no index key exists yet
// (then no cadre can match). For queries that filter by it alongside other conditions.
base::Result<std::optional<std::string>> IdNumberIndexOf(store::Transaction& tx,
                                                         const crypto::Keyring& keyring,
                                                         std::string_view canonical_id_number);
base::Result<std::optional<std::string>> IdNumberIndexOf(crypto::DataKeys& keys,
                                                         std::string_view canonical_id_number);

// Fills the keys of every cadre that lacks them: name keys where name_sort_key is NULL or stale
// (not StrokeSortKeyPrefix(): an older format, another ICU or Unihan version), the ID
// index where a sealed ID number is stored but id_number_index is NULL (opening it with its data
// key). Returns how many rows changed. In a write transaction; FailedPrecondition when a sealed
// value does not open. Records stored before ID numbers were unique may share one: the first
// (lowest id) gets the index, the others keep none (not found by ID number until corrected).
base::Result<std::int64_t> BackfillSearchKeys(store::Transaction& tx,
                                              const crypto::Keyring& keyring);

}  // namespace xr::cadre
