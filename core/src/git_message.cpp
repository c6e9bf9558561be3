// Commit messages from the user's template. The subject stays one readable
// line however many files changed; the body always lists every file, so
// `git log` answers "what did this backup touch" without a diff.
#include <ctime>

#include "vaultlink/git.hpp"

namespace vaultlink {

namespace {

constexpr std::string_view kDefaultTemplate = "vault backup: {{date}} ({{numFiles}} files)";
constexpr std::size_t kFilesInSubject = 10;

std::string format_date(std::chrono::system_clock::time_point date) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(date);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[32];
  std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
  return std::string(text, length);
}

std::string file_list(const std::vector<ChangedFile>& files) {
  std::string list;
  for (std::size_t i = 0; i < files.size() && i < kFilesInSubject; ++i) {
    if (i) list += ", ";
    list += files[i].path;
  }
  if (files.size() > kFilesInSubject) list += " and " + std::to_string(files.size() - kFilesInSubject) + " more";
  return list;
}

}  // namespace

std::string render_commit_message(std::string_view message_template, const MessageContext& context) {
  if (message_template.empty()) message_template = kDefaultTemplate;
  std::string subject;
  subject.reserve(message_template.size() + 64);
  std::size_t position = 0;
  while (position < message_template.size()) {
    std::size_t open = message_template.find("{{", position);
    if (open == std::string_view::npos) break;
    std::size_t close = message_template.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    subject.append(message_template.substr(position, open - position));
    std::string_view name = message_template.substr(open + 2, close - open - 2);
    if (name == "date") subject += format_date(context.date);
    else if (name == "numFiles") subject += std::to_string(context.files.size());
    else if (name == "files") subject += file_list(context.files);
    else if (name == "hostname") subject += context.hostname;
    else subject.append(message_template.substr(open, close + 2 - open));  // kept as written
    position = close + 2;
  }
  subject.append(message_template.substr(position));
  while (!subject.empty() && (subject.back() == '\n' || subject.back() == ' ')) subject.pop_back();

  if (context.files.empty()) return subject + "\n";
  std::string message = subject + "\n\n";
  for (const auto& file : context.files) {
    message += file.status;
    message += ' ';
    if (file.status == 'R') message += file.old_path + " -> ";
    message += file.path;
    message += '\n';
  }
  return message;
}

}  // namespace vaultlink
