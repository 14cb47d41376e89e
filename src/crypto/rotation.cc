#include "crypto/rotation.h"

#include <sodium.h>

#include <algorithm>
#include <map>

#include "crypto/sealed_columns.h"

namespace xr::crypto {
namespace {

constexpr std::int64_t kMaxBatch = 100000;

std::string ColumnName(const SealedColumn& column) {
  return std::string(column.table) + "." + std::string(column.column);
}

// The position in kSealedColumns of a stored cursor column; 0 for '' or a column no longer listed
// (the scan then starts over, which is safe: re-encrypted values no longer match).
size_t ColumnIndex(std::string_view name) {
  for (size_t i = 0; i < kSealedColumns.size(); ++i) {
    if (ColumnName(kSealedColumns[i]) == name) return i;
  }
  return 0;
}

// "c LIKE 'v1:<id>:%' OR c LIKE 's1:<id>:%'": the values sealed with key `key_id` in either
// cipher. Table and column names come only from kSealedColumns, never from input.
std::string NamesKey(const SealedColumn& column) {
  const std::string c(column.column);
  return "(" + c + " LIKE ? OR " + c + " LIKE ?)";
}

store::Params KeyPatterns(std::int64_t key_id) {
  const std::string id = std::to_string(key_id);
  return {"v1:" + id + ":%", "s1:" + id + ":%"};
}

struct Rotation {
  std::int64_t id = 0;
  std::string scope;
  std::int64_t old_key_id = 0;
  std::int64_t new_key_id = 0;
  Cipher cipher = Cipher::kXChaCha20Poly1305;
  std::int64_t total = 0;
  std::int64_t done = 0;
  std::string cursor_column;
  std::int64_t cursor_id = 0;
};

constexpr std::string_view kSelectRotation =
    "SELECT id, scope, old_key_id, new_key_id, cipher, total, done, cursor_column, cursor_id "
    "FROM key_rotations WHERE finished_at IS NULL ";

base::Result<Rotation> ReadRotation(const store::Row& row) {
  Rotation r;
  r.id = row.Int(0);
  r.scope = row.Text(1);
  r.old_key_id = row.Int(2);
  r.new_key_id = row.Int(3);
  ASSIGN_OR_RETURN(r.cipher, ParseCipher(row.Text(4)));
  r.total = row.Int(5);
  r.done = row.Int(6);
  r.cursor_column = row.Text(7);
  r.cursor_id = row.Int(8);
  return r;
}

base::Result<std::int64_t> StartRotations(store::Transaction& tx, const Keyring& keyring,
                                          base::Timestamp now,
                                          const DataKeyRotationOptions& options,
                                          const DataKeyRotationHooks& hooks) {
  std::vector<std::string> scopes;
  for (const std::string& scope : options.scopes) {  // each once, in the order given
    if (std::find(scopes.begin(), scopes.end(), scope) == scopes.end()) scopes.push_back(scope);
  }
  if (scopes.empty()) {
    ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT scope FROM data_keys WHERE scope NOT LIKE ? AND scope <> ? ORDER BY scope",
                 {"%#retiring", kIndexKeyLabel}));
    for (const store::Row& row : rows) scopes.push_back(row.Text(0));
  }
  // Blind indexes are hashes, not sealed values: re-encryption does not cover them, so a new
  // index key would leave every stored index unmatchable.
  if (std::find(scopes.begin(), scopes.end(), kIndexKeyLabel) != scopes.end()) {
    return base::InvalidArgument(
        "检索索引密钥（index）不参与数据密钥轮换：换掉它会使全部检索索引失效", "scope");
  }
  const Cipher cipher = options.cipher.value_or(keyring.new_key_cipher());
  DataKeys keys(tx, keyring);
  for (const std::string& scope : scopes) {
    // A label with '#' names a retiring key, never a scope.
    auto old_key = scope.find('#') == std::string::npos
                       ? keys.ActiveKeyId(scope)
                       : base::Result<std::int64_t>(base::NotFound("not a scope"));
    if (!old_key.ok() && old_key.status().code() == base::StatusCode::kNotFound) {
      return base::NotFound("范围“" + scope + "”没有数据密钥（尚无加密字段使用它）", "scope");
    }
    if (!old_key.ok()) return old_key.status();
    RETURN_IF_ERROR(keys.Relabel(*old_key, RetiringLabel(scope)));
    ASSIGN_OR_RETURN(std::int64_t new_key, keys.Create(scope, cipher));
    ASSIGN_OR_RETURN(std::int64_t total, CountSealedWith(tx, *old_key));
    RETURN_IF_ERROR(tx.Execute("INSERT INTO key_rotations (scope, old_key_id, new_key_id, cipher, "
                               "total, started_at) VALUES (?, ?, ?, ?, ?, ?)",
                               {scope, *old_key, new_key, CipherName(cipher), total, now})
                        .status());
    if (hooks.record) {
      RETURN_IF_ERROR(
          hooks.record(tx, {RotationEvent::Kind::kStart, scope, *old_key, new_key, cipher, total}));
    }
  }
  return std::int64_t(scopes.size());
}

struct BatchOutcome {
  bool ran = false;  // false: no unfinished rotation is left
  Rotation rotation;
  std::int64_t values = 0;
  bool finished = false;
};

// One batch of the oldest unfinished rotation, in `tx`.
base::Status RunBatch(store::Transaction& tx, const Keyring& keyring, base::Timestamp now,
                      std::int64_t batch_size, const DataKeyRotationHooks& hooks,
                      BatchOutcome& out) {
  out = {};
  ASSIGN_OR_RETURN(store::Rows open,
                   tx.Query(std::string(kSelectRotation) + "ORDER BY id LIMIT 1"));
  if (open.empty()) return base::Status::Ok();
  out.ran = true;
  ASSIGN_OR_RETURN(Rotation r, ReadRotation(open[0]));

  size_t index = ColumnIndex(r.cursor_column);
  if (r.cursor_column.empty() || ColumnName(kSealedColumns[index]) != r.cursor_column) {
    r.cursor_id = 0;
  }
  DataKeys keys(tx, keyring);
  // Up to batch_size values, continuing into the next column when one is exhausted.
  for (;;) {
    const SealedColumn& column = kSealedColumns[index];
    const std::int64_t room = batch_size - out.values;
    store::Params params{r.cursor_id};
    for (store::Value& pattern : KeyPatterns(r.old_key_id)) params.push_back(std::move(pattern));
    params.emplace_back(room);
    const std::string table(column.table), name(column.column);
    ASSIGN_OR_RETURN(store::Rows rows,
                     tx.Query("SELECT id, " + name + " FROM " + table + " WHERE id > ? AND " +
                                  NamesKey(column) + " ORDER BY id LIMIT ?",
                              params));
    for (const store::Row& row : rows) {
      const std::int64_t id = row.Int(0);
      const std::string sealed = row.Text(1);
      const std::string context = FieldContext(table, name, id);
      auto key_id = SealedKeyId(sealed);
      auto opened = key_id.ok() && *key_id == r.old_key_id
                        ? keys.Open(context, sealed)
                        : base::Result<std::string>(base::InvalidArgument("不是有效的密文"));
      if (!opened.ok()) {
        // A value that does not open (tampered, moved between rows) stops the rotation here,
        // with the cursor before it, until someone looks at that row.
        return base::Status(
            opened.status().code(),
            ColumnName(column) + "（id " + std::to_string(id) + "）：" + opened.status().message());
      }
      std::string plaintext = std::move(*opened);
      auto resealed = keys.SealWith(r.new_key_id, context, plaintext);
      sodium_memzero(plaintext.data(), plaintext.size());
      if (!resealed.ok()) return resealed.status();
      ASSIGN_OR_RETURN(
          std::int64_t changed,
          tx.Execute("UPDATE " + table + " SET " + name + " = ? WHERE id = ? AND " + name + " = ?",
                     {*resealed, id, sealed}));
      r.cursor_id = id;
      out.values += changed;
    }
    if (std::int64_t(rows.size()) == room) {
      r.cursor_column = ColumnName(column);  // the batch is full; more may follow here
      break;
    }
    if (index + 1 < kSealedColumns.size()) {
      ++index;
      r.cursor_column = ColumnName(kSealedColumns[index]);
      r.cursor_id = 0;
      continue;
    }
    // The scan is complete. Retire the old key only when nothing names it any more; otherwise
    // (a writer that began before the start sealed with it) scan once more.
    ASSIGN_OR_RETURN(std::int64_t remaining, CountSealedWith(tx, r.old_key_id));
    r.cursor_column = ColumnName(kSealedColumns[0]);
    r.cursor_id = 0;
    out.finished = remaining == 0;
    break;
  }
  r.done += out.values;
  // Values rewritten under the new key meanwhile needed no re-encryption: at the end, the total
  // is what was done.
  r.total = out.finished ? r.done : std::max(r.total, r.done);
  if (out.finished) {
    RETURN_IF_ERROR(tx.Execute("DELETE FROM data_keys WHERE id = ? AND scope = ?",
                               {r.old_key_id, RetiringLabel(r.scope)})
                        .status());
    RETURN_IF_ERROR(
        tx.Execute("UPDATE key_rotations SET done = ?, total = ?, cursor_column = ?, cursor_id = "
                   "?, finished_at = ? WHERE id = ?",
                   {r.done, r.total, r.cursor_column, r.cursor_id, now, r.id})
            .status());
    if (hooks.record) {
      RETURN_IF_ERROR(hooks.record(tx, {RotationEvent::Kind::kFinish, r.scope, r.old_key_id,
                                        r.new_key_id, r.cipher, r.done}));
    }
  } else {
    RETURN_IF_ERROR(tx.Execute("UPDATE key_rotations SET done = ?, total = ?, cursor_column = ?, "
                               "cursor_id = ? WHERE id = ?",
                               {r.done, r.total, r.cursor_column, r.cursor_id, r.id})
                        .status());
  }
  out.rotation = r;
  return base::Status::Ok();
}

}  // namespace

base::Result<std::int64_t> CountSealedWith(store::Transaction& tx, std::int64_t key_id) {
  std::int64_t count = 0;
  for (const SealedColumn& column : kSealedColumns) {
    ASSIGN_OR_RETURN(std::int64_t n,
                     tx.QueryInt("SELECT COUNT(*) FROM " + std::string(column.table) + " WHERE " +
                                     NamesKey(column),
                                 KeyPatterns(key_id)));
    count += n;
  }
  return count;
}

base::Result<std::vector<DataKeyInfo>> ListDataKeys(store::Transaction& tx) {
  ASSIGN_OR_RETURN(store::Rows keys,
                   tx.Query("SELECT id, scope, wrapped FROM data_keys ORDER BY scope"));
  ASSIGN_OR_RETURN(store::Rows open, tx.Query("SELECT scope, done, total FROM key_rotations "
                                              "WHERE finished_at IS NULL"));
  std::vector<DataKeyInfo> out;
  for (const store::Row& row : keys) {
    DataKeyInfo info;
    info.id = row.Int(0);
    info.label = row.Text(1);
    info.cipher =
        row.Text(2).starts_with("s1:") ? Cipher::kSm4CtrHmacSm3 : Cipher::kXChaCha20Poly1305;
    ASSIGN_OR_RETURN(info.values, CountSealedWith(tx, info.id));
    const std::string scope = info.label.substr(0, info.label.find('#'));
    for (const store::Row& rotation : open) {
      if (rotation.Text(0) == scope) {
        info.rotation = RotationProgress{scope, rotation.Int(1), rotation.Int(2)};
      }
    }
    out.push_back(std::move(info));
  }
  return out;
}

base::Result<DataKeyRotationReport> RotateDataKeys(store::Database& db, const Keyring& keyring,
                                                   const base::Clock& clock,
                                                   const DataKeyRotationOptions& options,
                                                   const DataKeyRotationHooks& hooks) {
  if (options.batch_size < 1 || options.batch_size > kMaxBatch) {
    return base::InvalidArgument("每批数量须在 1–100000 之间", "batch");
  }
  DataKeyRotationReport report;
  ASSIGN_OR_RETURN(
      report.resumed,
      db.TransactValue<std::int64_t>(store::TxMode::kRead, [](store::Transaction& tx) {
        return tx.QueryInt("SELECT COUNT(*) FROM key_rotations WHERE finished_at IS NULL");
      }));
  if (report.resumed == 0) {
    ASSIGN_OR_RETURN(
        report.started,
        db.TransactValue<std::int64_t>(store::TxMode::kWrite, [&](store::Transaction& tx) {
          return StartRotations(tx, keyring, clock.Now(), options, hooks);
        }));
  }

  // done / total of this run's rotations, for the progress line.
  ASSIGN_OR_RETURN(store::Rows open,
                   db.TransactValue<store::Rows>(store::TxMode::kRead, [](store::Transaction& tx) {
                     return tx.Query(
                         "SELECT id, done, total FROM key_rotations "
                         "WHERE finished_at IS NULL");
                   }));
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> counts;
  for (const store::Row& row : open) counts[row.Int(0)] = {row.Int(1), row.Int(2)};

  std::int64_t batches = 0;
  for (;;) {
    if (options.stop_after_batches && batches >= *options.stop_after_batches) {
      report.stopped = true;
      break;
    }
    BatchOutcome outcome;
    RETURN_IF_ERROR(db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) {
      return RunBatch(tx, keyring, clock.Now(), options.batch_size, hooks, outcome);
    }));
    if (!outcome.ran) break;
    ++batches;
    report.reencrypted += outcome.values;
    if (outcome.finished) ++report.finished;
    counts[outcome.rotation.id] = {outcome.rotation.done, outcome.rotation.total};
    if (hooks.progress) {
      RotationProgress progress{outcome.rotation.scope, 0, 0};
      for (const auto& [id, count] : counts) {
        progress.done += count.first;
        progress.total += count.second;
      }
      hooks.progress(progress);
    }
  }
  return report;
}

}  // namespace xr::crypto
