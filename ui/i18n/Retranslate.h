// Texts that follow the language without a restart.
//
// Installing a translation sends QEvent::LanguageChange to every window, and each widget passes
// it on to its children (QWidget::event). A widget whose texts were set once, in its
// constructor, would keep the old language; so texts are set through a function that runs now
// and again on each LanguageChange that reaches `owner`:
//
//     onLanguageChange(button, [button] { button->setText(tr("Reset")); });
//
// The function may only touch `owner` and what lives as long as it (its children). Panels whose
// texts depend on their state re-render in changeEvent() instead.
#pragma once

#include <QEvent>
#include <QObject>

#include <functional>

namespace gs::ui {

class LanguageHook : public QObject {
public:
    LanguageHook(QObject* owner, std::function<void()> setTexts)
        : QObject(owner)
        , m_setTexts(std::move(setTexts)) {
        owner->installEventFilter(this);
        m_setTexts();
    }

protected:
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::LanguageChange) m_setTexts();
        return false;
    }

private:
    std::function<void()> m_setTexts;
};

// Runs `setTexts` now and whenever the language changes; lives and dies with `owner`.
inline void onLanguageChange(QObject* owner, std::function<void()> setTexts) {
    new LanguageHook(owner, std::move(setTexts));
}

} // namespace gs::ui
