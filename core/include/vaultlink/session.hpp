#pragma once
// A vault kept current while it changes: the engine's life inside an editor
// or `vaultlink watch`. Each batch of changed files is applied incrementally:
// the changed notes are re-read, the notes whose links changed status are
// re-validated, and only the backlinks sections whose content changes are
// rewritten. The result always equals a from-scratch check and backlinks run
// over the files as they are now.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaultlink/backlinks.hpp"
#include "vaultlink/diagnostic.hpp"
#include "vaultlink/validate.hpp"
#include "vaultlink/vault.hpp"
#include "vaultlink/watcher.hpp"

namespace vaultlink {

struct SessionOptions {
  // Keep generated backlinks sections current (the `backlinks` command's job).
  bool maintain_backlinks = true;
};

// What applying one batch did.
struct SessionUpdate {
  std::vector<std::string> changed_files;        // re-read: added, modified or removed, ordered
  std::vector<std::string> diagnostics_changed;  // notes whose diagnostics differ now, ordered
  std::vector<BacklinksOutcome> backlinks;       // sections written, or that failed (never the unchanged)
  std::size_t revalidated = 0;                   // notes validated again (for measuring)
  // From the start of the update until the diagnostics were current, before
  // any section was written: a save's latency as an editor feels it.
  std::chrono::steady_clock::duration diagnostics_time{};
  bool rescanned = false;                        // the whole vault was read again
};

class Session {
 public:
  // Cheap: the vault's diagnostics are computed when first asked for.
  explicit Session(Vault vault, SessionOptions options = {});

  const Vault& vault() const { return vault_; }

  // The current diagnostics of one note, sorted (empty for a note without any).
  const std::vector<Diagnostic>& diagnostics(std::string_view note) const;
  // Every note's diagnostics, sorted as `vaultlink check` prints them.
  std::vector<Diagnostic> all_diagnostics() const;
  // The same, one at a time and in the same order, without a copy of them all
  // (tens of thousands in a large vault).
  void for_each_diagnostic(const std::function<void(const Diagnostic&)>& visit) const;

  // Applies the watcher's batch (a batch asking for a rescan re-reads the vault).
  SessionUpdate apply(const ChangeBatch& batch);
  // Applies changes to the given vault-relative files or folders.
  SessionUpdate apply_paths(const std::vector<std::string>& paths);
  // Reads the whole vault again (after lost events) and reports what differs.
  SessionUpdate rescan();
  // Brings every note's section up to date; a session's first pass, after
  // which each batch writes only what it changes. Returns what was written.
  std::vector<BacklinksOutcome> update_all_backlinks();

 private:
  void revalidate(const std::set<std::string, std::less<>>& notes, SessionUpdate& update);
  void set_diagnostics(const std::string& note, std::vector<Diagnostic> now, SessionUpdate& update);
  void refresh_after_writes(const std::vector<BacklinksOutcome>& outcomes, SessionUpdate& update);
  std::set<std::string, std::less<>> notes_with_broken_links() const;
  using DiagnosticsByNote = std::map<std::string, std::vector<Diagnostic>, std::less<>>;
  DiagnosticsByNote& known_diagnostics() const;  // computes them (a full check) the first time

  Vault vault_;
  SessionOptions options_;
  mutable std::optional<DiagnosticsByNote> diagnostics_;  // only notes with any
  std::optional<SuggestionCache> suggestions_;  // dropped when the vault's names change
};

}  // namespace vaultlink
