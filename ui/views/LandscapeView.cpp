#include "LandscapeView.h"

#include "BoundedSpinBox.h"
#include "ContourCanvas.h"
#include "FlowLayout.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace gs::ui {

namespace {
constexpr std::size_t kMaxPath = 5000;
}

LandscapeView::LandscapeView(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* controls = new FlowLayout; // wraps in a narrow dock
    m_directions = new QComboBox;
    m_directions->addItem(QString());
    m_directions->addItem(QString());
    m_resolution = new BoundedSpinBox;
    m_resolution->setRange(5, 81);
    m_resolution->setSingleStep(2);
    m_resolution->setValue(31);
    m_resolution->setSuffix(QStringLiteral("²"));
    m_span = new BoundedDoubleSpinBox;
    m_span->setRange(0.05, 10);
    m_span->setSingleStep(0.25);
    m_span->setValue(1);
    m_span->setPrefix(QStringLiteral("± "));
    m_compute = new QPushButton;
    QWidget* grid = labelled(QString(), m_resolution);
    QWidget* span = labelled(QString(), m_span);
    m_gridLabel = grid->findChild<QLabel*>();
    m_spanLabel = span->findChild<QLabel*>();
    controls->addWidget(m_directions);
    controls->addWidget(grid);
    controls->addWidget(span);
    controls->addWidget(m_compute);
    layout->addLayout(controls);
    m_canvas = new ContourCanvas;
    layout->addWidget(m_canvas, 1);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    connect(m_compute, &QPushButton::clicked, this, &LandscapeView::requestCompute);
    connect(m_directions, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_span->setEnabled(index == 0); });
    retranslate();
}

void LandscapeView::retranslate() {
    m_directions->setItemText(0, tr("Random directions"));
    m_directions->setItemText(1, tr("Principal directions of the path"));
    m_directions->setItemData(
        0,
        tr("Two random Gaussian directions, each neuron's (filter's) part scaled to the norm of "
           "its weights (Li et al., 2018); biases are left out"),
        Qt::ToolTipRole);
    m_directions->setItemData(1,
                              tr("The two directions along which the weights have moved most "
                                 "since the start (PCA of the path); needs a few steps first"),
                              Qt::ToolTipRole);
    m_resolution->setToolTip(tr("Grid points per side: each one is a forward pass"));
    m_span->setToolTip(tr("How far along each random direction (1 = as far as the weights' own "
                          "norm, neuron by neuron)"));
    //: Screen readers' name of the box choosing the landscape's two directions.
    m_directions->setAccessibleName(tr("Directions"));
    m_canvas->setAccessibleName(tr("Loss landscape"));
    m_compute->setText(tr("Compute"));
    m_compute->setToolTip(tr("Measure the loss around the current weights (pauses training)"));
    //: The number of grid points per side of the loss landscape.
    m_gridLabel->setText(tr("Grid"));
    //: How far the loss landscape reaches along each direction.
    m_spanLabel->setText(tr("Span"));
    m_canvas->setEmptyText(
        tr("The loss around the current weights, on a plane through weight space.\n\nPress "
           "Compute, then train: the path shows where the optimizer takes the weights."));
}

void LandscapeView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        // The axis titles, the star's label, the path's and the line under the plot, from the
        // landscape and the path already shown.
        if (m_landscape) {
            showField();
            drawPath();
        }
        showStatus();
    }
    QWidget::changeEvent(event);
}

void LandscapeView::setPrincipal(bool principal) {
    m_directions->setCurrentIndex(principal ? 1 : 0);
}

bool LandscapeView::principal() const {
    return m_directions->currentIndex() == 1;
}

void LandscapeView::requestCompute() {
    m_measuring = m_resolution->value();
    showStatus();
    emit computeRequested(m_directions->currentIndex() == 1, m_resolution->value(),
                          m_span->value());
}

void LandscapeView::clear() {
    m_landscape.reset();
    m_measuring = 0;
    m_path.clear();
    m_canvas->clearField();
    m_canvas->setPaths({});
    m_canvas->setMarker({}, {});
    m_status->clear();
}

void LandscapeView::setLandscape(LandscapePtr landscape) {
    m_landscape = std::move(landscape);
    if (!m_landscape) {
        clear();
        return;
    }
    // The directions box says what is shown (a principal landscape may come from elsewhere:
    // a command-line screenshot, an opened session).
    setPrincipal(m_landscape->principal);
    m_measuring = 0;
    showField();
    m_path = m_landscape->path;
    showStatus();
    drawPath();
}

// The field with its axis titles and the star (m_landscape is set).
void LandscapeView::showField() {
    const LandscapeGrid& g = m_landscape->grid;
    m_canvas->setField(
        g.resolution, g.resolution, g.loss,
        QRectF(g.alphaMin, g.betaMin, g.alphaMax - g.alphaMin, g.betaMax - g.betaMin),
        m_landscape->principal ? tr("α (1st principal direction)") : tr("α (direction 1)"),
        m_landscape->principal ? tr("β (2nd principal direction)") : tr("β (direction 2)"));
    m_canvas->setMarker(QPointF(0, 0), tr("weights at step %1").arg(m_landscape->step));
}

// The line under the plot: what is being measured, or what the landscape shown is.
void LandscapeView::showStatus() {
    if (m_measuring > 0) {
        m_status->setText(tr("Measuring the loss on %1 × %1 points…").arg(m_measuring));
        return;
    }
    if (!m_landscape) {
        m_status->clear();
        return;
    }
    const QString text =
        m_landscape->principal
            ? tr("Loss on %1 training samples around the weights of step %2 (the star), on the "
                 "plane of the path's two main directions (%3% of its movement). Loss there: %4. "
                 "The line is the optimizer's path projected onto this plane; off the plane the "
                 "loss differs, so the path may cross contours it does not climb.")
                  .arg(m_landscape->samples)
                  .arg(m_landscape->step)
                  .arg(100 * m_landscape->explained, 0, 'f', 1)
                  .arg(m_landscape->centerLoss, 0, 'g', 4)
            : tr("Loss on %1 training samples around the weights of step %2 (the star), on two "
                 "random filter-normalised directions. Loss there: %3. The line is the "
                 "optimizer's path projected onto this plane; off the plane the loss differs, so "
                 "the path may cross contours it does not climb.")
                  .arg(m_landscape->samples)
                  .arg(m_landscape->step)
                  .arg(m_landscape->centerLoss, 0, 'g', 4);
    m_status->setText(text);
}

void LandscapeView::showSnapshot(const SnapshotPtr& s) {
    if (!m_landscape || !s->onLandscape || s->landscapeId != m_landscape->id) return;
    if (!m_path.empty() && m_path.back() == s->landscapePoint) return;
    if (m_path.size() >= kMaxPath) m_path.erase(m_path.begin() + 1); // keep the start
    m_path.push_back(s->landscapePoint);
    drawPath();
}

void LandscapeView::drawPath() {
    ContourCanvas::Path path;
    path.label = tr("optimizer's path");
    path.color = QColor(0xd6, 0x27, 0x28);
    for (const auto& p : m_path)
        path.points.emplace_back(p[0], p[1]);
    m_canvas->setPaths({path});
}

} // namespace gs::ui
