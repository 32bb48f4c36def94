# Runs COMMAND with ARGS (a ;-list) and checks its exit code and that stderr contains a text.
#   cmake -DCOMMAND=... -DARGS=... -DEXPECT_EXIT=N -DEXPECT_STDERR=text [-DEXPECT_STDOUT=text]
#         [-DNO_DISPLAY=ON] -P expect_run.cmake
# With -DNO_DISPLAY=ON it runs with no X or Wayland display to open (as over ssh, or in CI).
set(prefix "")
if(NO_DISPLAY)
    set(prefix ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb)
endif()
execute_process(COMMAND ${prefix} ${COMMAND} ${ARGS} RESULT_VARIABLE code OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT code EQUAL EXPECT_EXIT)
    message(FATAL_ERROR "exit code ${code}, expected ${EXPECT_EXIT}\nstdout: ${out}\nstderr: ${err}")
endif()
# Fails unless the stream NAME's TEXT holds EXPECTED (when the caller asked for it).
function(expect_in name text expected)
    if(DEFINED expected AND NOT expected STREQUAL "")
        string(FIND "${text}" "${expected}" at)
        if(at EQUAL -1)
            message(FATAL_ERROR "${name} lacks '${expected}': ${text}")
        endif()
    endif()
endfunction()
expect_in(stderr "${err}" "${EXPECT_STDERR}")
expect_in(stdout "${out}" "${EXPECT_STDOUT}")
