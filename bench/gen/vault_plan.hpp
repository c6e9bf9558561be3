// The shape of a generated vault, decided before any text is written: every
// note's name and folder, each topic's headings, block ids and aliases. Notes
// link to each other through this plan, so heading and block links point at
// headings and ids that really exist (except the few meant to be broken).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vaultgen {

struct Heading {
  std::string text;       // as written after "## "
  std::string link_form;  // how a link names it (punctuation Obsidian strips is dropped)
};

struct TopicPlan {
  std::string name;
  std::string folder;  // "" is the vault root
  std::vector<std::string> aliases;
  std::vector<Heading> headings;
  std::vector<std::string> block_ids;
  bool is_duplicate_name = false;  // shares its name with an earlier topic: links to it are ambiguous
};

struct TranscriptPlan {
  std::string title;
  std::string folder;
  std::size_t channel = 0;
};

struct ChannelPlan {
  std::string name;
  std::vector<std::size_t> transcripts;
};

struct VaultPlan {
  std::uint64_t seed = 0;
  std::vector<TopicPlan> topics;
  std::vector<TranscriptPlan> transcripts;
  std::vector<ChannelPlan> channels;
  std::vector<std::string> attachments;  // file names inside kAttachmentFolder
};

inline constexpr const char* kAttachmentFolder = "attachments";
inline constexpr const char* kChannelFolder = "Channels";

// `notes` Markdown notes in total: about 2% channels, 25% topics, the rest
// transcripts (the seed's kind of note, and the bulk of the bytes).
VaultPlan plan_vault(std::size_t notes, std::uint64_t seed);

std::string note_path(const std::string& folder, const std::string& name);  // "folder/name.md"

}  // namespace vaultgen
