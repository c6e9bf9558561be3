# Writes OUT, a header defining VAULTLINK_SOURCE_FINGERPRINT: one hash of every
# engine source and header under SOURCE_DIR. The index cache stores it, so a
# build whose parser (or Note model) differs in any way drops old caches
# instead of trusting notes another parser produced.
file(GLOB sources ${SOURCE_DIR}/src/*.cpp ${SOURCE_DIR}/src/*.hpp ${SOURCE_DIR}/include/vaultlink/*.hpp)
list(SORT sources)
set(digests "")
foreach(source ${sources})
  file(SHA256 ${source} digest)
  file(RELATIVE_PATH name ${SOURCE_DIR} ${source})
  string(APPEND digests "${name} ${digest}\n")
endforeach()
string(SHA256 fingerprint "${digests}")
string(SUBSTRING ${fingerprint} 0 32 fingerprint)
file(WRITE ${OUT}.tmp "#define VAULTLINK_SOURCE_FINGERPRINT \"${fingerprint}\"\n")
# Only a changed fingerprint touches the header, so nothing recompiles needlessly.
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
