# cmake -DCLI=path/to/vaultlink -DOUT=file -P write-settings-schema.cmake
# Writes `vaultlink settings-schema` to OUT (a script, because a build
# command cannot redirect output portably).  Leak detection is off: in the
# sanitizer build the CLI runs here, and a build step is no leak test.
set(ENV{ASAN_OPTIONS} "detect_leaks=0")
execute_process(COMMAND ${CLI} settings-schema OUTPUT_FILE ${OUT} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE ${OUT})
  message(FATAL_ERROR "vaultlink settings-schema failed: ${result}")
endif()
