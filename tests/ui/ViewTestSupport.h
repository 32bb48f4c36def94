// Shared by the view tests: the app's dark palette, and pictures of what a test drew.
#pragma once

#include "Palette.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QWidget>

namespace gs::ui::test {

// With GRADSCOPE_TEST_SHOTS=DIR set, saves what a test drew there as
// DIR/<test program>-<name>.png, to look at.
inline void keepShot(QWidget& widget, const QString& name) {
    const QString dir = qEnvironmentVariable("GRADSCOPE_TEST_SHOTS");
    if (!dir.isEmpty())
        widget.grab().save(dir + "/" + QCoreApplication::applicationName() + "-" + name + ".png");
}

} // namespace gs::ui::test
