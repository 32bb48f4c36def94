// The training toolbar's icons, drawn in the palette's text colour so that they read in the
// light and the dark palette alike (the style's media icons are dark grey on any background).
#pragma once

#include <QIcon>

namespace gs::ui {

enum class TrainingIcon { Reset, Play, Pause, Step, StepEpoch };

QIcon trainingIcon(TrainingIcon icon, const QColor& colour);

} // namespace gs::ui
