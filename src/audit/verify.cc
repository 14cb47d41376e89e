#include "audit/verify.h"

#include <algorithm>

#include "audit/audit_repository.h"
#include "audit/merkle.h"

namespace xr::audit {
namespace {

struct RootCheck {
  std::int64_t size;
  Hash root;
  std::string label;  // "检查点（第 k 个，N 条）" / "外部检查点"
};

std::string Index(std::int64_t i) { return "第 " + std::to_string(i) + " 条记录"; }

}  // namespace

base::Result<VerifyReport> Verify(store::Database& db, const AuditKeys& keys,
                                  const VerifyOptions& options) {
  VerifyReport report;
  base::Status status = db.Transact(store::TxMode::kRead, [&](store::Transaction& tx)
                                                              -> base::Status {
    report = VerifyReport{};
    AuditRepository repository(tx);
    ASSIGN_OR_RETURN(Head head, repository.ReadHead());
    ASSIGN_OR_RETURN(std::vector<Checkpoint> stored, repository.Checkpoints());

    auto fail = [&](std::optional<std::int64_t> index, std::string reason) {
      report.ok = false;
      report.first_bad_index = index;
      report.reason = std::move(reason);
      return base::Status::Ok();
    };

    // Problems of checkpoints themselves are reported only if every entry is sound: the first
    // bad entry is what the investigator needs first.
    std::optional<std::string> checkpoint_problem;
    const std::string our_key = keys.PublicKeyHex();
    std::vector<RootCheck> checks;
    for (size_t i = 0; i < stored.size(); ++i) {
      const Checkpoint& c = stored[i];
      const std::string label =
          "检查点（第 " + std::to_string(i + 1) + " 个，" + std::to_string(c.size) + " 条）";
      if (c.public_key != our_key || !CheckpointSignatureValid(c)) {
        if (!checkpoint_problem) checkpoint_problem = label + "的签名无效或不是本系统密钥签署";
        continue;
      }
      checks.push_back({c.size, c.root, label});
    }
    if (options.anchored) {
      const Checkpoint& a = *options.anchored;
      if (!CheckpointSignatureValid(a)) return fail(std::nullopt, "外部检查点的签名无效");
      if (a.public_key != our_key) {
        return fail(std::nullopt, "外部检查点不是由本系统的审计密钥签署（密钥编号 " + a.key_id +
                                      "，本系统 " + keys.KeyId() + "）");
      }
      checks.push_back({a.size, a.root, "外部检查点（" + std::to_string(a.size) + " 条）"});
    }
    std::stable_sort(checks.begin(), checks.end(),
                     [](const RootCheck& a, const RootCheck& b) { return a.size < b.size; });
    size_t next_check = 0;

    Frontier frontier;
    std::vector<std::uint8_t> buffer;
    std::int64_t expected = 0;
    auto check_roots = [&]() -> std::optional<std::string> {
      while (next_check < checks.size() && checks[next_check].size == expected) {
        if (frontier.Root() != checks[next_check].root) {
          return checks[next_check].label + "的根哈希与重算结果不符";
        }
        ++report.checkpoints_checked;
        ++next_check;
      }
      return std::nullopt;
    };
    if (auto problem = check_roots()) return fail(std::nullopt, *problem);

    for (;;) {
      ASSIGN_OR_RETURN(std::vector<StoredEntry> page, repository.Scan(expected, options.page_size));
      for (const StoredEntry& s : page) {
        if (s.entry.index != expected) {
          return fail(expected, Index(expected) + "缺失（其后为第 " +
                                    std::to_string(s.entry.index) + " 条）：记录被删除或序号被改");
        }
        if (s.leaf_hash == "unparseable") {
          return fail(expected, Index(expected) + "的字段无法解析：记录被修改");
        }
        buffer.clear();
        EncodeEntryTo(s.entry, buffer);
        const Hash leaf = LeafHash(buffer);
        if (ToHex(leaf) != s.leaf_hash) {
          return fail(expected, Index(expected) + "的内容与其叶哈希不符：记录被修改");
        }
        if (ToHex(keys.EntryMac(std::uint64_t(expected), leaf)) != s.mac) {
          return fail(expected, Index(expected) +
                                    "的校验码（MAC）不符：记录被修改、插入或调换了位置");
        }
        frontier.Append(leaf);
        ++expected;
        report.entries_checked = expected;
        if (auto problem = check_roots()) return fail(expected - 1, *problem);
      }
      if (std::int64_t(page.size()) < options.page_size) break;
    }
    report.root = frontier.Root();

    if (next_check < checks.size()) {
      const RootCheck& c = checks[next_check];
      return fail(expected, c.label + "记载 " + std::to_string(c.size) + " 条，现只有 " +
                                std::to_string(expected) + " 条：第 " + std::to_string(expected) +
                                " 条起的尾部记录被删除");
    }
    if (head.size > expected) {
      return fail(expected, "表头记载 " + std::to_string(head.size) + " 条，现只有 " +
                                std::to_string(expected) + " 条：第 " + std::to_string(expected) +
                                " 条起的尾部记录被删除");
    }
    if (head.size < expected) {
      return fail(head.size, "表头只记载 " + std::to_string(head.size) + " 条，其后的 " +
                                 std::to_string(expected - head.size) + " 条不在树中");
    }
    if (head.root != ToHex(report.root)) {
      return fail(std::nullopt, "表头的根哈希与重算结果不符：表头被修改");
    }
    if (checkpoint_problem) return fail(std::nullopt, *checkpoint_problem);
    report.ok = true;
    return base::Status::Ok();
  });
  if (!status.ok()) return status;
  return report;
}

}  // namespace xr::audit
