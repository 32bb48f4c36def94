#include "OpSupport.h"

namespace gs::detail {

Graph& graphOf(std::initializer_list<Var> vars) {
    Graph* graph = nullptr;
    for (const Var& v : vars) {
        if (!v.valid()) continue;
        if (graph && &v.graph() != graph)
            throw GraphError(Engine::tr("the inputs of one op come from different graphs"));
        graph = &v.graph();
    }
    if (!graph) throw GraphError(Engine::tr("an op was given no valid input"));
    return *graph;
}

} // namespace gs::detail
