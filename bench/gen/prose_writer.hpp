// Sentences, paragraphs and lists in the seed's style, with links mixed in at
// the seed's density (roughly one link per 500 bytes) and, for transcripts,
// yt-timestamp anchors after most sentences (roughly one per 200 bytes).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "link_renderer.hpp"
#include "prng.hpp"
#include "vault_plan.hpp"

namespace vaultgen {

// Where in the video the text currently is; anchors follow it through the note.
struct VideoClock {
  unsigned duration_seconds = 0;
  bool duration_stated = false;  // only then can an anchor be out of range
  std::size_t byte_budget = 1;   // the note's planned size: progress = bytes / budget
};

class ProseWriter {
 public:
  ProseWriter(const VaultPlan& plan, SplitMix64& rng, const LinkRenderer& links, std::string& out)
      : plan_(plan), rng_(rng), links_(links), out_(out) {}

  void enable_anchors(VideoClock clock) { clock_ = clock; anchors_ = true; }
  void note_heading_written(std::string link_form) { own_headings_.push_back(std::move(link_form)); }

  void paragraph(std::size_t min_sentences, std::size_t max_sentences);
  void bullet_list();
  void sentence();
  void anchor();
  std::string link();  // one link of a randomly chosen kind (see prose_writer.cpp for the mix)

 private:
  std::string topic_display(const TopicPlan& topic);
  void words(std::size_t count, bool capitalize_first);

  const VaultPlan& plan_;
  SplitMix64& rng_;
  const LinkRenderer& links_;
  std::string& out_;
  bool anchors_ = false;
  VideoClock clock_;
  unsigned last_time_ = 0;
  std::vector<std::string> own_headings_;
};

std::string format_hms(unsigned seconds);

}  // namespace vaultgen
