#include "audit/audit_repository.h"

namespace xr::audit {
namespace {

constexpr std::string_view kEntryColumns =
    "idx, at, actor, actor_id, address, action, object_type, object_id, details";

base::Result<AuditEntry> EntryFromRow(const store::Row& row) {
  AuditEntry e;
  e.index = row.Int(0);
  ASSIGN_OR_RETURN(e.at, base::Timestamp::Parse(row.Text(1), "at"));
  e.actor = row.Text(2);
  e.actor_id = access::UserId(row.Int(3));
  e.address = row.Text(4);
  e.action = row.Text(5);
  e.object_type = row.Text(6);
  e.object_id = row.Text(7);
  ASSIGN_OR_RETURN(e.details, DecodeDetails(row.Text(8)));
  return e;
}

base::Result<std::vector<AuditEntry>> Entries(const store::Rows& rows) {
  std::vector<AuditEntry> out;
  out.reserve(rows.size());
  for (const store::Row& row : rows) {
    ASSIGN_OR_RETURN(AuditEntry e, EntryFromRow(row));
    out.push_back(std::move(e));
  }
  return out;
}

base::Result<Checkpoint> CheckpointFromRow(const store::Row& row) {
  Checkpoint c;
  c.size = row.Int(0);
  ASSIGN_OR_RETURN(c.root, HashFromHex(row.Text(1), "root"));
  ASSIGN_OR_RETURN(c.at, base::Timestamp::Parse(row.Text(2), "at"));
  c.key_id = row.Text(3);
  c.public_key = row.Text(4);
  c.signature = row.Text(5);
  return c;
}

}  // namespace

base::Result<Head> AuditRepository::ReadHead() {
  ASSIGN_OR_RETURN(store::Row row,
                   tx_.QueryOne("SELECT size, frontier, root FROM audit_head WHERE id = 1", {},
                                "全程记实表头缺失，数据库可能被篡改"));
  return Head{row.Int(0), row.Text(1), row.Text(2)};
}

base::Status AuditRepository::WriteHead(const Head& head, std::int64_t previous_size) {
  ASSIGN_OR_RETURN(std::int64_t changed,
                   tx_.Execute("UPDATE audit_head SET size = ?, frontier = ?, root = ? "
                               "WHERE id = 1 AND size = ?",
                               {head.size, head.frontier, head.root, previous_size}));
  if (changed != 1) return base::Aborted("全程记实表头被并发修改，请重试");
  return base::Status::Ok();
}

base::Status AuditRepository::InsertEntry(const AuditEntry& e, const Hash& leaf_hash,
                                          const Hash& mac) {
  return tx_.ExecuteDeferred(
      "INSERT INTO audit_entries (idx, at, actor, actor_id, address, action, "
      "object_type, object_id, details, leaf_hash, mac) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.index, e.at, e.actor, e.actor_id.value(), e.address, e.action, e.object_type, e.object_id,
       EncodeDetails(e.details), ToHex(leaf_hash), ToHex(mac)});
}

base::Status AuditRepository::InsertCheckpoint(const Checkpoint& c) {
  return tx_
      .Execute(
          "INSERT INTO audit_checkpoints (size, root, at, key_id, public_key, signature) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {c.size, ToHex(c.root), c.at, c.key_id, c.public_key, c.signature})
      .status();
}

base::Result<Checkpoint> AuditRepository::LatestCheckpoint() {
  ASSIGN_OR_RETURN(store::Row row,
                   tx_.QueryOne("SELECT size, root, at, key_id, public_key, signature "
                                "FROM audit_checkpoints ORDER BY size DESC, id DESC LIMIT 1",
                                {}, "还没有检查点"));
  return CheckpointFromRow(row);
}

base::Result<std::vector<Checkpoint>> AuditRepository::Checkpoints() {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query("SELECT size, root, at, key_id, public_key, signature "
                             "FROM audit_checkpoints ORDER BY size, id"));
  std::vector<Checkpoint> out;
  for (const store::Row& row : rows) {
    ASSIGN_OR_RETURN(Checkpoint c, CheckpointFromRow(row));
    out.push_back(std::move(c));
  }
  return out;
}

base::Result<EntryPage> AuditRepository::Search(const SearchFilter& f) {
  std::string where = " WHERE 1 = 1";
  store::Params params;
  if (!f.actor.empty()) {
    where += " AND actor = ?";
    params.push_back(f.actor);
  }
  if (!f.action.empty()) {
    if (f.action.back() == '.') {
      // A prefix as a byte range: no LIKE, so '%' and '_' in the input mean nothing.
      where += " AND action >= ? AND action < ?";
      params.push_back(f.action);
      params.push_back(f.action.substr(0, f.action.size() - 1) + "/");  // '/' follows '.'
    } else {
      where += " AND action = ?";
      params.push_back(f.action);
    }
  }
  if (!f.object_type.empty()) {
    where += " AND object_type = ?";
    params.push_back(f.object_type);
  }
  if (!f.object_id.empty()) {
    where += " AND object_id = ?";
    params.push_back(f.object_id);
  }
  if (f.from) {
    where += " AND at >= ?";
    params.push_back(*f.from);
  }
  if (f.to) {
    where += " AND at < ?";
    params.push_back(*f.to);
  }
  EntryPage page;
  ASSIGN_OR_RETURN(page.total, tx_.QueryInt("SELECT COUNT(*) FROM audit_entries" + where, params));
  params.push_back(std::int64_t{f.page_size});
  params.push_back(std::int64_t{f.page - 1} * f.page_size);
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query("SELECT " + std::string(kEntryColumns) + " FROM audit_entries" +
                                 where + " ORDER BY idx DESC LIMIT ? OFFSET ?",
                             params));
  ASSIGN_OR_RETURN(page.items, Entries(rows));
  return page;
}

base::Result<std::vector<AuditEntry>> AuditRepository::Timeline(std::string_view object_type,
                                                                std::string_view object_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query("SELECT " + std::string(kEntryColumns) +
                                 " FROM audit_entries WHERE object_type = ? AND object_id = ? "
                                 "ORDER BY idx",
                             {object_type, object_id}));
  return Entries(rows);
}

base::Result<AuditEntry> AuditRepository::Find(std::int64_t index) {
  ASSIGN_OR_RETURN(
      store::Row row,
      tx_.QueryOne("SELECT " + std::string(kEntryColumns) + " FROM audit_entries WHERE idx = ?",
                   {index}, "第 " + std::to_string(index) + " 条记录不存在"));
  return EntryFromRow(row);
}

base::Result<std::vector<Hash>> AuditRepository::LeafHashes(std::int64_t count) {
  std::vector<Hash> out;
  out.reserve(size_t(count));
  constexpr std::int64_t kPage = 20000;
  while (std::int64_t(out.size()) < count) {
    const std::int64_t from = std::int64_t(out.size());
    ASSIGN_OR_RETURN(store::Rows rows,
                     tx_.Query("SELECT idx, leaf_hash FROM audit_entries WHERE idx >= ? AND "
                               "idx < ? ORDER BY idx",
                               {from, std::min(count, from + kPage)}));
    for (const store::Row& row : rows) {
      ASSIGN_OR_RETURN(Hash h, HashFromHex(row.Text(1), "leaf_hash"));
      if (row.Int(0) != std::int64_t(out.size())) {
        return base::FailedPrecondition("全程记实第 " + std::to_string(out.size()) +
                                        " 条记录缺失，请运行 xuanren audit verify");
      }
      out.push_back(h);
    }
    if (rows.empty()) {
      return base::FailedPrecondition("全程记实第 " + std::to_string(out.size()) +
                                      " 条记录缺失，请运行 xuanren audit verify");
    }
  }
  return out;
}

base::Status AuditRepository::ScanRows(std::int64_t from, std::int64_t limit,
                                       const store::RowCallback& on_row) {
  // Column order is ScanColumn.
  static const std::string sql =
      "SELECT " + std::string(kEntryColumns) +
      ", leaf_hash, mac FROM audit_entries WHERE idx >= ? ORDER BY idx LIMIT ?";
  return tx_.ForEachRow(sql, {from, limit}, on_row);
}

}  // namespace xr::audit
