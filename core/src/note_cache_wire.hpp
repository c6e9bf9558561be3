#pragma once
// Primitive encoding of the index cache: fixed-width integers in native byte
// order and length-prefixed strings, read through a bounds-checked cursor
// whose failure is sticky, so a decoder checks once at the end instead of
// after every field and can never read past the buffer.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace vaultlink::wire {

template <typename Int>
void put(std::string& out, Int value) {
  static_assert(std::is_integral_v<Int>);
  char bytes[sizeof(Int)];
  std::memcpy(bytes, &value, sizeof(Int));
  out.append(bytes, sizeof(Int));
}

inline void put_string(std::string& out, std::string_view text) {
  put<std::uint32_t>(out, static_cast<std::uint32_t>(text.size()));
  out.append(text);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}

  template <typename Int>
  Int get() {
    static_assert(std::is_integral_v<Int>);
    Int value{};
    if (!ok_ || rest_.size() < sizeof(Int)) return fail<Int>();
    std::memcpy(&value, rest_.data(), sizeof(Int));
    rest_.remove_prefix(sizeof(Int));
    return value;
  }

  bool get_bool() {
    auto value = get<std::uint8_t>();
    if (value > 1) return fail<bool>();
    return value == 1;
  }

  std::string_view get_bytes(std::size_t length) {
    if (!ok_ || rest_.size() < length) return fail<std::string_view>();
    std::string_view bytes = rest_.substr(0, length);
    rest_.remove_prefix(length);
    return bytes;
  }

  std::string_view get_string() { return get_bytes(get<std::uint32_t>()); }

  // A count of elements that each take at least one byte: a count larger than
  // what is left is a corrupt length, refused before anything is allocated.
  std::uint32_t get_count() {
    auto count = get<std::uint32_t>();
    if (count > rest_.size()) return fail<std::uint32_t>();
    return count;
  }

  template <typename T>
  T fail() {
    ok_ = false;
    rest_ = {};
    return T{};
  }

  bool ok() const { return ok_; }
  bool at_end() const { return ok_ && rest_.empty(); }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
  bool ok_ = true;
};

// A 64-bit checksum, eight bytes per step (the cache is tens of MiB and is
// checked on every start). It detects damage, not tampering.
inline std::uint64_t checksum(std::string_view bytes) {
  constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
  std::uint64_t hash = 0xCBF29CE484222325ull ^ bytes.size();
  auto mix = [&](std::uint64_t word) {
    hash = (hash ^ word) * kMultiplier;
    hash ^= hash >> 32;
  };
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    mix(word);
  }
  std::uint64_t tail = 0;
  if (i < bytes.size()) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  mix(tail);
  return hash;
}

}  // namespace vaultlink::wire
