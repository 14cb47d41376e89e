#include "audit/verify.h"

#include <algorithm>
#include <chrono>
#include <cstring>
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
        //  1. on this (the transaction's) thread: stream a page of rows through
        //     store::Transaction::ForEachRow and rebuild each row's canonical bytes straight from
        //     the engine's buffers (no Row, no AuditEntry, no decoded Details, no allocation per
        //     row), keeping a copy of its stored leaf hash and MAC; then, for as long as the worker
        //     is still busy with the previous page, compute leaf hashes from the front of this one;
        //  2. on a worker thread, strictly in index order: the leaf hashes stage 1 did not get to,
        //     the stored leaf hash, the MAC (from a precomputed HMAC state), the tree nodes the
        //     frontier completes, and the roots at the checkpoints.
        // Stage 1 stops the scan at the first row that is out of sequence or cannot be parsed and
        // notes why; stage 2 names it in order, after the rows before it, so the first problem
        // reported is the first in index order, exactly as with one thread. Splitting the leaf
        // hashing by who is free keeps both cores busy whichever of reading and hashing is the
        // slower on the machine at hand.
        struct StoredHashes {
          // The stored hex text; `*_ok` false unless it was exactly 64 characters (EqualsHex
          // then fails, as it does on the text itself).
          char leaf[64];
          char mac[64];
          bool leaf_ok;
          bool mac_ok;
          std::string_view Leaf() const { return leaf_ok ? std::string_view(leaf, 64) : ""; }
          std::string_view Mac() const { return mac_ok ? std::string_view(mac, 64) : ""; }
        };
        struct Page {
          std::int64_t first = 0;  // index of the first row
          std::int64_t rows = 0;   // rows read (encoded, plus the one that stopped the scan)
          std::vector<std::uint8_t> bytes;   // canonical bytes of the encoded rows, back to back
          std::vector<size_t> ends;          // end offset of each encoded row in `bytes`
          std::vector<StoredHashes> stored;  // per encoded row
          std::vector<Hash> leaves;          // ends.size() slots, filled [0, hashed) by stage 1
          size_t hashed = 0;
          // Set when a row could not be encoded: its stored index (out of sequence when it is not
          // first + ends.size(); otherwise its fields do not parse). Nothing is read after it.
          std::optional<std::int64_t> stopped_at;
          Hash Leaf(size_t i) const {
            const size_t begin = i == 0 ? 0 : ends[i - 1];
            return LeafHash(std::span<const std::uint8_t>(bytes.data() + begin, ends[i] - begin));
          }
        };
        using C = AuditRepository::ScanColumn;
        // Stage 1, reading and encoding one page (up to options.page_size rows from `first`).
        const base::Status kStopScan = base::Internal("verify: stop the scan");
        auto read_page = [&](std::int64_t first) -> base::Result<Page> {
          Page page;
          page.first = first;
          const size_t expected_rows = size_t(std::min<std::int64_t>(options.page_size, 1 << 16));
          page.ends.reserve(expected_rows);
          page.stored.reserve(expected_rows);
          page.bytes.reserve(expected_rows * 192);
          base::Status scanned = repository.ScanRows(
              first, options.page_size, [&](const store::RowView& row) -> base::Status {
                ++page.rows;
                const std::int64_t index = row.Int(C::kIdx);
                auto stop = [&] {
                  page.stopped_at = index;
                  return kStopScan;
                };
                if (index != first + std::int64_t(page.ends.size())) return stop();
                auto at = base::Timestamp::Parse(row.Text(C::kAt), "at");
                if (!at.ok()) return stop();
                StoredEntryFields fields;
                fields.index = index;
                fields.at_micros = at->unix_micros();
                fields.actor_id = row.Int(C::kActorId);
                fields.actor = row.Text(C::kActor);
                fields.address = row.Text(C::kAddress);
                fields.action = row.Text(C::kAction);
                fields.object_type = row.Text(C::kObjectType);
                fields.object_id = row.Text(C::kObjectId);
                fields.details = row.Text(C::kDetails);
                const size_t size_before = page.bytes.size();
                if (!EncodeStoredEntryTo(fields, page.bytes)) {
                  page.bytes.resize(size_before);
                  return stop();
                }
                page.ends.push_back(page.bytes.size());
                StoredHashes& h = page.stored.emplace_back();
                const std::string_view leaf = row.Text(C::kLeafHash), mac = row.Text(C::kMac);
                h.leaf_ok = leaf.size() == 64;
                h.mac_ok = mac.size() == 64;
                if (h.leaf_ok) std::memcpy(h.leaf, leaf.data(), 64);
                if (h.mac_ok) std::memcpy(h.mac, mac.data(), 64);
                return base::Status::Ok();
              });
          if (!scanned.ok() && !(page.stopped_at && scanned == kStopScan)) return scanned;
          page.leaves.resize(page.ends.size());
          if (page.rows > 0) check_signatures_through(first + page.rows);
          return page;
        };
        // A full page without a stop: there may be more rows after it.
        auto more_after = [&](const Page& page) {
          return !page.stopped_at && page.rows > 0 && page.rows == options.page_size;
        };

        // Stage 2. False when a problem was found (and reported). Frees the page when done, so that
        // the worker, not the reading thread, pays for it.
        const EntryMacer macer(keys);
        auto stop = [&](std::int64_t index, std::string reason) {
          (void)fail(index, std::move(reason));
          return false;
        };
        auto check_page = [&](Page& page) -> bool {
          for (size_t i = 0; i < page.ends.size(); ++i) {
            if (i >= page.hashed) page.leaves[i] = page.Leaf(i);
            const Hash& leaf = page.leaves[i];
            if (!EqualsHex(leaf, page.stored[i].Leaf())) {
              return stop(expected, Index(expected) + "的内容与其叶哈希不符：记录被修改");
            }
            if (!EqualsHex(macer.EntryMac(std::uint64_t(expected), leaf), page.stored[i].Mac())) {
              return stop(expected,
                          Index(expected) + "的校验码（MAC）不符：记录被修改、插入或调换了位置");
            }
            frontier.Append(leaf);
            ++expected;
            report.entries_checked = expected;
            if (auto problem = check_roots()) return stop(expected - 1, *problem);
          }
          if (page.stopped_at) {
            if (*page.stopped_at != expected) {
              return stop(expected, Index(expected) + "缺失（其后为第 " +
                                        std::to_string(*page.stopped_at) +
                                        " 条）：记录被删除或序号被改");
            }
            return stop(expected, Index(expected) + "的字段无法解析：记录被修改");
          }
          page = Page{};
          return true;
        };

        ASSIGN_OR_RETURN(Page page, read_page(0));
        while (more_after(page)) {
          const std::int64_t next_from = page.first + page.rows;
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
