# huitu batch / watch: sharding, change detection, failure summaries, the
# report, the book, index.html, GNU parallel, signals.  Each script is one
# test; exit 77 means a tool it needs is missing (skipped).
file(GLOB BATCH_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/batch_*.sh)
list(FILTER BATCH_TESTS EXCLUDE REGEX "batch_lib\\.sh$")
foreach(script ${BATCH_TESTS})
  get_filename_component(name ${script} NAME_WE)
  string(REPLACE "batch_" "" name ${name})
  add_test(NAME batch.${name} COMMAND sh ${script} $<TARGET_FILE:huitu>)
  set_tests_properties(batch.${name} PROPERTIES LABELS batch SKIP_RETURN_CODE 77 TIMEOUT 300
    ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")
endforeach()
