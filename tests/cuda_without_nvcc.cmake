# Configures the project afresh with GRADSCOPE_CUDA=ON and a PATH without nvcc, and expects
# the clear message, not a CMake trace.
file(REMOVE_RECURSE "${BINARY}")
execute_process(
    COMMAND ${CMAKE_COMMAND} -E env --unset=CUDACXX --unset=CUDA_PATH PATH=/usr/bin:/bin
            ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -G ${GENERATOR}
            -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM} -DCMAKE_CXX_COMPILER=${CXX} -DGRADSCOPE_CUDA=ON
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(REMOVE_RECURSE "${BINARY}")
if(code EQUAL 0)
    message(FATAL_ERROR "configuring with GRADSCOPE_CUDA=ON and no nvcc succeeded")
endif()
string(FIND "${err}" "GRADSCOPE_CUDA is ON but no CUDA compiler (nvcc) was found" at)
if(at EQUAL -1)
    message(FATAL_ERROR "the message is missing; cmake said:\n${err}")
endif()
