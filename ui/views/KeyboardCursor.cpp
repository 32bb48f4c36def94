#include "KeyboardCursor.h"

#include <QAccessible>
#include <QFocusEvent>
#include <QPainter>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QToolTip>
#include <QWidget>

#include <algorithm>

namespace gs::ui {

int movedCursor(int key, int current, int count) {
    if (count <= 0) return -1;
    int by = 0;
    switch (key) {
    case Qt::Key_Left:
    case Qt::Key_Up:
        by = -1;
        break;
    case Qt::Key_Right:
    case Qt::Key_Down:
        by = 1;
        break;
    case Qt::Key_PageUp:
        by = -10;
        break;
    case Qt::Key_PageDown:
        by = 10;
        break;
    case Qt::Key_Home:
        return 0;
    case Qt::Key_End:
        return count - 1;
    default:
        return -1;
    }
    if (current < 0) return 0;
    return std::clamp(current + by, 0, count - 1);
}

namespace {

const char* const kShown = "gsKeyboardFocusShown";

// Notes how the canvas got the focus: the ring shows for the keyboard, not for a click. When
// the focus comes back from a dialog or a menu (the weight editor opened by F2), the canvas
// shows what it showed before.
class FocusWatcher : public QObject {
public:
    using QObject::QObject;
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() != QEvent::FocusIn) return false;
        const auto* focus = static_cast<QFocusEvent*>(event);
        if (focus->reason() != Qt::ActiveWindowFocusReason &&
            focus->reason() != Qt::PopupFocusReason)
            watched->setProperty(kShown, focusedByKeyboard(focus));
        return false;
    }
};

} // namespace

bool focusedByKeyboard(const QFocusEvent* event) {
    return event->reason() != Qt::MouseFocusReason && event->reason() != Qt::PopupFocusReason &&
           event->reason() != Qt::ActiveWindowFocusReason;
}

void takeKeyboardFocus(QWidget* canvas) {
    canvas->setFocusPolicy(Qt::StrongFocus);
    canvas->installEventFilter(new FocusWatcher(canvas));
}

void announceItem(QWidget* canvas, const QRectF& item, const QString& text) {
    canvas->setProperty(kShown, true); // a key moved the cursor: show where it is
    // A tooltip may be rich text (the graph's); a screen reader gets the words.
    canvas->setAccessibleDescription(
        Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text);
    if (!canvas->hasFocus()) return;
    // Shown once the key that moved the cursor is handled: a tooltip shown while the focus
    // moves (Tab) is hidden again by the move.
    QTimer::singleShot(0, canvas, [canvas, item, text] {
        if (!canvas->hasFocus()) return;
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(canvas->mapToGlobal(item.bottomRight().toPoint() + QPoint(4, 4)),
                               text, canvas);
    });
    if (QAccessible::isActive()) {
        QAccessibleEvent event(canvas, QAccessible::DescriptionChanged);
        QAccessible::updateAccessibility(&event);
    }
}

void paintKeyboardFocus(QPainter& p, const QWidget* canvas, const QRectF& item) {
    if (!canvas->hasFocus() || !canvas->property(kShown).toBool()) return;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setBrush(Qt::NoBrush);
    const QColor highlight = canvas->palette().color(QPalette::Highlight);
    p.setPen(QPen(highlight, 2));
    p.drawRect(QRectF(canvas->rect()).adjusted(1, 1, -1, -1));
    if (!item.isEmpty()) {
        // The highlight over a wider ring of the base colour, so that it shows on any fill.
        p.setPen(QPen(canvas->palette().color(QPalette::Base), 4));
        p.drawRoundedRect(item.adjusted(-3, -3, 3, 3), 4, 4);
        p.setPen(QPen(highlight, 2));
        p.drawRoundedRect(item.adjusted(-3, -3, 3, 3), 4, 4);
    }
    p.restore();
}

} // namespace gs::ui
