// JSON form of a backward step-through (gradscope-cli gradients --trace, and trace).
#pragma once

#include "Json.h"
#include "core/Backward.h"
#include "train/StepTrace.h"

namespace gs {

Json stepRecordToJson(const Graph& graph, const StepRecord& record);
// The same, naming nodes from a list (a StepTrace's nodeNames) instead of a live graph.
Json stepRecordToJson(const std::vector<std::string>& nodeNames, const StepRecord& record);
// A whole traced training step (gradscope-cli trace): forward, loss, backward, update.
Json stepTraceToJson(const StepTrace& trace);

} // namespace gs
