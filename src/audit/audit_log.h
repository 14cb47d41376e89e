#pragma once
// AuditLog: appends to the full-process record (全程记实) inside the caller's transaction.
//
// Built ONCE at start-up by the composition root and shared by every service (it is thread-safe
// and holds the keys):
//
//   audit::AuditLog audit_log(audit::KeyFilePath(), clock);      // server / CLI
//   audit::AuditLog audit_log(audit::AuditKeys::Generate(), clock);  // unit tests, no file
//
// With a key file path the keys are read (and the file created with mode 0600 if missing) on the
// first call that needs them; a failure there is returned by that call and retried by the next.
// Tests of the whole application set XUANREN_AUDIT_KEY_FILE to a file in a temporary directory.
//
// A service writes its entry in the same transaction as its change:
//
//   return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
//     ASSIGN_OR_RETURN(Cadre saved, CadreRepository(tx).Update(request));
//     return audit_.Record(tx, actor, "cadre.update", "cadre", std::to_string(saved.id.value()),
//                          {{"changed", "post"}, {"changed", "rank"}}).status();
//   });
//
// so a rolled-back change leaves no entry and a committed one always has one. Appends serialise
// on the single audit_head row: SQLite's BEGIN IMMEDIATE queues writers; on PostgreSQL
// (SERIALIZABLE) the loser of a race fails with a serialization error and Database::Transact runs
// the whole unit of work again. A kRead transaction cannot append (InvalidArgument).

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "access/actor.h"
#include "access/recorder.h"
#include "audit/audit_entry.h"
#include "audit/audit_keys.h"
#include "audit/checkpoint.h"
#include "base/clock.h"
#include "store/database.h"

namespace xr::audit {

struct AuditLogOptions {
  // A signed checkpoint is stored automatically, in the appending transaction, whenever the
  // size reaches a multiple of this (0 = never).
  std::int64_t checkpoint_every = 1000;
};

class AuditLog final : public access::Recorder {
 public:
  AuditLog(std::string key_file, const base::Clock& clock, AuditLogOptions options = {});
  AuditLog(AuditKeys keys, const base::Clock& clock, AuditLogOptions options = {});

  // Appends one entry: assigns the next index and the clock's time, stores the leaf hash and
  // its MAC, advances the tree head, and every `checkpoint_every` entries stores a checkpoint.
  // Errors: InvalidArgument per ValidateNewEntry; the key file's error; store errors (Aborted
  // on a concurrent append — Transact retries).
  base::Result<AuditEntry> Append(store::Transaction& tx, NewAuditEntry entry) const;

  // Append for a service call by `actor` (username, user id and address taken from it).
  base::Result<AuditEntry> Record(store::Transaction& tx, const access::Actor& actor,
                                  std::string action, std::string object_type,
                                  std::string object_id, Details details = {}) const;

  // access::Recorder: Record, keeping only the status.
  base::Status Write(store::Transaction& tx, const access::Actor& actor, std::string_view action,
                     std::string_view object_type, std::string_view object_id,
                     Details details = {}) const override {
    return Record(tx, actor, std::string(action), std::string(object_type), std::string(object_id),
                  std::move(details))
        .status();
  }

  // Signs the current head (size, root, now) and, when `store` is true, saves it in
  // audit_checkpoints.
  base::Result<Checkpoint> SignHead(store::Transaction& tx, bool store) const;

  // The keys, loading them on first use.
  base::Result<const AuditKeys*> keys() const;
  const base::Clock& clock() const { return clock_; }

 private:
  std::string key_file_;
  const base::Clock& clock_;
  AuditLogOptions options_;
  mutable std::mutex mutex_;
  mutable std::optional<AuditKeys> keys_;
};

}  // namespace xr::audit
