// The Note wire format of the index cache. Every field of note.hpp's Note is
// written; decoding also checks that the note could have come from the parser
// (ranges inside the note, ordered line starts), because the validators and
// the backlinks writer index into the note's text with these offsets.
#include <climits>

#include "note_cache_wire.hpp"
#include "vaultlink/note_cache.hpp"

namespace vaultlink {
namespace {

// A field added to the Note model must be added here too (and the cache's
// build fingerprint changes with note.hpp, so old caches are dropped). The
// sizes catch a forgotten field on the platform the tests run on.
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8
static_assert(sizeof(Link) == 168 && sizeof(Heading) == 56 && sizeof(BlockId) == 40 &&
                  sizeof(TimestampAnchor) == 80 && sizeof(Frontmatter) == 168 && sizeof(ParseProblem) == 72 &&
                  sizeof(Note) == 392,
              "the Note model changed: encode and decode the new field in note_cache_codec.cpp");
#endif

using wire::put;
using wire::put_string;

void put_range(std::string& out, const ByteRange& range) {
  put(out, range.begin);
  put(out, range.end);
}

void put_optional_string(std::string& out, const std::optional<std::string>& value) {
  put<std::uint8_t>(out, value ? 1 : 0);
  if (value) put_string(out, *value);
}

template <typename T, typename Put>
void put_all(std::string& out, const std::vector<T>& items, Put put_one) {
  put(out, static_cast<std::uint32_t>(items.size()));
  for (const auto& item : items) put_one(out, item);
}

void put_link(std::string& out, const Link& link) {
  put(out, static_cast<std::uint8_t>(link.syntax));
  put<std::uint8_t>(out, link.embed);
  put_string(out, link.target);
  put_string(out, link.subpath);
  put<std::uint8_t>(out, link.has_subpath);
  put_string(out, link.display);
  put<std::uint8_t>(out, link.has_display);
  put_range(out, link.range);
  put_range(out, link.block);
  put_string(out, link.malformed);
}

void put_frontmatter(std::string& out, const Frontmatter& frontmatter) {
  put<std::uint8_t>(out, frontmatter.present);
  put_range(out, frontmatter.range);
  put_string(out, frontmatter.error);
  put(out, frontmatter.error_line);
  put_all(out, frontmatter.aliases, put_string);
  put_optional_string(out, frontmatter.video_id);
  put_optional_string(out, frontmatter.duration);
  put_range(out, frontmatter.video_id_range);
}

// Decodes one note; every read goes through the reader, whose failure is sticky.
class NoteDecoder {
 public:
  explicit NoteDecoder(std::string_view bytes) : in_(bytes) {}

  std::optional<Note> decode() {
    Note note;
    note.path = in_.get_string();
    note.size = in_.get<std::uint64_t>();
    // Offsets are 32-bit: a larger note cannot have been parsed into this model.
    if (note.size > UINT32_MAX) return std::nullopt;
    size_ = static_cast<std::uint32_t>(note.size);
    get_all(note.line_starts, [&] { return in_.get<std::uint32_t>(); });
    note.frontmatter = frontmatter();
    get_all(note.headings, [&] { return heading(); });
    get_all(note.block_ids, [&] {
      BlockId block;
      block.id = in_.get_string();
      block.range = range();
      return block;
    });
    get_all(note.links, [&] { return link(); });
    get_all(note.timestamps, [&] { return timestamp(); });
    get_all(note.code, [&] { return range(); });
    if (in_.get_bool()) note.generated = GeneratedSection{range()};
    get_all(note.problems, [&] {
      ParseProblem problem;
      problem.code = in_.get_string();
      problem.message = in_.get_string();
      problem.range = range();
      return problem;
    });
    if (!in_.at_end() || !line_starts_valid(note)) return std::nullopt;
    return note;
  }

 private:
  template <typename T, typename GetOne>
  void get_all(std::vector<T>& items, GetOne get_one) {
    const std::uint32_t count = in_.get_count();
    items.reserve(count);
    for (std::uint32_t i = 0; i < count && in_.ok(); ++i) items.push_back(get_one());
  }

  ByteRange range() {
    ByteRange value{in_.get<std::uint32_t>(), in_.get<std::uint32_t>()};
    if (value.begin > value.end || value.end > size_) return in_.fail<ByteRange>();
    return value;
  }

  std::optional<std::string> optional_string() {
    if (!in_.get_bool()) return std::nullopt;
    return std::string(in_.get_string());
  }

  Frontmatter frontmatter() {
    Frontmatter value;
    value.present = in_.get_bool();
    value.range = range();
    value.error = in_.get_string();
    value.error_line = in_.get<std::uint32_t>();
    get_all(value.aliases, [&] { return std::string(in_.get_string()); });
    value.video_id = optional_string();
    value.duration = optional_string();
    value.video_id_range = range();
    return value;
  }

  Heading heading() {
    Heading value;
    value.level = in_.get<std::uint8_t>();
    if (value.level < 1 || value.level > 6) return in_.fail<Heading>();
    value.text = in_.get_string();
    value.line = in_.get<std::uint32_t>();
    value.range = range();
    return value;
  }

  Link link() {
    Link value;
    const auto syntax = in_.get<std::uint8_t>();
    if (syntax > static_cast<std::uint8_t>(LinkSyntax::frontmatter)) return in_.fail<Link>();
    value.syntax = static_cast<LinkSyntax>(syntax);
    value.embed = in_.get_bool();
    value.target = in_.get_string();
    value.subpath = in_.get_string();
    value.has_subpath = in_.get_bool();
    value.display = in_.get_string();
    value.has_display = in_.get_bool();
    value.range = range();
    value.block = range();
    value.malformed = in_.get_string();
    return value;
  }

  TimestampAnchor timestamp() {
    TimestampAnchor value;
    value.data_t = in_.get_string();
    value.label = in_.get_string();
    value.has_label = in_.get_bool();
    value.range = range();
    return value;
  }

  // position_of() relies on a first start of 0 and increasing starts.
  bool line_starts_valid(const Note& note) const {
    const auto& starts = note.line_starts;
    if (!starts.empty() && starts.front() != 0) return false;
    for (std::size_t i = 1; i < starts.size(); ++i)
      if (starts[i] <= starts[i - 1] || starts[i] > size_) return false;
    return true;
  }

  wire::Reader in_;
  std::uint32_t size_ = 0;
};

}  // namespace

void encode_note(const Note& note, std::string& out) {
  put_string(out, note.path);
  put(out, note.size);
  put_all(out, note.line_starts, [](std::string& o, std::uint32_t start) { put(o, start); });
  put_frontmatter(out, note.frontmatter);
  put_all(out, note.headings, [](std::string& o, const Heading& heading) {
    put(o, static_cast<std::uint8_t>(heading.level));
    put_string(o, heading.text);
    put(o, heading.line);
    put_range(o, heading.range);
  });
  put_all(out, note.block_ids, [](std::string& o, const BlockId& block) {
    put_string(o, block.id);
    put_range(o, block.range);
  });
  put_all(out, note.links, put_link);
  put_all(out, note.timestamps, [](std::string& o, const TimestampAnchor& anchor) {
    put_string(o, anchor.data_t);
    put_string(o, anchor.label);
    put<std::uint8_t>(o, anchor.has_label);
    put_range(o, anchor.range);
  });
  put_all(out, note.code, put_range);
  put<std::uint8_t>(out, note.generated.has_value());
  if (note.generated) put_range(out, note.generated->range);
  put_all(out, note.problems, [](std::string& o, const ParseProblem& problem) {
    put_string(o, problem.code);
    put_string(o, problem.message);
    put_range(o, problem.range);
  });
}

std::optional<Note> decode_note(std::string_view bytes) { return NoteDecoder(bytes).decode(); }

}  // namespace vaultlink
