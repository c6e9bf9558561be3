#include "vault_plan.hpp"

#include <algorithm>
#include <set>
#include <span>
#include <string_view>

#include "prng.hpp"
#include "text_util.hpp"
#include "vocabulary.hpp"

namespace vaultgen {
namespace {

enum Purpose : std::uint64_t { kTopicNames = 1, kTranscriptNames, kChannelNames, kTopicShape, kFolders };

template <class Array>
std::string_view pick(SplitMix64& rng, const Array& items) {
  return rng.pick(std::span<const std::string_view>(items));
}

// Obsidian compares names ignoring case, so uniqueness is checked on folded
// names; a clash is retried and, failing that, numbered.
class NameRegistry {
 public:
  bool claim(const std::string& name) { return taken_.insert(ascii_lower(name)).second; }

  template <class Make>
  std::string unique(Make make) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      std::string name = make();
      if (claim(name)) return name;
    }
    std::string base = make();
    for (int number = 2;; ++number) {
      std::string name = base + " " + std::to_string(number);
      if (claim(name)) return name;
    }
  }

 private:
  std::set<std::string> taken_;
};

std::string topic_name(SplitMix64& rng) {
  switch (rng.below(4)) {
    case 0:
      return capitalize(std::string(pick(rng, words::kConcepts)) + " and " + std::string(pick(rng, words::kConcepts)) +
                        " in " + std::string(pick(rng, words::kDomains)));
    case 1:
      return capitalize(std::string(pick(rng, words::kAdjectives)) + " " + std::string(pick(rng, words::kConcepts)) +
                        " in " + std::string(pick(rng, words::kDomains)));
    case 2:
      return capitalize(std::string(pick(rng, words::kConcepts)) + " for " + std::string(pick(rng, words::kDomains)));
    default:
      return capitalize(std::string(pick(rng, words::kAdjectives)) + " approaches to " +
                        std::string(pick(rng, words::kConcepts)));
  }
}

std::string transcript_title(SplitMix64& rng) {
  switch (rng.below(4)) {
    case 0:
      return capitalize(std::string(pick(rng, words::kConcepts)) + " and " + std::string(pick(rng, words::kConcepts)) +
                        " in " + std::string(pick(rng, words::kDomains)));
    case 1:
      return "Lessons on " + std::string(pick(rng, words::kConcepts)) + " from " + std::string(pick(rng, words::kPlaces));
    case 2:
      return capitalize(std::string(pick(rng, words::kAdjectives)) + " " + std::string(pick(rng, words::kConcepts)) +
                        " after the crisis");
    default:
      return "How " + std::string(pick(rng, words::kDomains)) + " can improve " +
             std::string(pick(rng, words::kConcepts)) + " and " + std::string(pick(rng, words::kConcepts));
  }
}

Heading make_heading(SplitMix64& rng) {
  switch (rng.below(3)) {
    case 0: {
      std::string text(pick(rng, words::kSectionWords));
      return {text, text};
    }
    case 1: {
      std::string text = capitalize(std::string(pick(rng, words::kAdjectives)) + " " +
                                    std::string(pick(rng, words::kConcepts)));
      return {text, text};
    }
    default: {
      // "Trust: shared practice" is linked as [[Topic#Trust shared practice]]:
      // Obsidian drops the colon on both sides when matching headings.
      std::string concept_name = capitalize(std::string(pick(rng, words::kConcepts)));
      std::string rest = std::string(pick(rng, words::kAdjectives)) + " practice";
      return {concept_name + ": " + rest, concept_name + " " + rest};
    }
  }
}

std::string block_id(SplitMix64& rng) {
  static constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string id = "blk-";
  for (int i = 0; i < 6; ++i) id += kDigits[rng.below(kDigits.size())];
  return id;
}

std::vector<std::string> topic_aliases(SplitMix64& rng, const std::string& name) {
  std::vector<std::string> aliases;
  std::size_t count = rng.below(4);
  if (count >= 1) {
    std::string acronym;
    for (const auto& word : split_words(name))
      if (word.size() > 3 && static_cast<unsigned char>(word[0]) < 0x80) acronym += ascii_upper_char(word[0]);
    if (acronym.size() >= 2) aliases.push_back(acronym);
  }
  if (count >= 2) {
    auto in = name.find(" in ");
    aliases.push_back(in != std::string::npos ? name.substr(0, in) : name + " (overview)");
  }
  if (count >= 3) aliases.push_back(capitalize(std::string(pick(rng, words::kAdjectives))) + " " + ascii_lower(name));
  return aliases;
}

void plan_topic_shape(SplitMix64& rng, TopicPlan& topic) {
  topic.aliases = topic_aliases(rng, topic.name);
  std::set<std::string> heading_keys;
  std::size_t headings = rng.between(3, 6);
  for (std::size_t attempt = 0; topic.headings.size() < headings && attempt < 20; ++attempt) {
    Heading heading = make_heading(rng);
    if (heading_keys.insert(ascii_lower(heading.link_form)).second) topic.headings.push_back(std::move(heading));
  }
  if (topic.headings.empty()) topic.headings.push_back({"Overview", "Overview"});
  std::size_t blocks = rng.between(2, 4);
  std::set<std::string> ids;
  while (topic.block_ids.size() < blocks) {
    std::string id = block_id(rng);
    if (ids.insert(id).second) topic.block_ids.push_back(std::move(id));
  }
}

}  // namespace

std::string note_path(const std::string& folder, const std::string& name) {
  return folder.empty() ? name + ".md" : folder + "/" + name + ".md";
}

VaultPlan plan_vault(std::size_t notes, std::uint64_t seed) {
  VaultPlan plan;
  plan.seed = seed;
  std::size_t channels = notes >= 3 ? std::max<std::size_t>(1, notes / 50) : 0;
  std::size_t topics = notes >= 2 ? std::max<std::size_t>(1, notes / 4) : 0;
  std::size_t transcripts = notes - channels - topics;

  NameRegistry names;
  SplitMix64 folder_rng(stream_seed(seed, kFolders, 0));

  SplitMix64 channel_rng(stream_seed(seed, kChannelNames, 0));
  for (std::size_t i = 0; i < channels; ++i) {
    std::string name = names.unique([&] {
      return std::string(pick(channel_rng, words::kChannelStems)) + std::to_string(channel_rng.between(100, 9999));
    });
    plan.channels.push_back({std::move(name), {}});
  }

  SplitMix64 topic_rng(stream_seed(seed, kTopicNames, 0));
  for (std::size_t i = 0; i < topics; ++i) {
    TopicPlan topic;
    // About 1% of topics repeat an earlier topic's name in another folder, the
    // way archived copies pile up in real vaults; bare links to them are ambiguous.
    bool duplicate = i > 0 && folder_rng.per_mille(10);
    if (duplicate) {
      std::size_t original = folder_rng.below(i);
      while (plan.topics[original].is_duplicate_name) original = folder_rng.below(i);
      topic.name = plan.topics[original].name;
      topic.folder = "Archive";
      topic.is_duplicate_name = true;
    } else {
      topic.name = names.unique([&] { return topic_name(topic_rng); });
      topic.folder = folder_rng.per_mille(100)
                         ? "Topics/" + capitalize(std::string(pick(folder_rng, words::kDomains)))
                         : "Topics";
    }
    SplitMix64 shape_rng(stream_seed(seed, kTopicShape, i));
    plan_topic_shape(shape_rng, topic);
    plan.topics.push_back(std::move(topic));
  }

  SplitMix64 title_rng(stream_seed(seed, kTranscriptNames, 0));
  for (std::size_t i = 0; i < transcripts; ++i) {
    TranscriptPlan transcript;
    transcript.title = names.unique([&] { return transcript_title(title_rng); });
    transcript.channel = channels ? folder_rng.below(channels) : 0;
    transcript.folder = channels && folder_rng.per_mille(700) ? "Videos/" + plan.channels[transcript.channel].name
                                                              : "Videos";
    if (channels) plan.channels[transcript.channel].transcripts.push_back(i);
    plan.transcripts.push_back(std::move(transcript));
  }

  std::size_t attachments = notes == 0 ? 0 : std::max<std::size_t>(1, notes / 25);
  for (std::size_t i = 0; i < attachments; ++i) {
    std::string number = std::to_string(i);
    if (number.size() < 5) number.insert(0, 5 - number.size(), '0');
    plan.attachments.push_back("diagram-" + number + ".png");
  }
  return plan;
}

}  // namespace vaultgen
