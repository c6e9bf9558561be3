// A tiny PRNG whose output is fixed by its algorithm alone. std::mt19937 is
// portable but std::uniform_int_distribution and friends are not (libstdc++ and
// libc++ differ, and so may two libstdc++ versions), and the generated vaults
// must be byte-identical wherever they are built.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace vaultgen {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Modulo bias is irrelevant for text generation; what matters is that the
  // mapping is plain integer arithmetic and therefore the same everywhere.
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  std::size_t between(std::size_t lo, std::size_t hi_inclusive) { return lo + below(hi_inclusive - lo + 1); }
  bool per_mille(unsigned chance) { return below(1000) < chance; }

  template <class T>
  const T& pick(std::span<const T> items) { return items[below(items.size())]; }

 private:
  std::uint64_t state_;
};

// An independent stream per (purpose, index): each note's text depends only on
// the seed and the note's number, never on how much randomness earlier notes
// consumed, so changing one note's writer does not reshuffle the whole vault.
inline std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t purpose, std::uint64_t index) {
  SplitMix64 mixer(seed ^ (purpose * 0xd1b54a32d192ed03ULL));
  mixer.next();
  SplitMix64 second(mixer.next() ^ (index * 0x8cb92ba72f3d8dd7ULL));
  return second.next();
}

}  // namespace vaultgen
