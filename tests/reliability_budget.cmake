# The memory budget and linear-time charts (issue 12, items 2 and 4): specs
# made at test time, run under ulimit -v and timeout (tests/reliability_budget.sh).
add_test(NAME reliability.budget
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/reliability_budget.sh $<TARGET_FILE:huitu>)
set_tests_properties(reliability.budget PROPERTIES LABELS reliability TIMEOUT 600
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")
