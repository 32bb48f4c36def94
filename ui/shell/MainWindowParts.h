// What the parts of MainWindow (MainWindow.cpp, MainWindowWorker.cpp, MainWindowMenus.cpp,
// MainWindowDesktop.cpp, MainWindowLessons.cpp) share; not for other files.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace gs::ui {

// The file dialog's filter for pictures, in the current language.
inline QString pictureFormats() {
    return QCoreApplication::translate("gs::ui::MainWindow",
                                       "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)");
}

// The default play speed, 50 steps a second: spiral (25 steps an epoch) reaches 90 % test
// accuracy after about 15 seconds and 100 % after about 25 (gradscope-cli train --preset spiral).
constexpr int kDefaultSpeedIndex = 5;

// The play speed as the toolbar shows it, in the current language.
inline QString speedText(double stepsPerSecond) {
    if (stepsPerSecond <= 0) return QCoreApplication::translate("gs::ui::MainWindow", "full speed");
    if (stepsPerSecond == 1) return QCoreApplication::translate("gs::ui::MainWindow", "1 step/s");
    return QCoreApplication::translate("gs::ui::MainWindow", "%1 steps/s").arg(stepsPerSecond);
}

// Whether the file at `path` is a lesson (lesson/Lesson.h looksLikeLesson), not a model file.
bool isLessonFile(const QString& path);

} // namespace gs::ui
