# Maps against Vega-Lite's own renderings (issue 15): the vendored geo_*
# examples laid out (scene_dump, from scene_tests.cmake) and compared with
# the SVGs Vega-Lite compiled from them: shape and point counts, shape
# boxes and point places within 1% of the plot (compare.py).
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND AND TARGET scene_dump)
  add_test(NAME vl.maps
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/compare.py $<TARGET_FILE:scene_dump>
            ${CMAKE_CURRENT_LIST_DIR} -v --expect 14)
  set_tests_properties(vl.maps PROPERTIES LABELS vl
    ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts")
endif()
