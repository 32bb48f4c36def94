// Typed exceptions thrown by the engine.
//
// Everything a user can cause (a wrong shape, an out-of-range argument, a misuse of the graph)
// throws one of these with a message that names the op, the node and the shapes involved, so
// the UI and the CLI can show it as it is. The engine never aborts on bad input.
#pragma once

#include <stdexcept>
#include <string>

namespace gs {

// Base of every engine error; catch this to catch them all.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Two shapes do not fit together: "matmul 'linear1.matmul': [64, 784] @ [128, 10] ...".
class ShapeError : public Error {
public:
    using Error::Error;
};

// An argument outside its allowed range: a negative stride, a label past the class count.
class InvalidArgument : public Error {
public:
    using Error::Error;
};

// The graph was used in a way that cannot work: backward from a non-scalar, backward twice
// through released buffers, a node id that does not exist.
class GraphError : public Error {
public:
    using Error::Error;
};

// Long work stopped because the user asked (a progress callback returned false); whatever the
// work changed has been put back.
class Cancelled : public Error {
public:
    using Error::Error;
};

// Something the engine cannot do on this build: an op on a CUDA tensor without the backend.
class Unsupported : public Error {
public:
    using Error::Error;
};

} // namespace gs
