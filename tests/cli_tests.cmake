# Bad specs: tests/bad/<case>.{yaml,json} with <case>.expected holding the
# exit code and the exact diagnostics.  Each case is its own test.
file(GLOB BAD_SPECS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/bad/*.yaml ${CMAKE_CURRENT_SOURCE_DIR}/bad/*.json)
foreach(spec ${BAD_SPECS})
  get_filename_component(name ${spec} NAME_WE)
  add_test(NAME bad.${name}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/run_bad.sh $<TARGET_FILE:huitu> ${spec}
            ${CMAKE_CURRENT_SOURCE_DIR}/bad/${name}.expected)
  set_tests_properties(bad.${name} PROPERTIES LABELS bad
    ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")
endforeach()

# Every gallery spec renders in all three formats, twice, to identical bytes.
add_test(NAME gallery.render_deterministic
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/gallery_check.sh $<TARGET_FILE:huitu> ${CMAKE_SOURCE_DIR}/specs)
set_tests_properties(gallery.render_deterministic PROPERTIES LABELS gallery
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")

add_test(NAME cli.behaviour COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli_check.sh $<TARGET_FILE:huitu> ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(cli.behaviour PROPERTIES LABELS cli
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")

# --strict in render, check and batch; check reports what render does.
add_test(NAME cli.strict_check COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli_strict_check.sh $<TARGET_FILE:huitu> ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(cli.strict_check PROPERTIES LABELS cli
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")

# docs/spec-reference.md and docs/huitu-spec.5 are what the key tables make.
add_test(NAME cli.docs_reference COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/docs_reference.sh $<TARGET_FILE:huitu> ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.docs_reference PROPERTIES LABELS cli
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")

# Inputs the fuzzers crashed on, fixed since: exit 0/1/2, never a crash.
add_test(NAME fuzz.regressions
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_regress.sh $<TARGET_FILE:huitu> ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/regressions)
set_tests_properties(fuzz.regressions PROPERTIES LABELS fuzz
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")

# Bad inputs generated at test time (50 MB spec, 10,000-deep nesting, a
# million CSV rows, FIFOs, symlinks, unwritable folders, a full disk).
add_test(NAME bad.generated COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/bad_generated.sh $<TARGET_FILE:huitu>)
set_tests_properties(bad.generated PROPERTIES LABELS bad TIMEOUT 300
  ENVIRONMENT "HUITU_FONT_PATH=${CMAKE_SOURCE_DIR}/fonts;LANG=C.UTF-8")
