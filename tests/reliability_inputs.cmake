# Inputs that used to hang, race or pass silently (FIFOs, a folder swapped
# for a symbolic link while rendering, image bombs, lying and cut PNGs,
# billion-laughs SVGs, stale temporary files): generated at test time.
add_test(NAME bad.reliability_inputs
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/reliability_inputs.sh $<TARGET_FILE:huitu> 200)
set_tests_properties(bad.reliability_inputs PROPERTIES LABELS bad TIMEOUT 600
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")
