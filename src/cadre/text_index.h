#pragma once
// Derived, unsealed tables kept beside the dossier for the compound query (search/):
//
// - cadre_text_bigrams(bigram, cadre_id): the full-text index of the dossier's free text — 简历
//   (unit, post and note of every entry, 其间 included), posts (unit and title), 奖惩 (kind,
//   issuer, reason), trainings (course, provider), 专长 and 专业技术职务 — as overlapping
//   character bigrams (text_tokens.h). A term of n characters is looked up as the cadres having
//   all n-1 bigrams, then confirmed by substring match of the same texts (TextMatchSql), so the
//   result is exactly that of the substring match alone.
// - cadre_relative_links(cadre_id, relative_cadre_id): which of a cadre's family members have a
//   dossier themselves (FamilyMember::cadre_id). The family itself is sealed; the links tell only
//   that two cadres are related, not how or anything else about the family (docs/decisions.md).
//
// Both are written in the same transaction as every dossier write: DossierRepository::Insert
// and Replace call IndexNewDossier / ReindexDossier, the demo's bulk loader writes the same
// rows, and BackfillDossierIndex fills databases written before the tables existed. Each of them
// keeps the cadre's common-bigram mask (common_bigrams.h) true to the rows it writes.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cadre/dossier.h"
#include "crypto/keyring.h"
#include "store/database.h"
#include "store/migrate.h"

namespace xr::cadre {

// The free-text columns full text covers: per table, the columns; `cadres` rows by id, the item
// tables by cadre_id.
struct IndexedTextTable {
  std::string_view table;
  std::array<std::string_view, 3> columns;  // "" pads
};
inline constexpr std::array<IndexedTextTable, 5> kIndexedTextTables{{
    {"cadres", {"expertise", "professional_title", ""}},
    {"cadre_resume", {"unit", "post", "note"}},
    {"cadre_posts", {"unit_name", "title", ""}},
    {"cadre_rewards", {"kind", "issuer", "reason"}},
    {"cadre_trainings", {"course", "provider", ""}},
}};

// The texts of `d` that full text covers (the columns above, as the dossier holds them).
std::vector<std::string_view> IndexedTexts(const Dossier& d);
// Their distinct bigrams, sorted.
std::vector<std::string> DossierBigrams(const Dossier& d);
// The distinct dossier ids of `d`'s family members, sorted, without `self`.
std::vector<std::int64_t> RelativeCadreIds(const Dossier& d, CadreId self);

// Appended to a correlated EXISTS subquery that must run per cadre, after the cheaper tests of
// the same row: " OFFSET 0" on PostgreSQL, which otherwise may turn it into a "hashed SubPlan"
// reading the whole table once (seconds at a million cadres); "" on SQLite.
std::string_view PerRowFence(store::Dialect dialect);

// A predicate over `cadres c` that is true when one of the indexed texts contains the term
// (case-insensitively for ASCII letters, as the index folds them): `placeholders` receives how
// many `?` it has, each to be bound to the same LIKE pattern ('\' escapes).
std::string TextMatchSql(store::Dialect dialect, int& placeholders);

// Inserts the index rows and links of the new dossier `id`.
base::Status IndexNewDossier(store::Transaction& tx, CadreId id, const Dossier& d);
// The bigrams of the texts stored for `id` now (before Replace rewrites them).
base::Result<std::vector<std::string>> StoredBigrams(store::Transaction& tx, CadreId id);
// After a rewrite: removes the bigrams of `old_bigrams` that `d` no longer has, adds the new
// ones, and rewrites the links.
base::Status ReindexDossier(store::Transaction& tx, CadreId id,
                            const std::vector<std::string>& old_bigrams, const Dossier& d);

// Fills both tables for every cadre when the database was written before they existed (marked by
// the migration in `cadre_index_backfill`); opens the sealed family with `keyring` for the links.
// Returns how many cadres were indexed (0 when nothing was pending). In a write transaction.
base::Result<std::int64_t> BackfillDossierIndex(store::Transaction& tx,
                                                const crypto::Keyring& keyring);

// The schema of both tables (versions 2026112950…).
std::vector<store::Migration> TextIndexMigrations();

}  // namespace xr::cadre
