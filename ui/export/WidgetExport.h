// Exports what a widget shows: PNG (its pixels), SVG or PDF (re-drawn as vectors through the
// widget's own paint code), chosen by the file's suffix. Writes atomically; throws gs::Error
// naming the file for an unknown suffix or a failed write.
#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace gs::ui {

void exportWidget(QWidget* widget, const QString& path, const QString& title);

} // namespace gs::ui
