#include "DrawView.h"

#include "KeyboardCursor.h"
#include "Language.h"
#include "Palette.h"

#include <QCheckBox>
#include <QEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QSignalBlocker>

#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {
constexpr double kGap = 8;
constexpr double kTop = 34; // the hint's line and the Clear button

// `ink` (side × side) scaled so that its larger side spans 20/28 of the image and moved so
// that its centre of mass is the middle, as LeCun et al. framed MNIST's digits; each output
// pixel is the mean of 4 × 4 bilinear samples, so that shrinking does not skip strokes.
std::vector<float> centredLikeMnist(const std::vector<float>& ink, int side) {
    int left = side, top = side, right = -1, bottom = -1;
    double mass = 0, mx = 0, my = 0;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const double v = ink[std::size_t(y * side + x)];
            if (v <= 0.01) continue;
            left = std::min(left, x);
            right = std::max(right, x);
            top = std::min(top, y);
            bottom = std::max(bottom, y);
            mass += v;
            mx += v * (x + 0.5);
            my += v * (y + 0.5);
        }
    if (right < 0) return ink;
    const double scale = side * 20.0 / 28 / std::max(right - left + 1, bottom - top + 1);
    const double offsetX = side / 2.0 - mx / mass * scale, offsetY = side / 2.0 - my / mass * scale;
    const auto at = [&](double x, double y) { // bilinear, paper outside
        const int x0 = int(std::floor(x - 0.5)), y0 = int(std::floor(y - 0.5));
        const double fx = x - 0.5 - x0, fy = y - 0.5 - y0;
        const auto pixel = [&](int px, int py) {
            return px < 0 || py < 0 || px >= side || py >= side
                       ? 0.0
                       : double(ink[std::size_t(py * side + px)]);
        };
        return (1 - fy) * ((1 - fx) * pixel(x0, y0) + fx * pixel(x0 + 1, y0)) +
               fy * ((1 - fx) * pixel(x0, y0 + 1) + fx * pixel(x0 + 1, y0 + 1));
    };
    std::vector<float> out(ink.size());
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            double sum = 0;
            for (int sy = 0; sy < 4; ++sy)
                for (int sx = 0; sx < 4; ++sx)
                    sum += at((x + (sx + 0.5) / 4 - offsetX) / scale,
                              (y + (sy + 0.5) / 4 - offsetY) / scale);
            out[std::size_t(y * side + x)] = float(std::min(1.0, sum / 16));
        }
    return out;
}
} // namespace

DrawView::DrawView(QWidget* parent)
    : QWidget(parent)
    , m_clear(new QPushButton(this))
    , m_centre(new QCheckBox(this)) {
    m_clear->setObjectName(QStringLiteral("clearDrawing"));
    connect(m_clear, &QPushButton::clicked, this, &DrawView::clear);
    m_centre->setObjectName(QStringLiteral("centreDrawing"));
    m_centre->setChecked(true);
    connect(m_centre, &QCheckBox::toggled, this, [this] {
        update();
        if (hasInk()) changed();
    });
    takeKeyboardFocus(this);
    setMinimumSize(360, 200);
    m_clear->hide(); // until there is image data
    m_centre->hide();
    retranslate();
}

void DrawView::retranslate() {
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("A blank canvas"));
    m_clear->adjustSize();
    m_centre->setText(tr("Centre like MNIST"));
    m_centre->setToolTip(tr("Give the network the drawing scaled to 20 × 20 pixels and centred "
                            "on its centre of mass, as MNIST's digits were made"));
    m_centre->adjustSize();
    placeButtons();
    update();
}

void DrawView::placeButtons() {
    m_clear->move(width() - m_clear->width() - int(kGap), 4);
    m_centre->move(m_clear->x() - m_centre->width() - int(kGap),
                   4 + (m_clear->height() - m_centre->height()) / 2);
}

void DrawView::resizeEvent(QResizeEvent* event) {
    placeButtons();
    QWidget::resizeEvent(event);
}

void DrawView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void DrawView::showSnapshot(const SnapshotPtr& snapshot) {
    const int side = snapshot ? snapshot->imageSide : 0;
    if (side != m_side) {
        m_side = side;
        m_ink.assign(std::size_t(side) * std::size_t(side), 0.0f);
        m_explanation.reset();
        m_chosen = -1;
    }
    if (snapshot && side > 0) m_classNames = snapshot->classNames;
    m_clear->setVisible(m_side > 0);
    m_centre->setVisible(m_side > 0);
    update();
}

void DrawView::setExplanation(DrawingPtr explanation) {
    m_explanation = std::move(explanation);
    m_shownInput = networkInput(); // (the window asks again if the picture changed since)
    update();
}

void DrawView::setPicture(const std::vector<float>& ink) {
    if (m_side <= 0 || ink.size() != m_ink.size()) return;
    m_ink = ink;
    m_explanation.reset();
    m_chosen = -1;
    const QSignalBlocker block(m_centre);
    m_centre->setChecked(false);
    update();
    changed();
}

bool DrawView::centring() const {
    return m_centre->isChecked();
}

void DrawView::setCentring(bool on) {
    m_centre->setChecked(on);
}

std::vector<float> DrawView::networkInput() const {
    return centring() ? centredLikeMnist(m_ink, m_side) : m_ink;
}

void DrawView::changed() {
    emit drawingChanged(networkInput(), m_chosen);
}

bool DrawView::hasInk() const {
    return std::any_of(m_ink.begin(), m_ink.end(), [](float v) { return v > 0; });
}

void DrawView::clear() {
    std::fill(m_ink.begin(), m_ink.end(), 0.0f);
    m_explanation.reset();
    m_chosen = -1; // a new drawing: its predicted class explained
    update();
    if (m_side > 0) changed();
}

// Two squares side by side (the drawing, the saliency map), then the bars, as large as the
// height and a third of the width each allow.
QRectF DrawView::canvasRect() const {
    const double captions = 3.4 * fontMetrics().height(); // up to three lines under them
    const double square =
        std::max(40.0, std::min(height() - kTop - captions - kGap, (width() - 4 * kGap) / 3.0));
    return QRectF(kGap, kTop, square, square);
}

QRectF DrawView::saliencyRect() const {
    return canvasRect().translated(canvasRect().width() + kGap, 0);
}

QRectF DrawView::barRect(int k) const {
    const QRectF s = saliencyRect();
    const int classes = std::max<int>(1, int(m_classNames.size()));
    const double row = s.height() / classes;
    return QRectF(s.right() + kGap, s.top() + k * row, width() - s.right() - 2 * kGap, row);
}

QString DrawView::className(int k) const {
    return k >= 0 && std::size_t(k) < m_classNames.size()
               ? engineText(m_classNames[std::size_t(k)]) // Fashion-MNIST's, in the language
               : QString::number(k);
}

void DrawView::newSession() {
    m_explanation.reset();
    m_chosen = -1;
    update();
}

void DrawView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_side > 0 && hasInk()) changed(); // the network may have changed while it was hidden
}

void DrawView::keyPressEvent(QKeyEvent* event) {
    const int classes = int(m_classNames.size());
    if (m_side <= 0 || classes == 0) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        clear();
        return;
    case Qt::Key_Up:
    case Qt::Key_Down: {
        // The class explained: from the one shown, one bar up or down.
        const int shown = m_explanation ? m_explanation->explained : std::max(m_chosen, 0);
        m_chosen = std::clamp(shown + (event->key() == Qt::Key_Up ? -1 : 1), 0, classes - 1);
        update();
        if (hasInk()) changed();
        return;
    }
    default:
        QWidget::keyPressEvent(event);
    }
}

void DrawView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const bool dark = isDark(palette());
    const CanvasColors colors = canvasColors(palette());
    p.fillRect(rect(), colors.background);
    p.setPen(colors.text);
    if (m_side <= 0) {
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Drawing a digit needs image data: choose the mnist-mlp, mnist-mlp-deep, "
                      "mnist-cnn or fashion-mlp preset."));
        paintKeyboardFocus(p, this, {});
        return;
    }
    p.drawText(QRectF(kGap, 4, m_centre->x() - 2 * kGap, kTop - 8),
               Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
               tr("Draw with the left button, erase with the right; click a class to explain it."));

    // The drawing, pixel by pixel as the network sees it.
    const QRectF canvas = canvasRect();
    std::vector<unsigned char> pixels(m_ink.size());
    for (std::size_t i = 0; i < m_ink.size(); ++i)
        pixels[i] = static_cast<unsigned char>(std::lround(std::clamp(m_ink[i], 0.0f, 1.0f) * 255));
    p.drawImage(canvas, inkImage(pixels, m_side, dark));
    p.setPen(QPen(colors.muted, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(canvas);

    // The saliency map, symmetric about 0 so that white means "no effect".
    const QRectF map = saliencyRect();
    const Drawing* e = m_explanation.get();
    const bool explained = e && e->saliency.size() == m_ink.size() && hasInk();
    if (explained) {
        double largest = 1e-12;
        for (const float v : e->saliency)
            largest = std::max(largest, double(std::abs(v)));
        QImage image(m_side, m_side, QImage::Format_RGB32);
        for (int y = 0; y < m_side; ++y)
            for (int x = 0; x < m_side; ++x)
                image.setPixel(
                    x, y, divergingRgb(e->saliency[std::size_t(y * m_side + x)] / largest, dark));
        p.drawImage(map, image);
        // What the network was given, as shadow over the map.
        QImage shade(m_side, m_side, QImage::Format_ARGB32);
        for (int y = 0; y < m_side; ++y)
            for (int x = 0; x < m_side; ++x) {
                const float v = std::size_t(y * m_side + x) < m_shownInput.size()
                                    ? m_shownInput[std::size_t(y * m_side + x)]
                                    : 0.0f;
                shade.setPixel(x, y,
                               qRgba(0, 0, 0, int(std::lround(110 * std::clamp(v, 0.0f, 1.0f)))));
            }
        p.drawImage(map, shade);
    }
    p.setPen(QPen(colors.muted, 1));
    p.drawRect(map);
    p.setPen(colors.text);
    const double captionTop = canvas.bottom() + 4;
    const QRectF under(canvas.left(), captionTop, canvas.width(), height() - captionTop);
    p.drawText(under, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, tr("Your drawing"));
    p.drawText(QRectF(map.left(), captionTop, map.width(), height() - captionTop),
               Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
               explained ? tr("What the network sees (grey); %2 raises %1's score, %3 lowers it")
                               .arg(className(e->explained), ScaleWords::positive(),
                                    ScaleWords::negative())
                         : tr("Draw to see which pixels move the score"));

    // The softmax, one bar per class; the explained class framed.
    const QFontMetricsF fm(font());
    double nameWidth = 0;
    for (int k = 0; k < int(m_classNames.size()); ++k)
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(className(k)));
    nameWidth = std::min(nameWidth, barRect(0).width() / 3);
    const double percentWidth = fm.horizontalAdvance(QStringLiteral("100 %"));
    for (int k = 0; k < int(m_classNames.size()); ++k) {
        const QRectF row = barRect(k);
        double probability = e && std::size_t(k) < e->probabilities.size() && hasInk()
                                 ? e->probabilities[std::size_t(k)]
                                 : 0;
        if (!std::isfinite(probability)) probability = 0; // a diverged network: no bar
        const QRectF name(row.left(), row.top(), nameWidth, row.height());
        const QRectF track(name.right() + 6, row.top() + row.height() * 0.15,
                           row.width() - nameWidth - percentWidth - 12, row.height() * 0.7);
        QFont f = font();
        f.setBold(e && e->explained == k && hasInk());
        p.setFont(f);
        p.setPen(colors.text);
        p.drawText(name, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(className(k), Qt::ElideRight, nameWidth));
        p.fillRect(track, colors.empty);
        const bool predicted = e && e->predicted == k && hasInk();
        p.fillRect(QRectF(track.left(), track.top(), track.width() * probability, track.height()),
                   predicted ? positiveColor() : colors.muted);
        if (f.bold()) {
            p.setPen(QPen(colors.text, 1.5));
            p.setBrush(Qt::NoBrush);
            p.drawRect(track.adjusted(-1, -1, 1, 1));
        }
        p.setFont(font());
        p.setPen(colors.text);
        p.drawText(QRectF(track.right() + 6, row.top(), percentWidth, row.height()),
                   Qt::AlignRight | Qt::AlignVCenter,
                   QStringLiteral("%1 %").arg(std::lround(probability * 100)));
    }
    paintKeyboardFocus(p, this, canvas);
}

void DrawView::paintDot(const QPointF& cell, bool erase) {
    // Cells whose centre is within 1.5 of the point: full ink within half a cell, fading to
    // none at 1.5, a stroke about as wide as MNIST's pen.
    const int x0 = int(std::floor(cell.x() - 2)), y0 = int(std::floor(cell.y() - 2));
    for (int y = std::max(0, y0); y <= std::min(m_side - 1, y0 + 4); ++y)
        for (int x = std::max(0, x0); x <= std::min(m_side - 1, x0 + 4); ++x) {
            const double d = std::hypot(x + 0.5 - cell.x(), y + 0.5 - cell.y());
            float& v = m_ink[std::size_t(y * m_side + x)];
            if (erase)
                v = d < 1.5 ? 0.0f : v;
            else
                v = std::max(v, float(std::clamp(1.5 - d, 0.0, 1.0)));
        }
}

void DrawView::paintAt(const QPointF& at, bool erase) {
    const QRectF canvas = canvasRect();
    const QPointF cell((at.x() - canvas.left()) / canvas.width() * m_side,
                       (at.y() - canvas.top()) / canvas.height() * m_side);
    const QPointF from = m_last.value_or(cell);
    const double length = std::hypot(cell.x() - from.x(), cell.y() - from.y());
    const int steps = std::max(1, int(std::ceil(length / 0.25)));
    for (int i = 1; i <= steps; ++i)
        paintDot(from + (cell - from) * (double(i) / steps), erase);
    m_last = cell;
    update();
    changed();
}

void DrawView::mousePressEvent(QMouseEvent* event) {
    if (m_side <= 0) return;
    const QPointF at = event->position();
    if (canvasRect().adjusted(-6, -6, 6, 6).contains(at)) {
        m_last.reset();
        paintAt(at, event->button() == Qt::RightButton);
        return;
    }
    for (int k = 0; k < int(m_classNames.size()); ++k)
        if (barRect(k).contains(at)) {
            m_chosen = k;
            update();
            if (hasInk()) changed();
            return;
        }
    QWidget::mousePressEvent(event);
}

void DrawView::mouseMoveEvent(QMouseEvent* event) {
    if (m_side <= 0 || !(event->buttons() & (Qt::LeftButton | Qt::RightButton))) return;
    paintAt(event->position(), !(event->buttons() & Qt::LeftButton));
}

void DrawView::mouseReleaseEvent(QMouseEvent* event) {
    m_last.reset();
    QWidget::mouseReleaseEvent(event);
}

} // namespace gs::ui
