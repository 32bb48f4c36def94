// Typed exceptions thrown by the engine.
//
// Everything a user can cause (a wrong shape, an out-of-range argument, a misuse of the graph)
// throws one of these with a message that names the op, the node and the shapes involved. The
// message is a gs::Message (core/Message.h): what() is its English text, and the app shows
// message() in the user's language. The engine never aborts on bad input.
#pragma once

#include "core/Message.h"

#include <memory>
#include <stdexcept>
#include <string>

namespace gs {

// Base of every engine error; catch this to catch them all.
class Error : public std::runtime_error {
public:
    explicit Error(Message message)
        : std::runtime_error(message.english())
        , m_message(std::make_shared<const Message>(std::move(message))) {}
    // Error(Engine::tr("{1}: needs a matrix, got {2}"), label, shape): the Message in place.
    template <class... A>
    explicit Error(Text text, const A&... arguments)
        : Error(Message(text, arguments...)) {}
    // The message to show: translated by the UI (ui/i18n/Language.h), English in what().
    const Message& message() const { return *m_message; }

private:
    std::shared_ptr<const Message> m_message; // shared: exceptions are copied without throwing
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
