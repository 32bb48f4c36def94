#include "RaceView.h"

#include "BoundedSpinBox.h"
#include "ContourCanvas.h"
#include "FlowLayout.h"
#include "Language.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
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

// The test functions' names, by the engine's identifier (RaceSurface::name); the engine's
// label (RaceSurface::label) is the English text.
struct SurfaceName {
    const char* id;
    const char* text;
};
const SurfaceName kSurfaceNames[] = {
    //: A test function of the optimizer race: f(x, y) = x² + 10·y².
    {"bowl", QT_TRANSLATE_NOOP("gs::ui::RaceView", "Quadratic bowl")},
    //: A test function of the optimizer race, named after Howard Rosenbrock.
    {"rosenbrock", QT_TRANSLATE_NOOP("gs::ui::RaceView", "Rosenbrock")},
    //: A test function of the optimizer race, named after Evelyn Beale.
    {"beale", QT_TRANSLATE_NOOP("gs::ui::RaceView", "Beale")},
    //: A test function of the optimizer race: f(x, y) = x² − y², a saddle.
    {"saddle", QT_TRANSLATE_NOOP("gs::ui::RaceView", "Saddle")}};

// A test function's name in the current language.
QString surfaceName(const RaceSurface& s) {
    for (const SurfaceName& n : kSurfaceNames)
        if (qstrcmp(n.id, s.name) == 0) return RaceView::tr(n.text);
    return QString::fromUtf8(s.label); // one added to the engine since: its English name
}

} // namespace

RaceView::RaceView(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* controls = new FlowLayout; // wraps in a narrow dock
    m_functions = new QComboBox;
    for (int f = 0; f < int(RaceFunction::Count); ++f) {
        const RaceSurface& s = raceSurface(RaceFunction(f));
        m_functions->addItem(QString(), f); // named in retranslate()
        m_functions->setItemData(f, QString::fromUtf8(s.formula), Qt::ToolTipRole);
    }
    m_learningRate = new BoundedDoubleSpinBox;
    m_learningRate->setDecimals(4);
    m_learningRate->setRange(0.0001, 2);
    m_learningRate->setSingleStep(0.001);
    m_speed = new BoundedSpinBox;
    m_speed->setRange(1, 50);
    m_speed->setValue(2);
    m_play = new QPushButton;
    m_play->setCheckable(true);
    m_restartButton = new QPushButton;
    m_stepButton = new QPushButton;
    QWidget* function = labelled(QString(), m_functions);
    QWidget* rate = labelled(QString(), m_learningRate);
    m_functionLabel = function->findChild<QLabel*>(QString(), Qt::FindDirectChildrenOnly);
    m_rateLabel = rate->findChild<QLabel*>(QString(), Qt::FindDirectChildrenOnly);
    controls->addWidget(function);
    controls->addWidget(rate);
    controls->addWidget(m_speed);
    controls->addWidget(m_play);
    controls->addWidget(m_stepButton);
    controls->addWidget(m_restartButton);
    layout->addLayout(controls);
    m_canvas = new ContourCanvas;
    layout->addWidget(m_canvas, 1);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_timer = new QTimer(this);
    m_timer->setInterval(33);

    connect(m_timer, &QTimer::timeout, this, [this] { advance(m_speed->value()); });
    connect(m_play, &QPushButton::toggled, this, [this](bool on) { on ? play() : pause(); });
    connect(m_stepButton, &QPushButton::clicked, this, [this] { advance(1); });
    connect(m_restartButton, &QPushButton::clicked, this, &RaceView::restart);
    connect(m_functions, &QComboBox::activated, this,
            [this](int index) { setFunction(RaceFunction(m_functions->itemData(index).toInt())); });
    connect(m_learningRate, &QDoubleSpinBox::editingFinished, this,
            [this] { setLearningRate(m_learningRate->value()); });
    connect(m_canvas, &ContourCanvas::clicked, this, [this](QPointF p) { setStart(p.x(), p.y()); });
    retranslate();
    setFunction(RaceFunction::Rosenbrock);
}

RaceView::~RaceView() = default;

void RaceView::retranslate() {
    for (int i = 0; i < m_functions->count(); ++i)
        m_functions->setItemText(
            i, surfaceName(raceSurface(RaceFunction(m_functions->itemData(i).toInt()))));
    m_functions->setToolTip(tr("The test function the optimizers race on"));
    m_learningRate->setToolTip(tr("One learning rate for every racer: SGD's steps scale with "
                                  "the gradient, the adaptive optimizers' steps stay near it"));
    //: The suffix of the race's speed box, after the number of steps.
    m_speed->setSuffix(tr(" steps/frame"));
    m_speed->setToolTip(tr("Optimizer steps per animation frame (30 frames a second)"));
    //: Screen readers' name of the race's speed box.
    m_speed->setAccessibleName(tr("Steps per frame"));
    m_canvas->setAccessibleName(tr("Optimizer race"));
    if (isPlaying())
        //: A button: pause the race (while it is paused, the button reads Race).
        m_play->setText(tr("Pause"));
    else
        //: A button: start the race (while it runs, the button reads Pause).
        m_play->setText(tr("Race"));
    //: A button: start the race again from its start point.
    m_restartButton->setText(tr("Restart"));
    //: A button: take one optimizer step (a verb).
    m_stepButton->setText(tr("Step"));
    m_stepButton->setToolTip(tr("One optimizer step for every racer"));
    m_functionLabel->setText(tr("Function"));
    //: The label of the race's learning-rate box: the Greek letter eta.
    m_rateLabel->setText(tr("η"));
    m_canvas->setToolTip(tr("Click to start the race from another point"));
}

void RaceView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        if (m_race) {
            drawField(); // the axes' and the marker's names
            drawPaths(); // the racers' labels and the status line
        }
    }
    QWidget::changeEvent(event);
}

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
    //: A button: pause the race (while it is paused, the button reads Race).
    m_play->setText(tr("Pause"));
}

void RaceView::pause() {
    m_timer->stop();
    m_play->setChecked(false);
    //: A button: start the race (while it runs, the button reads Pause).
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
        QString label = translated(r.label);
        path.name = label;
        //: A racer that diverged: its optimizer's name, then that it ran away.
        path.label = r.diverged ? tr("%1: ran away").arg(label)
                                : tr("%1: f = %2").arg(label).arg(r.path.back().value, 0, 'g', 4);
        paths.push_back(std::move(path));
    }
    m_canvas->setPaths(std::move(paths));
    const RaceSurface& s = raceSurface(m_function);
    const QString status =
        m_function == RaceFunction::Saddle
            //: The race's status line: %1 the function's name, %2 its formula, %3 the steps
            //: taken, (%4, %5) the start point.
            ? tr("<b>%1</b>: f(x, y) = %2 · step %3 · start (%4, %5) · the star marks the "
                 "saddle point. Each racer runs the same optimizer code as training, on w = (x, "
                 "y).")
            //: The race's status line: %1 the function's name, %2 its formula, %3 the steps
            //: taken, (%4, %5) the start point.
            : tr("<b>%1</b>: f(x, y) = %2 · step %3 · start (%4, %5) · the star marks the "
                 "minimum. Each racer runs the same optimizer code as training, on w = (x, y).");
    m_status->setText(status.arg(surfaceName(s), QString::fromUtf8(s.formula))
                          .arg(m_race->steps())
                          .arg(m_startX, 0, 'g', 3)
                          .arg(m_startY, 0, 'g', 3));
}

} // namespace gs::ui
