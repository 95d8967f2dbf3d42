# Scene dumps (tests/scene/NAME.expected): a dozen representative specs,
# each laid out and compared item by item (kind, role, box, text, fill), so
# a change to layout shows every moved or resized thing as a diff.  Update
# on purpose with:  HUITU_UPDATE_SCENES=1 ctest -L scene
add_executable(scene_dump ${CMAKE_CURRENT_SOURCE_DIR}/scene/scene_dump.c)
target_link_libraries(scene_dump PRIVATE huitu_static)
file(GLOB SCENE_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/scene/*.expected)
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/scene/specs.txt SCENE_SPECS REGEX "^[^#]")
foreach(spec ${SCENE_SPECS})
  get_filename_component(name ${spec} NAME)
  string(REGEX REPLACE "\\.(yaml|vl\\.json)$" "" name ${name})
  add_test(NAME scene.${name}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/scene/check.sh $<TARGET_FILE:scene_dump>
            ${CMAKE_SOURCE_DIR}/${spec} ${CMAKE_CURRENT_SOURCE_DIR}/scene/${name}.expected)
  set_tests_properties(scene.${name} PROPERTIES LABELS scene
    ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts")
endforeach()
