#include "prose_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <span>
#include <string_view>

#include "text_util.hpp"
#include "vocabulary.hpp"

namespace vaultgen {
namespace {

template <class Array>
std::string_view pick(SplitMix64& rng, const Array& items) {
  return rng.pick(std::span<const std::string_view>(items));
}

}  // namespace

std::string format_hms(unsigned seconds) {
  char text[16];
  std::snprintf(text, sizeof text, "%02u:%02u:%02u", (seconds / 3600) % 100, (seconds / 60) % 60, seconds % 60);
  return text;
}

void ProseWriter::words(std::size_t count, bool capitalize_first) {
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out_ += ' ';
    std::string_view word = pick(rng_, words::kProse);
    if (i == 0 && capitalize_first)
      out_ += capitalize(std::string(word));
    else
      out_ += word;
  }
}

void ProseWriter::sentence() {
  std::size_t length = rng_.between(6, 20);
  // Links go at word boundaries chosen up front: none (65%), one (30%), two (5%).
  std::size_t roll = rng_.below(100);
  std::size_t link_count = roll < 65 ? 0 : roll < 95 ? 1 : 2;
  std::size_t first_link = rng_.below(length);
  std::size_t second_link = rng_.below(length);
  bool inline_code = rng_.per_mille(15);
  for (std::size_t i = 0; i < length; ++i) {
    if (i > 0) out_ += ' ';
    bool here = (link_count >= 1 && i == first_link) || (link_count >= 2 && i == second_link && i != first_link);
    if (here) {
      out_ += link();
    } else if (inline_code && i == length / 2) {
      // Inline code holds link syntax that is not a link (rule 7).
      out_ += "`[[Inline fake link]]`";
    } else {
      std::string_view word = pick(rng_, words::kProse);
      out_ += i == 0 ? capitalize(std::string(word)) : std::string(word);
    }
  }
  // Like the seed: "... public employment <a class="yt-timestamp" ...>[00:00:35]</a>."
  if (anchors_ && rng_.per_mille(850)) {
    out_ += ' ';
    anchor();
  }
  out_ += '.';
}

void ProseWriter::anchor() {
  unsigned position = static_cast<unsigned>(static_cast<unsigned long long>(out_.size()) * clock_.duration_seconds /
                                            clock_.byte_budget);
  unsigned seconds = position + static_cast<unsigned>(rng_.below(20));
  if (seconds >= clock_.duration_seconds) seconds = clock_.duration_seconds - 1;
  if (rng_.per_mille(80) && last_time_ > 0) seconds = static_cast<unsigned>(rng_.below(last_time_));  // cited again
  last_time_ = std::max(last_time_, seconds);

  std::string data_t = format_hms(seconds);
  std::string label = data_t;
  std::size_t fault = rng_.below(1000);
  if (fault < 3) {
    label = format_hms(seconds + static_cast<unsigned>(rng_.between(1, 90)));  // timestamp-mismatch
  } else if (fault < 5) {
    char text[16];
    if (rng_.below(2))
      std::snprintf(text, sizeof text, "%02u:%02u", (seconds / 60) % 60, seconds % 60);  // MM:SS seeks to hours
    else
      std::snprintf(text, sizeof text, "%02u:%02u:%02u", seconds / 3600, 60 + static_cast<unsigned>(rng_.below(40)),
                    seconds % 60);
    data_t = label = text;  // timestamp-malformed
  } else if (fault < 7 && clock_.duration_stated) {
    data_t = label = format_hms(clock_.duration_seconds + static_cast<unsigned>(rng_.between(1, 600)));
  }
  out_ += "<a class=\"yt-timestamp\" data-t=\"" + data_t + "\">[" + label + "]</a>";
}

std::string ProseWriter::topic_display(const TopicPlan& topic) {
  std::vector<std::string> parts = split_words(ascii_lower(topic.name));
  std::vector<std::string> long_words;
  for (auto& word : parts)
    if (word.size() > 3) long_words.push_back(word);
  if (long_words.empty()) return ascii_lower(topic.name);
  std::size_t first = rng_.below(long_words.size());
  if (rng_.per_mille(300) && first + 1 < long_words.size()) return long_words[first] + " " + long_words[first + 1];
  return long_words[first];
}

std::string ProseWriter::link() {
  std::size_t roll = rng_.below(1000);
  bool spaced = rng_.per_mille(800);
  if (plan_.topics.empty()) {
    std::string name(pick(rng_, words::kMissingNotes));
    return links_.note("", name, name, "", "", spaced);
  }
  const TopicPlan& topic = plan_.topics[rng_.below(plan_.topics.size())];
  std::string display = topic_display(topic);

  if (roll < 700)  // the seed's common case: [[Topic name | text]]
    return links_.note(topic.folder, topic.name, topic.name, "", display, spaced);
  if (roll < 760) {  // the seed's slug: broken, vaultlink should suggest the topic
    std::string slug = snake_slug(topic.name);
    return links_.note(topic.folder, slug, slug, "", display, spaced);
  }
  if (roll < 830) {  // heading link; one in 30 names a heading that does not exist
    std::string heading = rng_.below(30) == 0 ? std::string("Section that was renamed")
                                              : topic.headings[rng_.below(topic.headings.size())].link_form;
    return links_.note(topic.folder, topic.name, topic.name, heading, rng_.below(2) ? display : "", spaced);
  }
  if (roll < 880) {  // block link; one in 30 names a missing block
    std::string block = "^" + (rng_.below(30) == 0 ? std::string("blk-gone00")
                                                    : topic.block_ids[rng_.below(topic.block_ids.size())]);
    return links_.note(topic.folder, topic.name, topic.name, block, rng_.below(2) ? display : "", spaced);
  }
  if (roll < 910) return links_.note(topic.folder, topic.name, topic.name, "", "", spaced);
  if (roll < 930 && !topic.aliases.empty()) {  // an alias as target never resolves; the fix is [[Name|alias]]
    const std::string& alias = topic.aliases[rng_.below(topic.aliases.size())];
    return links_.note(topic.folder, alias, alias, "", "", spaced);
  }
  if (roll < 950 && !own_headings_.empty())
    return links_.own_heading(own_headings_[rng_.below(own_headings_.size())]);
  if (roll < 960) {  // not written yet: normal in Obsidian, still reported
    std::string name(pick(rng_, words::kMissingNotes));
    return links_.note("", name, name, "", display, spaced);
  }
  if (roll < 980 && !plan_.transcripts.empty()) {
    const TranscriptPlan& other = plan_.transcripts[rng_.below(plan_.transcripts.size())];
    return links_.note(other.folder, other.title, other.title, "", "", spaced);
  }
  if (roll < 990) {  // a path link: [[Topics/Name]]
    std::string path = topic.folder.empty() ? topic.name : topic.folder + "/" + topic.name;
    return links_.note(topic.folder, topic.name, path, "", display, spaced);
  }
  // Case differs from the file name: still resolves (names compare ignoring case).
  return links_.note(topic.folder, topic.name, ascii_lower(topic.name), "", display, spaced);
}

void ProseWriter::paragraph(std::size_t min_sentences, std::size_t max_sentences) {
  std::size_t count = rng_.between(min_sentences, max_sentences);
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out_ += ' ';
    sentence();
  }
}

void ProseWriter::bullet_list() {
  std::size_t items = rng_.between(3, 6);
  for (std::size_t i = 0; i < items; ++i) {
    out_ += "*   ";
    if (rng_.per_mille(500)) {
      out_ += "**";
      words(rng_.between(1, 3), true);
      out_ += ":** ";
    }
    sentence();
    out_ += '\n';
  }
}

}  // namespace vaultgen
