# ThreadSanitizer build (-DVAULTLINK_TSAN=ON; scripts/test.sh runs it): only
# the tests where threads meet, in their own small executable, so the build
# stays short. The watcher (its thread, the change coalescer, the batch
# mailbox), the parallel vault load and check, the incremental session and the
# watch loop on top of it (watcher thread, session, auto-commit), the commit's
# worktree listing (its threads start before the index is read); the C ABI's event queue and
# watch tests (tests/hosts) run beside it.
add_executable(tsan_unit_tests ${CMAKE_CURRENT_SOURCE_DIR}/support/catch_main.cpp
                               ${CMAKE_CURRENT_SOURCE_DIR}/support/sandbox.cpp
                               ${CMAKE_CURRENT_SOURCE_DIR}/unit/watcher_test.cpp
                               ${CMAKE_CURRENT_SOURCE_DIR}/unit/change_coalescer_test.cpp
                               ${CMAKE_CURRENT_SOURCE_DIR}/unit/vault_test.cpp
                               ${CMAKE_CURRENT_SOURCE_DIR}/unit/session_test.cpp
                               ${CMAKE_CURRENT_SOURCE_DIR}/unit/vault_watch_test.cpp
                               ${CMAKE_CURRENT_SOURCE_DIR}/unit/git_worktree_scan_test.cpp)
target_include_directories(tsan_unit_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/support)
target_link_libraries(tsan_unit_tests PRIVATE vaultlink_core Catch2::Catch2)
target_compile_definitions(tsan_unit_tests PRIVATE
  VAULTLINK_FIXTURES_DIR="${CMAKE_CURRENT_SOURCE_DIR}/fixtures"
  VAULTLINK_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared"
  VAULTLINK_EXAMPLES_DIR="${PROJECT_SOURCE_DIR}/examples")
add_test(NAME tsan.unit COMMAND tsan_unit_tests)
