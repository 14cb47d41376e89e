#pragma once
// The demo's random numbers: xoshiro256** seeded through SplitMix64. Its own generator rather
// than <random>'s distributions, whose results differ between standard libraries: the demo must
// give the same data for the same seed everywhere. Cheap to construct, so every cadre (and every
// part of a cadre's dossier) draws from a stream of its own, independent of generation order.

#include <cstdint>
#include <iterator>

namespace xr::demo {

// A well-mixed 64-bit value for (seed, stream, index); distinct inputs give unrelated outputs.
constexpr std::uint64_t MixSeed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  std::uint64_t z = seed ^ (stream * 0x9e3779b97f4a7c15u) ^ (index * 0xd1b54a32d192ed03u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) {
    for (std::uint64_t& word : state_) {
      seed += 0x9e3779b97f4a7c15u;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
      word = z ^ (z >> 31);
    }
  }

  std::uint64_t Next() {
    const std::uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }
  // 0 ≤ result < bound (bound > 0); the modulo bias is below 2^-40 for the bounds used here.
  std::uint64_t Below(std::uint64_t bound) { return Next() % bound; }
  // lo ≤ result ≤ hi.
  int Between(int lo, int hi) { return lo + int(Below(std::uint64_t(hi - lo + 1))); }
  // True with probability per_mille / 1000.
  bool PerMille(int per_mille) { return int(Below(1000)) < per_mille; }
  bool Percent(int percent) { return int(Below(100)) < percent; }
  // One element of an array, span or vector, uniformly.
  template <typename Container>
  const auto& Pick(const Container& options) {
    return options[Below(std::size(options))];
  }

 private:
  static constexpr std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4];
};

}  // namespace xr::demo
