# CJK typography tests that run the huitu binary (included from
# tests/CMakeLists.txt).  Exit code 77 = skipped (no pdffonts).
add_test(NAME cjk.regional_fonts
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cjk/regional_fonts.sh $<TARGET_FILE:huitu>)
set_tests_properties(cjk.regional_fonts PROPERTIES LABELS cjk SKIP_RETURN_CODE 77
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts")
