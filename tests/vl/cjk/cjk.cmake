# CJK Vega-Lite specs (issue 15): Chinese titles, fields and labels, with
# the numbers of /work/shared/seed's report, each next to the SVG Vega-Lite
# itself drew from it (render-vl.mjs, a dev aid: see README.md here).  The
# same oracle as vl.fidelity; --expect-labels / --expect as there.
if(Python3_Interpreter_FOUND)
  add_test(NAME vl.cjk
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/../fidelity/compare.py $<TARGET_FILE:fid_dump>
            ${CMAKE_CURRENT_LIST_DIR} -v --expect-labels 2 --expect 2)
  set_tests_properties(vl.cjk PROPERTIES LABELS vl
    ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts")
endif()
