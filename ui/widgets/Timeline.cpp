#include "Timeline.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdlib>

namespace gs::ui {

namespace {
// The strip under the slider where the marks are drawn.
class MarkStrip : public QWidget {
public:
    explicit MarkStrip(Timeline* timeline)
        : QWidget(timeline)
        , m_timeline(timeline) {
        setFixedHeight(12);
        setMouseTracking(true);
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        for (const Timeline::Mark& m : m_timeline->marks()) {
            const int x = m_timeline->markX(m.step) - this->x();
            const QColor colour = m.stop ? QColor(214, 39, 40) : QColor(230, 140, 20);
            p.setPen(Qt::NoPen);
            p.setBrush(colour);
            const QPointF tip(x, 0);
            p.setPen(QPen(palette().color(QPalette::Window), 1));
            p.drawPolygon(QPolygonF{tip, QPointF(x - 6.5, 11.5), QPointF(x + 6.5, 11.5)});
        }
    }
    const Timeline::Mark* at(int x) const {
        for (const Timeline::Mark& m : m_timeline->marks())
            if (std::abs(m_timeline->markX(m.step) - this->x() - x) <= 7) return &m;
        return nullptr;
    }
    void mouseMoveEvent(QMouseEvent* e) override {
        const Timeline::Mark* m = at(int(e->position().x()));
        if (m)
            QToolTip::showText(e->globalPosition().toPoint(), m->text, this);
        else
            QToolTip::hideText();
    }
    void mousePressEvent(QMouseEvent* e) override {
        if (const Timeline::Mark* m = at(int(e->position().x()))) {
            const Timeline::Mark mark = *m;
            emit m_timeline->seekRequested(mark.step);
            emit m_timeline->markChosen(mark);
        }
    }

private:
    Timeline* m_timeline;
};
} // namespace

Timeline::Timeline(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_slider(new QSlider(Qt::Horizontal))
    , m_label(new QLabel)
    , m_latest(new QToolButton)
    , m_branch(new QToolButton)
    , m_budget(new QComboBox)
    , m_memory(new QLabel) {
    setObjectName(QStringLiteral("timeline"));
    m_slider->setObjectName(QStringLiteral("timelineSlider"));
    m_slider->setRange(0, 0);
    m_slider->setSingleStep(1);
    m_slider->setFocusPolicy(Qt::StrongFocus);
    m_slider->installEventFilter(this);
    m_title->setBuddy(m_slider);
    m_latest->setObjectName(QStringLiteral("timelineLatest"));
    m_latest->setEnabled(false);
    m_strip = new MarkStrip(this);
    auto* column = new QVBoxLayout;
    column->setSpacing(0);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_slider);
    column->addWidget(m_strip);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_title);
    layout->addLayout(column, 1);
    layout->addWidget(m_label);
    layout->addWidget(m_branch);
    layout->addWidget(m_latest);
    m_branch->setObjectName(QStringLiteral("timelineBranch"));
    m_branch->setEnabled(false);
    connect(m_branch, &QToolButton::clicked, this, &Timeline::branchRequested);
    layout->addWidget(m_memory);
    layout->addWidget(m_budget);
    m_budget->setObjectName(QStringLiteral("timelineBudget"));
    for (const qint64 b : budgets())
        m_budget->addItem(b >= (qint64(1) << 30) ? QStringLiteral("%1 GB").arg(b >> 30)
                                                 : QStringLiteral("%1 MB").arg(b >> 20),
                          b);
    setBudget(qint64(256) << 20);
    connect(m_budget, &QComboBox::activated, this,
            [this](int i) { emit budgetChosen(m_budget->itemData(i).toLongLong()); });
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
    m_strip->update(); // the range moved the marks
    m_latest->setEnabled(inPast);
    m_branch->setEnabled(inPast);
    retranslate();
}

QList<qint64> Timeline::budgets() {
    return {qint64(64) << 20, qint64(256) << 20, qint64(1) << 30, qint64(4) << 30};
}

void Timeline::setBudget(qint64 bytes) {
    int nearest = 0;
    for (int i = 0; i < m_budget->count(); ++i)
        if (std::abs(m_budget->itemData(i).toLongLong() - bytes) <
            std::abs(m_budget->itemData(nearest).toLongLong() - bytes))
            nearest = i;
    m_budget->setCurrentIndex(nearest);
}

qint64 Timeline::budget() const {
    return m_budget->currentData().toLongLong();
}

void Timeline::showMemory(std::size_t bytes, std::size_t budget, long interval) {
    m_bytes = bytes;
    m_interval = interval;
    setBudget(qint64(budget));
    retranslate();
}

QRect Timeline::handleRect() const {
    QStyleOptionSlider option;
    option.initFrom(m_slider);
    option.orientation = Qt::Horizontal;
    option.minimum = m_slider->minimum();
    option.maximum = m_slider->maximum();
    option.sliderPosition = m_slider->sliderPosition();
    return m_slider->style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle,
                                             m_slider);
}

void Timeline::setMarks(QList<Mark> marks) {
    m_marks = std::move(marks);
    m_strip->update();
}

int Timeline::markX(long step) const {
    const int handle = handleRect().width();
    const int span = std::max(1, m_slider->width() - handle);
    const int at = QStyle::sliderPositionFromValue(
        m_slider->minimum(), m_slider->maximum(),
        int(std::clamp<long>(step, m_slider->minimum(), m_slider->maximum())), span);
    return m_slider->x() + at + handle / 2;
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
            const QRect handle = handleRect();
            if (!handle.contains(mouse->position().toPoint())) {
                const int span = std::max(1, m_slider->width() - handle.width());
                const int x = int(mouse->position().x()) - handle.width() / 2;
                m_slider->setValue(QStyle::sliderValueFromPosition(
                    m_slider->minimum(), m_slider->maximum(), std::clamp(x, 0, span), span, false));
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
    m_title->setText(tr("Time&line"));
    m_latest->setText(tr("Latest"));
    m_branch->setText(tr("Branch here"));
    m_branch->setToolTip(tr("Train on from this step: the steps after it stay beside the new "
                            "branch to compare (Compare runs). Change the learning rate, the "
                            "optimizer or a weight, then press Play."));
    m_latest->setToolTip(tr("Back to the run's last step, where training goes on"));
    //: %1: the step shown, %2: the run's last step, %3: epochs finished then.
    const auto text = [](long step, long last, int epoch) {
        return tr("step %1 of %2 (epoch %3)").arg(step).arg(last).arg(epoch);
    };
    m_label->setText(text(m_step, m_last, m_epoch));
    // As wide as the longest text this run can need: the slider does not change length
    // (and run from under the mouse) when the text does.
    m_label->setMinimumWidth(m_label->fontMetrics().horizontalAdvance(
        text(m_last, m_last, std::max(m_epoch, 1) * 10 - 1)));
    m_label->setToolTip(m_inPast ? tr("Play, Step and changes of settings go on from step %1, "
                                      "the run's last; Branch here trains on from this step.")
                                       .arg(m_last)
                                 : QString());
    m_slider->setToolTip(tr("Drag through the whole run: every view shows that step. ←/→ one "
                            "step, Shift+←/→ one epoch."));
    m_slider->setAccessibleName(tr("Timeline"));
    //: The recording's memory: %1 megabytes used, of the budget chosen beside it.
    m_memory->setText(tr("recording %1 MB of").arg(double(m_bytes) / double(1 << 20), 0, 'f', 1));
    const QString kept =
        m_interval <= 1
            ? tr("every step is kept")
            : tr("a state is kept every %1 steps; the steps between are replayed").arg(m_interval);
    m_memory->setToolTip(
        tr("Memory the recording of this run takes, of the budget beside it: %1").arg(kept));
    m_budget->setToolTip(tr("The most memory the recording may take. Past it, fewer states are "
                            "kept and the steps between are replayed when shown."));
    m_budget->setAccessibleName(tr("Recording budget"));
}

} // namespace gs::ui
