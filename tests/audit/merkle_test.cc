// The Merkle core against RFC 6962 as written: expected values come from a naive recursive
// transcription of §2.1 over libsodium's SHA-256 (not from the code under test) and from the
// certificate-transparency reference vectors.

#include "audit/merkle.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

namespace xr::audit {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes Sha(const Bytes& data) {
  Bytes out(32);
  crypto_hash_sha256(out.data(), data.data(), data.size());
  return out;
}

Bytes Cat(std::uint8_t prefix, const Bytes& a, const Bytes& b = {}) {
  Bytes out{prefix};
  out.insert(out.end(), a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

size_t K(size_t n) {
  size_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

using Leaves = std::vector<Bytes>;
Leaves Slice(const Leaves& d, size_t from, size_t to) {
  return Leaves(d.begin() + from, d.begin() + to);
}

// MTH(D[n]) over raw entries, §2.1.
Bytes NaiveMth(const Leaves& d) {
  if (d.empty()) return Sha({});
  if (d.size() == 1) return Sha(Cat(0x00, d[0]));
  size_t k = K(d.size());
  return Sha(Cat(0x01, NaiveMth(Slice(d, 0, k)), NaiveMth(Slice(d, k, d.size()))));
}

// PATH(m, D[n]), §2.1.1.
std::vector<Bytes> NaivePath(size_t m, const Leaves& d) {
  if (d.size() <= 1) return {};
  size_t k = K(d.size());
  std::vector<Bytes> out;
  if (m < k) {
    out = NaivePath(m, Slice(d, 0, k));
    out.push_back(NaiveMth(Slice(d, k, d.size())));
  } else {
    out = NaivePath(m - k, Slice(d, k, d.size()));
    out.push_back(NaiveMth(Slice(d, 0, k)));
  }
  return out;
}

// SUBPROOF(m, D[n], b), §2.1.2.
std::vector<Bytes> NaiveSubproof(size_t m, const Leaves& d, bool b) {
  if (m == d.size()) return b ? std::vector<Bytes>{} : std::vector<Bytes>{NaiveMth(d)};
  size_t k = K(d.size());
  std::vector<Bytes> out;
  if (m <= k) {
    out = NaiveSubproof(m, Slice(d, 0, k), b);
    out.push_back(NaiveMth(Slice(d, k, d.size())));
  } else {
    out = NaiveSubproof(m - k, Slice(d, k, d.size()), false);
    out.push_back(NaiveMth(Slice(d, 0, k)));
  }
  return out;
}

Bytes ToBytes(const Hash& h) { return Bytes(h.begin(), h.end()); }
Hash ToHash(const Bytes& b) {
  Hash h;
  std::copy(b.begin(), b.end(), h.begin());
  return h;
}
std::vector<Hash> ToHashes(const std::vector<Bytes>& v) {
  std::vector<Hash> out;
  for (const Bytes& b : v) out.push_back(ToHash(b));
  return out;
}

Leaves MakeEntries(size_t n) {
  Leaves d;
  for (size_t i = 0; i < n; ++i) {
    std::string text = "entry-" + std::to_string(i);
    d.emplace_back(text.begin(), text.end());
  }
  return d;
}

std::vector<Hash> LeafHashes(const Leaves& d) {
  std::vector<Hash> out;
  for (const Bytes& e : d) out.push_back(LeafHash(e));
  return out;
}

TEST(MerkleTest, EmptyTreeIsSha256OfNothing) {
  EXPECT_EQ(ToHex(EmptyRoot()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(RootOf({})), ToHex(EmptyRoot()));
  EXPECT_EQ(ToHex(Frontier().Root()), ToHex(EmptyRoot()));
}

// The certificate-transparency reference tree (merkle_tree_test vectors).
TEST(MerkleTest, CertificateTransparencyVectors) {
  const Leaves entries = {{},
                          {0x00},
                          {0x10},
                          {0x20, 0x21},
                          {0x30, 0x31},
                          {0x40, 0x41, 0x42, 0x43},
                          {0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57},
                          {0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b,
                           0x6c, 0x6d, 0x6e, 0x6f}};
  const char* roots[] = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  };
  std::vector<Hash> leaves = LeafHashes(entries);
  Frontier frontier;
  for (size_t n = 1; n <= entries.size(); ++n) {
    EXPECT_EQ(ToHex(RootOf(std::span(leaves).first(n))), roots[n - 1]) << n;
    EXPECT_EQ(ToHex(ToHash(NaiveMth(Slice(entries, 0, n)))), roots[n - 1]) << n;
    frontier.Append(leaves[n - 1]);
    EXPECT_EQ(ToHex(frontier.Root()), roots[n - 1]) << n;
  }
}

TEST(MerkleTest, RootsAndFrontierMatchTheDefinitionForSizes0To40) {
  const Leaves entries = MakeEntries(40);
  const std::vector<Hash> leaves = LeafHashes(entries);
  Frontier frontier;
  for (size_t n = 0; n <= entries.size(); ++n) {
    const Bytes expected = NaiveMth(Slice(entries, 0, n));
    EXPECT_EQ(ToBytes(RootOf(std::span(leaves).first(n))), expected) << n;
    EXPECT_EQ(ToBytes(frontier.Root()), expected) << n;
    EXPECT_EQ(frontier.hashes().size(), size_t(std::popcount(n)));
    auto restored = Frontier::Deserialize(n, frontier.Serialize());
    ASSERT_TRUE(restored.ok());
    EXPECT_EQ(restored->Root(), frontier.Root());
    if (n < entries.size()) frontier.Append(leaves[n]);
  }
  EXPECT_FALSE(Frontier::Deserialize(7, frontier.Serialize()).ok());  // 40 has 2 set bits, 7 has 3
}

TEST(MerkleTest, InclusionProofsMatchPathAndVerify) {
  const Leaves entries = MakeEntries(21);
  const std::vector<Hash> all = LeafHashes(entries);
  for (size_t n = 1; n <= entries.size(); ++n) {
    std::span<const Hash> leaves = std::span(all).first(n);
    const Hash root = RootOf(leaves);
    for (size_t m = 0; m < n; ++m) {
      auto proof = InclusionProof(leaves, m);
      ASSERT_TRUE(proof.ok());
      EXPECT_EQ(*proof, ToHashes(NaivePath(m, Slice(entries, 0, n)))) << m << " of " << n;
      EXPECT_TRUE(VerifyInclusion(m, n, leaves[m], *proof, root)) << m << " of " << n;
      // Wrong leaf, wrong index, wrong root, a flipped or missing or extra hash. (A wrong size
      // with the same path shape is not detectable from the proof alone: sizes come signed.)
      EXPECT_FALSE(VerifyInclusion(m, n, all[(m + 1) % all.size()], *proof, root));
      if (n > 1) {
        EXPECT_FALSE(VerifyInclusion((m + 1) % n, n, leaves[m], *proof, root));
      }
      EXPECT_FALSE(VerifyInclusion(m, n, leaves[m], *proof, EmptyRoot()));
      EXPECT_FALSE(VerifyInclusion(n, n, leaves[m], *proof, root));
      for (size_t i = 0; i < proof->size(); ++i) {
        std::vector<Hash> tampered = *proof;
        tampered[i][0] ^= 1;
        EXPECT_FALSE(VerifyInclusion(m, n, leaves[m], tampered, root));
      }
      if (!proof->empty()) {
        std::vector<Hash> shorter(proof->begin(), proof->end() - 1);
        EXPECT_FALSE(VerifyInclusion(m, n, leaves[m], shorter, root));
      }
      std::vector<Hash> longer = *proof;
      longer.push_back(root);
      EXPECT_FALSE(VerifyInclusion(m, n, leaves[m], longer, root));
    }
    EXPECT_FALSE(InclusionProof(leaves, n).ok());
  }
}

TEST(MerkleTest, ConsistencyProofsMatchProofAndVerify) {
  const Leaves entries = MakeEntries(21);
  const std::vector<Hash> all = LeafHashes(entries);
  for (size_t n = 1; n <= entries.size(); ++n) {
    std::span<const Hash> second = std::span(all).first(n);
    const Hash second_root = RootOf(second);
    for (size_t m = 0; m <= n; ++m) {
      const Hash first_root = RootOf(std::span(all).first(m));
      auto proof = ConsistencyProof(second, m);
      ASSERT_TRUE(proof.ok());
      if (m > 0 && m < n) {
        EXPECT_EQ(*proof, ToHashes(NaiveSubproof(m, Slice(entries, 0, n), true)))
            << m << " → " << n;
      } else {
        EXPECT_TRUE(proof->empty());
      }
      EXPECT_TRUE(VerifyConsistency(m, n, first_root, second_root, *proof)) << m << " → " << n;
      if (m > 0 && m < n) {
        EXPECT_FALSE(VerifyConsistency(m, n, second_root, second_root, *proof));
        EXPECT_FALSE(VerifyConsistency(m, n, first_root, first_root, *proof));
        EXPECT_FALSE(VerifyConsistency(m, n, first_root, second_root, {}));
        for (size_t i = 0; i < proof->size(); ++i) {
          std::vector<Hash> tampered = *proof;
          tampered[i][31] ^= 0x80;
          EXPECT_FALSE(VerifyConsistency(m, n, first_root, second_root, tampered));
        }
        std::vector<Hash> shorter(proof->begin(), proof->end() - 1);
        EXPECT_FALSE(VerifyConsistency(m, n, first_root, second_root, shorter));
      }
    }
    EXPECT_FALSE(ConsistencyProof(second, n + 1).ok());
    EXPECT_FALSE(VerifyConsistency(n, n - 1, second_root, second_root, {}));
  }
  // Equal sizes: only an empty proof and equal roots.
  EXPECT_FALSE(VerifyConsistency(3, 3, all[0], all[1], {}));
  const std::vector<Hash> one{all[0]};
  EXPECT_FALSE(VerifyConsistency(3, 3, all[0], all[0], one));
}

// The RFC's own worked example (§2.1.3): the tree of 7 leaves a..g.
TEST(MerkleTest, Rfc6962WorkedExample) {
  const Leaves entries = MakeEntries(7);
  const std::vector<Hash> h = LeafHashes(entries);
  auto node = [](const Hash& l, const Hash& r) { return NodeHash(l, r); };
  const Hash k = node(h[0], h[1]), l = node(h[2], h[3]), i = node(h[4], h[5]);
  const Hash a = node(k, l);
  // Inclusion of b: [a, h, l] in RFC naming = [h0, l, node(i, j)]; of d: [c, g, l'] etc.
  EXPECT_EQ(*InclusionProof(h, 1), (std::vector<Hash>{h[0], l, node(i, h[6])}));
  EXPECT_EQ(*InclusionProof(h, 3), (std::vector<Hash>{h[2], k, node(i, h[6])}));
  EXPECT_EQ(*InclusionProof(h, 4), (std::vector<Hash>{h[5], h[6], a}));
  EXPECT_EQ(*InclusionProof(h, 6), (std::vector<Hash>{i, a}));
  // Consistency: PROOF(3, D[7]) = [c, d, g, l]; PROOF(4, D[7]) = [l]; PROOF(6, D[7]) = [i, j, k].
  EXPECT_EQ(*ConsistencyProof(h, 3), (std::vector<Hash>{h[2], h[3], k, node(i, h[6])}));
  EXPECT_EQ(*ConsistencyProof(h, 4), (std::vector<Hash>{node(i, h[6])}));
  EXPECT_EQ(*ConsistencyProof(h, 6), (std::vector<Hash>{i, h[6], a}));
}

TEST(MerkleTest, HexRoundTripsAndRejectsJunk) {
  const Hash h = LeafHash(Bytes{1, 2, 3});
  EXPECT_EQ(*HashFromHex(ToHex(h)), h);
  EXPECT_FALSE(HashFromHex("abc").ok());
  EXPECT_FALSE(HashFromHex(std::string(64, 'g')).ok());
  EXPECT_EQ(HashFromHex("x", "root").status().field(), "root");
}

}  // namespace
}  // namespace xr::audit
