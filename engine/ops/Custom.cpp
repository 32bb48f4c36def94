#include "Custom.h"

#include "Rules.h"
#include "core/BackwardContext.h"

namespace gs {

Var custom(std::shared_ptr<const CustomFunction> function, std::initializer_list<Var> inputs) {
    if (!function || !function->forward || !function->backward)
        throw InvalidArgument(Engine::tr("a custom op needs a forward and a backward"));
    if (inputs.size() == 0)
        throw InvalidArgument(Engine::tr("custom op '{1}' has no input"), function->name);
    Graph& graph = inputs.begin()->graph();
    std::vector<const Tensor*> values;
    for (const Var& in : inputs)
        values.push_back(&in.value());
    Tensor out = function->forward(values);
    Node& n = graph.record(OpKind::Custom, inputs);
    n.value = std::move(out);
    n.name = function->name;
    n.custom = std::move(function);
    return graph.var(n);
}

namespace rules {

void customBackward(BackwardContext& c) {
    const CustomFunction& f = *c.node.custom;
    std::vector<const Tensor*> values;
    for (int slot = 0; slot < c.node.inputCount; ++slot)
        values.push_back(&c.input(slot));
    for (int slot = 0; slot < c.node.inputCount; ++slot)
        if (Tensor* g = c.gradIn[static_cast<std::size_t>(slot)])
            *g = f.backward(values, c.output(), c.gradOut, slot);
}

} // namespace rules

} // namespace gs
