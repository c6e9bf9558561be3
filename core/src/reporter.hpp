#pragma once
// Turns findings at byte ranges of a note into Diagnostics with 1-based
// positions, applying the configured severity (and dropping codes set to off).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "vaultlink/diagnostic.hpp"
#include "vaultlink/note.hpp"
#include "vaultlink/settings.hpp"

namespace vaultlink {

// Collects diagnostics for one note, applying the configured severities.
class Reporter final {
 public:
  Reporter(const Note* note, std::string path, const Settings& settings, std::vector<Diagnostic>& out)
      : note_(note), path_(std::move(path)), settings_(settings), out_(out) {}

  void report(std::string_view code, ByteRange range, std::string message,
              std::optional<std::string> suggestion = std::nullopt) {
    const Severity severity = settings_.severity_of(code);
    if (severity == Severity::off) return;
    Diagnostic diagnostic;
    diagnostic.path = path_;
    if (note_) {
      auto begin = note_->position_of(range.begin);
      auto end = note_->position_of(std::max(range.begin, range.end));
      diagnostic.line = begin.line;
      diagnostic.column = begin.column;
      diagnostic.end_line = end.line;
      diagnostic.end_column = end.column;
    }
    diagnostic.severity = severity;
    diagnostic.code = std::string(code);
    diagnostic.message = std::move(message);
    diagnostic.suggestion = std::move(suggestion);
    out_.push_back(std::move(diagnostic));
  }

 private:
  const Note* note_;
  std::string path_;
  const Settings& settings_;
  std::vector<Diagnostic>& out_;
};

inline std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

}  // namespace vaultlink
