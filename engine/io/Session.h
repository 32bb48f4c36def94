// Session files (.gradscope, docs/session-format.md): everything the app shows, so that
// reopening one puts the same network, weights, optimizer state, data settings and metric
// history on screen and training continues from the same step.
//
// JSON: {"format": "gradscope-session", "version": 1, "features": [...], "model": <a model
// file's object, with the optimizer state and the experiment>, "position": {"steps", "epochs",
// "schedule_origin"},
// "history": {"steps": [step, loss, ...], "epochs": [...]}}. Writes are atomic; a corrupt file
// or one from a newer Gradscope is a JsonError naming the file and the problem.
#pragma once

#include "ModelFile.h"
#include "data/Features.h"
#include "train/Experiment.h"
#include "train/Metrics.h"

namespace gs {

constexpr int kSessionFormatVersion = 1;

struct SessionData {
    Experiment experiment;
    FeatureMask features = kRawFeatures;
    LoadedModel model;
    long steps = 0;
    int epochs = 0;
    int scheduleOrigin = 0; // the epoch the learning-rate schedule began at (Trainer's note)
    MetricsHistory history;
    // The run's recording (io/Recording.h), as it stands in the file: read once the network
    // it belongs to is known. Null where the file has none.
    Json recording;
    // A student's answers to lessons' exercises ("lesson_answers"), as the file holds them:
    // read by lessonAnswersFromJson (lesson/Lesson.h). Null where the file has none.
    Json lessonAnswers;
};

Json sessionToJson(const Experiment& experiment, FeatureMask features, const Sequential& model,
                   const Shape& sampleShape, const Optimizer& optimizer, long steps, int epochs,
                   const MetricsHistory& history, int scheduleOrigin = 0);
SessionData sessionFromJson(const Json& json, const std::string& source);
// The text of a session file, parsed and read (what loadSession does once the file is read).
SessionData parseSession(const std::string& text, const std::string& source);

void saveSession(const std::string& path, const Json& session);
SessionData loadSession(const std::string& path);

// The model of a model file, of an ONNX model (".onnx", io/Onnx.h), or of a session file
// (".gradscope": its network, weights, optimizer state and experiment); `features`, when
// given, gets the input features a session's 2-D data goes through (kRawFeatures for the
// others). What the CLI's --model reads.
LoadedModel loadModelOrSession(const std::string& path, FeatureMask* features = nullptr);

} // namespace gs
