#pragma once
// The full-text index's most common bigrams as a bit mask on each cadre's row.
//
// A bigram in a third of the dossiers (办公, 公室, 管理 in the demo) can neither drive a query (its
// postings outnumber the scope) nor be probed cheaply (one B-tree descent into a list of
// hundreds of thousands per scoped cadre: 4 µs each on PostgreSQL, 45 ms for a district of
// 11,332). Up to 63 such bigrams get a bit in `cadres.common_bigrams`, which the scoped scan
// reads from its index (search/search_schema.cc: cadres_managed) at no cost per cadre.
//
// The invariant, for every row (bit, bigram) of `cadre_common_bigrams` and every cadre c:
//   bit `bit` of c.common_bigrams is set  ⇔  (bigram, c.id) is in cadre_text_bigrams.
// Every writer of cadre_text_bigrams keeps it: IndexNewDossier / ReindexDossier call
// UpdateCommonBigramMask; ChooseCommonBigrams rewrites set and masks together; the demo's bulk
// loader writes masks computed with the set it records. Which bigrams are in the set only
// changes how fast a query is, never what it finds.

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "cadre/cadre.h"
#include "store/database.h"
#include "store/migrate.h"

namespace xr::cadre {

// Bits 0…62: the masks stay positive in SQLite's and PostgreSQL's signed 64-bit integers.
inline constexpr int kCommonBigramBits = 63;

struct CommonBigram {
  int bit = 0;
  std::string bigram;
  std::int64_t postings = 0;  // cadres with it when the set was chosen
};

// The bigrams that get a bit, from each bigram's postings (cadres having it) among `cadres`
// cadres: those in at least `min_share` of the cadres (and at least one), most postings first
// (ties in byte order), at most kCommonBigramBits; bits numbered in that order.
struct BigramPostings {
  std::string bigram;
  std::int64_t postings = 0;
};
std::vector<CommonBigram> PickCommonBigrams(std::vector<BigramPostings> counted,
                                            std::int64_t cadres, double min_share);
inline constexpr double kCommonBigramMinShare = 0.02;

// The set as stored, by bit.
base::Result<std::vector<CommonBigram>> StoredCommonBigrams(store::Transaction& tx);

// Those of `bigrams` that have a bit.
base::Result<std::vector<CommonBigram>> CommonBigramsAmong(store::Transaction& tx,
                                                           const std::vector<std::string>& bigrams);

// Sets cadre `id`'s mask from its rows in cadre_text_bigrams (after they were written).
// Deferred (Transaction::ExecuteDeferred): an error may come from the transaction's next
// statement or from Transact.
base::Status UpdateCommonBigramMask(store::Transaction& tx, CadreId id);

struct CommonBigramChoice {
  std::vector<CommonBigram> chosen;
  std::int64_t cadres = 0;         // cadres counted
  std::int64_t masks_changed = 0;  // cadre rows whose mask was rewritten
};
// Counts every bigram's postings, picks the set (PickCommonBigrams) and rewrites every mask that
// differs: a maintenance step for a write transaction (a million cadres: seconds to a minute).
base::Result<CommonBigramChoice> ChooseCommonBigrams(store::Transaction& tx,
                                                     double min_share = kCommonBigramMinShare);

// Whether a database should have its set chosen without being asked (at migrate and serve): it
// has none yet and holds at least kCommonBigramsFromCadres cadres — below that a scope's probes
// cost little, and a set chosen from a few cadres says little about the many to come.
inline constexpr std::int64_t kCommonBigramsFromCadres = 10000;
base::Result<bool> CommonBigramsDue(store::Transaction& tx);

// Replaces the stored set by `chosen` without touching any mask: only for a loader that writes
// every cadre's mask for this set itself (the demo, into a database without cadres before).
base::Status RecordCommonBigrams(store::Transaction& tx, const std::vector<CommonBigram>& chosen,
                                 std::int64_t cadres);

// How many cadres' masks disagree with their rows in cadre_text_bigrams (0 when the invariant
// holds): a probe per cadre and common bigram, for tests and checks, not for serving.
base::Result<std::int64_t> CountMasksOutOfStep(store::Transaction& tx);

// The column and the set's table (version 2026113000).
std::vector<store::Migration> CommonBigramMigrations();

}  // namespace xr::cadre
