#pragma once
// A dock's title bar made of ordinary widgets, so that it follows the UI's font scale (Qt's own
// title keeps the font it was created with: at 200 % the titles stayed at 100 %). Shows the
// dock's title, a float button and a close button; a drag or a double-click on it moves or
// floats the dock as Qt's own does. In presenter mode it can be folded away entirely.
#include <QWidget>

class QDockWidget;
class QLabel;
class QToolButton;

class DockTitleBar : public QWidget {
    Q_OBJECT
public:
    explicit DockTitleBar(QDockWidget* dock);
    // Folded: no height at all, for a tidy class view; unfolded: the title as usual.
    void setFolded(bool folded);
    bool folded() const { return m_folded; }

protected:
    // New icons for a new font or style; new tooltips for a new language.
    void changeEvent(QEvent* event) override;

private:
    void retranslate(); // the buttons' tooltips
    void updateIcons();

    QLabel* m_title;
    QToolButton* m_float;
    QToolButton* m_close;
    bool m_folded = false;
};
