// Lessons (engine/lesson): the file format and its errors, the numbers placeholders read from a
// step's run (checked against the chain rule, not against themselves), the backward passes
// without zero_grad, the exercises' judging and the lesson check's findings.
#include "lesson/LessonNumbers.h"

#include "io/Files.h"
#include "train/TrainingSession.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace gs;

namespace {

// JSON written with ' for " (a test's lessons are easier to read so).
std::string J(std::string text) {
    for (char& c : text)
        if (c == '\'') c = '"';
    return text;
}

// A one-step lesson on tiny-regression around `step` (the members of one step, JSON).
std::string lessonText(const std::string& step, const std::string& more = "") {
    return J("{'format': 'gradscope-lesson', 'version': 1, 'name': 't', 'title': {'en': 'T'}, "
             "'steps': [") +
           step + more + "]}";
}

LessonStep stepWith(const std::string& text, long steps,
                    const std::string& preset = "tiny-regression") {
    LessonStep step;
    step.text.en = text;
    step.setup.preset = preset;
    step.setup.steps = steps;
    return step;
}

bool close(double a, double b, double tolerance) {
    return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}

} // namespace

class TestLesson : public QObject {
    Q_OBJECT
private slots:
    void builtinLessonsReadAndRoundTrip() {
        QVERIFY(builtinLessons().size() >= 3);
        for (const Lesson& lesson : builtinLessons()) {
            QVERIFY(findLesson(lesson.name) == &lesson);
            QVERIFY(!lesson.title.zh.empty());
            const std::string once = lessonToJson(lesson).dump();
            QVERIFY(looksLikeLesson(once));
            const Lesson again = parseLesson(once, "again");
            QCOMPARE(lessonToJson(again).dump(), once);
            QCOMPARE(again.steps.size(), lesson.steps.size());
        }
        QVERIFY(!looksLikeLesson(J("{'format': 'gradscope-model', 'layers': []}")));
    }

    void stepsGoOnWithTheSetupBefore() {
        const Lesson l = parseLesson(
            lessonText(J("{'text': {'en': 'a'}, 'setup': {'preset': 'xor', 'steps': 3, 'changes': "
                         "{'optimizer': {'kind': 'adam'}}}}, {'text': {'en': 'b'}, 'setup': "
                         "{'steps': 4}}, {'text': {'en': 'c'}, 'setup': {'preset': 'moons'}}")),
            "t");
        QCOMPARE(l.steps[1].setup.preset, std::string("xor"));
        QCOMPARE(l.steps[1].setup.steps, 4L);
        QCOMPARE(l.steps[1].setup.changes.dump(0), l.steps[0].setup.changes.dump(0));
        // A new preset drops the changes made to the old one and keeps the steps.
        QVERIFY(l.steps[2].setup.changes.isNull());
        QCOMPARE(l.steps[2].setup.steps, 4L);
        // The changes are merged one level down: the rate stays the preset's.
        const Experiment e = lessonExperiment(l.steps[0].setup);
        QCOMPARE(int(e.train.optimizer.kind), int(OptimizerKind::Adam));
        QCOMPARE(e.train.optimizer.learningRate, findPreset("xor")->train.optimizer.learningRate);
    }

    void badLessonsNameTheProblem_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, const std::string& text, const char* expected) {
            QTest::newRow(name) << QString::fromStdString(text) << QString::fromUtf8(expected);
        };
        const std::string ok = J("{'text': {'en': 'x'}, 'setup': {'preset': 'xor'}}");
        row("not a lesson", J("{'format': 'gradscope-model', 'version': 1}"), "is not a lesson");
        row("newer", J("{'format': 'gradscope-lesson', 'version': 2}"), "version 2");
        row("member",
            lessonText(J("{'text': {'en': 'x'}, 'setup': {'preset': 'xor'}, 'sound': 1}")),
            "steps[0] has a member \"sound\"");
        row("preset", lessonText(J("{'text': {'en': 'x'}, 'setup': {'preset': 'nope'}}")),
            "\"nope\" is not a built-in preset");
        row("no setup", lessonText(J("{'text': {'en': 'x'}}")), "steps[0] needs a \"setup\"");
        row("no text", lessonText(J("{'setup': {'preset': 'xor'}}")), "steps[0].text");
        row("kind",
            lessonText(
                J("{'text': {'en': '{gradient:0.weight[0,0]}'}, 'setup': {'preset': 'xor'}}")),
            "names \"gradient\"");
        row("brace", lessonText(J("{'text': {'en': 'the {loss'}, 'setup': {'preset': 'xor'}}")),
            "a '{' without its '}'");
        row("entry",
            lessonText(J("{'text': {'en': '{grad:0.weight[a]}'}, 'setup': {'preset': 'xor'}}")),
            "not whole numbers");
        row("next fd",
            lessonText(J("{'text': {'en': '{next.fd:0.weight[0]}'}, 'setup': {'preset': 'xor'}}")),
            "takes no \"next.\"");
        row("steps",
            lessonText(J("{'text': {'en': 'x'}, 'setup': {'preset': 'xor', 'steps': -1}}")),
            "steps[0].setup.steps");
        row("changes",
            lessonText(J(
                "{'text': {'en': 'x'}, 'setup': {'preset': 'xor', 'changes': {'loss': 'hinge'}}}")),
            "do not make a network");
        row("advance", lessonText(ok.substr(0, ok.size() - 1) + J(", 'advance': 'set-lr'}")),
            "\"set-lr\" is not one of next, step");
        row("show", lessonText(ok.substr(0, ok.size() - 1) + J(", 'show': ['charts', 'data']}")),
            "steps[0].show: \"data\" is not one of network,");
        row("choose answer",
            lessonText(
                J("{'text': {'en': 'x'}, 'setup': {'preset': 'xor'}, 'exercise': {'kind': "
                  "'choose', 'answer': '1', 'question': {'en': 'q'}, 'wrong': {'en': 'w'}}}")),
            "has choices, not an answer");
        row("expression",
            lessonText(J(
                "{'text': {'en': 'x'}, 'setup': {'preset': 'xor'}, 'exercise': {'kind': 'number', "
                "'answer': '{loss} +', 'question': {'en': 'q'}, 'wrong': {'en': 'w'}}}")),
            "is not well formed at character");
        row("tolerance",
            lessonText(J(
                "{'text': {'en': 'x'}, 'setup': {'preset': 'xor'}, 'exercise': {'kind': 'number', "
                "'answer': '1', 'tolerance': 2, 'question': {'en': 'q'}, 'wrong': {'en': 'w'}}}")),
            "tolerance must be above 0");
        std::string many;
        for (int i = 0; i < 201; ++i)
            many += (i ? "," : "") + ok;
        row("too many", lessonText(many), "a lesson has at most 200");
    }
    void badLessonsNameTheProblem() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        try {
            parseLesson(text.toStdString(), "bad.json");
            QFAIL("read");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }

    // The numbers obey the chain rule that produced them: a placeholder reading the wrong entry,
    // node or step breaks one of these.
    void numbersFollowTheChainRule() {
        const LessonStep step = stepWith(
            "{upstream:output[0,0]} {weight:2.weight[0,2]} {upstream:1.relu[0,2]} "
            "{local:1.relu[0,2]} {upstream:0.linear[0,2]} {upstream:0.linear[1,2]} "
            "{upstream:0.linear[2,2]} {value:x[0,0]} {value:x[1,0]} {value:x[2,0]} "
            "{grad:0.weight[2,0]} {weight:0.weight[2,0]} {after:0.weight[2,0]} {lr} {step} "
            "{value:output[0,0]} {value:target[0,0]} {update:0.weight[2,0]}",
            1);
        const LessonRun run(step, "");
        const auto v = [&](const char* key) { return run.value(key); };
        QCOMPARE(v("step"), 1.0);
        // dL/doutput of the mean squared error over 3 points.
        QVERIFY(close(v("upstream:output[0,0]"),
                      2 * (v("value:output[0,0]") - v("value:target[0,0]")) / 3, 1e-6));
        QVERIFY(close(v("upstream:1.relu[0,2]"),
                      v("upstream:output[0,0]") * v("weight:2.weight[0,2]"), 1e-6));
        QVERIFY(close(v("upstream:0.linear[0,2]"),
                      v("upstream:1.relu[0,2]") * v("local:1.relu[0,2]"), 1e-6));
        const double sum = v("upstream:0.linear[0,2]") * v("value:x[0,0]") +
                           v("upstream:0.linear[1,2]") * v("value:x[1,0]") +
                           v("upstream:0.linear[2,2]") * v("value:x[2,0]");
        QVERIFY(close(v("grad:0.weight[2,0]"), sum, 1e-5));
        QVERIFY(close(v("after:0.weight[2,0]"),
                      v("weight:0.weight[2,0]") - v("lr") * v("grad:0.weight[2,0]"), 1e-6));
        QVERIFY(close(v("update:0.weight[2,0]"),
                      v("after:0.weight[2,0]") - v("weight:0.weight[2,0]"), 1e-6));
        QVERIFY(v("grad:0.weight[2,0]") != 0);
    }

    void flatAndRowColumnEntriesAgree() {
        const LessonRun run(stepWith("{grad:0.weight[5]} {grad:0.weight[2,1]}", 1), "");
        QCOMPARE(run.value("grad:0.weight[5]"), run.value("grad:0.weight[2,1]"));
    }

    // backward twice without zero_grad: exactly twice the gradient, three times: three times;
    // and the one-pass gradient is the one the step shown used, on any data order.
    void backwardAddsIntoGrad() {
        const LessonRun run(stepWith("{autodiff:0.weight[2,0]} {accum:0.weight[2,0]} "
                                     "{accum/3:0.weight[2,0]} {grad:0.weight[2,0]} "
                                     "{accum/1:2.bias[0]} {grad:2.bias[0]}",
                                     2),
                            "");
        const double g = run.value("autodiff:0.weight[2,0]");
        QVERIFY(g != 0);
        QCOMPARE(run.value("accum:0.weight[2,0]"), 2 * g);
        QVERIFY(close(run.value("accum/3:0.weight[2,0]"), 3 * g, 1e-6));
        QCOMPARE(run.value("grad:0.weight[2,0]"), g);
        QCOMPARE(run.value("accum/1:2.bias[0]"), run.value("grad:2.bias[0]"));
        // Shuffled data: the check's batch is still the step's own.
        const LessonRun shuffled(
            stepWith("{autodiff:0.bias[0]} {grad:0.bias[0]} {fd:0.bias[0]}", 3, "circles"), "");
        QCOMPARE(shuffled.value("autodiff:0.bias[0]"), shuffled.value("grad:0.bias[0]"));
    }

    // The static graph's loss is the step's own, bit for bit, on shuffled data and at step 0
    // (the step to come); every step's graph has as many nodes as the one before.
    void aStaticGraphGivesTheStepsLoss() {
        const LessonRun run(stepWith("{static} {loss} {nodes} {next.nodes}", 3, "circles"), "");
        QCOMPARE(run.value("static"), run.value("loss"));
        QCOMPARE(run.value("nodes"), run.value("next.nodes"));
        QVERIFY(run.value("nodes") >= 7); // x, two weights, two biases, two linears, tanh, loss…
        const LessonRun first(stepWith("{static} {next.loss}", 0, "circles"), "");
        QCOMPARE(first.value("static"), first.value("next.loss"));
        QVERIFY_THROWS_EXCEPTION(LessonError, LessonRun(stepWith("{next.static}", 1), ""));
    }

    // A node run too early: where it has one consumer nothing changes; where it has two (a
    // residual block's input), every gradient behind it comes out different.
    void tooEarlyChangesTheGradientsBehind() {
        const LessonRun chain(stepWith("{early/1.relu:0.weight[2,0]} {accum/1:0.weight[2,0]} "
                                       "{order:loss} {order:1.relu} {order:0.linear}",
                                       1),
                              "");
        QCOMPARE(chain.value("early/1.relu:0.weight[2,0]"), chain.value("accum/1:0.weight[2,0]"));
        QCOMPARE(chain.value("order:loss"), 1.0);
        QVERIFY(chain.value("order:1.relu") < chain.value("order:0.linear"));
        const LessonRun residual(
            stepWith("{early/1.relu:0.weight[3,0]} {accum/1:0.weight[3,0]}", 1, "deep-residual"),
            "");
        QVERIFY(residual.value("early/1.relu:0.weight[3,0]") !=
                residual.value("accum/1:0.weight[3,0]"));
        QVERIFY_THROWS_EXCEPTION(LessonError,
                                 LessonRun(stepWith("{early/9.nothing:0.weight[0,0]}", 1), ""));
    }

    void finiteDifferencesApproachTheGradient() {
        const LessonRun run(
            stepWith("{fd/0.01:2.bias[0]} {fd/0.3:2.bias[0]} {autodiff:2.bias[0]}", 1), "");
        const double g = run.value("autodiff:2.bias[0]");
        // The loss is quadratic in the output's bias, so a central difference is exact up to
        // float32 round-off at any ε.
        QVERIFY(close(run.value("fd/0.01:2.bias[0]"), g, 1e-2));
        QVERIFY(close(run.value("fd/0.3:2.bias[0]"), g, 1e-3));
    }

    void aValueUsedTwiceGetsTheSum() {
        const LessonRun run(stepWith("{contrib/0:1.relu[0,3]} {contrib/1:1.relu[0,3]} "
                                     "{upstream:1.relu[0,3]}",
                                     1, "deep-residual"),
                            "");
        QVERIFY(close(run.value("upstream:1.relu[0,3]"),
                      run.value("contrib/0:1.relu[0,3]") + run.value("contrib/1:1.relu[0,3]"),
                      1e-6));
        try {
            LessonRun(stepWith("{contrib/2:1.relu[0,3]}", 1, "deep-residual"), "");
            QFAIL("a third consumer");
        } catch (const LessonError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("got 2 gradients"), e.what());
        }
    }

    void numbersThatCannotBeComputedSaySo_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("steps");
        QTest::addColumn<QString>("expected");
        QTest::newRow("this step at 0") << "{loss}" << 0 << "write {next.loss}";
        QTest::newRow("parameter") << "{grad:9.weight[0]}" << 1 << "no parameter 9.weight";
        QTest::newRow("entry") << "{grad:0.weight[3,0]}" << 1 << "0.weight is [3, 2]";
        QTest::newRow("flat") << "{grad:0.weight[6]}" << 1 << "has 6 entries";
        QTest::newRow("no entry") << "{grad:0.weight}" << 1 << "name an entry";
        QTest::newRow("node") << "{value:h9[0]}" << 1 << "no node h9";
        QTest::newRow("local") << "{local:output[0,0]}" << 1 << "no elementwise local";
        QTest::newRow("buffer") << "{state/exp_avg:0.weight[0,0]}" << 1 << "no buffer exp_avg";
        QTest::newRow("accuracy") << "{accuracy}" << 1 << "regression";
        QTest::newRow("epsilon") << "{fd/2:0.weight[0,0]}" << 1 << "ε must be";
        QTest::newRow("divide by zero") << "{={lr} / ({lr} - {lr})}" << 1 << "divides by zero";
    }
    void numbersThatCannotBeComputedSaySo() {
        QFETCH(QString, text);
        QFETCH(int, steps);
        QFETCH(QString, expected);
        try {
            LessonRun(stepWith(text.toStdString(), steps), "");
            QFAIL("computed");
        } catch (const LessonError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }

    void renderWritesNumbersForReading() {
        QCOMPARE(formatLessonNumber(3), std::string("3"));
        QCOMPARE(formatLessonNumber(-0.0), std::string("0"));
        QCOMPARE(formatLessonNumber(0.123456), std::string("0.1235"));
        QCOMPARE(formatLessonNumber(-1.5e-7), std::string("-1.5e-07"));
        const LessonRun run(stepWith("{lr} × {grad:2.bias[0]} and {grad:2.bias[0]}", 1), "");
        const QString text =
            QString::fromStdString(run.render("{lr} × {grad:2.bias[0]}, {grad:2.bias[0]}"));
        // The gradient is negative here (every output below its target).
        QVERIFY(run.value("grad:2.bias[0]") < 0);
        QVERIFY2(text.startsWith("0.01 × (−") && text.contains(", −"), qPrintable(text));
        // An expression in a text: "{=EXPR}", its placeholders nested.
        QCOMPARE(run.render("{={lr} * 3} and {=abs({grad:2.bias[0]}) / {grad:2.bias[0]}}"),
                 std::string("0.03 and −1"));
        QCOMPARE(placeholdersIn("{=2 * {lr}}", "t"), std::vector<std::string>{"lr"});
        QVERIFY_THROWS_EXCEPTION(LessonError, placeholdersIn("{=2 * }", "t"));
        QVERIFY_THROWS_EXCEPTION(LessonError, placeholdersIn("{={lr}", "t"));
    }

    void exercisesAcceptTheRightAnswerOnly() {
        LessonStep step = stepWith("x", 1);
        Exercise e;
        e.question.en = "q";
        e.wrong.en = "w";
        e.answer = "{grad:2.bias[0]}";
        step.exercise = e;
        {
            const LessonRun run(step, "");
            QVERIFY(exerciseAccepts(e, run, "-"));
            QVERIFY(!exerciseAccepts(e, run, "+"));
            QVERIFY(!exerciseAccepts(e, run, wrongExerciseAnswer(e, run)));
        }
        e.kind = ExerciseKind::Number;
        e.tolerance = 0.01;
        e.answer = "2 * {grad:2.bias[0]} - abs({lr})";
        step.exercise = e;
        const LessonRun run(step, "");
        const double right = 2 * run.value("grad:2.bias[0]") - 0.01;
        const auto text = [](double v) { return QByteArray::number(v, 'g', 8).toStdString(); };
        QVERIFY(exerciseAccepts(e, run, text(right)));
        QVERIFY(exerciseAccepts(e, run, " " + text(right * 1.005) + " "));
        QVERIFY(!exerciseAccepts(e, run, text(right * 1.05)));
        QVERIFY(exerciseAccepts(e, run, "\u2212" + text(-right))); // − as the minus sign
        QVERIFY(!exerciseAccepts(e, run, ""));
        QVERIFY(!exerciseAccepts(e, run, "about -6"));
        QVERIFY(!exerciseAccepts(e, run, wrongExerciseAnswer(e, run)));
        QVERIFY(exerciseAccepts(e, run, exerciseAnswer(e, run)));

        e.kind = ExerciseKind::Choose;
        e.answer.clear();
        e.choices = {{{"a", ""}, "{grad:2.weight[0,0]}"},
                     {{"b", ""}, "{grad:2.weight[0,2]}"},
                     {{"c", ""}, "{grad:2.bias[0]}"}};
        step.exercise = e;
        const LessonRun chosen(step, "");
        // Units 0 and 1 are dead at this step (their gradients are 0), so the largest |value|
        // is one of the other two.
        const double w2 = std::abs(chosen.value("grad:2.weight[0,2]"));
        const double b2 = std::abs(chosen.value("grad:2.bias[0]"));
        const std::string best = w2 > b2 ? "1" : "2";
        QCOMPARE(exerciseAnswer(e, chosen), best);
        QVERIFY(exerciseAccepts(e, chosen, best));
        QVERIFY(!exerciseAccepts(e, chosen, "0"));
    }

    // A session keeps a student's answers; a list that does not read is left out with a note,
    // and the session opens.
    void aSessionKeepsTheAnswers() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("answers.gradscope").toStdString();
        TrainingSession session;
        SessionSetup setup;
        setup.experiment = *findPreset("tiny-regression");
        session.load(setup);
        session.step();
        const std::vector<LessonAnswer> answers = {
            {"chain-rule", 3, "What is dL/doutput?", "-0.4", "-0.398", true, "2026-12-04T10:00:00"},
            {"chain-rule", 5, "relu'?", "", "1", false, "2026-12-04T10:01:00"}};
        session.save(path, {}, answers);
        TrainingSession opened;
        opened.open(path, "");
        QCOMPARE(opened.openedLessonAnswers().size(), std::size_t(2));
        QCOMPARE(opened.openedLessonAnswers()[0].given, std::string("-0.4"));
        QCOMPARE(opened.openedLessonAnswers()[1].step, 5);
        QVERIFY(!opened.openedLessonAnswers()[1].correct);
        QCOMPARE(lessonAnswersToJson(opened.openedLessonAnswers()).dump(),
                 lessonAnswersToJson(answers).dump());
        // A file whose answers are broken: the session opens without them, saying so.
        Json json = Json::parse(readFile(path));
        json.set("lesson_answers", Json::parse(R"([{"lesson": "x", "step": 0}])"));
        writeFileAtomic(path, json.dump());
        TrainingSession again;
        again.open(path, "");
        QVERIFY(again.openedLessonAnswers().empty());
        QVERIFY2(again.openNote().english().find("answers to lessons were left out") !=
                     std::string::npos,
                 again.openNote().english().c_str());
    }

    void theCheckFindsWhatIsWrong() {
        Lesson lesson;
        lesson.name = "broken";
        lesson.title.en = "Broken"; // and no 简体中文 title
        LessonStep a = stepWith("loss {next.loss}", 0);
        a.text.zh = "损失";              // names no number
        a.advance = LessonAdvance::Step; // but the next step is not step 1
        Exercise e;
        e.question.en = "q";
        e.question.zh = "问";
        e.wrong.en = "w";
        e.kind = ExerciseKind::Choose;
        e.choices = {{{"a", "甲"}, "{next.grad:0.weight[0,0]}"},
                     {{"b", "乙"}, "{next.grad:0.weight[1,0]}"}}; // both dead units: 0 and 0
        a.exercise = e;
        LessonStep b = stepWith("{loss}", 3);
        lesson.steps = {a, b};
        const auto problems = checkLesson(lesson, "");
        QStringList found;
        for (const LessonProblem& p : problems)
            found << QString::number(p.step) + ": " + QString::fromStdString(p.message.english());
        const QString all = found.join('\n');
        QVERIFY2(all.contains("0: text: the English and the 简体中文 texts name different numbers"),
                 qPrintable(all));
        QVERIFY2(all.contains("0: exercise.wrong.zh_CN has no 简体中文"), qPrintable(all));
        QVERIFY2(all.contains("0: the exercise's two largest choices tie"), qPrintable(all));
        QVERIFY2(all.contains("0: this step goes on with a training step"), qPrintable(all));
        QVERIFY2(all.contains("1: text.zh_CN has no 简体中文"), qPrintable(all));
        QVERIFY2(all.contains("-1: title.zh_CN has no 简体中文"), qPrintable(all));
        QCOMPARE(problems.size(), std::size_t(6));
        // The missing translations are marked as such (a teacher's lesson may be in English).
        int translations = 0;
        for (const LessonProblem& p : problems)
            translations += p.translation;
        QCOMPARE(translations, 3);

        // Every built-in lesson is right, but for data this test does not have (MNIST: its own
        // CTest test, cli_lessons_check_mnist, checks it where it is installed).
        for (const Lesson& l : builtinLessons()) {
            for (const LessonProblem& p : checkLesson(l, "/nonexistent/gradscope-test"))
                QVERIFY2(p.message.text() == missingDataText().source,
                         (l.name + ": " + p.message.english()).c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestLesson)
#include "tst_lesson.moc"
