#include "audit/audit_log.h"

#include "audit/audit_repository.h"
#include "audit/merkle.h"

namespace xr::audit {

AuditLog::AuditLog(std::string key_file, const base::Clock& clock, AuditLogOptions options)
    : key_file_(std::move(key_file)), clock_(clock), options_(options) {}

AuditLog::AuditLog(AuditKeys keys, const base::Clock& clock, AuditLogOptions options)
    : clock_(clock), options_(options), keys_(std::move(keys)) {}

base::Result<const AuditKeys*> AuditLog::keys() const {
  std::lock_guard lock(mutex_);
  if (!keys_) {
    ASSIGN_OR_RETURN(AuditKeys loaded, LoadOrCreateKeyFile(key_file_));
    keys_ = std::move(loaded);
  }
  return &*keys_;
}

base::Result<AuditEntry> AuditLog::Append(store::Transaction& tx, NewAuditEntry request) const {
  RETURN_IF_ERROR(ValidateNewEntry(request));
  ASSIGN_OR_RETURN(const AuditKeys* keys, keys());
  AuditRepository repository(tx);
  ASSIGN_OR_RETURN(Head head, repository.ReadHead());
  ASSIGN_OR_RETURN(Frontier frontier,
                   Frontier::Deserialize(std::uint64_t(head.size), head.frontier));

  AuditEntry entry;
  entry.index = head.size;
  entry.at = clock_.Now();
  entry.actor = std::move(request.actor);
  entry.actor_id = request.actor_id;
  entry.address = std::move(request.address);
  entry.action = std::move(request.action);
  entry.object_type = std::move(request.object_type);
  entry.object_id = std::move(request.object_id);
  entry.details = std::move(request.details);
  Canonicalize(entry.details);

  const Hash leaf = LeafHash(EncodeEntry(entry));
  const Hash mac = keys->EntryMac(std::uint64_t(entry.index), leaf);
  frontier.Append(leaf);
  const Hash root = frontier.Root();
  // The head first: on PostgreSQL a concurrent appender then fails with a serialization error
  // (retried) rather than a duplicate-key error on the entry (not retried).
  RETURN_IF_ERROR(repository.WriteHead(
      Head{std::int64_t(frontier.size()), frontier.Serialize(), ToHex(root)}, head.size));
  RETURN_IF_ERROR(repository.InsertEntry(entry, leaf, mac));
  if (options_.checkpoint_every > 0 &&
      std::int64_t(frontier.size()) % options_.checkpoint_every == 0) {
    RETURN_IF_ERROR(repository.InsertCheckpoint(
        SignCheckpoint(*keys, std::int64_t(frontier.size()), root, entry.at)));
  }
  return entry;
}

base::Result<AuditEntry> AuditLog::Record(store::Transaction& tx, const access::Actor& actor,
                                          std::string action, std::string object_type,
                                          std::string object_id, Details details) const {
  return Append(tx,
                NewAuditEntry{actor.username, actor.user_id, actor.address, std::move(action),
                              std::move(object_type), std::move(object_id), std::move(details)});
}

base::Result<Checkpoint> AuditLog::SignHead(store::Transaction& tx, bool store) const {
  ASSIGN_OR_RETURN(const AuditKeys* keys, keys());
  AuditRepository repository(tx);
  ASSIGN_OR_RETURN(Head head, repository.ReadHead());
  ASSIGN_OR_RETURN(Hash root, HashFromHex(head.root, "root"));
  Checkpoint checkpoint = SignCheckpoint(*keys, head.size, root, clock_.Now());
  if (store) RETURN_IF_ERROR(repository.InsertCheckpoint(checkpoint));
  return checkpoint;
}

}  // namespace xr::audit
