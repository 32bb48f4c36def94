// Fuzz target: lesson files (lesson/Lesson.h, parseLesson). A lesson that reads must write and
// read back the same; a step with a small setup is then run headless, its texts filled in and
// its exercise judged, as the app and `gradscope-cli lessons --check` do.
#include "FuzzSupport.h"
#include "lesson/LessonNumbers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gs;
    Lesson lesson;
    try {
        lesson = parseLesson(fuzz::text(data, size), "fuzz.json");
    } catch (const Error&) {
        return 0;
    }
    const std::string saved = lessonToJson(lesson).dump();
    const Lesson again =
        fuzz::mustLoad("a saved lesson reads", [&] { return parseLesson(saved, "saved"); });
    const std::string savedAgain = lessonToJson(again).dump();
    if (savedAgain != saved)
        fuzz::fail("save → read → save is stable", saved + "\n---\n" + savedAgain);
    for (const LessonStep& step : lesson.steps) {
        // Small data and networks, and few steps: milliseconds per run.
        if (!fuzz::cheap(lessonExperiment(step.setup)) || step.setup.steps > 20) continue;
        try {
            const LessonRun run(step, "/nonexistent/gradscope-fuzz");
            run.render(step.text.en);
            run.render(step.text.zh);
            if (step.exercise) {
                exerciseAccepts(*step.exercise, run, exerciseAnswer(*step.exercise, run));
                exerciseAccepts(*step.exercise, run, wrongExerciseAnswer(*step.exercise, run));
                exerciseAccepts(*step.exercise, run, "1e999");
            }
        } catch (const Error&) {
        }
    }
    return 0;
}
