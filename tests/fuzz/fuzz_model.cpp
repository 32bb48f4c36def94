// Fuzz target: model files (io/ModelFile.h), from the text loadModel reads. A model that loads
// must save and load again to the same file (its optimizer state included).
#include "FuzzSupport.h"
#include "io/ModelFile.h"

#include <memory>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gs;
    LoadedModel loaded;
    try {
        loaded = parseModel(fuzz::text(data, size), "fuzz.json");
    } catch (const Error&) {
        return 0;
    }
    std::unique_ptr<Optimizer> optimizer;
    if (loaded.optimizer) {
        try {
            optimizer = std::make_unique<Optimizer>(loaded.model.parameters(), *loaded.optimizer);
            if (!loaded.optimizerState.empty())
                optimizer->setState(loaded.optimizerSteps, loaded.optimizerState);
        } catch (const Error&) {
            return 0; // settings the optimizer refuses: the app reports them when it trains
        }
    }
    const std::string saved = modelToJson(loaded.model, loaded.sampleShape, loaded.loss,
                                          optimizer.get(), loaded.experiment)
                                  .dump();
    const LoadedModel again =
        fuzz::mustLoad("a saved model loads", [&] { return parseModel(saved, "saved.json"); });
    std::unique_ptr<Optimizer> optimizerAgain;
    if (again.optimizer) {
        optimizerAgain = fuzz::mustLoad("a saved optimizer loads", [&] {
            auto o = std::make_unique<Optimizer>(again.model.parameters(), *again.optimizer);
            if (!again.optimizerState.empty())
                o->setState(again.optimizerSteps, again.optimizerState);
            return o;
        });
    }
    const std::string savedAgain = modelToJson(again.model, again.sampleShape, again.loss,
                                               optimizerAgain.get(), again.experiment)
                                       .dump();
    if (savedAgain != saved)
        fuzz::fail("save → load → save is stable", saved + "\n---\n" + savedAgain);
    return 0;
}
