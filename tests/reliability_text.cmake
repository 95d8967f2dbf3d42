# Slow strings (a 60,000-letter word, 20,000 combining marks): bounded time
# and a located warning.
add_test(NAME bad.reliability_text COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/reliability_text.sh $<TARGET_FILE:huitu>)
set_tests_properties(bad.reliability_text PROPERTIES LABELS bad TIMEOUT 300
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")
