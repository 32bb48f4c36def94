// A run's recording (train/Recorder.h) in a session file, so that an opened session has its
// timeline back (docs/session-format.md, "recording").
//
// The states' numbers (weights, model buffers, optimizer buffers: float32) are written as one
// zlib-compressed, base64-encoded block; each state's counters as a row of numbers; the
// settings and the optimizer buffers' names once each, shared by the states that use them.
// At most kMaxSavedRecording bytes of numbers are written: beyond that the states kept are
// thinned to every 2nd, 4th, … step (the first and the pinned ones always stay), and the
// timeline replays the steps between, as it does in memory.
//
// Reading checks everything before anything is used: a hostile file gets a message that names
// the problem, never a state that does not fit the network, a replay that cannot end, or an
// allocation larger than the numbers it declares (themselves bounded).
#pragma once

#include "Json.h"
#include "train/Recorder.h"

#include <cstddef>
#include <utility>
#include <vector>

namespace gs {

class Sequential;

constexpr std::size_t kMaxSavedRecording = std::size_t(64) << 20; // bytes of numbers
// The longest interval written or read: opening replays at most this many steps.
constexpr long kMaxSavedInterval = long(1) << 16;

// Null where the recording is empty, or does not fit `maxBytes` even every kMaxSavedInterval
// steps.
Json recordingToJson(const Recorder& recorder, std::size_t maxBytes = kMaxSavedRecording);

struct SavedRecording {
    std::vector<std::pair<TrainerState, Recorder::Pin>> states;
    long interval = 1;
    long last = 0;
};

// The session's fixed settings (loss, batch size, seed, shuffling) come from `fixed`; each
// state must fit `model` (its parameters, buffers and the optimizer buffers it names), lie at
// or before the session's `steps` and `epochs`, and its data loader's place within
// `trainSamples`; states are never more than the interval apart. The last step recorded is the
// session's step. Throws JsonError naming `what` and the problem.
SavedRecording recordingFromJson(const Json& j, const Sequential& model, const TrainConfig& fixed,
                                 long steps, int epochs, Index trainSamples,
                                 const std::string& what);

} // namespace gs
