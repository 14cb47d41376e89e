#pragma once
// Writing the demo city (demo_city.h) with every cadre's full dossier (demo_dossier.h), fast
// enough for a million cadres.
//
// Not through DossierService or the repository's per-row InsertDossier (some 50 statements per
// cadre): the dossiers are generated a batch at a time on a second thread, and written with
// multi-row INSERTs of the repository's own column layout (dossier_repository.cc) into `cadres`
// and its item tables, with the search keys (search_keys.h), the sealed confidential parts and
// the creation entry of the change log (version 1) in the same rows the repository would write.
// Cadre ids are assigned in generation order (the first free id onward), so that family
// members who are cadres can point at relatives generated later.
//
// Transactions: the units, positions and roles first; then the cadres, `transaction_size` at a
// time (SQLite's write-ahead log is slow for transactions of gigabytes: a million dossiers are
// some 4.5 GB); then their full-text index, gathered meanwhile and written in key order; last the
// demo.seed record. A failure part-way leaves the cadres written so far and no demo.seed record:
// the demo is meant for a new, empty database, so start again with a new one.

#include <cstdint>
#include <functional>

#include "demo/demo_city.h"

namespace xr::demo {

struct SeedOptions {
  int batch_size = 1000;         // cadres generated and written at a time
  int transaction_size = 20000;  // cadres per write transaction (whole batches)
  // The full-text index (cadre_text_bigrams) is written after the cadres, in key order: one
  // statement per bigram and this many of its cadres, in transactions of about 100 rows per
  // cadre of `transaction_size`.
  int full_text_ids_per_statement = 10000;
  // Check every dossier with cadre::ValidateDossier before writing it (an invalid one fails the
  // seeding with Internal). The codes of coded fields are filled either way.
  bool validate = true;
  // Called after each transaction with the cadres written so far.
  std::function<void(std::int64_t written, std::int64_t total)> progress;
};

// SeedDemoCity (demo_city.h) with options.
base::Result<DemoSummary> SeedDemoCity(store::Database& db, const DemoCity& city,
                                       base::Timestamp now, const access::Recorder& recorder,
                                       const access::Actor& actor, const crypto::Keyring* keyring,
                                       const SeedOptions& options);

}  // namespace xr::demo
