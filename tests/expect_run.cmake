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
if(DEFINED EXPECT_STDERR)
    string(FIND "${err}" "${EXPECT_STDERR}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "stderr lacks '${EXPECT_STDERR}': ${err}")
    endif()
endif()
if(DEFINED EXPECT_STDOUT)
    string(FIND "${out}" "${EXPECT_STDOUT}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "stdout lacks '${EXPECT_STDOUT}': ${out}\nstderr: ${err}")
    endif()
endif()
