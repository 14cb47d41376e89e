#include "audit/merkle.h"

#include <sodium.h>

#include <bit>

namespace xr::audit {
namespace {

// The largest power of two strictly less than n (n >= 2).
std::uint64_t SplitPoint(std::uint64_t n) { return std::bit_floor(n - 1); }

Hash Mth(std::span<const Hash> leaves) {
  if (leaves.empty()) return EmptyRoot();
  if (leaves.size() == 1) return leaves[0];
  const std::uint64_t k = SplitPoint(leaves.size());
  return NodeHash(Mth(leaves.first(k)), Mth(leaves.subspan(k)));
}

void Path(std::uint64_t m, std::span<const Hash> leaves, std::vector<Hash>& out) {
  if (leaves.size() <= 1) return;
  const std::uint64_t k = SplitPoint(leaves.size());
  if (m < k) {
    Path(m, leaves.first(k), out);
    out.push_back(Mth(leaves.subspan(k)));
  } else {
    Path(m - k, leaves.subspan(k), out);
    out.push_back(Mth(leaves.first(k)));
  }
}

void SubProof(std::uint64_t m, std::span<const Hash> leaves, bool b, std::vector<Hash>& out) {
  const std::uint64_t n = leaves.size();
  if (m == n) {
    if (!b) out.push_back(Mth(leaves));
    return;
  }
  const std::uint64_t k = SplitPoint(n);
  if (m <= k) {
    SubProof(m, leaves.first(k), b, out);
    out.push_back(Mth(leaves.subspan(k)));
  } else {
    SubProof(m - k, leaves.subspan(k), false, out);
    out.push_back(Mth(leaves.first(k)));
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Hash Sha256(std::span<const std::uint8_t> bytes) {
  Hash out;
  crypto_hash_sha256(out.data(), bytes.data(), bytes.size());
  return out;
}

Hash LeafHash(std::span<const std::uint8_t> entry_bytes) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  const std::uint8_t prefix = 0x00;
  crypto_hash_sha256_update(&state, &prefix, 1);
  crypto_hash_sha256_update(&state, entry_bytes.data(), entry_bytes.size());
  Hash out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

Hash NodeHash(const Hash& left, const Hash& right) {
  std::uint8_t buffer[65];
  buffer[0] = 0x01;
  std::copy(left.begin(), left.end(), buffer + 1);
  std::copy(right.begin(), right.end(), buffer + 33);
  Hash out;
  crypto_hash_sha256(out.data(), buffer, sizeof buffer);
  return out;
}

Hash EmptyRoot() { return Sha256({}); }

std::string ToHex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return out;
}

std::string ToHex(const Hash& hash) { return ToHex(std::span<const std::uint8_t>(hash)); }

bool EqualsHex(const Hash& hash, std::string_view hex) {
  static constexpr char kDigits[] = "0123456789abcdef";
  if (hex.size() != 2 * hash.size()) return false;
  for (size_t i = 0; i < hash.size(); ++i) {
    if (hex[2 * i] != kDigits[hash[i] >> 4] || hex[2 * i + 1] != kDigits[hash[i] & 15]) {
      return false;
    }
  }
  return true;
}

base::Result<std::vector<std::uint8_t>> BytesFromHex(std::string_view text,
                                                     std::string_view field) {
  if (text.size() % 2 != 0) {
    return base::InvalidArgument("字段 " + std::string(field) + " 应为偶数位十六进制",
                                 std::string(field));
  }
  std::vector<std::uint8_t> out(text.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = HexValue(text[2 * i]), lo = HexValue(text[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return base::InvalidArgument("字段 " + std::string(field) + " 含有非十六进制字符",
                                   std::string(field));
    }
    out[i] = std::uint8_t(hi * 16 + lo);
  }
  return out;
}

base::Result<Hash> HashFromHex(std::string_view text, std::string_view field) {
  if (text.size() != 64) {
    return base::InvalidArgument("字段 " + std::string(field) + " 应为 64 位十六进制哈希",
                                 std::string(field));
  }
  ASSIGN_OR_RETURN(std::vector<std::uint8_t> bytes, BytesFromHex(text, field));
  Hash out;
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

Hash RootOf(std::span<const Hash> leaf_hashes) { return Mth(leaf_hashes); }

base::Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaf_hashes,
                                               std::uint64_t index) {
  if (index >= leaf_hashes.size()) {
    return base::InvalidArgument("记录序号 " + std::to_string(index) + " 不在前 " +
                                     std::to_string(leaf_hashes.size()) + " 条记录之内",
                                 "index");
  }
  std::vector<Hash> out;
  Path(index, leaf_hashes, out);
  return out;
}

base::Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaf_hashes,
                                                 std::uint64_t first) {
  if (first > leaf_hashes.size()) {
    return base::InvalidArgument("较早的树大小 " + std::to_string(first) + " 大于较晚的 " +
                                     std::to_string(leaf_hashes.size()),
                                 "first");
  }
  std::vector<Hash> out;
  if (first == 0 || first == leaf_hashes.size()) return out;
  SubProof(first, leaf_hashes, true, out);
  return out;
}

bool VerifyInclusion(std::uint64_t index, std::uint64_t tree_size, const Hash& leaf_hash,
                     std::span<const Hash> proof, const Hash& root) {
  if (index >= tree_size) return false;
  std::uint64_t fn = index, sn = tree_size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyConsistency(std::uint64_t first, std::uint64_t second, const Hash& first_root,
                       const Hash& second_root, std::span<const Hash> proof) {
  if (first > second) return false;
  if (first == second) return proof.empty() && first_root == second_root;
  if (first == 0) return proof.empty();
  if (proof.empty()) return false;
  std::vector<Hash> path;
  if (std::has_single_bit(first)) path.push_back(first_root);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = first - 1, sn = second - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == first_root && sr == second_root && sn == 0;
}

void Frontier::Append(const Hash& leaf_hash) {
  Hash current = leaf_hash;
  for (std::uint64_t level = 0; (size_ >> level) & 1; ++level) {
    current = NodeHash(hashes_.back(), current);
    hashes_.pop_back();
  }
  hashes_.push_back(current);
  ++size_;
}

Hash Frontier::Root() const {
  if (hashes_.empty()) return EmptyRoot();
  Hash r = hashes_.back();
  for (size_t i = hashes_.size() - 1; i-- > 0;) r = NodeHash(hashes_[i], r);
  return r;
}

std::string Frontier::Serialize() const {
  std::string out;
  out.reserve(hashes_.size() * 64);
  for (const Hash& h : hashes_) out += ToHex(h);
  return out;
}

base::Result<Frontier> Frontier::Deserialize(std::uint64_t size, std::string_view text) {
  const size_t count = std::popcount(size);
  if (text.size() != count * 64) {
    return base::InvalidArgument("全程记实树边缘数据与记录条数不符", "frontier");
  }
  Frontier f;
  f.size_ = size;
  for (size_t i = 0; i < count; ++i) {
    ASSIGN_OR_RETURN(Hash h, HashFromHex(text.substr(i * 64, 64), "frontier"));
    f.hashes_.push_back(h);
  }
  return f;
}

}  // namespace xr::audit
