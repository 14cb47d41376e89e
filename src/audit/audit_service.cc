#include "audit/audit_service.h"

#include "audit/audit_permissions.h"

namespace xr::audit {

base::Status RequireAuditReader(const access::Actor& actor) {
  if (actor.HasRole(kAuditAdminRole) || actor.HasPermission(kAuditRead.name)) {
    return base::Status::Ok();
  }
  return base::PermissionDenied("只有安全审计员可以查阅全程记实");
}

base::Result<EntryPage> AuditService::Search(const access::Actor& actor, SearchFilter filter) {
  RETURN_IF_ERROR(RequireAuditReader(actor));
  if (filter.page < 1) return base::InvalidArgument("页码须不小于 1", "page");
  if (filter.page_size < 1 || filter.page_size > kMaxPageSize) {
    return base::InvalidArgument("每页条数须在 1–200 之间", "page_size");
  }
  if (filter.from && filter.to && *filter.from >= *filter.to) {
    return base::InvalidArgument("结束时间须晚于开始时间", "to");
  }
  return db_.TransactValue<EntryPage>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return AuditRepository(tx).Search(filter);
  });
}

base::Result<std::vector<AuditEntry>> AuditService::Timeline(const access::Actor& actor,
                                                             std::string_view object_type,
                                                             std::string_view object_id) {
  RETURN_IF_ERROR(RequireAuditReader(actor));
  if (object_type.empty()) return base::InvalidArgument("请指定对象类型", "object_type");
  if (object_id.empty()) return base::InvalidArgument("请指定对象编号", "object_id");
  return db_.TransactValue<std::vector<AuditEntry>>(
      store::TxMode::kRead,
      [&](store::Transaction& tx) { return AuditRepository(tx).Timeline(object_type, object_id); });
}

base::Result<InclusionProofResult> AuditService::InclusionProof(const access::Actor& actor,
                                                                std::int64_t index,
                                                                std::int64_t tree_size) {
  RETURN_IF_ERROR(RequireAuditReader(actor));
  if (index < 0) return base::InvalidArgument("记录序号不能为负数", "index");
  if (tree_size < 0) return base::InvalidArgument("树大小不能为负数", "tree_size");
  return db_.TransactValue<InclusionProofResult>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<InclusionProofResult> {
        AuditRepository repository(tx);
        ASSIGN_OR_RETURN(Head head, repository.ReadHead());
        const std::int64_t size = tree_size == 0 ? head.size : tree_size;
        if (size > head.size) {
          return base::InvalidArgument(
              "树大小 " + std::to_string(size) + " 超过现有记录数 " + std::to_string(head.size),
              "tree_size");
        }
        if (index >= size) {
          return base::NotFound(
              "第 " + std::to_string(index) + " 条记录不在前 " + std::to_string(size) + " 条之内",
              "index");
        }
        InclusionProofResult result;
        ASSIGN_OR_RETURN(result.entry, repository.Find(index));
        ASSIGN_OR_RETURN(std::vector<Hash> leaves, repository.LeafHashes(size));
        result.tree_size = size;
        result.leaf_hash = leaves[size_t(index)];
        result.root = RootOf(leaves);
        ASSIGN_OR_RETURN(result.path, audit::InclusionProof(leaves, std::uint64_t(index)));
        return result;
      });
}

base::Result<ConsistencyProofResult> AuditService::ConsistencyProof(const access::Actor& actor,
                                                                    std::int64_t first,
                                                                    std::int64_t second) {
  RETURN_IF_ERROR(RequireAuditReader(actor));
  if (first < 0) return base::InvalidArgument("较早的树大小不能为负数", "first");
  if (second < 0) return base::InvalidArgument("较晚的树大小不能为负数", "second");
  return db_.TransactValue<ConsistencyProofResult>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<ConsistencyProofResult> {
        AuditRepository repository(tx);
        ASSIGN_OR_RETURN(Head head, repository.ReadHead());
        const std::int64_t to = second == 0 ? head.size : second;
        if (to > head.size) {
          return base::InvalidArgument(
              "树大小 " + std::to_string(to) + " 超过现有记录数 " + std::to_string(head.size),
              "second");
        }
        if (first > to) {
          return base::InvalidArgument("较早的树大小不能大于较晚的", "first");
        }
        ConsistencyProofResult result;
        result.first = first;
        result.second = to;
        ASSIGN_OR_RETURN(std::vector<Hash> leaves, repository.LeafHashes(to));
        std::span<const Hash> all(leaves);
        result.first_root = RootOf(all.first(size_t(first)));
        result.second_root = RootOf(all);
        ASSIGN_OR_RETURN(result.path, audit::ConsistencyProof(all, std::uint64_t(first)));
        return result;
      });
}

base::Result<Checkpoint> AuditService::CurrentHead(const access::Actor&) {
  return db_.TransactValue<audit::Checkpoint>(
      store::TxMode::kRead, [&](store::Transaction& tx) { return log_.SignHead(tx, false); });
}

base::Result<Checkpoint> AuditService::CreateCheckpoint(const access::Actor& actor) {
  RETURN_IF_ERROR(RequireAuditReader(actor));
  return db_.TransactValue<audit::Checkpoint>(
      store::TxMode::kWrite, [&](store::Transaction& tx) { return log_.SignHead(tx, true); });
}

}  // namespace xr::audit
