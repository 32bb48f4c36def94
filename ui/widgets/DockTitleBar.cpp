#include "DockTitleBar.h"

#include <QDockWidget>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

DockTitleBar::DockTitleBar(QDockWidget* dock)
    : QWidget(dock) {
    setObjectName(QStringLiteral("dockTitle"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 2, 2);
    layout->setSpacing(2);
    m_title = new QLabel(dock->windowTitle());
    m_title->setTextFormat(Qt::PlainText);
    // Mouse events fall through to the dock, which moves and floats itself as usual.
    m_title->setAttribute(Qt::WA_TransparentForMouseEvents);
    layout->addWidget(m_title, 1);
    m_float = new QToolButton;
    m_float->setAutoRaise(true);
    m_close = new QToolButton;
    m_close->setAutoRaise(true);
    // Not tab stops: a view's title bar buttons would double Tab's way through the window, and
    // View › Docks shows and hides every view from the keyboard (the mouse floats them here).
    m_float->setFocusPolicy(Qt::NoFocus);
    m_close->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_float);
    layout->addWidget(m_close);
    updateIcons();
    retranslate();
    connect(m_float, &QToolButton::clicked, dock,
            [dock] { dock->setFloating(!dock->isFloating()); });
    connect(m_close, &QToolButton::clicked, dock, &QDockWidget::close);
    connect(dock, &QDockWidget::windowTitleChanged, m_title, &QLabel::setText);
    const auto features = [this](QDockWidget::DockWidgetFeatures f) {
        m_float->setVisible(f.testFlag(QDockWidget::DockWidgetFloatable));
        m_close->setVisible(f.testFlag(QDockWidget::DockWidgetClosable));
    };
    features(dock->features());
    connect(dock, &QDockWidget::featuresChanged, this, features);
}

void DockTitleBar::setFolded(bool folded) {
    m_folded = folded;
    m_title->setVisible(!folded);
    if (folded) {
        m_float->hide();
        m_close->hide();
        setFixedHeight(0);
    } else {
        setMinimumHeight(0);
        setMaximumHeight(QWIDGETSIZE_MAX);
        if (auto* dock = qobject_cast<QDockWidget*>(parentWidget())) {
            m_float->setVisible(dock->features().testFlag(QDockWidget::DockWidgetFloatable));
            m_close->setVisible(dock->features().testFlag(QDockWidget::DockWidgetClosable));
        }
    }
}

void DockTitleBar::retranslate() {
    m_float->setToolTip(tr("Float this view in its own window (double-click the title to dock "
                           "it again)"));
    m_close->setToolTip(tr("Close this view (View › Docks brings it back)"));
    //: A view's title bar button, for screen readers: put the view in its own window.
    m_float->setAccessibleName(tr("Float"));
    //: A view's title bar button, for screen readers: close the view.
    m_close->setAccessibleName(tr("Close"));
}

void DockTitleBar::changeEvent(QEvent* event) {
    // The title is the dock's: its owner names it again (windowTitleChanged).
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
    // The buttons' icons are as tall as the text.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) updateIcons();
}

void DockTitleBar::updateIcons() {
    const int side = fontMetrics().height();
    m_float->setIcon(style()->standardIcon(QStyle::SP_TitleBarNormalButton, nullptr, this));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton, nullptr, this));
    for (QToolButton* b : {m_float, m_close})
        b->setIconSize(QSize(side * 3 / 4, side * 3 / 4));
}
