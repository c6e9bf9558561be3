// What a generated backlinks section lists: for one target note, every note
// linking to it, with where in that note (section heading) and, for video
// transcript notes, when in the video.
#include <algorithm>
#include <optional>
#include <string>

#include "vaultlink/backlinks.hpp"
#include "vaultlink/graph.hpp"
#include "vaultlink/index.hpp"
#include "vaultlink/resolve.hpp"
#include "vaultlink/validate.hpp"

namespace vaultlink {

namespace {

bool valid_video_id(std::string_view id) {
  return id.size() == 11 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

// The timestamp anchor that dates the link: in these transcript notes an
// anchor closes the statement it cites ("... across agencies <a data-t>."), so
// the first anchor after the link in its own block (paragraph, list item) is
// the one for the link's sentence; a link after the block's last anchor takes
// the closest one before it. Anchors of other blocks are about other statements.
const TimestampAnchor* nearest_anchor(const Note& note, const Link& link) {
  auto first = std::lower_bound(note.timestamps.begin(), note.timestamps.end(), link.block.begin,
                                [](const TimestampAnchor& anchor, std::uint32_t offset) { return anchor.range.begin < offset; });
  const TimestampAnchor* before = nullptr;
  for (auto it = first; it != note.timestamps.end() && it->range.begin < link.block.end; ++it) {
    if (!parse_timestamp(it->data_t)) continue;  // a malformed anchor is reported by check, not linked
    if (it->range.begin >= link.range.end) return &*it;
    before = &*it;
  }
  return before;
}

// A clickable timestamp. Obsidian renders a Markdown link to a URL as a link
// in both reading view and live preview; the transcripts' own
// <a class="yt-timestamp" data-t="..."> form has no href and only does
// something with a timestamp plugin installed, so it would be dead text in a
// plain vault. "&t=921s" is the start time YouTube's watch page understands.
std::string timestamp_link(const BacklinkMention& mention, std::string_view video_id) {
  return "[" + mention.timestamp + "](https://www.youtube.com/watch?v=" + std::string(video_id) +
         "&t=" + std::to_string(mention.seconds) + "s)";
}

}  // namespace

std::string linkable_heading(std::string_view heading) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < heading.size(); ++i) {
    char c = heading[i];
    bool blank = c == '#' || c == '|' || c == '^' || c == ':' || c == '[' || c == ']' || c == ' ' || c == '\t' ||
                 c == '\r' || c == '\n' || (c == '%' && i + 1 < heading.size() && heading[i + 1] == '%');
    if (c == '%' && blank) ++i;  // "%%" is one comment delimiter
    if (blank) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::optional<BacklinkGroup> backlink_group(const VaultIndex& index, const LinkGraph& graph, std::string_view source,
                                            std::string_view target_path) {
  if (source == target_path) return std::nullopt;  // a note does not list itself
  const Note* note = index.note(source);
  const std::vector<Resolution>* resolutions = graph.resolutions(source);
  if (!note || !resolutions) return std::nullopt;
  BacklinkGroup group;
  group.source_path = source;
  if (note->frontmatter.video_id && valid_video_id(*note->frontmatter.video_id))
    group.video_id = *note->frontmatter.video_id;
  for (std::size_t i = 0; i < note->links.size() && i < resolutions->size(); ++i) {
    const Resolution& resolution = (*resolutions)[i];
    if (!resolution.resolved() || resolution.path != target_path) continue;
    const Link& link = note->links[i];
    BacklinkMention mention;
    mention.offset = link.range.begin;
    if (link.syntax != LinkSyntax::frontmatter) {
      if (auto heading = note->section_heading(link.range.begin))
        mention.heading = linkable_heading(note->headings[*heading].text);
      if (!group.video_id.empty()) {
        if (const TimestampAnchor* anchor = nearest_anchor(*note, link)) {
          mention.timestamp = anchor->data_t;
          mention.seconds = *parse_timestamp(anchor->data_t);
        }
      }
    }
    group.mentions.push_back(std::move(mention));
  }
  if (group.mentions.empty()) return std::nullopt;
  std::stable_sort(group.mentions.begin(), group.mentions.end(),
                   [](const BacklinkMention& a, const BacklinkMention& b) { return a.offset < b.offset; });
  group.link_target = shortest_link_target(index, source);
  return group;
}

std::vector<BacklinkGroup> collect_backlinks(const VaultIndex& index, const LinkGraph& graph,
                                             std::string_view target_path) {
  std::vector<BacklinkGroup> groups;
  for (const std::string_view source : graph.sources_of(target_path))  // ordered by path
    if (auto group = backlink_group(index, graph, source, target_path)) groups.push_back(std::move(*group));
  return groups;
}

std::vector<std::string> render_backlinks(const std::vector<BacklinkGroup>& groups, std::string_view heading) {
  std::vector<std::string> lines;
  if (groups.empty()) return lines;
  lines.emplace_back(heading);
  for (const auto& group : groups) {
    lines.push_back("- [[" + group.link_target + "]]");
    // One sub-bullet per section of the source, in the order the sections
    // first link here, with that section's timestamps in order of appearance.
    struct Context {
      std::string heading;
      std::vector<const BacklinkMention*> timestamps;
    };
    std::vector<Context> contexts;
    for (const auto& mention : group.mentions) {
      if (mention.heading.empty() && mention.timestamp.empty()) continue;  // the source bullet says it all
      auto context = std::find_if(contexts.begin(), contexts.end(),
                                  [&](const Context& c) { return c.heading == mention.heading; });
      if (context == contexts.end()) context = contexts.insert(contexts.end(), Context{mention.heading, {}});
      if (mention.timestamp.empty()) continue;
      bool seen = std::any_of(context->timestamps.begin(), context->timestamps.end(),
                              [&](const BacklinkMention* m) { return m->timestamp == mention.timestamp; });
      if (!seen) context->timestamps.push_back(&mention);
    }
    for (const auto& context : contexts) {
      std::string line = "  -";
      if (!context.heading.empty()) line += " [[" + group.link_target + "#" + context.heading + "]]";
      for (std::size_t i = 0; i < context.timestamps.size(); ++i) {
        line += (i == 0 && context.heading.empty()) ? " " : (i == 0 ? " · " : ", ");
        line += timestamp_link(*context.timestamps[i], group.video_id);
      }
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

}  // namespace vaultlink
