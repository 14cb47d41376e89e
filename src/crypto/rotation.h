#pragma once
// Data-key rotation (`xuanren keys rotate-data`): replaces the data key of a scope with a new one
// and re-encrypts every sealed value (kSealedColumns) under it, in batches that survive a crash.
//
// 1. Start (one write transaction per run, for every selected scope): the scope's key is
//    relabelled "<scope>#retiring" (re-wrapped, as the wrapping is bound to the label), a new key
//    is created with the scope's label in the chosen cipher — so every write from this commit on
//    seals with the new key — and a `key_rotations` row records old key, new key, the number of
//    values to re-encrypt and an empty cursor. The caller's `record` hook writes the start entry
//    of the full-process record in the same transaction.
// 2. Batches, each its own write transaction: up to `batch_size` values still sealed with the
//    old key, after the cursor, are opened and sealed again with the new key (an UPDATE that only
//    applies if the value is still the one read), and the cursor and count advance in the same
//    transaction. A process killed at any point loses at most the batch in flight, which rolled
//    back; running again continues from the stored cursor.
// 3. Finish (in the batch that ends the scan): when no value in any sealed column names the old
//    key any more, its wrapped key is DELETED from data_keys and the rotation is marked finished
//    (with the `record` hook's finish entry). Values sealed with the old key after the scan passed
//    them (a writer that began before the start committed) send the scan round once more.
//
// A run first resumes every unfinished rotation (an earlier run died) and then starts nothing
// new: running the same command again after a crash finishes the interrupted work.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "crypto/keyring.h"
#include "crypto/sealed.h"
#include "store/database.h"

namespace xr::crypto {

struct DataKeyRotationOptions {
  std::vector<std::string> scopes;  // empty = every scope that has a data key
  std::int64_t batch_size = 500;    // values per transaction, 1–100000
  std::optional<Cipher> cipher;     // of the new keys; nullopt = keyring.new_key_cipher()
  // Return (as if the process had been killed) once this many batches have committed; 0 = right
  // after the start. nullopt = run to the end. For tests of resumption.
  std::optional<std::int64_t> stop_after_batches;
};

struct RotationEvent {
  enum class Kind { kStart, kFinish } kind = Kind::kStart;
  std::string scope;
  std::int64_t old_key_id = 0;
  std::int64_t new_key_id = 0;
  Cipher cipher = Cipher::kXChaCha20Poly1305;
  std::int64_t values = 0;  // start: to re-encrypt; finish: re-encrypted
};

struct RotationProgress {
  std::string scope;       // of the batch just committed
  std::int64_t done = 0;   // values re-encrypted so far by the rotations of this run
  std::int64_t total = 0;  // values they had to re-encrypt
};

struct DataKeyRotationHooks {
  // After every committed batch.
  std::function<void(const RotationProgress&)> progress;
  // Inside the start / finish transaction (the full-process record's entry).
  std::function<base::Status(store::Transaction&, const RotationEvent&)> record;
};

struct DataKeyRotationReport {
  std::int64_t resumed = 0;      // unfinished rotations found and continued
  std::int64_t started = 0;      // rotations started by this run
  std::int64_t finished = 0;     // rotations finished by this run
  std::int64_t reencrypted = 0;  // values re-encrypted by this run
  bool stopped = false;          // stop_after_batches was reached before the end
};

// The blind-index key (kIndexKeyLabel) is never rotated: it is not among "every scope", and
// naming it is InvalidArgument (field "scope").
// InvalidArgument (field "batch") for a batch size out of range; NotFound (field "scope") for a
// scope without a data key; errors of the keyring (wrong master key: FailedPrecondition) and of
// the database. A failed batch leaves the stored cursor where it was.
base::Result<DataKeyRotationReport> RotateDataKeys(store::Database& db, const Keyring& keyring,
                                                   const base::Clock& clock,
                                                   const DataKeyRotationOptions& options,
                                                   const DataKeyRotationHooks& hooks = {});

// How many values in the sealed columns name data key `key_id`.
base::Result<std::int64_t> CountSealedWith(store::Transaction& tx, std::int64_t key_id);

// One row of `xuanren keys list`.
struct DataKeyInfo {
  std::int64_t id = 0;
  std::string label;                           // the scope, or "<scope>#retiring" during a rotation
  Cipher cipher = Cipher::kXChaCha20Poly1305;  // as the wrapping says (checked when unwrapped)
  std::int64_t values = 0;                     // sealed values naming this key
  std::optional<RotationProgress> rotation;    // an unfinished rotation of its scope
};
// Every data key, by label; reads only (no key is unwrapped).
base::Result<std::vector<DataKeyInfo>> ListDataKeys(store::Transaction& tx);

}  // namespace xr::crypto
