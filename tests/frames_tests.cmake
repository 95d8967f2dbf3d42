# Pages made for a frame (issue 14): every spec in specs/ and tests/frames/
# with a frame (16:9, phone, A4/A3/A5/letter or a fixed height) is rendered
# and checked as a reader sees it -- the smallest text in the --svg-text
# text SVG against the frame's floor, text inside a fixed page, one
# baseline for the key numbers of a row, no tall empty band in the PNG.
# tests/frames_check.py runs on any folder of specs (hidden ones too):
#   python3 tests/frames_check.py --huitu build/huitu \
#     --probe build/tests/frames_probe --out /tmp/f DIR...
add_executable(frames_probe ${CMAKE_CURRENT_SOURCE_DIR}/frames_probe.c)
target_link_libraries(frames_probe PRIVATE huitu_static)
set(FRAMES_CHECK /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/frames_check.py
    --huitu $<TARGET_FILE:huitu> --probe $<TARGET_FILE:frames_probe>)
add_test(NAME frames.selftest COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/frames_check.py --self-test)
add_test(NAME frames.specs COMMAND ${FRAMES_CHECK} --out ${CMAKE_CURRENT_BINARY_DIR}/frames
         ${CMAKE_SOURCE_DIR}/specs ${CMAKE_CURRENT_SOURCE_DIR}/frames)
# The checks can fail: each spec in tests/frames/bad must fail the check its
# name starts with (band-*, fits-*); frames.selftest does the same for every
# check on made-up pages and probe output.
add_test(NAME frames.catches COMMAND ${FRAMES_CHECK} --out ${CMAKE_CURRENT_BINARY_DIR}/frames-bad
         --expect-failures ${CMAKE_CURRENT_SOURCE_DIR}/frames/bad)
set_tests_properties(frames.selftest frames.specs frames.catches PROPERTIES LABELS frames
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts")
