#include "backlinks_report.hpp"

#include <algorithm>

namespace vaultlink::cli {

BacklinksReport read_backlinks_report(const nlohmann::json& json, bool check) {
  BacklinksReport report;
  for (const auto& path : json.at("changed"))
    report.outcomes.push_back({path.get<std::string>(), check ? "stale" : "updated", "", 0});
  report.changed = report.outcomes.size();
  for (const auto& problem : json.at("problems")) {
    BacklinksOutcome outcome{problem.at("path").get<std::string>(), problem.at("status").get<std::string>(),
                             problem.value("message", ""), problem.value("line", std::size_t{0})};
    ++(outcome.status == "malformed" ? report.malformed : report.errors);
    report.outcomes.push_back(std::move(outcome));
  }
  // The engine reports notes in path order; the two lists are merged back into it.
  std::stable_sort(report.outcomes.begin(), report.outcomes.end(),
                   [](const BacklinksOutcome& a, const BacklinksOutcome& b) { return a.path < b.path; });
  report.unchanged = json.at("unchanged").get<std::size_t>();
  return report;
}

}  // namespace vaultlink::cli
