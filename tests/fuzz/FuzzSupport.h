// What the fuzz targets share (tests/fuzz, docs/reliability.md "Fuzzing").
//
// Each target feeds the fuzzer's bytes to the same in-memory parse path the app uses once it has
// read a file (parseModel, parseSession, parseIdx...). The engine's documented errors, gs::Error
// and its kinds, are the normal answer to bad bytes and are swallowed; anything else (another
// exception, a sanitizer report, a failed property) ends the process, which libFuzzer records
// as a crash together with the input.
#pragma once

#include "core/Errors.h"
#include "nn/Sequential.h"
#include "train/Experiment.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace gs::fuzz {

// Small enough to build and train a step of in a fuzzing run (milliseconds, not seconds): toy,
// inline or random-regression data of a few hundred samples, and at most 20,000 parameters.
inline bool cheap(const Experiment& e) {
    const DataSpec& d = e.data;
    const bool smallData =
        (d.source == DataSource::Toy && d.toy.samples <= 256) || d.source == DataSource::Inline ||
        (d.source == DataSource::RandomRegression && d.samples <= 256 && d.features <= 16);
    if (!smallData || e.layers.empty()) return false;
    Index parameters = 0;
    for (const auto& spec : Sequential::parameterSpecs(e.layers))
        parameters += spec.shape.numel();
    return parameters <= 20000;
}

inline std::string text(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// A property every accepted input must have (a save that reads back, sizes that agree) did not
// hold: report and abort, so that the input is kept as a crash.
[[noreturn]] inline void fail(const char* property, const std::string& detail = {}) {
    std::fprintf(stderr, "fuzz property failed: %s\n%s\n", property, detail.c_str());
    std::abort();
}

// Something the engine wrote itself must read back: an error here is a bug, not bad input.
template <class Load> auto mustLoad(const char* property, Load&& load) -> decltype(load()) {
    try {
        return load();
    } catch (const Error& e) {
        fail(property, e.what());
    }
}

} // namespace gs::fuzz

// The entry point each target defines, called by libFuzzer or by FuzzReplay.cpp.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
