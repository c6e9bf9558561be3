// Reading and writing git's index file; the format is git's
// Documentation/gitformat-index.txt (index-format.txt before git 2.38).
#include "git_index_file.hpp"

// OpenSSL's SHA1_Init/Update/Final, deprecated since OpenSSL 3.0 in favour
// of EVP but still shipped: EVP's first digest in a process fetches the
// algorithm from a provider (~1.5 ms measured here, the cost of hashing the
// whole index once more), while these go straight to the CPU's SHA
// instructions. mbedTLS's SHA-1 (libgit2's other crypto library here) has
// none and took ~2 ms of CPU more per hash of a 10,000-note index.
#define OPENSSL_API_COMPAT 0x10100000L
#include <openssl/sha.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "vaultlink/fs.hpp"

namespace vaultlink::gitx {

namespace {

constexpr std::size_t kHeaderSize = 12;     // "DIRC", version, entry count
constexpr std::size_t kChecksumSize = 20;   // SHA-1 of everything before it
constexpr std::size_t kPathOffset = 62;     // of a version 2 or 3 record without extended flags
constexpr std::uint16_t kExtendedFlag = 0x4000;
constexpr std::uint16_t kNameLengthMask = 0x0fff;

std::uint32_t big_endian_32(const char* at) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(at);
  return std::uint32_t{bytes[0]} << 24 | std::uint32_t{bytes[1]} << 16 | std::uint32_t{bytes[2]} << 8 | bytes[3];
}

std::uint16_t big_endian_16(const char* at) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(at);
  return static_cast<std::uint16_t>(bytes[0] << 8 | bytes[1]);
}

void put_big_endian_32(std::string& out, std::uint32_t value) {
  const char bytes[4] = {static_cast<char>(value >> 24), static_cast<char>(value >> 16),
                         static_cast<char>(value >> 8), static_cast<char>(value)};
  out.append(bytes, 4);
}

void put_big_endian_16(std::string& out, std::uint16_t value) {
  const char bytes[2] = {static_cast<char>(value >> 8), static_cast<char>(value)};
  out.append(bytes, 2);
}

git_oid sha1_of(std::string_view data) {
  git_oid id{};
  SHA_CTX context;
  SHA1_Init(&context);
  SHA1_Update(&context, data.data(), data.size());
  SHA1_Final(id.id, &context);
  return id;
}

// A record's whole length: the path is followed by 1 to 8 NULs, so the
// record's length is a multiple of 8.
std::size_t record_size(std::size_t path_offset, std::size_t path_size) {
  return (path_offset + path_size + 8) & ~std::size_t{7};
}

// git's order: by path byte by byte (a prefix first), then by stage.
bool record_before(const IndexRecord& record, std::string_view path) { return record.path() < path; }

}  // namespace

std::uint32_t IndexRecord::field(int index) const { return big_endian_32(bytes_.data() + 4 * index); }

git_oid IndexRecord::id() const {
  git_oid id{};
  std::memcpy(id.id, bytes_.data() + 40, sizeof id.id);
  return id;
}

std::uint16_t IndexRecord::flags() const { return big_endian_16(bytes_.data() + 60); }

std::optional<GitIndexFile> GitIndexFile::read(const std::filesystem::path& file, std::string* why_not) {
  ReadResult read = read_file(file, std::numeric_limits<std::uint64_t>::max());
  if (!read.ok()) {
    std::error_code ignored;
    *why_not = std::filesystem::exists(file, ignored) ? read.error : "no index file";
    return std::nullopt;
  }

  GitIndexFile index;
  index.bytes_ = std::make_unique<const std::string>(std::move(read.bytes));
  index.modified_ = timespec{static_cast<time_t>(read.stamp.mtime_ns / 1'000'000'000),
                             static_cast<long>(read.stamp.mtime_ns % 1'000'000'000)};
  const std::string& data = *index.bytes_;
  if (data.size() < kHeaderSize + kChecksumSize || data.compare(0, 4, "DIRC") != 0) {
    *why_not = "not an index file";
    return std::nullopt;
  }
  index.version_ = big_endian_32(data.data() + 4);
  if (index.version_ != 2 && index.version_ != 3) {
    *why_not = "index version " + std::to_string(index.version_);
    return std::nullopt;
  }
  const std::size_t end = data.size() - kChecksumSize;
  std::memcpy(index.checksum_.id, data.data() + end, kChecksumSize);
  if (git_oid_is_zero(&index.checksum_)) {
    *why_not = "an index written without its checksum (index.skipHash)";
    return std::nullopt;
  }
  const git_oid computed = sha1_of(std::string_view(data).substr(0, end));
  if (!git_oid_equal(&computed, &index.checksum_)) {
    *why_not = "the index's checksum does not match";
    return std::nullopt;
  }
  std::size_t at = kHeaderSize;
  if (!index.parse_entries(big_endian_32(data.data() + 8), at, why_not)) return std::nullopt;
  if (!index.parse_extensions(at, end, why_not)) return std::nullopt;
  return index;
}

bool GitIndexFile::parse_entries(std::size_t count, std::size_t& at, std::string* why_not) {
  const std::string_view data(bytes_->data(), bytes_->size() - kChecksumSize);
  if (count > (data.size() - at) / record_size(kPathOffset, 1)) {
    *why_not = "the index's entries are cut short";
    return false;
  }
  records_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (data.size() - at < kPathOffset + 1) {
      *why_not = "the index's entries are cut short";
      return false;
    }
    const std::uint16_t flags = big_endian_16(data.data() + at + 60);
    if (flags & kExtendedFlag) {
      *why_not = "index entries with extended flags (intent-to-add or skip-worktree)";
      return false;
    }
    std::size_t path_size = flags & kNameLengthMask;
    if (path_size == kNameLengthMask) {  // a path of 4095 bytes or more: up to its NUL
      const auto nul = data.find('\0', at + kPathOffset);
      if (nul == std::string_view::npos) path_size = data.size();
      else path_size = nul - at - kPathOffset;
    }
    const std::size_t size = record_size(kPathOffset, path_size);
    if (path_size == 0 || size > data.size() - at || data[at + kPathOffset + path_size] != '\0') {
      *why_not = "a damaged index entry";
      return false;
    }
    records_.emplace_back(data.substr(at, size), data.substr(at + kPathOffset, path_size));
    at += size;
  }
  return true;
}

bool GitIndexFile::parse_extensions(std::size_t at, std::size_t end, std::string* why_not) {
  const std::string_view data(bytes_->data(), end);
  while (at < end) {
    if (end - at < 8) {
      *why_not = "a damaged index extension";
      return false;
    }
    const std::string_view signature = data.substr(at, 4);
    const std::size_t size = big_endian_32(data.data() + at + 4);
    if (size > end - at - 8) {
      *why_not = "a damaged index extension";
      return false;
    }
    const std::string_view content = data.substr(at + 8, size);
    if (signature == "TREE") {
      if (!parse_tree(content, why_not)) return false;
    } else if (signature == "REUC") {
      resolve_undo_ = data.substr(at, 8 + size);
    } else if (signature[0] < 'A' || signature[0] > 'Z') {
      // Lower case: an extension a reader must understand (a split or sparse index).
      *why_not = "index extension '" + std::string(signature) + "'";
      return false;
    }
    // Other optional extensions (the untracked cache, fsmonitor's token, the
    // offset tables) are caches their writer rebuilds: left out when writing.
    at += 8 + size;
  }
  return true;
}

bool GitIndexFile::parse_tree(std::string_view data, std::string* why_not) {
  // Nodes come parent first; each says how many subtrees follow it.
  struct Open {
    std::string path;
    std::size_t children_left;
  };
  std::vector<Open> open;
  std::size_t at = 0;
  while (at < data.size()) {
    const auto nul = data.find('\0', at);
    const auto space = nul == std::string_view::npos ? nul : data.find(' ', nul);
    const auto newline = space == std::string_view::npos ? space : data.find('\n', space);
    if (newline == std::string_view::npos || (open.empty() && !tree_.empty())) {
      *why_not = "a damaged TREE extension";
      return false;
    }
    TreeNode node;
    node.name = data.substr(at, nul - at);
    node.entries = data.substr(nul + 1, space - nul - 1);
    node.subtrees = data.substr(space + 1, newline - space - 1);
    std::size_t subtrees = 0;
    for (char digit : node.subtrees) {
      if (digit < '0' || digit > '9' || subtrees > data.size()) {
        *why_not = "a damaged TREE extension";
        return false;
      }
      subtrees = subtrees * 10 + static_cast<std::size_t>(digit - '0');
    }
    at = newline + 1;
    if (!node.invalid()) {
      if (data.size() - at < GIT_OID_RAWSZ) {
        *why_not = "a damaged TREE extension";
        return false;
      }
      node.id = data.substr(at, GIT_OID_RAWSZ);
      at += GIT_OID_RAWSZ;
    }
    if (!open.empty()) {
      node.path = open.back().path + std::string(node.name) + '/';
      --open.back().children_left;
    }
    while (!open.empty() && open.back().children_left == 0) open.pop_back();
    if (subtrees > 0) open.push_back(Open{node.path, subtrees});
    tree_.push_back(std::move(node));
  }
  if (!open.empty()) {
    *why_not = "a damaged TREE extension";
    return false;
  }
  return true;
}

std::vector<IndexRecord>::iterator GitIndexFile::lower_bound(std::string_view path) {
  return std::lower_bound(records_.begin(), records_.end(), path, record_before);
}

const IndexRecord* GitIndexFile::find(std::string_view path) const {
  const auto at = std::lower_bound(records_.begin(), records_.end(), path, record_before);
  return at != records_.end() && at->path() == path && at->stage() == 0 ? &*at : nullptr;
}

bool GitIndexFile::has_below(std::string_view prefix) const {
  const auto at = std::lower_bound(records_.begin(), records_.end(), prefix, record_before);
  return at != records_.end() && at->path().starts_with(prefix);
}

void GitIndexFile::set(std::string_view path, const git_oid& id, std::uint32_t mode, const struct stat& info) {
  std::string& record = new_bytes_.emplace_back();
  record.reserve(record_size(kPathOffset, path.size()));
  // git keeps 32 bits of each field (seconds wrap in 2106, sizes past 4 GiB
  // are kept modulo 2^32, as git itself does).
  for (auto value : {info.st_ctim.tv_sec, info.st_ctim.tv_nsec, info.st_mtim.tv_sec, info.st_mtim.tv_nsec})
    put_big_endian_32(record, static_cast<std::uint32_t>(value));
  for (auto value : {static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino),
                     static_cast<std::uint64_t>(mode), static_cast<std::uint64_t>(info.st_uid),
                     static_cast<std::uint64_t>(info.st_gid), static_cast<std::uint64_t>(info.st_size)})
    put_big_endian_32(record, static_cast<std::uint32_t>(value));
  record.append(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
  put_big_endian_16(record, static_cast<std::uint16_t>(std::min<std::size_t>(path.size(), kNameLengthMask)));
  record.append(path);
  record.resize(record_size(kPathOffset, path.size()), '\0');
  const IndexRecord made(record, std::string_view(record).substr(kPathOffset, path.size()));

  auto at = lower_bound(path);
  if (at != records_.end() && at->path() == path) {
    // Only new content makes the cached trees above it wrong: a file
    // touched or rewritten as it was keeps them (and git's next commit fast).
    const git_oid before = at->id();
    const bool same_content = at->stage() == 0 && at->mode() == mode && git_oid_equal(&before, &id);
    // Conflict stages of the path give way to the resolved entry, as in git.
    auto past = at;
    while (past != records_.end() && past->path() == path) ++past;
    *at = made;
    records_.erase(at + 1, past);
    if (same_content && past == at + 1) return;
  } else {
    records_.insert(at, made);
  }
  invalidate_trees_above(path);
}

void GitIndexFile::remove(std::string_view path) {
  auto at = lower_bound(path);
  auto past = at;
  while (past != records_.end() && past->path() == path) ++past;
  if (past == at) return;
  records_.erase(at, past);
  invalidate_trees_above(path);
}

void GitIndexFile::invalidate_trees_above(std::string_view path) {
  for (TreeNode& node : tree_) {
    if (node.invalid() || !path.starts_with(node.path)) continue;
    node.entries = "-1";
    node.id = {};
  }
}

std::string GitIndexFile::serialized() {
  std::size_t size = kHeaderSize + kChecksumSize + resolve_undo_.size();
  for (const IndexRecord& record : records_) size += record.bytes().size();
  std::string out;
  out.reserve(size + 8 + 64 * tree_.size());
  out.append("DIRC");
  put_big_endian_32(out, version_);
  put_big_endian_32(out, static_cast<std::uint32_t>(records_.size()));
  for (const IndexRecord& record : records_) out.append(record.bytes());
  if (!tree_.empty()) {
    out.append("TREE");
    const std::size_t size_at = out.size();
    put_big_endian_32(out, 0);
    for (const TreeNode& node : tree_) {
      out.append(node.name).push_back('\0');
      out.append(node.entries).push_back(' ');
      out.append(node.subtrees).push_back('\n');
      out.append(node.id);
    }
    const auto tree_size = static_cast<std::uint32_t>(out.size() - size_at - 4);
    std::string size_bytes;
    put_big_endian_32(size_bytes, tree_size);
    out.replace(size_at, 4, size_bytes);
  }
  out.append(resolve_undo_);
  checksum_ = sha1_of(out);
  out.append(reinterpret_cast<const char*>(checksum_.id), kChecksumSize);
  return out;
}

}  // namespace vaultlink::gitx
