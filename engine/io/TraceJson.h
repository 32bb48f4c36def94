// JSON form of a backward step-through (gradscope-cli gradients --trace, and trace).
#pragma once

#include "Json.h"
#include "core/Backward.h"

namespace gs {

Json stepRecordToJson(const Graph& graph, const StepRecord& record);

} // namespace gs
