// Fuzz target: presets and the experiments that model and session files carry
// (train/Experiment.h, parseExperiment). An experiment that reads must write and read back the
// same; a small one is then loaded into a TrainingSession, as the app and the CLI do, and
// trained for one step.
#include "FuzzSupport.h"
#include "train/TrainingSession.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gs;
    Experiment experiment;
    try {
        experiment = parseExperiment(fuzz::text(data, size), "fuzz.json");
    } catch (const Error&) {
        return 0;
    }
    const std::string saved = experimentToJson(experiment).dump();
    const Experiment again =
        fuzz::mustLoad("a saved experiment reads", [&] { return parseExperiment(saved, "saved"); });
    const std::string savedAgain = experimentToJson(again).dump();
    if (savedAgain != saved)
        fuzz::fail("save → read → save is stable", saved + "\n---\n" + savedAgain);
    try {
        if (!fuzz::cheap(experiment)) return 0;
        SessionSetup setup;
        setup.experiment = experiment;
        setup.dataDir = "/nonexistent/gradscope-fuzz"; // MNIST is never read here
        TrainingSession session;
        session.load(setup);
        session.step();
    } catch (const Error&) {
    }
    return 0;
}
