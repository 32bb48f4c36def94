#include "Timeline.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>

#include <algorithm>

namespace gs::ui {

Timeline::Timeline(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_slider(new QSlider(Qt::Horizontal))
    , m_label(new QLabel)
    , m_latest(new QToolButton) {
    setObjectName(QStringLiteral("timeline"));
    m_slider->setObjectName(QStringLiteral("timelineSlider"));
    m_slider->setRange(0, 0);
    m_slider->setSingleStep(1);
    m_slider->setFocusPolicy(Qt::StrongFocus);
    m_slider->installEventFilter(this);
    m_title->setBuddy(m_slider);
    m_latest->setObjectName(QStringLiteral("timelineLatest"));
    m_latest->setEnabled(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_title);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_label);
    layout->addWidget(m_latest);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) { request(v); });
    connect(m_latest, &QToolButton::clicked, this, [this] { request(m_last); });
    retranslate();
}

void Timeline::showStep(long first, long last, long step, int epoch, Index batchesPerEpoch,
                        bool inPast) {
    m_last = last;
    m_step = step;
    m_epoch = epoch;
    m_inPast = inPast;
    {
        const QSignalBlocker quiet(m_slider);
        m_slider->setRange(int(std::min<long>(first, last)), int(last));
        m_slider->setPageStep(int(std::max<Index>(batchesPerEpoch, 1)));
        if (!m_slider->isSliderDown()) m_slider->setValue(int(step));
    }
    m_latest->setEnabled(inPast);
    retranslate();
}

long Timeline::step() const {
    return m_slider->value();
}

bool Timeline::dragging() const {
    return m_slider->isSliderDown();
}

void Timeline::request(long step) {
    emit seekRequested(std::clamp<long>(step, m_slider->minimum(), m_slider->maximum()));
}

bool Timeline::eventFilter(QObject* watched, QEvent* event) {
    // A click on the groove goes to that step (not a page towards it), and a drag goes on
    // from there.
    if (watched == m_slider && event->type() == QEvent::MouseButtonPress) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton) {
            QStyleOptionSlider option;
            option.initFrom(m_slider);
            option.orientation = Qt::Horizontal;
            option.minimum = m_slider->minimum();
            option.maximum = m_slider->maximum();
            option.sliderPosition = m_slider->sliderPosition();
            const QRect handle = m_slider->style()->subControlRect(
                QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, m_slider);
            if (!handle.contains(mouse->position().toPoint())) {
                const int span = std::max(1, m_slider->width() - handle.width());
                const int x = int(mouse->position().x()) - handle.width() / 2;
                m_slider->setValue(QStyle::sliderValueFromPosition(
                    m_slider->minimum(), m_slider->maximum(), std::clamp(x, 0, span), span,
                    option.upsideDown));
            }
        }
    }
    // Shift+←/→: an epoch (the slider's page) at a time.
    if (watched == m_slider && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->modifiers() & Qt::ShiftModifier) {
            const int sign = key->key() == Qt::Key_Left ? -1 : key->key() == Qt::Key_Right ? 1 : 0;
            if (sign != 0) {
                m_slider->setValue(m_slider->value() + sign * m_slider->pageStep());
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void Timeline::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void Timeline::retranslate() {
    m_title->setText(tr("&Timeline"));
    m_latest->setText(tr("Latest"));
    m_latest->setToolTip(tr("Back to the run's last step, where training goes on"));
    //: %1: the step shown, %2: the run's last step, %3: epochs finished then.
    m_label->setText(m_inPast ? tr("step %1 of %2 (epoch %3): Play goes on from step %2")
                                    .arg(m_step)
                                    .arg(m_last)
                                    .arg(m_epoch)
                              : tr("step %1 (epoch %2)").arg(m_step).arg(m_epoch));
    m_slider->setToolTip(tr("Drag through the whole run: every view shows that step. ←/→ one "
                            "step, Shift+←/→ one epoch."));
    m_slider->setAccessibleName(tr("Timeline"));
}

} // namespace gs::ui
