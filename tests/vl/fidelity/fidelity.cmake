# Vega-Lite fidelity (issue 15): Vega-Lite's own example specs and compiled
# SVGs (tests/vl/fidelity, BSD-3, see LICENSE there); compare.py checks the
# axis and legend labels and the marks (counts, positions in the plot box,
# colours, tick places) of huitu's scene against the SVG's.
# --expect-labels: the examples whose labels agree today; --expect: those
# that match in both.  Raise them when a fix makes more agree.
add_executable(fid_dump ${CMAKE_CURRENT_LIST_DIR}/fid_dump.c)
target_link_libraries(fid_dump PRIVATE huitu_static)
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  add_test(NAME vl.fidelity
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/compare.py $<TARGET_FILE:fid_dump>
            ${CMAKE_CURRENT_LIST_DIR} -v --expect-labels 176 --expect 162)
  set_tests_properties(vl.fidelity PROPERTIES LABELS vl
    ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts")
  # compare.py's reading of Vega's SVG: a case for each fix of the oracle
  add_test(NAME vl.fidelity_compare COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_compare.py)
  set_tests_properties(vl.fidelity_compare PROPERTIES LABELS vl)
endif()
