// gradscope-cli lessons: the built-in lessons listed, one shown with its numbers, and the check
// that every lesson's numbers are computed and its exercises judge right (docs/lessons.md).
#include "Arguments.h"
#include "CliText.h"
#include "Commands.h"
#include "io/Files.h"
#include "lesson/LessonNumbers.h"

#include <algorithm>
#include <cstdio>

namespace gs::cli {

namespace {

// A built-in lesson by name, or a lesson file.
Lesson lessonNamed(const std::string& nameOrFile) {
    if (const Lesson* lesson = findLesson(nameOrFile)) return *lesson;
    if (!nameOrFile.ends_with(".json"))
        throw UsageError(Engine::tr("there is no built-in lesson \"{1}\" (gradscope-cli lessons "
                                    "lists them)"),
                         nameOrFile);
    return parseLesson(readFile(nameOrFile, Message(Engine::tr("lesson file"))), nameOrFile);
}

std::string language() {
    return ui::currentLanguage().toStdString();
}

} // namespace

int lessonsCommand(const std::vector<std::string>& args) {
    const Arguments a(args, {"--lesson", "--show", "--data"}, {"--check", "--skip-missing-data"});
    const std::string dataDir = a.text("--data").value_or(defaultDataDir());
    const std::string lang = language();
    if (const auto name = a.text("--show")) {
        const Lesson lesson = lessonNamed(*name);
        std::printf("%s\n", lesson.title.in(lang).c_str());
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            const LessonStep& step = lesson.steps[i];
            const LessonRun run(step, dataDir);
            const std::string title = step.title.in(lang);
            std::printf("\n%zu. %s%s%s\n", i + 1, title.c_str(), title.empty() ? "" : "\n   ",
                        run.render(step.text.in(lang)).c_str());
            if (step.exercise) {
                const Exercise& e = *step.exercise;
                std::printf("   ? %s\n", run.render(e.question.in(lang)).c_str());
                for (std::size_t c = 0; c < e.choices.size(); ++c)
                    std::printf("     %zu: %s\n", c,
                                run.render(e.choices[c].label.in(lang)).c_str());
                print(stdout, Cli::tr("   answer: %1\n").arg(fromUtf8(exerciseAnswer(e, run))));
            }
        }
        return 0;
    }
    if (a.has("--check")) {
        std::vector<Lesson> lessons;
        if (const auto name = a.text("--lesson"))
            lessons.push_back(lessonNamed(*name));
        else
            lessons = builtinLessons();
        int problems = 0;
        for (const Lesson& lesson : lessons) {
            const auto found = checkLesson(lesson, dataDir);
            // A lesson on data this machine lacks (MNIST not fetched) is said to be skipped.
            const bool missing =
                !found.empty() && std::all_of(found.begin(), found.end(), [](const auto& p) {
                    return p.message.text() == missingDataText().source;
                });
            if (missing && a.has("--skip-missing-data")) {
                print(stdout, Cli::tr("%1: skipped, its data is not installed (%2)\n")
                                  .arg(fromUtf8(lesson.name), ui::translated(found[0].message)));
                continue;
            }
            // A teacher's lesson file may be in English alone: its missing 简体中文 texts are
            // notes. The built-in lessons are in both languages.
            const bool file = a.text("--lesson") && !findLesson(*a.text("--lesson"));
            int counted = 0;
            for (const LessonProblem& p : found) {
                const bool note = p.translation && file;
                const QString where =
                    p.step < 0 ? fromUtf8(lesson.name)
                               : Cli::tr("%1, step %2").arg(fromUtf8(lesson.name)).arg(p.step + 1);
                print(note ? stdout : stderr,
                      (note ? Cli::tr("%1: note: %2\n") : Cli::tr("%1: %2\n"))
                          .arg(where, ui::translated(p.message)));
                counted += !note;
            }
            if (counted == 0)
                print(stdout, Cli::tr("%1: %2 steps, every number computed, every exercise "
                                      "judged right\n")
                                  .arg(fromUtf8(lesson.name))
                                  .arg(lesson.steps.size()));
            problems += counted;
        }
        return problems == 0 ? 0 : 1;
    }
    if (a.has("--lesson")) throw UsageError(Engine::tr("--lesson goes with --check"));
    std::size_t width = 0;
    for (const Lesson& lesson : builtinLessons())
        width = std::max(width, lesson.name.size());
    for (const Lesson& lesson : builtinLessons())
        std::printf("%-*s  %s\n", int(width), lesson.name.c_str(), lesson.title.in(lang).c_str());
    return 0;
}

} // namespace gs::cli
