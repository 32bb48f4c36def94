// A lesson: a path through the views, one short step at a time, with exercises that ask the
// student to predict a number before the app shows it (docs/lessons.md).
//
// A lesson is a JSON file ("format": "gradscope-lesson"); the built-in ones in resources/lessons
// are compiled in, as the presets are. Every number a lesson shows is a placeholder that the
// engine fills in from the step's own run ("{grad:0.weight[0,0]}": LessonNumbers.h), never a
// number typed into the text, so a lesson stays right when the engine or a preset changes.
//
// Each step opens a setup: a preset, changes to it (another loss or optimizer, in the preset
// file's own terms), and how many training steps to take. A step without a setup goes on with
// the one before it, so parsing resolves every step's setup in full.
#pragma once

#include "core/Errors.h"
#include "io/Json.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gs {

class LessonError : public Error {
public:
    using Error::Error;
};

// A text in each language a lesson is written in.
struct LessonText {
    std::string en;
    std::string zh; // Simplified Chinese (zh_CN)
    // The text in `language` ("zh_CN", "zh", or any other: English); English where the other
    // is missing.
    const std::string& in(std::string_view language) const;
    bool empty() const { return en.empty() && zh.empty(); }
};

// What moves a lesson on from a step: the Next button, or doing what the step asks.
enum class LessonAdvance {
    Next, // Next (or PageDown)
    Step, // a training step (Step, or S)
};
const char* lessonAdvanceName(LessonAdvance advance); // "next" or "step"

// Predict, then reveal. The answer is always computed from the step's numbers (an expression
// of placeholders, LessonNumbers.h), never stored.
enum class ExerciseKind {
    Sign,   // is `answer` positive or negative: "+" or "-"
    UpDown, // does `answer` (a change, e.g. "{next.loss} - {loss}") go up or down: "up", "down"
    Choose, // which choice has the largest |value|: its index, "0", "1", …
    Number, // `answer` typed in, within `tolerance` (relative)
};
const char* exerciseKindName(ExerciseKind kind); // "sign", "up-down", "choose", "number"

struct ExerciseChoice {
    LessonText label;
    std::string value; // an expression
};

struct Exercise {
    ExerciseKind kind = ExerciseKind::Sign;
    LessonText question;
    std::string answer;                  // Sign, UpDown, Number: an expression
    std::vector<ExerciseChoice> choices; // Choose: 2 to 6
    double tolerance = 0.01;             // Number: |typed − answer| ≤ tolerance · |answer|
    LessonText wrong;                    // after a wrong answer: the misconception behind it
    LessonText reveal;                   // after any answer: the number, explained
};

struct LessonSetup {
    std::string preset; // a built-in preset
    Json changes;       // members of a preset file that replace the preset's (an object)
    long steps = 0;     // training steps taken before the step is shown
    bool operator==(const LessonSetup& other) const;
};

struct LessonStep {
    LessonText title; // a few words, for the list of steps
    LessonText text;
    LessonSetup setup;
    std::vector<std::string> show; // views to bring forward (ViewRegistry's names)
    // What the step is about, for the step-through to stop at: a parameter ("0.weight[2,0]":
    // the backward step that sends its gradient), a node ("1.relu[0,2]": the backward step
    // that computes its gradient), "forward:NODE" (its forward step), or "".
    std::string focus;
    LessonAdvance advance = LessonAdvance::Next;
    std::optional<Exercise> exercise;
};

struct Lesson {
    std::string name; // lowercase letters, digits and '-'
    LessonText title;
    LessonText summary;
    std::vector<LessonStep> steps;
};

// Limits on a lesson file (a hostile one gets a LessonError, not a giant allocation).
constexpr long kMaxLessonSteps = 200;
constexpr long kMaxLessonTrainingSteps = 100000;
constexpr std::size_t kMaxLessonText = 4000; // characters per text

// The views a step may bring forward ("show"): the app's docked views, by the names its View
// menu and presets use. (The Data and Network builder tabs share the lessons' place, so they
// would hide the lesson's text.)
constexpr std::array<const char*, 12> kLessonViews{
    "network",     "output",        "charts", "step",      "optimizer", "draw",
    "featuremaps", "distributions", "graph",  "landscape", "race",      "compare"};

// Whether `text` is a lesson file (its "format"), as opposed to a model file: a cheap look
// that does not validate it.
bool looksLikeLesson(const std::string& text);
// Reads a lesson; throws JsonError for bad JSON and LessonError naming the step and member for
// a lesson that is wrong (an unknown preset or view, a step without text, a placeholder that is
// not well formed).
Lesson parseLesson(const std::string& text, const std::string& source);
Lesson lessonFromJson(const Json& json, const std::string& source);
// The lesson as a file: parseLesson(lessonToJson(l).dump()) gives `l` back.
Json lessonToJson(const Lesson& lesson);

// A student's answer to an exercise, as a session file keeps it ("lesson_answers",
// docs/session-format.md) and the CSV export writes it.
struct LessonAnswer {
    std::string lesson;
    int step = 0;                       // from 1
    std::string question, given, right; // given: "" where the answer was revealed
    bool correct = false;
    std::string time; // ISO 8601
};
constexpr std::size_t kMaxLessonAnswers = 100000;
Json lessonAnswersToJson(const std::vector<LessonAnswer>& answers);
// Throws JsonError naming `what` and the member for answers that are not well formed.
std::vector<LessonAnswer> lessonAnswersFromJson(const Json& json, const std::string& what);

// The built-in lessons, in order.
const std::vector<Lesson>& builtinLessons();
const Lesson* findLesson(const std::string& name);

} // namespace gs
