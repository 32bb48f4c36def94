#include "LandscapeView.h"

#include "BoundedSpinBox.h"
#include "ContourCanvas.h"
#include "FlowLayout.h"

#include <QComboBox>
#include <QDoubleSpinBox>
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
    m_directions->addItem(tr("Random directions"));
    m_directions->addItem(tr("Principal directions of the path"));
    m_directions->setItemData(
        0,
        tr("Two random Gaussian directions, each neuron's (filter's) part scaled to the norm of "
           "its weights (Li et al., 2018); biases are left out"),
        Qt::ToolTipRole);
    m_directions->setItemData(1,
                              tr("The two directions along which the weights have moved most "
                                 "since the start (PCA of the path); needs a few steps first"),
                              Qt::ToolTipRole);
    m_resolution = new BoundedSpinBox;
    m_resolution->setRange(5, 81);
    m_resolution->setSingleStep(2);
    m_resolution->setValue(31);
    m_resolution->setSuffix(tr("²"));
    m_resolution->setToolTip(tr("Grid points per side: each one is a forward pass"));
    m_span = new BoundedDoubleSpinBox;
    m_span->setRange(0.05, 10);
    m_span->setSingleStep(0.25);
    m_span->setValue(1);
    m_span->setPrefix(tr("± "));
    m_span->setToolTip(tr("How far along each random direction (1 = as far as the weights' own "
                          "norm, neuron by neuron)"));
    m_compute = new QPushButton(tr("Compute"));
    m_compute->setToolTip(tr("Measure the loss around the current weights (pauses training)"));
    controls->addWidget(m_directions);
    controls->addWidget(labelled(tr("Grid"), m_resolution));
    controls->addWidget(labelled(tr("Span"), m_span));
    controls->addWidget(m_compute);
    layout->addLayout(controls);
    m_canvas = new ContourCanvas;
    m_canvas->setEmptyText(
        tr("The loss around the current weights, on a plane through weight space.\n\nPress "
           "Compute, then train: the path shows where the optimizer takes the weights."));
    layout->addWidget(m_canvas, 1);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    connect(m_compute, &QPushButton::clicked, this, &LandscapeView::requestCompute);
    connect(m_directions, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_span->setEnabled(index == 0); });
}

void LandscapeView::setPrincipal(bool principal) {
    m_directions->setCurrentIndex(principal ? 1 : 0);
}

bool LandscapeView::principal() const {
    return m_directions->currentIndex() == 1;
}

void LandscapeView::requestCompute() {
    m_status->setText(tr("Measuring the loss on %1 × %1 points…").arg(m_resolution->value()));
    emit computeRequested(m_directions->currentIndex() == 1, m_resolution->value(),
                          m_span->value());
}

void LandscapeView::clear() {
    m_landscape.reset();
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
    const LandscapeGrid& g = m_landscape->grid;
    m_canvas->setField(
        g.resolution, g.resolution, g.loss,
        QRectF(g.alphaMin, g.betaMin, g.alphaMax - g.alphaMin, g.betaMax - g.betaMin),
        m_landscape->principal ? tr("α (1st principal direction)") : tr("α (direction 1)"),
        m_landscape->principal ? tr("β (2nd principal direction)") : tr("β (direction 2)"));
    m_canvas->setMarker(QPointF(0, 0), tr("weights at step %1").arg(m_landscape->step));
    m_path = m_landscape->path;
    QString what = m_landscape->principal
                       ? tr("the plane of the path's two main directions (%1% of its movement)")
                             .arg(100 * m_landscape->explained, 0, 'f', 1)
                       : tr("two random filter-normalised directions");
    m_status->setText(tr("Loss on %1 training samples around the weights of step %2 (the star), "
                         "on %3. Loss there: %4. The line is the optimizer's path projected onto "
                         "this plane; off the plane the loss differs, so the path may cross "
                         "contours it does not climb.")
                          .arg(m_landscape->samples)
                          .arg(m_landscape->step)
                          .arg(what)
                          .arg(m_landscape->centerLoss, 0, 'g', 4));
    drawPath();
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
