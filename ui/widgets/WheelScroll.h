// The wheel over a panel of boxes scrolls the panel: a combo box, spin box or slider takes the
// wheel only once it has the focus (a click or Tab), so that scrolling past a box does not
// change it (a student scrolling the Data panel changed the classes; the builder's
// initialisation box re-initialised the network).
#pragma once

class QWidget;

namespace gs::ui {

// Applies to every such box under `root` now (call again after adding boxes).
void wheelScrollsPanel(QWidget* root);

} // namespace gs::ui
