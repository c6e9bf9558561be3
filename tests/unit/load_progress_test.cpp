// Progress of a vault load as a host sees it: counts that never go back and
// end at the total, however the loading threads reach the report.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "load_progress.hpp"
#include "sandbox.hpp"
#include "vaultlink/vault.hpp"

using vaultlink::LoadProgress;
using vaultlink::ProgressFn;
using Report = std::pair<std::size_t, std::size_t>;

TEST_CASE("a count reaching the report after a larger one is dropped", "[load_progress]") {
  std::vector<Report> seen;
  const ProgressFn record = [&](std::size_t done, std::size_t total) { seen.emplace_back(done, total); };
  LoadProgress progress(record, 600);
  // What two loading threads did in CI: 600 took the lock before 512.
  progress.report(256);
  progress.report(600);
  progress.report(512);
  CHECK(seen == std::vector<Report>{{256, 600}, {600, 600}});
}

TEST_CASE("every 256th file and the last are reported", "[load_progress]") {
  std::vector<Report> seen;
  const ProgressFn record = [&](std::size_t done, std::size_t total) { seen.emplace_back(done, total); };
  LoadProgress progress(record, 600);
  for (int i = 0; i < 600; ++i) progress.file_finished();
  CHECK(seen == std::vector<Report>{{256, 600}, {512, 600}, {600, 600}});
}

TEST_CASE("no callback, no report", "[load_progress]") {
  const ProgressFn none;
  LoadProgress progress(none, 3);
  for (int i = 0; i < 3; ++i) progress.file_finished();  // must not call an empty function
}

TEST_CASE("a parallel load reports rising counts ending at the total", "[load_progress]") {
  vaultlink::test::Sandbox sandbox;
  for (int i = 0; i < 1500; ++i) sandbox.write("N" + std::to_string(i) + ".md", "# N\n[[N0]]\n");
  for (int round = 0; round < 10; ++round) {  // the threads' order differs from load to load
    std::vector<Report> seen;
    vaultlink::Vault::load(sandbox.root(), vaultlink::Settings{},
                           [&](std::size_t done, std::size_t total) { seen.emplace_back(done, total); });
    REQUIRE(!seen.empty());
    CHECK(seen.back() == Report{1500, 1500});
    for (std::size_t i = 1; i < seen.size(); ++i) CHECK(seen[i - 1].first < seen[i].first);
  }
}
