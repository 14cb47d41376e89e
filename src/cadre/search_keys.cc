#include "cadre/search_keys.h"

#include <sodium.h>

#include "cadre/name_keys.h"

namespace xr::cadre {
namespace {

base::Status DuplicateIdNumber() {
  return base::AlreadyExists("该身份证号已属于另一名干部，请核对", "id_number");
}

}  // namespace

base::Result<SearchKeys> ComputeSearchKeys(crypto::DataKeys& keys, std::string_view name,
                                           const std::optional<std::string>& canonical_id_number) {
  SearchKeys out{StrokeSortKey(name), PinyinInitials(name), std::nullopt};
  if (canonical_id_number) {
    ASSIGN_OR_RETURN(out.id_number_index,
                     keys.BlindIndex(kIdNumberIndexLabel, *canonical_id_number));
  }
  return out;
}

base::Status SearchKeyWriteError(base::Status status) {
  if (status.code() == base::StatusCode::kAlreadyExists) return DuplicateIdNumber();
  return status;
}

base::Status StoreSearchKeys(store::Transaction& tx, const crypto::Keyring& keyring, CadreId id,
                             std::string_view name,
                             const std::optional<std::string>& canonical_id_number) {
  crypto::DataKeys keys(tx, keyring);
  return StoreSearchKeys(tx, keys, id, name, canonical_id_number);
}

base::Status StoreSearchKeys(store::Transaction& tx, crypto::DataKeys& keys, CadreId id,
                             std::string_view name,
                             const std::optional<std::string>& canonical_id_number) {
  ASSIGN_OR_RETURN(SearchKeys search, ComputeSearchKeys(keys, name, canonical_id_number));
  auto changed = tx.Execute(
      "UPDATE cadres SET name_sort_key = ?, name_initials = ?, id_number_index = ? WHERE id = ?",
      {std::move(search.name_sort_key), std::move(search.name_initials),
       std::move(search.id_number_index), id});
  if (!changed.ok()) return SearchKeyWriteError(changed.status());
  if (*changed != 1) return base::NotFound("干部不存在");
  return base::Status::Ok();
}

base::Status StoreNameKeys(store::Transaction& tx, CadreId id, std::string_view name) {
  ASSIGN_OR_RETURN(std::int64_t changed,
                   tx.Execute("UPDATE cadres SET name_sort_key = ?, name_initials = ? WHERE id = ?",
                              {StrokeSortKey(name), PinyinInitials(name), id}));
  if (changed != 1) return base::NotFound("干部不存在");
  return base::Status::Ok();
}

base::Result<std::optional<std::string>> IdNumberIndexOf(store::Transaction& tx,
                                                         const crypto::Keyring& keyring,
                                                         std::string_view canonical_id_number) {
  crypto::DataKeys keys(tx, keyring);
  return IdNumberIndexOf(keys, canonical_id_number);
}

base::Result<std::optional<std::string>> IdNumberIndexOf(crypto::DataKeys& keys,
                                                         std::string_view canonical_id_number) {
  auto index = keys.ExistingBlindIndex(kIdNumberIndexLabel, canonical_id_number);
  if (!index.ok() && index.status().code() == base::StatusCode::kNotFound) {
    return std::optional<std::string>();
  }
  if (!index.ok()) return index.status();
  return std::optional<std::string>(std::move(*index));
}

base::Result<std::optional<CadreId>> FindByIdNumber(store::Transaction& tx,
                                                    const crypto::Keyring& keyring,
                                                    std::string_view canonical_id_number) {
  crypto::DataKeys keys(tx, keyring);
  return FindByIdNumber(tx, keys, canonical_id_number);
}

base::Result<std::optional<CadreId>> FindByIdNumber(store::Transaction& tx, crypto::DataKeys& keys,
                                                    std::string_view canonical_id_number) {
  ASSIGN_OR_RETURN(std::optional<std::string> index, IdNumberIndexOf(keys, canonical_id_number));
  if (!index) return std::optional<CadreId>();
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx.Query("SELECT id FROM cadres WHERE id_number_index = ?", {*index}));
  if (rows.empty()) return std::optional<CadreId>();
  return std::optional<CadreId>(rows[0].Id<CadreId>(0));
}

base::Result<std::int64_t> BackfillSearchKeys(store::Transaction& tx,
                                              const crypto::Keyring& keyring) {
  std::int64_t changed = 0;
  // Also the name keys made by an older key format or another ICU / Unihan version (another
  // prefix): mixed with current ones they would misorder the 姓氏笔画 list. A range test on the
  // BYTEWISE column, the same on both engines.
  std::string prefix(StrokeSortKeyPrefix());
  std::string prefix_end = prefix;
  prefix_end.back() = char(prefix_end.back() + 1);
  ASSIGN_OR_RETURN(store::Rows names,
                   tx.Query("SELECT id, name FROM cadres WHERE name_sort_key IS NULL "
                            "OR name_initials IS NULL OR name_sort_key < ? OR name_sort_key >= ? "
                            "ORDER BY id",
                            {prefix, prefix_end}));
  for (const store::Row& row : names) {
    RETURN_IF_ERROR(StoreNameKeys(tx, row.Id<CadreId>(0), row.Text(1)));
    ++changed;
  }
  ASSIGN_OR_RETURN(store::Rows sealed,
                   tx.Query("SELECT id, id_number_sealed FROM cadres WHERE id_number_sealed IS "
                            "NOT NULL AND id_number_index IS NULL ORDER BY id"));
  crypto::DataKeys keys(tx, keyring);
  for (const store::Row& row : sealed) {
    const std::int64_t id = row.Int(0);
    auto opened = keys.Open(crypto::FieldContext("cadres", "id_number_sealed", id), row.Text(1));
    if (!opened.ok()) {
      return base::Status(
          opened.status().code(),
          "cadres.id_number_sealed（id " + std::to_string(id) + "）：" + opened.status().message());
    }
    std::string id_number = std::move(*opened);
    auto index = keys.BlindIndex(kIdNumberIndexLabel, id_number);
    sodium_memzero(id_number.data(), id_number.size());
    if (!index.ok()) return index.status();
    // Checked first, not left to the UNIQUE index: on PostgreSQL a failed statement would abort
    // the whole transaction.
    ASSIGN_OR_RETURN(
        std::int64_t taken,
        tx.QueryInt("SELECT COUNT(*) FROM cadres WHERE id_number_index = ?", {*index}));
    if (taken > 0) continue;
    RETURN_IF_ERROR(
        tx.Execute("UPDATE cadres SET id_number_index = ? WHERE id = ?", {*index, id}).status());
    ++changed;
  }
  return changed;
}

}  // namespace xr::cadre
