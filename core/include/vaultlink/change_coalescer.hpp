#pragma once
// Folds a stream of file events into their net effect (the contract of
// ChangeBatch in watcher.hpp): created+modified is created, created+removed is
// nothing, removed+created is modified, a rename followed by a rename back is
// nothing, and so on.
//
// It tracks, for every path touched, which original file (if any) now lies
// there, and which original paths were vacated; the net changes are derived
// from that when asked, so the order of events never leaks into the result.
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "vaultlink/watcher.hpp"

namespace vaultlink {

class ChangeCoalescer {
 public:
  // The caller knows which files exist; it reports a file appearing over an
  // existing one as removed then created (the coalescer cannot tell a new file
  // from one it has not heard of).
  void created(const std::string& path);
  void modified(const std::string& path);
  void removed(const std::string& path);
  // Likewise a rename onto an existing file: removed(to), then renamed.
  void renamed(const std::string& from, const std::string& to);

  // Applies a change, e.g. one of an earlier batch's net changes: merging
  // batches is replaying one into the other.
  void apply(const FileChange& change);

  // The net changes so far, ordered as ChangeBatch documents.
  std::vector<FileChange> net() const;
  bool empty() const { return net().empty(); }
  // The net changes; then starts afresh.
  std::vector<FileChange> take();

 private:
  struct Occupant {
    std::optional<std::string> origin;  // the original path of the file here; none if new
    bool dirty = false;                 // its bytes changed
  };
  std::unordered_map<std::string, Occupant> occupants_;  // by current path
  std::unordered_set<std::string> vacated_;              // original paths whose file left
};

}  // namespace vaultlink
