#include "audit/verify.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <limits>
#include <span>
#include <string_view>
#include <system_error>
#include <variant>

#include "audit/audit_repository.h"
#include "audit/merkle.h"

namespace xr::audit {
namespace {

struct RootCheck {
  std::int64_t size;
  Hash root;
  std::string label;                   // "检查点（第 k 个，N 条）" / "外部检查点"
  const Checkpoint* stored = nullptr;  // null for the anchored checkpoint (checked up front)
  bool signature_ok = true;            // stored ones: set by check_signatures_through before use
};

std::string Index(std::int64_t i) { return "第 " + std::to_string(i) + " 条记录"; }

}  // namespace

base::Result<VerifyReport> Verify(store::Database& db, const AuditKeys& keys,
                                  const VerifyOptions& options) {
  VerifyReport report;
  base::Status status =
      db.Transact(store::TxMode::kRead, [&](store::Transaction& tx) -> base::Status {
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
        // bad entry is what the investigator needs first. A checkpoint whose signature fails takes
        // no part in the root checks.
        const std::string our_key = keys.PublicKeyHex();
        std::vector<RootCheck> checks;
        for (size_t i = 0; i < stored.size(); ++i) {
          const Checkpoint& c = stored[i];
          checks.push_back(
              {c.size, c.root,
               "检查点（第 " + std::to_string(i + 1) + " 个，" + std::to_string(c.size) + " 条）",
               &c});
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
        // Ed25519 checks of the stored checkpoints (one per 1000 entries, each costing about as
        // much as hashing 300 entries) run on the reading thread, ahead of the worker: every
        // checkpoint of size <= `size` is settled before a page ending at index size - 1 is handed
        // over.
        size_t signatures_checked = 0;
        auto check_signatures_through = [&](std::int64_t size) {
          for (; signatures_checked < checks.size() && checks[signatures_checked].size <= size;
               ++signatures_checked) {
            RootCheck& c = checks[signatures_checked];
            if (c.stored) {
              c.signature_ok =
                  c.stored->public_key == our_key && CheckpointSignatureValid(*c.stored);
            }
          }
        };
        size_t next_check = 0;

        Frontier frontier;
        std::int64_t expected = 0;
        auto check_roots = [&]() -> std::optional<std::string> {
          while (next_check < checks.size()) {
            const RootCheck& c = checks[next_check];
            if (c.size <= expected && !c.signature_ok) {  // reported after the entries
              ++next_check;
              continue;
            }
            if (c.size != expected) break;
            if (frontier.Root() != c.root) return c.label + "的根哈希与重算结果不符";
            ++report.checkpoints_checked;
            ++next_check;
          }
          return std::nullopt;
        };
        check_signatures_through(0);
        if (auto problem = check_roots()) return fail(std::nullopt, *problem);

        // The hot loop (docs/benchmarks.md), in two stages that overlap on two cores:
        //  1. on this (the transaction's) thread: read a page of rows and rebuild each row's
        //     canonical bytes straight from its text (no AuditEntry, no decoded Details, no
        //     allocation per row beyond the store's Row); then, for as long as the worker is still
        //     busy with the previous page, compute leaf hashes from the front of this one;
        //  2. on a worker thread, strictly in index order: contiguity, the leaf hashes stage 1 did
        //  not
        //     get to, the stored leaf hash, the MAC (from a precomputed HMAC state), the tree nodes
        //     the frontier completes, and the roots at the checkpoints.
        // Stage 1 stops encoding at the first row that is out of sequence or cannot be parsed;
        // stage 2 names it in order, so the first problem reported is the first in index order,
        // exactly as with one thread. Splitting the leaf hashing by who is free keeps both cores
        // busy whichever of reading and hashing is the slower on the machine at hand.
        struct Page {
          store::Rows rows;
          std::vector<std::uint8_t>
              bytes;                 // canonical bytes of rows [0, ends.size()), back to back
          std::vector<size_t> ends;  // end offset of each encoded row in `bytes`
          std::vector<Hash> leaves;  // ends.size() slots, filled [0, hashed) by stage 1
          size_t hashed = 0;
          Hash Leaf(size_t i) const {
            const size_t begin = i == 0 ? 0 : ends[i - 1];
            return LeafHash(std::span<const std::uint8_t>(bytes.data() + begin, ends[i] - begin));
          }
        };
        using C = AuditRepository::ScanColumn;
        // The stored text in place; Row::Text's conversion only for a value that is not text.
        auto text = [](const store::Row& row, C column, std::string& scratch) -> std::string_view {
          if (const auto* s = std::get_if<std::string>(&row.at(column).storage())) return *s;
          scratch = row.Text(column);
          return scratch;
        };
        std::string read_scratch[AuditRepository::kScanColumns];
        // Stage 1, encoding. Stops at the first row whose index is not `first` + its position or
        // whose fields do not parse.
        auto encode_page = [&](Page& page, std::int64_t first) {
          page.ends.reserve(page.rows.size());
          page.bytes.reserve(page.rows.size() * 192);
          for (const store::Row& row : page.rows) {
            const std::int64_t index = row.Int(C::kIdx);
            if (index != first + std::int64_t(page.ends.size())) break;
            auto at = base::Timestamp::Parse(text(row, C::kAt, read_scratch[C::kAt]), "at");
            if (!at.ok()) break;
            StoredEntryFields fields;
            fields.index = index;
            fields.at_micros = at->unix_micros();
            fields.actor_id = row.Int(C::kActorId);
            fields.actor = text(row, C::kActor, read_scratch[C::kActor]);
            fields.address = text(row, C::kAddress, read_scratch[C::kAddress]);
            fields.action = text(row, C::kAction, read_scratch[C::kAction]);
            fields.object_type = text(row, C::kObjectType, read_scratch[C::kObjectType]);
            fields.object_id = text(row, C::kObjectId, read_scratch[C::kObjectId]);
            fields.details = text(row, C::kDetails, read_scratch[C::kDetails]);
            if (!EncodeStoredEntryTo(fields, page.bytes)) break;
            page.ends.push_back(page.bytes.size());
          }
          page.bytes.resize(page.ends.empty() ? 0 : page.ends.back());
          page.leaves.resize(page.ends.size());
        };

        // Stage 2. False when a problem was found (and reported). Frees the page when done, so that
        // the worker, not the reading thread, pays for it.
        const EntryMacer macer(keys);
        std::string check_scratch;
        auto stop = [&](std::int64_t index, std::string reason) {
          (void)fail(index, std::move(reason));
          return false;
        };
        auto check_page = [&](Page& page) -> bool {
          for (size_t i = 0; i < page.rows.size(); ++i) {
            const store::Row& row = page.rows[i];
            const std::int64_t index = row.Int(C::kIdx);
            if (index != expected) {
              return stop(expected, Index(expected) + "缺失（其后为第 " + std::to_string(index) +
                                        " 条）：记录被删除或序号被改");
            }
            // In sequence, so stage 1 stopped here only because the fields do not parse.
            if (i >= page.ends.size()) {
              return stop(expected, Index(expected) + "的字段无法解析：记录被修改");
            }
            if (i >= page.hashed) page.leaves[i] = page.Leaf(i);
            const Hash& leaf = page.leaves[i];
            if (!EqualsHex(leaf, text(row, C::kLeafHash, check_scratch))) {
              return stop(expected, Index(expected) + "的内容与其叶哈希不符：记录被修改");
            }
            if (!EqualsHex(macer.EntryMac(std::uint64_t(expected), leaf),
                           text(row, C::kMac, check_scratch))) {
              return stop(expected,
                          Index(expected) + "的校验码（MAC）不符：记录被修改、插入或调换了位置");
            }
            frontier.Append(leaf);
            ++expected;
            report.entries_checked = expected;
            if (auto problem = check_roots()) return stop(expected - 1, *problem);
          }
          page = Page{};
          return true;
        };

        auto read_page = [&](std::int64_t from) -> base::Result<Page> {
          Page page;
          ASSIGN_OR_RETURN(page.rows, repository.ScanRows(from, options.page_size));
          if (!page.rows.empty()) {
            check_signatures_through(page.rows.back().Int(C::kIdx) + 1);
          }
          encode_page(page, from);
          return page;
        };
        ASSIGN_OR_RETURN(Page page, read_page(0));
        while (std::int64_t(page.rows.size()) == options.page_size) {
          const std::int64_t next_from = page.rows.back().Int(C::kIdx) + 1;
          std::future<bool> checked;
          try {
            checked = std::async(std::launch::async, [&] { return check_page(page); });
          } catch (const std::system_error&) {  // no thread to be had: check, then read
            checked = std::async(std::launch::deferred, [&] { return check_page(page); });
            checked.wait();
          }
          base::Result<Page> next = read_page(next_from);
          if (next.ok()) {  // help with the next page's leaf hashes while the worker is busy
            Page& n = *next;
            constexpr size_t kStep = 64;  // rows between looks at the worker
            while (n.hashed < n.ends.size() &&
                   checked.wait_for(std::chrono::seconds(0)) == std::future_status::timeout) {
              for (size_t end = std::min(n.ends.size(), n.hashed + kStep); n.hashed < end;
                   ++n.hashed) {
                n.leaves[n.hashed] = n.Leaf(n.hashed);
              }
            }
          }
          if (!checked.get()) return base::Status::Ok();
          if (!next.ok()) return next.status();
          page = std::move(next).value();
        }
        if (!check_page(page)) return base::Status::Ok();
        check_signatures_through(std::numeric_limits<std::int64_t>::max());
        while (next_check < checks.size() && !checks[next_check].signature_ok) ++next_check;
        report.root = frontier.Root();

        if (next_check < checks.size()) {
          const RootCheck& c = checks[next_check];
          return fail(expected, c.label + "记载 " + std::to_string(c.size) + " 条，现只有 " +
                                    std::to_string(expected) + " 条：第 " +
                                    std::to_string(expected) + " 条起的尾部记录被删除");
        }
        if (head.size > expected) {
          return fail(expected, "表头记载 " + std::to_string(head.size) + " 条，现只有 " +
                                    std::to_string(expected) + " 条：第 " +
                                    std::to_string(expected) + " 条起的尾部记录被删除");
        }
        if (head.size < expected) {
          return fail(head.size, "表头只记载 " + std::to_string(head.size) + " 条，其后的 " +
                                     std::to_string(expected - head.size) + " 条不在树中");
        }
        if (head.root != ToHex(report.root)) {
          return fail(std::nullopt, "表头的根哈希与重算结果不符：表头被修改");
        }
        for (const RootCheck& c : checks) {
          if (!c.signature_ok)
            return fail(std::nullopt, c.label + "的签名无效或不是本系统密钥签署");
        }
        report.ok = true;
        return base::Status::Ok();
      });
  if (!status.ok()) return status;
  return report;
}

}  // namespace xr::audit
