# The layering of src/ (issue 13): include lines between folders only run
# down the pipeline (HUITU_LEVELS in the top-level CMakeLists.txt, which
# also links each folder alone against the ones below it).  The self-test
# makes sure the script still catches an upward include.
add_test(NAME layering.includes
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/layering.sh ${CMAKE_SOURCE_DIR}/src ${HUITU_LEVELS})
add_test(NAME layering.self_test
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/layering.sh --self-test ${CMAKE_CURRENT_SOURCE_DIR}/layering.sh)
set_tests_properties(layering.includes layering.self_test PROPERTIES LABELS layering)
