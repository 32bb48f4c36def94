// Tab moves through a window as a page is read: the toolbar first, then each pane from left to
// right and top to bottom (a dock's tab bar with its dock), and inside a pane row by row, left
// to right. Qt's own chain follows the order the widgets were made in, which in a window of
// docks and rebuilt panels jumps about; this one is worked out from the geometry when Tab is
// pressed, so panels that rebuild their rows (the network builder) stay in order too.
#pragma once

#include <QList>

class QWidget;

namespace gs::ui {

// The widgets of `window` that Tab stops at, in reading order: shown, enabled, taking focus by
// Tab, and not clipped away by a hidden or tabbed-away parent.
QList<QWidget*> readingOrderChain(QWidget* window);

// The same stops, by region: the toolbars' (one region), then each dock's and the centre's, as
// read.
QList<QList<QWidget*>> readingOrderRegions(QWidget* window);

// Moves the focus to the next (or previous) widget of readingOrderChain, wrapping round, and
// scrolls it into view; false when the window has nothing to focus.
bool focusInReadingOrder(QWidget* window, bool next);

// F6 and Shift+F6: the first stop of the next (or previous) region, as in a browser or a file
// manager's panes.
bool focusNextRegion(QWidget* window, bool next);

// The first stop inside `container` (a view brought to the front); false if it has none.
bool focusFirstIn(QWidget* window, QWidget* container);

} // namespace gs::ui
