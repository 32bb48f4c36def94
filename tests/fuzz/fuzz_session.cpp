// Fuzz target: session files (io/Session.h), from the text loadSession reads. A session that
// loads must save and load again to the same file, as TrainingSession::open then save does.
// Its timeline recording (io/Recording.h), where it has one, is read against its network as
// TrainingSession::open reads it; one that is read must fit a Recorder and write and read
// again to the same states.
#include "FuzzSupport.h"
#include "core/Limits.h"
#include "io/Recording.h"
#include "io/Session.h"

namespace {

// What TrainingSession::save writes for a session opened from `s`.
std::string save(gs::SessionData& s) {
    using namespace gs;
    s.experiment.layers = s.model.model.layers(); // as TrainingSession::open does
    Optimizer optimizer(s.model.model.parameters(), s.experiment.train.optimizer);
    if (!s.model.optimizerState.empty() && s.model.optimizer &&
        s.model.optimizer->kind == s.experiment.train.optimizer.kind)
        optimizer.setState(s.model.optimizerSteps, s.model.optimizerState);
    return sessionToJson(s.experiment, s.features, s.model.model, s.model.sampleShape, optimizer,
                         s.steps, s.epochs, s.history, s.scheduleOrigin)
        .dump(1);
}

void checkRecording(const gs::SessionData& s) {
    using namespace gs;
    if (s.recording.isNull()) return;
    SavedRecording read;
    try {
        read = recordingFromJson(s.recording, s.model.model, s.experiment.train, s.steps, s.epochs,
                                 kMaxSamples, "fuzz.gradscope: recording");
    } catch (const Error&) {
        return; // refused, as the open would refuse it
    }
    const std::size_t states = read.states.size();
    Recorder recorder(Recorder::kDefaultBudget);
    fuzz::mustLoad("a recording read fits a recorder", [&] {
        recorder.adopt(std::move(read.states), read.interval, read.last);
        return 0;
    });
    const Json written = recordingToJson(recorder);
    if (written.isNull()) fuzz::fail("a recording read is written", "");
    const SavedRecording again = fuzz::mustLoad("a recording written reads", [&] {
        return recordingFromJson(written, s.model.model, s.experiment.train, s.steps, s.epochs,
                                 kMaxSamples, "saved.gradscope: recording");
    });
    if (again.states.size() != recorder.count() || recorder.count() > states)
        fuzz::fail("a recording written reads the same states", written.dump(1));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gs;
    SessionData session;
    std::string saved;
    try {
        session = parseSession(fuzz::text(data, size), "fuzz.gradscope");
        checkRecording(session);
        saved = save(session);
    } catch (const Error&) {
        return 0; // refused when read, or by the optimizer as TrainingSession would refuse it
    }
    SessionData again = fuzz::mustLoad("a saved session loads",
                                       [&] { return parseSession(saved, "saved.gradscope"); });
    const std::string savedAgain =
        fuzz::mustLoad("a saved session saves", [&] { return save(again); });
    if (savedAgain != saved)
        fuzz::fail("save → load → save is stable", saved + "\n---\n" + savedAgain);
    return 0;
}
