// The commit message template.
#include <catch2/catch.hpp>

#include <ctime>

#include "vaultlink/git.hpp"

using namespace vaultlink;

namespace {

std::chrono::system_clock::time_point local_time(int year, int month, int day, int hour, int minute, int second) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  tm.tm_isdst = -1;
  return std::chrono::system_clock::from_time_t(std::mktime(&tm));
}

}  // namespace

TEST_CASE("placeholders are replaced and the body lists every file", "[git][message]") {
  MessageContext context{local_time(2026, 3, 4, 5, 6, 7), "laptop",
                         {{'M', "Home.md", ""}, {'A', "img/a b.png", ""}, {'R', "New.md", "Old.md"}}};
  std::string message = render_commit_message("{{hostname}}: {{date}} {{numFiles}} [{{files}}] {{unknown}}", context);
  CHECK(message ==
        "laptop: 2026-03-04 05:06:07 3 [Home.md, img/a b.png, New.md] {{unknown}}\n\n"
        "M Home.md\nA img/a b.png\nR Old.md -> New.md\n");
}

TEST_CASE("the subject stays short for many files; the body does not", "[git][message]") {
  MessageContext context{std::chrono::system_clock::now(), "h", {}};
  for (int i = 0; i < 25; ++i) context.files.push_back({'A', "n" + std::to_string(i) + ".md", ""});
  std::string message = render_commit_message("{{files}}", context);
  std::string subject = message.substr(0, message.find('\n'));
  CHECK(subject.ends_with("n9.md and 15 more"));
  CHECK(message.find("A n24.md\n") != std::string::npos);
}

TEST_CASE("an empty template uses the default wording; stray braces are kept", "[git][message]") {
  MessageContext context{std::chrono::system_clock::now(), "h", {{'M', "a.md", ""}}};
  CHECK(render_commit_message("", context).starts_with("vault backup: "));
  CHECK(render_commit_message("{{numFiles", context) == "{{numFiles\n\nM a.md\n");
  CHECK(render_commit_message("a }} b {{", context) == "a }} b {{\n\nM a.md\n");
}
