// Training plots with Qt Charts: built once here, drawn by the app's chart panels and rendered
// offscreen by `gradscope-cli train --plot`, so the exported files look like the screen.
#pragma once

#include "train/Metrics.h"

#include <QByteArray>
#include <QString>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace gs::ui {

// Loss per epoch (train and test), or batch loss per step when no epoch has finished.
QChart* makeLossChart(const MetricsHistory& history);
// Accuracy per epoch in percent (train and test); null for regression runs.
QChart* makeAccuracyChart(const MetricsHistory& history);

// Renders the loss chart and, for classification, the accuracy chart beside it, as PNG, SVG
// or PDF chosen by the file's suffix. Needs a QApplication. Returns the file's bytes.
QByteArray renderTrainingPlot(const MetricsHistory& history, const QString& title,
                              const QString& format);
// Renders and writes atomically; throws gs::Error naming the file on a bad suffix or a failed
// write.
void exportTrainingPlot(const MetricsHistory& history, const QString& title, const QString& path);

} // namespace gs::ui
