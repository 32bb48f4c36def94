# Runs COMMAND with ARGS (a ;-list) and checks its exit code and that stderr contains a text.
#   cmake -DCOMMAND=... -DARGS=... -DEXPECT_EXIT=N -DEXPECT_STDERR=text -P expect_run.cmake
execute_process(COMMAND ${COMMAND} ${ARGS} RESULT_VARIABLE code OUTPUT_VARIABLE out
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
