#pragma once
// The one registry of every column that holds sealed text (sealed.h). Data-key rotation
// (rotation.h) re-encrypts exactly these columns, so a new confidential field is covered by
// adding its line here. Each value is sealed with the context FieldContext(table, column, id),
// where `id` is the row's integer primary key column "id".
//
// tests/crypto/sealed_columns_test.cc checks the list against the full schema: every listed
// column exists, and every column named "*_sealed" is listed.

#include <array>
#include <string_view>

namespace xr::crypto {

struct SealedColumn {
  std::string_view table;
  std::string_view column;
};

inline constexpr std::array<SealedColumn, 5> kSealedColumns{{
    {"cadres", "id_number_sealed"},  // 公民身份号码 (cadre/cadre_fields.h), per 管理权限 key
    // The dossier's confidential parts as JSON (cadre/dossier_repository.h), per 管理权限 key.
    {"cadres", "family_sealed"},
    {"cadres", "personal_matters_sealed"},
    // Old and new values of changed confidential fields in the change log, same key.
    {"cadre_changes", "confidential_changes_sealed"},
    {"users", "totp_secret"},  // TOTP secrets (access/credentials.h), "system" key
}};

}  // namespace xr::crypto
