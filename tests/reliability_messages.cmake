# Issue 12, items 6, 8, 9: safe, located, single messages; inputs refused.
add_test(NAME cli.reliability_messages
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/reliability_messages.sh $<TARGET_FILE:huitu>)
set_tests_properties(cli.reliability_messages PROPERTIES LABELS cli TIMEOUT 600
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")
