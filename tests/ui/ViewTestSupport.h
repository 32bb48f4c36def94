// Shared by the view tests: the part of a widget on screen, pictures of what a test drew, and a
// traced step of a preset.
#pragma once

#include "Palette.h"
#include "Snapshot.h"
#include "nn/Sequential.h"
#include "train/Trainer.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QWidget>

#include <memory>
#include <vector>

namespace gs::ui::test {

// The part of `widget` shown on screen, in window coordinates: its rectangle clipped by every
// ancestor (a scroll area's viewport, a dock, the window).
inline QRect shownRect(QWidget* widget) {
    QRect r = widget->rect();
    QWidget* w = widget;
    while (QWidget* parent = w->parentWidget()) {
        r = QRect(w->mapToParent(r.topLeft()), r.size()).intersected(parent->rect());
        w = parent;
        if (w->isWindow()) break;
    }
    return r;
}

// With GRADSCOPE_TEST_SHOTS=DIR set, saves what a test drew there as
// DIR/<test program>-<name>.png, to look at.
inline void keepShot(QWidget& widget, const QString& name) {
    const QString dir = qEnvironmentVariable("GRADSCOPE_TEST_SHOTS");
    if (!dir.isEmpty())
        widget.grab().save(dir + "/" + QCoreApplication::applicationName() + "-" + name + ".png");
}

// `steps` ordinary steps of a preset, the last one traced (spiral: 2-16-16-2 ReLU, batch 10,
// Adam); null for an unknown preset.
inline StepTracePtr presetTrace(const char* preset, int steps) {
    const Experiment* e = findPreset(preset);
    if (!e) return nullptr;
    static std::vector<std::unique_ptr<Split>> data; // the trainer reads it while it lives
    data.push_back(std::make_unique<Split>(loadData(e->data, "")));
    Sequential model(e->layers, e->train.seed);
    Trainer trainer(model, data.back()->train, &data.back()->test, e->train);
    auto trace = std::make_shared<StepTrace>();
    for (int i = 1; i < steps; ++i)
        trainer.step();
    trainer.step(trace.get());
    return trace;
}

} // namespace gs::ui::test
