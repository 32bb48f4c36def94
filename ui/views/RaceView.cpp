#include "RaceView.h"

#include "BoundedSpinBox.h"
#include "ContourCanvas.h"
#include "FlowLayout.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace gs::ui {

namespace {

constexpr int kGrid = 160;
constexpr int kMaxSteps = 5000;

// One colour per racer, in raceField()'s order (Tableau 10).
const QColor kRacerColors[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b),
                               QColor(0xe1, 0x57, 0x59), QColor(0x59, 0xa1, 0x4f),
                               QColor(0xb0, 0x7a, 0xa1), QColor(0x9c, 0x75, 0x5f)};

} // namespace

RaceView::RaceView(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* controls = new FlowLayout; // wraps in a narrow dock
    m_functions = new QComboBox;
    for (int f = 0; f < int(RaceFunction::Count); ++f) {
        const RaceSurface& s = raceSurface(RaceFunction(f));
        m_functions->addItem(tr(s.label), f);
        m_functions->setItemData(f, QString::fromUtf8(s.formula), Qt::ToolTipRole);
    }
    m_functions->setToolTip(tr("The test function the optimizers race on"));
    m_learningRate = new BoundedDoubleSpinBox;
    m_learningRate->setDecimals(4);
    m_learningRate->setRange(0.0001, 2);
    m_learningRate->setSingleStep(0.001);
    m_learningRate->setToolTip(tr("One learning rate for every racer: SGD's steps scale with "
                                  "the gradient, the adaptive optimizers' steps stay near it"));
    m_speed = new BoundedSpinBox;
    m_speed->setRange(1, 50);
    m_speed->setValue(2);
    m_speed->setSuffix(tr(" steps/frame"));
    m_speed->setToolTip(tr("Optimizer steps per animation frame (30 frames a second)"));
    m_play = new QPushButton(tr("Race"));
    m_play->setCheckable(true);
    auto* restartButton = new QPushButton(tr("Restart"));
    auto* stepButton = new QPushButton(tr("Step"));
    stepButton->setToolTip(tr("One optimizer step for every racer"));
    controls->addWidget(labelled(tr("Function"), m_functions));
    controls->addWidget(labelled(tr("η"), m_learningRate));
    controls->addWidget(m_speed);
    controls->addWidget(m_play);
    controls->addWidget(stepButton);
    controls->addWidget(restartButton);
    layout->addLayout(controls);
    m_canvas = new ContourCanvas;
    m_canvas->setToolTip(tr("Click to start the race from another point"));
    layout->addWidget(m_canvas, 1);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_timer = new QTimer(this);
    m_timer->setInterval(33);

    connect(m_timer, &QTimer::timeout, this, [this] { advance(m_speed->value()); });
    connect(m_play, &QPushButton::toggled, this, [this](bool on) { on ? play() : pause(); });
    connect(stepButton, &QPushButton::clicked, this, [this] { advance(1); });
    connect(restartButton, &QPushButton::clicked, this, &RaceView::restart);
    connect(m_functions, &QComboBox::activated, this,
            [this](int index) { setFunction(RaceFunction(m_functions->itemData(index).toInt())); });
    connect(m_learningRate, &QDoubleSpinBox::editingFinished, this,
            [this] { setLearningRate(m_learningRate->value()); });
    connect(m_canvas, &ContourCanvas::clicked, this, [this](QPointF p) { setStart(p.x(), p.y()); });
    setFunction(RaceFunction::Rosenbrock);
}

RaceView::~RaceView() = default;

void RaceView::setFunction(RaceFunction function) {
    m_function = function;
    const RaceSurface& s = raceSurface(function);
    m_functions->setCurrentIndex(int(function));
    m_learningRate->setValue(s.suggestedLearningRate);
    m_startX = s.startX;
    m_startY = s.startY;
    drawField();
    restart();
}

void RaceView::setLearningRate(double learningRate) {
    m_learningRate->setValue(learningRate);
    restart();
}

void RaceView::setStart(double x, double y) {
    m_startX = x;
    m_startY = y;
    restart();
}

void RaceView::restart() {
    m_race =
        std::make_unique<Race>(m_function, m_startX, m_startY, raceField(m_learningRate->value()));
    drawPaths();
}

void RaceView::play() {
    m_timer->start();
    m_play->setChecked(true);
    m_play->setText(tr("Pause"));
}

void RaceView::pause() {
    m_timer->stop();
    m_play->setChecked(false);
    m_play->setText(tr("Race"));
}

void RaceView::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    if (isPlaying()) pause();
}

bool RaceView::isPlaying() const {
    return m_timer->isActive();
}

void RaceView::advance(int steps) {
    if (m_race->steps() >= kMaxSteps) {
        pause();
        return;
    }
    m_race->step(std::min<long>(steps, kMaxSteps - m_race->steps()));
    drawPaths();
}

void RaceView::drawField() {
    const RaceSurface& s = raceSurface(m_function);
    std::vector<double> values(std::size_t(kGrid * kGrid));
    for (int r = 0; r < kGrid; ++r)
        for (int c = 0; c < kGrid; ++c)
            values[std::size_t(r * kGrid + c)] =
                raceValue(m_function, s.xMin + (s.xMax - s.xMin) * c / (kGrid - 1),
                          s.yMin + (s.yMax - s.yMin) * r / (kGrid - 1));
    m_canvas->setField(kGrid, kGrid, std::move(values),
                       QRectF(s.xMin, s.yMin, s.xMax - s.xMin, s.yMax - s.yMin), tr("x"), tr("y"));
    m_canvas->setMarker(QPointF(s.minimumX, s.minimumY),
                        m_function == RaceFunction::Saddle ? tr("saddle point") : tr("minimum"));
}

void RaceView::drawPaths() {
    std::vector<ContourCanvas::Path> paths;
    const auto& racers = m_race->racers();
    for (std::size_t i = 0; i < racers.size(); ++i) {
        const Racer& r = racers[i];
        ContourCanvas::Path path;
        path.color = kRacerColors[i % std::size(kRacerColors)];
        path.stopped = r.diverged;
        for (const RacePoint& p : r.path)
            path.points.emplace_back(p.x, p.y);
        QString label = QString::fromStdString(r.label);
        path.name = label;
        path.label = r.diverged ? tr("%1: ran away").arg(label)
                                : tr("%1: f = %2").arg(label).arg(r.path.back().value, 0, 'g', 4);
        paths.push_back(std::move(path));
    }
    m_canvas->setPaths(std::move(paths));
    const RaceSurface& s = raceSurface(m_function);
    m_status->setText(
        tr("<b>%1</b>: f(x, y) = %2 · step %3 · start (%4, %5) · the star marks the "
           "%6. Each racer runs the same optimizer code as training, on w = (x, y).")
            .arg(tr(s.label), QString::fromUtf8(s.formula))
            .arg(m_race->steps())
            .arg(m_startX, 0, 'g', 3)
            .arg(m_startY, 0, 'g', 3)
            .arg(m_function == RaceFunction::Saddle ? tr("saddle point") : tr("minimum")));
}

} // namespace gs::ui
