// What the parts of MainWindow (MainWindow.cpp, MainWindowWorker.cpp, MainWindowMenus.cpp,
// MainWindowDesktop.cpp) share; not for other files.
#pragma once

#include <QObject>
#include <QString>

namespace gs::ui {

inline const QString kPictureFormats = QStringLiteral("PNG (*.png);;SVG (*.svg);;PDF (*.pdf)");

// The default play speed, 50 steps a second: spiral (25 steps an epoch) reaches 90 % test
// accuracy after about 15 seconds and 100 % after about 25 (gradscope-cli train --preset spiral).
constexpr int kDefaultSpeedIndex = 5;

inline QString speedText(double stepsPerSecond) {
    if (stepsPerSecond <= 0) return QObject::tr("full speed");
    if (stepsPerSecond == 1) return QObject::tr("1 step/s");
    return QObject::tr("%1 steps/s").arg(stepsPerSecond);
}

} // namespace gs::ui
