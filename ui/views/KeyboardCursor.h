// The keyboard's way into the drawing areas. What a mouse user reads by hovering (an edge's
// weight, a box of the computation graph, a test image's prediction) and does by clicking, a
// keyboard user reaches with a cursor: Tab into the view, the arrow keys move the cursor from
// item to item, Enter does what a click does. The item under the cursor is ringed, its text is
// shown beside it as the tooltip would be and becomes the view's accessible description, which
// a screen reader reads out.
#pragma once

#include <QRectF>
#include <QString>

class QFocusEvent;
class QPainter;
class QWidget;

namespace gs::ui {

// Where a key moves a cursor over `count` items laid out in order: the arrow keys by one,
// Page Up and Page Down by ten, Home and End to the ends (clamped, no wrapping). −1 when the
// key is not one of these; `current` −1 (no cursor yet) moves to the first item.
int movedCursor(int key, int current, int count);

// Makes `canvas` a tab stop that takes the focus by click as well.
void takeKeyboardFocus(QWidget* canvas);

// Whether the focus came by the keyboard (Tab, Shift+Tab, a shortcut) rather than a click: only
// then does a canvas put its cursor on an item and ring it, as a browser shows :focus-visible.
bool focusedByKeyboard(const QFocusEvent* event);

// Shows `text` beside `item` (widget coordinates) as a tooltip, makes it the canvas's
// accessible description and tells an assistive technology that it changed. Nothing is shown
// while the canvas does not have the focus (a snapshot moving the cursor's item).
void announceItem(QWidget* canvas, const QRectF& item, const QString& text);

// While `canvas` has the focus by the keyboard (or a key has been pressed in it): a frame inside
// its edge in the palette's highlight colour, and a ring round `item` (none where it is empty).
void paintKeyboardFocus(QPainter& p, const QWidget* canvas, const QRectF& item);

} // namespace gs::ui
