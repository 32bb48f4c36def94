#include "WheelScroll.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

namespace gs::ui {

namespace {
// One filter for every box: an unfocused box's wheel goes to the scroll area around it.
class WheelFilter : public QObject {
public:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() != QEvent::Wheel) return false;
        auto* widget = qobject_cast<QWidget*>(watched);
        if (!widget || widget->hasFocus()) return false;
        for (QWidget* p = widget->parentWidget(); p; p = p->parentWidget())
            if (auto* area = qobject_cast<QAbstractScrollArea*>(p)) {
                QCoreApplication::sendEvent(area->viewport(), event);
                break;
            }
        return true;
    }
};
} // namespace

void wheelScrollsPanel(QWidget* root) {
    static WheelFilter* filter = new WheelFilter; // lives as long as the application
    for (QWidget* w : root->findChildren<QWidget*>())
        if (qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractSlider*>(w) ||
            qobject_cast<QAbstractSpinBox*>(w)) {
            w->setFocusPolicy(Qt::StrongFocus);
            w->removeEventFilter(filter); // once, however often it is called
            w->installEventFilter(filter);
        }
}

} // namespace gs::ui
