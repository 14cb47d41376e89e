#pragma once
// RFC 6962 §2.1 Merkle hash trees over SHA-256: the pure core of the full-process record
// (全程记实). No I/O; every function is deterministic.
//
//   leaf hash  = SHA-256(0x00 ‖ entry bytes)
//   node hash  = SHA-256(0x01 ‖ left ‖ right)
//   MTH({})    = SHA-256("")  (e3b0c442…)
//   MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two < n
//
// Proofs are generated exactly as RFC 6962 §2.1.1 (PATH) and §2.1.2 (PROOF / SUBPROOF) define
// them, and verified with the iterative algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, which need
// only the sizes, the hashes and the proof.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xr::audit {

using Hash = std::array<std::uint8_t, 32>;

Hash Sha256(std::span<const std::uint8_t> bytes);
Hash LeafHash(std::span<const std::uint8_t> entry_bytes);
Hash NodeHash(const Hash& left, const Hash& right);
Hash EmptyRoot();  // SHA-256 of nothing

// Lower-case hex (64 characters) and back. FromHex: InvalidArgument (field `field`) unless the
// text is exactly 64 hex digits.
std::string ToHex(const Hash& hash);
std::string ToHex(std::span<const std::uint8_t> bytes);
// True when `hex` is exactly ToHex(hash) (64 lower-case digits); no allocation.
bool EqualsHex(const Hash& hash, std::string_view hex);
base::Result<Hash> HashFromHex(std::string_view text, std::string_view field = "hash");
// Any even-length hex string. InvalidArgument (field `field`) otherwise.
base::Result<std::vector<std::uint8_t>> BytesFromHex(std::string_view text,
                                                     std::string_view field = "hex");

// MTH over already leaf-hashed entries: the root of `leaf_hashes` (EmptyRoot() when empty).
Hash RootOf(std::span<const Hash> leaf_hashes);

// PATH(index, D[n]) with n = leaf_hashes.size(). InvalidArgument unless index < n.
base::Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaf_hashes,
                                               std::uint64_t index);
// PROOF(first, D[n]) with n = leaf_hashes.size(); empty when first is 0 or n.
// InvalidArgument unless first <= n.
base::Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaf_hashes,
                                                 std::uint64_t first);

// RFC 9162 §2.1.3.2: true when `proof` shows leaf `index` with `leaf_hash` is in the tree of
// `tree_size` leaves whose root is `root`.
bool VerifyInclusion(std::uint64_t index, std::uint64_t tree_size, const Hash& leaf_hash,
                     std::span<const Hash> proof, const Hash& root);
// RFC 9162 §2.1.4.2: true when `proof` shows the tree of `first` leaves (root `first_root`) is a
// prefix of the tree of `second` leaves (root `second_root`). Equal sizes need an empty proof and
// equal roots; first == 0 needs an empty proof (every tree extends the empty one).
bool VerifyConsistency(std::uint64_t first, std::uint64_t second, const Hash& first_root,
                       const Hash& second_root, std::span<const Hash> proof);

// The right edge of a growing tree: one hash per set bit of size(), for the perfect subtrees the
// leaves decompose into, largest (leftmost) first. Append is O(log n) and Root() is O(log n), so
// a log can keep this instead of every interior node.
class Frontier {
 public:
  Frontier() = default;
  std::uint64_t size() const { return size_; }
  const std::vector<Hash>& hashes() const { return hashes_; }

  void Append(const Hash& leaf_hash);
  Hash Root() const;

  // Stored form: the hashes concatenated as hex. InvalidArgument when the text does not hold
  // exactly popcount(size) hashes.
  std::string Serialize() const;
  static base::Result<Frontier> Deserialize(std::uint64_t size, std::string_view text);

 private:
  std::uint64_t size_ = 0;
  std::vector<Hash> hashes_;
};

}  // namespace xr::audit
