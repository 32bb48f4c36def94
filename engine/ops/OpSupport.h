// Helpers shared by the op families (not part of the public API).
#pragma once

#include "core/BackwardContext.h"

#include <string>

namespace gs::detail {

// "matmul 'linear1.matmul'": how messages name a node about to be recorded.
// (Built with append: GCC 12 warns falsely (-Wrestrict, PR105651) on "literal" + string&&.)
inline std::string label(const Graph& graph, OpKind op) {
    std::string s = opName(op);
    s.append(" '").append(graph.pendingName(op)).append("'");
    return s;
}

// "'x' [2, 3]": how messages name an input.
inline std::string describe(const Var& v) {
    std::string s = "'";
    s.append(v.name()).append("' ").append(v.shape().str());
    return s;
}

// The graph shared by the inputs; throws when they come from different graphs.
Graph& graphOf(std::initializer_list<Var> vars);

} // namespace gs::detail
