#include "note_writers.hpp"

#include <algorithm>
#include <set>
#include <span>
#include <string_view>

#include "link_renderer.hpp"
#include "prng.hpp"
#include "prose_writer.hpp"
#include "text_util.hpp"
#include "vocabulary.hpp"

namespace vaultgen {
namespace {

enum Purpose : std::uint64_t { kTranscriptText = 101, kTopicText, kChannelText };

template <class Array>
std::string_view pick(SplitMix64& rng, const Array& items) {
  return rng.pick(std::span<const std::string_view>(items));
}

std::string video_id(SplitMix64& rng, std::size_t length) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string id;
  for (std::size_t i = 0; i < length; ++i) id += kAlphabet[rng.below(kAlphabet.size())];
  return id;
}

// Code where links are not links (rule 7): a fenced block holding both syntaxes.
void fake_links_code_block(std::string& out) {
  out +=
      "```markdown\n"
      "Template for a new summary: [[Not a real note]] and ![[missing-diagram.png]]\n"
      "A Markdown link shown as an example: [example](Example%20note.md#Heading)\n"
      "<a class=\"yt-timestamp\" data-t=\"99:99\">[not checked]</a>\n"
      "```\n\n";
}

}  // namespace

std::string write_transcript(const VaultPlan& plan, std::size_t index, const WriteOptions& options) {
  const TranscriptPlan& me = plan.transcripts[index];
  SplitMix64 rng(stream_seed(plan.seed, kTranscriptText, index));
  LinkRenderer links(options.markdown_links, me.folder);
  std::string out;
  std::size_t budget = rng.between(5000, 19000);  // averages the seed's ~12 KB
  out.reserve(budget + 2048);

  VideoClock clock;
  clock.byte_budget = budget;
  clock.duration_seconds = static_cast<unsigned>(rng.between(20 * 60, 100 * 60));
  clock.duration_stated = rng.per_mille(500);
  bool seconds_form = rng.per_mille(400);
  // A few notes have a videoId of the wrong length (0.5%) or none at all (0.3%).
  std::size_t id_fault = rng.below(1000);

  out += "---\ntitle: " + me.title + "\n";
  if (id_fault < 5)
    out += "videoId: " + video_id(rng, 10) + "\n";
  else if (id_fault >= 8)
    out += "videoId: " + video_id(rng, 11) + "\n";
  if (clock.duration_stated)
    out += "duration: " + (seconds_form ? std::to_string(clock.duration_seconds) : format_hms(clock.duration_seconds)) +
           "\n";
  out += "---\n\n";

  if (!plan.channels.empty()) {
    const ChannelPlan& channel = plan.channels[me.channel];
    out += "From: " + links.note(kChannelFolder, channel.name, channel.name, "", "", false) + " <br/> \n\n";
  }

  ProseWriter prose(plan, rng, links, out);
  prose.enable_anchors(clock);
  prose.paragraph(2, 4);
  out += "\n\n";

  std::set<std::string> heading_keys;
  bool code_written = false;
  while (out.size() < budget) {
    std::string heading = rng.per_mille(600) ? std::string(pick(rng, words::kSectionWords))
                                             : capitalize(std::string(pick(rng, words::kAdjectives)) + " " +
                                                          std::string(pick(rng, words::kConcepts)));
    if (!heading_keys.insert(ascii_lower(heading)).second) heading += " (continued)";
    heading_keys.insert(ascii_lower(heading));
    out += "## " + heading + "\n";
    std::size_t blocks = rng.between(1, 3);
    for (std::size_t i = 0; i < blocks; ++i) {
      if (rng.per_mille(300)) {
        out += capitalize(std::string(pick(rng, words::kProse))) + " " + std::string(pick(rng, words::kProse)) +
               " include:\n";
        prose.bullet_list();
        out += '\n';
      } else {
        prose.paragraph(2, 6);
        out += "\n\n";
      }
    }
    if (rng.per_mille(80)) {
      // One in 20 embeds names an attachment that does not exist.
      std::string file = rng.below(20) == 0 ? std::string("diagram-missing.png")
                                            : plan.attachments[rng.below(plan.attachments.size())];
      out += links.embed(file, rng.per_mille(200) ? 300 : 0) + "\n\n";
    }
    if (!code_written && rng.per_mille(60)) {
      fake_links_code_block(out);
      code_written = true;
    }
    prose.note_heading_written(heading);
  }
  return out;
}

std::string write_topic(const VaultPlan& plan, std::size_t index, const WriteOptions& options) {
  const TopicPlan& me = plan.topics[index];
  SplitMix64 rng(stream_seed(plan.seed, kTopicText, index));
  LinkRenderer links(options.markdown_links, me.folder);
  std::string out;
  std::size_t budget = rng.between(1500, 5000);
  out.reserve(budget + 2048);

  out += "---\n";
  if (!me.aliases.empty()) {
    out += "aliases:\n";
    for (const auto& alias : me.aliases) out += "  - " + alias + "\n";
  }
  out += "tags:\n  - topic\n";
  // A link written as a frontmatter value is a link (rule 9); Markdown-link
  // checkers have no such notion, so the Markdown variant leaves it out.
  bool related = rng.per_mille(300) && plan.topics.size() > 1;
  const TopicPlan& other = plan.topics[rng.below(plan.topics.size())];
  if (related && !options.markdown_links) out += "related: \"[[" + other.name + "]]\"\n";
  out += "---\n\n# " + me.name + "\n\n";

  ProseWriter prose(plan, rng, links, out);
  prose.paragraph(1, 3);
  out += "\n\n";
  std::size_t sections = std::max<std::size_t>(1, me.headings.size());
  std::size_t per_section = budget / sections;
  for (std::size_t h = 0; h < me.headings.size(); ++h) {
    out += "## " + me.headings[h].text + "\n";
    std::size_t section_end = out.size() + per_section;
    bool first = true;
    do {
      prose.paragraph(1, 4);
      // Block ids sit at the end of each section's first paragraph, spread over
      // the sections in order, so every planned id is written exactly once.
      if (first)
        for (std::size_t b = h; b < me.block_ids.size(); b += sections) out += " ^" + me.block_ids[b];
      first = false;
      out += "\n\n";
    } while (out.size() < section_end);
  }
  return out;
}

std::string write_channel(const VaultPlan& plan, std::size_t index, const WriteOptions& options) {
  const ChannelPlan& me = plan.channels[index];
  SplitMix64 rng(stream_seed(plan.seed, kChannelText, index));
  LinkRenderer links(options.markdown_links, kChannelFolder);
  std::string out = "---\ntags:\n  - channel\n---\n\n# " + me.name + "\n\n";
  out += "YouTube channel; " + std::to_string(me.transcripts.size()) + " videos are summarised in this vault.\n\n";
  out += "## Videos\n";
  for (std::size_t t : me.transcripts) {
    const TranscriptPlan& transcript = plan.transcripts[t];
    out += "- " + links.note(transcript.folder, transcript.title, transcript.title, "", "", false) + "\n";
  }
  if (rng.per_mille(500)) out += "\n## Notes\nRecurring themes: `[[not a link either]]`.\n";
  return out;
}

}  // namespace vaultgen
