#include "OutputView.h"
#include "KeyboardCursor.h"

#include "Language.h"
#include "Palette.h"

#include <QFontMetricsF>
#include <QImage>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace gs::ui {

OutputView::OutputView(QWidget* parent)
    : QWidget(parent) {
    setMinimumSize(200, 220);
    setMouseTracking(true);
    takeKeyboardFocus(this);
}

void OutputView::changeEvent(QEvent* event) {
    // Every text is made as it is painted: a repaint shows the new language.
    if (event->type() == QEvent::LanguageChange) QToolTip::hideText();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange ||
        event->type() == QEvent::LanguageChange)
        update();
    QWidget::changeEvent(event);
}

void OutputView::setSnapshot(SnapshotPtr snapshot) {
    m_snapshot = std::move(snapshot);
    update();
}

void OutputView::setDrawing(bool on) {
    m_drawing = on;
    m_stroke = Stroke::None;
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    update();
}

void OutputView::setDrawClass(int k) {
    m_drawClass = std::clamp(k, 0, kMaxToyClasses - 1);
    update();
}

void OutputView::setDrawnPoints(std::vector<DrawnPoint> points) {
    m_drawn = std::move(points);
    update();
}

QPointF OutputView::planeAt(const QPointF& pos) const {
    const QRectF plot = planeRect();
    return {(pos.x() - plot.left()) / plot.width() * 12 - 6,
            6 - (pos.y() - plot.top()) / plot.height() * 12};
}

QPointF OutputView::positionOf(double x1, double x2) const {
    const QRectF plot = planeRect();
    return {plot.left() + (x1 + 6) / 12 * plot.width(), plot.top() + (6 - x2) / 12 * plot.height()};
}

bool OutputView::addPoint(const QPointF& pos) {
    const QPointF at = planeAt(pos);
    if (std::abs(at.x()) > 6 || std::abs(at.y()) > 6 || Index(m_drawn.size()) >= kMaxDrawnPoints)
        return false;
    m_drawn.push_back({float(at.x()), float(at.y()), m_drawClass});
    m_lastAdded = pos;
    update();
    return true;
}

bool OutputView::erasePoints(const QPointF& pos) {
    const auto before = m_drawn.size();
    std::erase_if(m_drawn, [&](const DrawnPoint& p) {
        const QPointF d = positionOf(p.x1, p.x2) - pos;
        return d.x() * d.x() + d.y() * d.y() <= kEraseRadius * kEraseRadius;
    });
    update();
    return m_drawn.size() != before;
}

void OutputView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_stroke == Stroke::None) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_stroke = Stroke::None;
    if (std::exchange(m_strokeChanged, false)) emit pointsEdited();
}

void OutputView::paintDrawnPoints(QPainter& p, bool dark) {
    const QRectF plot = planeRect();
    for (const DrawnPoint& pt : m_drawn) {
        const QPointF at = positionOf(pt.x1, pt.x2);
        if (!plot.adjusted(-1, -1, 1, 1).contains(at)) continue;
        p.setPen(QPen(dark ? canvasColors(dark).text : Qt::white, 1));
        p.setBrush(classColor(pt.label));
        drawMarker(p, at, markerOfClass(pt.label));
    }
}

void OutputView::setShowTest(bool show) {
    m_showTest = show;
    update();
}

void OutputView::setDiscretize(bool on) {
    m_discretize = on;
    update();
}

void OutputView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const bool dark = isDark(palette());
    const CanvasColors colors = canvasColors(palette());
    p.fillRect(rect(), colors.background);
    p.setPen(colors.text);
    if (m_snapshot && m_snapshot->imageSide > 0) {
        paintClassification(p);
        paintKeyboardFocus(p, this, keyboardRect());
        return;
    }
    const QString caption = m_captionShown ? planeCaption() : QString();
    const QRectF plot = planeRect();
    const double below = height() - plot.bottom() - 2;
    if (m_drawing && (!m_snapshot || m_snapshot->grid == 0 || m_drawn.empty())) {
        // Nothing to train on yet: the empty plane to draw on.
        p.setPen(QPen(colors.muted, 1));
        p.drawRect(plot);
        paintDrawnPoints(p, dark);
        p.setPen(colors.text);
        p.drawText(QRectF(0, plot.bottom() + 2, width(), below),
                   Qt::AlignHCenter | Qt::TextWordWrap, caption);
        paintKeyboardFocus(p, this, keyboardRect());
        return;
    }
    if (!m_snapshot || m_snapshot->grid == 0) {
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("The decision surface is drawn for 2-D data sets."));
        paintKeyboardFocus(p, this, {});
        return;
    }
    const Snapshot& s = *m_snapshot;
    // Regression surfaces are scaled by the targets' range; classification maps are in [−1, 1].
    double scale = 1;
    if (s.regression) {
        scale = 1e-9;
        if (s.points)
            for (const PlanePoint& pt : *s.points)
                scale = std::max(scale, double(std::abs(pt.value)));
    }
    QImage image(s.grid, s.grid, QImage::Format_RGB32);
    const bool manyClasses = !s.outputClass.empty();
    for (int r = 0; r < s.grid; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int c = 0; c < s.grid; ++c) {
            const std::size_t cell = std::size_t(r * s.grid + c);
            double v = s.outputMap[cell] / scale;
            if (manyClasses) {
                if (!std::isfinite(v)) v = 0; // a diverged network: the background
                // The likeliest class's colour, from the background where all k are equally
                // likely (p = 1/k) to 3/4 of it where the network is sure (p = 1).
                const double chance = 1.0 / std::max(2, s.dataClasses);
                const double sure =
                    m_discretize ? 1 : std::clamp((v - chance) / (1 - chance), 0.0, 1.0);
                line[c] = blend(colors.neutral, classColor(s.outputClass[cell]), 0.75 * sure).rgb();
                continue;
            }
            if (m_discretize) v = v < 0 ? -1 : 1;
            line[c] = divergingRgb(v * 0.75, dark);
        }
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform, !m_discretize);
    p.drawImage(plot, image);
    p.setPen(QPen(colors.muted, 1));
    p.drawRect(plot);
    const auto toScreen = [&](float x1, float x2) {
        return QPointF(plot.left() + (x1 + 6) / 12 * plot.width(),
                       plot.top() + (6 - x2) / 12 * plot.height());
    };
    if (m_drawing) paintDrawnPoints(p, dark); // the set as drawn, before it is trained on
    if (s.points && !m_drawing)
        for (const PlanePoint& pt : *s.points) {
            if (pt.test && !m_showTest) continue;
            const double v = s.regression ? pt.value / scale : 0;
            const int label = s.regression ? 0 : int(std::lround(pt.value));
            const QColor fill = s.regression ? divergingColor(v, dark) : classColor(label);
            const QPointF at = toScreen(pt.x1, pt.x2);
            if (!plot.contains(at)) continue;
            if (pt.test) {
                p.setPen(QPen(dark ? fill.lighter(130) : fill.darker(130), 1.5));
                p.setBrush(colors.background);
            } else {
                p.setPen(QPen(dark ? colors.text : Qt::white, 1));
                p.setBrush(fill);
            }
            drawMarker(p, at, s.regression ? Marker::Disc : markerOfClass(label));
        }
    p.setPen(colors.text);
    p.drawText(QRectF(0, plot.bottom() + 2, width(), below), Qt::AlignHCenter | Qt::TextWordWrap,
               caption);
    if (manyClasses) paintClassLegend(p, plot.bottom() + 2 + captionHeight() + 2, dark);
    paintKeyboardFocus(p, this, keyboardRect());
}

// Where each class's entry of the legend goes, (x, line), in centred lines that wrap at the
// view's width; `lines` is how many.
std::vector<std::pair<double, int>> OutputView::legendPlaces(int* lines) const {
    const QFontMetricsF fm(font());
    const int k = m_snapshot ? m_snapshot->dataClasses : 0;
    const double gap = fm.horizontalAdvance(QStringLiteral("  ")), available = width() - 8.0;
    std::vector<std::pair<double, int>> places;
    std::vector<double> lineWidths{0};
    for (int c = 0; c < k; ++c) {
        const double entry = kLegendMarker + fm.horizontalAdvance(className(c));
        double& line = lineWidths.back();
        if (line > 0 && line + gap + entry > available) lineWidths.push_back(0);
        double& current = lineWidths.back();
        places.emplace_back(current > 0 ? current + gap : 0, int(lineWidths.size()) - 1);
        current = places.back().first + entry;
    }
    for (auto& [x, line] : places) // centre each line
        x += std::max(4.0, (width() - lineWidths[std::size_t(line)]) / 2);
    if (lines) *lines = k > 0 ? int(lineWidths.size()) : 0;
    return places;
}

// One marker and name per class, under the caption.
void OutputView::paintClassLegend(QPainter& p, double top, bool dark) {
    const QFontMetricsF fm(font());
    const double lineHeight = fm.height() + 2;
    const std::vector<std::pair<double, int>> places = legendPlaces(nullptr);
    for (int c = 0; c < int(places.size()); ++c) {
        const auto [x, line] = places[std::size_t(c)];
        const double y = top + line * lineHeight;
        p.setPen(QPen(dark ? canvasColors(dark).text : Qt::white, 1));
        p.setBrush(classColor(c));
        drawMarker(p, QPointF(x + kLegendMarker / 2 - 1, y + fm.height() / 2), markerOfClass(c));
        p.setPen(canvasColors(palette()).text);
        p.drawText(QPointF(x + kLegendMarker, y + fm.ascent()), className(c));
    }
}

QString OutputView::className(int k) const {
    //: A class of 2-D points in the output view's legend, e.g. "class 2".
    return tr("class %1").arg(k);
}

void OutputView::setCaptionShown(bool on) {
    m_captionShown = on;
    update();
}

double OutputView::captionHeight() const {
    if (!m_captionShown) return 0;
    return QFontMetricsF(font())
        .boundingRect(QRectF(0, 0, width(), 1000), Qt::AlignHCenter | Qt::TextWordWrap,
                      planeCaption())
        .height();
}

QString OutputView::planeCaption() const {
    if (m_drawing)
        //: The output view's caption while points are drawn; %1: a class ("class 2").
        return tr("Drawing %1: click or drag to add, right button to erase; 1–5 choose the class")
            .arg(className(m_drawClass));
    if (m_snapshot && m_snapshot->regression) return tr("Output over x1, x2 ∈ [−6, 6]");
    if (m_snapshot && !m_snapshot->outputClass.empty())
        //: The output view's caption for data of three or more classes; the classes' colours
        //: and shapes follow in a row under it.
        return tr("Decision surface: the likeliest class, paler where the network is less sure");
    //: %1 and %2: the colours of class 0 and class 1 ("orange", "blue").
    return tr("Decision surface: %1 ● class 0, %2 ■ class 1")
        .arg(ScaleWords::negative(), ScaleWords::positive());
}

// The plot's square, with room under it for the caption in two lines of the UI's font (it
// wraps when narrow), and for the classes' legend where there are more than two.
QRectF OutputView::planeRect() const {
    int legendLines = 0;
    if (m_snapshot && !m_snapshot->outputClass.empty()) legendPlaces(&legendLines);
    const double below = captionHeight() + 6 + legendLines * (QFontMetricsF(font()).height() + 2);
    const double side = std::max(50.0, std::min(double(width()), height() - below - 4) - 8);
    return QRectF((width() - side) / 2, 4, side, side);
}

// The keyboard's cursor (KeyboardCursor.h): a test image of the grid, or a point of the plane,
// x1 and x2 in [−6, 6], in the grid's cells.
QRectF OutputView::keyboardRect() const {
    if (!m_snapshot || m_keyItem < 0) return {};
    if (m_snapshot->imageSide > 0) {
        const std::vector<DigitTile> tiles = digitTiles();
        return std::size_t(m_keyItem) < tiles.size() ? tiles[std::size_t(m_keyItem)].picture.united(
                                                           tiles[std::size_t(m_keyItem)].caption)
                                                     : QRectF();
    }
    const int grid = m_snapshot->grid;
    if (grid <= 0 || m_keyItem >= grid * grid) return {};
    const QRectF plot = planeRect();
    const int column = m_keyItem % grid, row = m_keyItem / grid;
    const QPointF centre(plot.left() + (column + 0.5) * plot.width() / grid,
                         plot.top() + (row + 0.5) * plot.height() / grid);
    return QRectF(centre - QPointF(5, 5), QSizeF(10, 10));
}

QString OutputView::describeKeyboardItem() const {
    if (!m_snapshot || m_keyItem < 0) return {};
    const Snapshot& s = *m_snapshot;
    if (s.imageSide > 0) return describeAt(keyboardRect().center());
    const int grid = s.grid;
    if (grid <= 0 || std::size_t(m_keyItem) >= s.outputMap.size()) return {};
    const int column = m_keyItem % grid, row = m_keyItem / grid;
    const double x1 = -6 + (column + 0.5) * 12.0 / grid, x2 = 6 - (row + 0.5) * 12.0 / grid;
    const double v = s.outputMap[std::size_t(m_keyItem)];
    const QString at = QStringLiteral("(%1, %2)").arg(x1, 0, 'f', 2).arg(x2, 0, 'f', 2);
    if (s.regression)
        //: The output view's point under the keyboard's cursor: (x1, x2) and the network's output.
        return tr("At %1 the network outputs %2").arg(at).arg(v, 0, 'g', 4);
    if (!s.outputClass.empty())
        return tr("At %1 the network says class %2 (%3 % sure)")
            .arg(at)
            .arg(s.outputClass[std::size_t(m_keyItem)])
            .arg(100 * v, 0, 'f', 1);
    // The map holds 2·P(class 1) − 1.
    const double p1 = (v + 1) / 2;
    //: The output view's point under the keyboard's cursor: (x1, x2), the class the network
    //: gives it and how sure it is, in per cent.
    return tr("At %1 the network says class %2 (%3 % sure)")
        .arg(at)
        .arg(p1 >= 0.5 ? 1 : 0)
        .arg(100 * std::max(p1, 1 - p1), 0, 'f', 1);
}

void OutputView::moveKeyboardItem(int item) {
    m_keyItem = item;
    announceItem(this, keyboardRect(), describeKeyboardItem());
    update();
}

void OutputView::keyPressEvent(QKeyEvent* event) {
    if (m_drawing) {
        const int key = event->key();
        if (key >= Qt::Key_1 && key < Qt::Key_1 + kMaxToyClasses) {
            setDrawClass(key - Qt::Key_1);
            emit drawClassChosen(m_drawClass);
            return;
        }
        const QRectF at = keyboardRect();
        const bool add = key == Qt::Key_Return || key == Qt::Key_Enter,
                   erase = key == Qt::Key_Delete || key == Qt::Key_Backspace;
        if ((add || erase) && at.isValid()) {
            if (add ? addPoint(at.center()) : erasePoints(at.center())) emit pointsEdited();
            return;
        }
    }
    if (!m_snapshot) {
        QWidget::keyPressEvent(event);
        return;
    }
    if (m_snapshot->imageSide > 0) {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && m_keyItem >= 0 &&
            m_keyItem < int(digitTiles().size())) {
            emit digitChosen(m_keyItem);
            return;
        }
        const int to = movedCursor(event->key(), m_keyItem, int(digitTiles().size()));
        if (to >= 0) {
            moveKeyboardItem(to);
            return;
        }
    } else if (const int grid = m_snapshot->grid; grid > 0) {
        const int by = std::max(1, grid / 24);
        int column = m_keyItem < 0 ? grid / 2 : m_keyItem % grid;
        int row = m_keyItem < 0 ? grid / 2 : m_keyItem / grid;
        switch (event->key()) {
        case Qt::Key_Left:
            column -= by;
            break;
        case Qt::Key_Right:
            column += by;
            break;
        case Qt::Key_Up:
            row -= by;
            break;
        case Qt::Key_Down:
            row += by;
            break;
        default:
            QWidget::keyPressEvent(event);
            return;
        }
        moveKeyboardItem(std::clamp(row, 0, grid - 1) * grid + std::clamp(column, 0, grid - 1));
        return;
    }
    QWidget::keyPressEvent(event);
}

void OutputView::focusInEvent(QFocusEvent* event) {
    if (m_snapshot && (m_snapshot->imageSide > 0 || m_snapshot->grid > 0) &&
        focusedByKeyboard(event)) {
        const int grid = m_snapshot->grid;
        const int count = m_snapshot->imageSide > 0 ? int(digitTiles().size()) : grid * grid;
        const int middle = m_snapshot->imageSide > 0 ? 0 : (grid / 2) * grid + grid / 2;
        moveKeyboardItem(m_keyItem >= 0 && m_keyItem < count ? m_keyItem : middle);
    }
    QWidget::focusInEvent(event);
}

void OutputView::focusOutEvent(QFocusEvent* event) {
    QToolTip::hideText();
    update();
    QWidget::focusOutEvent(event);
}

OutputView::Marker OutputView::markerOfClass(int k) {
    return Marker(std::max(k, 0) % int(Marker::Count));
}

void OutputView::drawMarker(QPainter& p, const QPointF& at, Marker marker) {
    // Every shape covers what a disc of radius r does (πr²): a square of half-side r·√π/2, a
    // diamond of half-diagonal r·√(π/2), an equilateral triangle of side r·√(4π/√3).
    constexpr double kRadius = 3.4;
    switch (marker) {
    case Marker::Disc:
    case Marker::Count:
        p.drawEllipse(at, kRadius, kRadius);
        return;
    case Marker::Square: {
        const double half = kRadius * 0.886;
        p.drawRect(QRectF(at.x() - half, at.y() - half, 2 * half, 2 * half));
        return;
    }
    case Marker::Diamond: {
        const double d = kRadius * 1.2533;
        p.drawPolygon(QPolygonF(
            {at + QPointF(0, -d), at + QPointF(d, 0), at + QPointF(0, d), at + QPointF(-d, 0)}));
        return;
    }
    case Marker::Triangle:
    case Marker::TriangleDown: {
        // The centroid at `at`: the apex 2/3 of the height above it, the base 1/3 below.
        const double side = kRadius * 2.6935, height = side * 0.8660;
        const double flip = marker == Marker::Triangle ? 1 : -1;
        p.drawPolygon(QPolygonF({at + QPointF(0, -flip * height * 2 / 3),
                                 at + QPointF(side / 2, flip * height / 3),
                                 at + QPointF(-side / 2, flip * height / 3)}));
        return;
    }
    }
}

QFont OutputView::captionFont() const {
    return font(); // the UI's own size: captions are read from across a classroom
}

// The confusion matrix's cells: a square under the title, with room for the class names on its
// left and top and for the axis note under it. It takes up to 60 % of the height, and leaves a
// row of digits at their smallest size below it when the view is tall enough for both.
QRectF OutputView::matrixRect() const {
    if (!m_snapshot || m_snapshot->classes <= 0) return {};
    const double line = QFontMetricsF(font()).height() + 2;
    const double header = 2 * line + 4, footer = line + 8;
    const double h = height(), widest = width() - 48.0;
    if (m_snapshot->imageSide <= 0 || m_snapshot->digits.empty())
        return QRectF((width() - widest) / 2 + 12, header, widest, widest);
    // Half the height, then grown into what is left below the last whole row of digits.
    const double digitRow = kSmallestDigit + QFontMetricsF(captionFont()).height() + 6;
    const double half = h * 0.5;
    const int rows = int((h - header - footer - half) / digitRow);
    double side = rows >= 1 ? h - header - footer - rows * digitRow - 0.5 : h - header - footer;
    side = std::min(widest, side);
    return QRectF((width() - side) / 2 + 12, header, side, side);
}

int OutputView::cellFontPixels() const {
    const QRectF grid = matrixRect();
    if (grid.isEmpty()) return 0;
    const double cell = grid.width() / m_snapshot->classes;
    QFont f = font();
    int pixels = std::max(6, int(cell * 0.6));
    for (; pixels > 6; --pixels) {
        f.setPixelSize(pixels);
        if (QFontMetricsF(f).horizontalAdvance(QStringLiteral("888")) <= cell - 2) break;
    }
    return pixels;
}

std::vector<OutputView::DigitTile> OutputView::digitTiles() const {
    std::vector<DigitTile> tiles;
    if (!m_snapshot || m_snapshot->imageSide <= 0 || m_snapshot->digits.empty()) return tiles;
    const Snapshot& s = *m_snapshot;
    const QRectF matrix = matrixRect();
    const QFontMetricsF fm(captionFont());
    const double line = fm.height() + 2;
    const double top = (matrix.isEmpty() ? 0 : matrix.bottom() + line) + 4;
    const double available = height() - top - 4, across = width() - 8.0;
    const int n = int(s.digits.size());
    const auto name = [&](int c) {
        return c >= 0 && std::size_t(c) < s.classNames.size()
                   ? engineText(s.classNames[std::size_t(c)])
                   : QString::number(c);
    };
    std::vector<QString> texts;
    double widest = 0;
    for (const Snapshot::Digit& d : s.digits) {
        // A mistake names both classes by the first three letters, as the matrix does.
        texts.push_back(d.label == d.predicted ? name(d.predicted)
                                               : name(d.label).left(3) + QStringLiteral("→") +
                                                     name(d.predicted).left(3));
        widest = std::max(widest, fm.horizontalAdvance(texts.back()));
    }
    // The column count that gives the largest pictures while every caption stays as wide as
    // its text; a long class name (Fashion-MNIST's) on a right digit may be cut to "…". The
    // tooltip has the names whole.
    const double captionWidth =
        std::min(widest, fm.horizontalAdvance(QStringLiteral("Mmm→Mmm"))) + 4;
    int bestColumns = 1;
    double bestPicture = -1;
    for (int columns = 1; columns <= n; ++columns) {
        const int rows = (n + columns - 1) / columns;
        const double tile = across / columns;
        if (tile < captionWidth && columns > 1) break;
        const double picture = std::min(tile - 4, available / rows - line - 4);
        if (picture > bestPicture) bestPicture = picture, bestColumns = columns;
    }
    int shown = n;
    if (bestPicture < kSmallestDigit) {
        // Not all of them at a size that can be read: as many as fit at that size.
        bestPicture = kSmallestDigit;
        bestColumns = std::max(1, int(across / std::max(kSmallestDigit + 4, captionWidth)));
        const int rows = int(available / (kSmallestDigit + line + 4));
        shown = std::min(n, rows * bestColumns);
    }
    const double tile = across / bestColumns;
    const double rowHeight = bestPicture + line + 4;
    for (int i = 0; i < shown; ++i) {
        const double left = 4 + (i % bestColumns) * tile, y = top + (i / bestColumns) * rowHeight;
        DigitTile t;
        t.picture = QRectF(left + (tile - bestPicture) / 2, y, bestPicture, bestPicture);
        t.caption = QRectF(left + 1, t.picture.bottom() + 1, tile - 2, line);
        t.text = fm.elidedText(texts[std::size_t(i)], Qt::ElideRight, t.caption.width());
        tiles.push_back(t);
    }
    return tiles;
}

QString OutputView::describeAt(const QPointF& pos) const {
    if (!m_snapshot) return {};
    const Snapshot& s = *m_snapshot;
    const std::vector<DigitTile> tiles = digitTiles();
    for (std::size_t i = 0; i < tiles.size(); ++i)
        if (tiles[i].picture.united(tiles[i].caption).contains(pos)) {
            const Snapshot::Digit& d = s.digits[i];
            const auto name = [&](int c) {
                return c >= 0 && std::size_t(c) < s.classNames.size()
                           ? engineText(s.classNames[std::size_t(c)])
                           : QString::number(c);
            };
            const QString sure = QString::number(100.0 * d.confidence, 'f', 1);
            if (d.label == d.predicted)
                //: A test image's tooltip: %1 its class (the network's too), %3 how sure the
                //: network is, in per cent.
                return tr("Right: %1\nThe network says %2 (%3 % sure)")
                    .arg(name(d.label), name(d.predicted), sure);
            //: A test image's tooltip: %1 its class, %2 the class the network gives it, %3 how
            //: sure the network is, in per cent.
            return tr("Wrong: it is %1\nThe network says %2 (%3 % sure)")
                .arg(name(d.label), name(d.predicted), sure);
        }
    return {};
}

int OutputView::digitAt(const QPointF& pos) const {
    if (!m_snapshot || m_snapshot->imageSide <= 0) return -1;
    const std::vector<DigitTile> tiles = digitTiles();
    for (std::size_t i = 0; i < tiles.size(); ++i)
        if (tiles[i].picture.united(tiles[i].caption).contains(pos)) return int(i);
    return -1;
}

void OutputView::mousePressEvent(QMouseEvent* event) {
    if (m_drawing && (event->button() == Qt::LeftButton || event->button() == Qt::RightButton)) {
        const bool add = event->button() == Qt::LeftButton;
        m_stroke = add ? Stroke::Add : Stroke::Erase;
        m_strokeChanged = add ? addPoint(event->position()) : erasePoints(event->position());
        return;
    }
    if (const int digit = digitAt(event->position());
        digit >= 0 && event->button() == Qt::LeftButton) {
        emit digitChosen(digit);
        return;
    }
    QWidget::mousePressEvent(event);
}

void OutputView::mouseMoveEvent(QMouseEvent* event) {
    const QPointF pos = event->position();
    if (m_stroke == Stroke::Add) {
        const QPointF d = pos - m_lastAdded;
        if (d.x() * d.x() + d.y() * d.y() >= kTrailSpacing * kTrailSpacing)
            m_strokeChanged |= addPoint(pos);
        return;
    }
    if (m_stroke == Stroke::Erase) {
        m_strokeChanged |= erasePoints(pos);
        return;
    }
    const QString text = describeAt(event->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

QString OutputView::matrixHeading() const {
    if (!m_snapshot || m_snapshot->classes <= 0) return {};
    const Snapshot& s = *m_snapshot;
    const int k = s.classes;
    int correct = 0;
    for (int c = 0; c < k; ++c)
        correct += s.confusion[std::size_t(c * k + c)];
    const QFontMetricsF fm(font());
    // In a narrow panel (1280 × 720), the short form, and if even that is too wide, elided: never
    // cut at both ends.
    const double percent = s.evaluated ? 100.0 * correct / double(s.evaluated) : 0.0;
    QString heading =
        (s.testSamples > s.evaluated
             ? tr("First %1 of %2 test images: %3 % right").arg(s.evaluated).arg(s.testSamples)
             : tr("%1 test images: %2 % right").arg(s.evaluated))
            .arg(percent, 0, 'f', 1);
    if (fm.horizontalAdvance(heading) > width() - 4)
        //: The confusion matrix's heading where there is little room: %1 % of %2 test images.
        heading = tr("%1 % right of %2 test images").arg(percent, 0, 'f', 1).arg(s.evaluated);
    return fm.elidedText(heading, Qt::ElideRight, width() - 4);
}

// Image classification: the confusion matrix over the evaluated test samples, and a grid of
// test digits with their predictions, mistakes framed in red.
void OutputView::paintClassification(QPainter& p) {
    const Snapshot& s = *m_snapshot;
    const bool dark = isDark(palette());
    const CanvasColors colors = canvasColors(palette());
    const int k = s.classes;
    const QRectF grid = matrixRect();
    const QFontMetricsF fm(font());
    const double line = fm.height() + 2;
    if (k <= 0 || grid.width() < 40) return;
    p.setPen(colors.text);
    p.drawText(QRectF(0, 0, width(), line), Qt::AlignCenter, matrixHeading());
    const double cell = grid.width() / k;
    QFont small = p.font();
    small.setPixelSize(cellFontPixels());
    for (int t = 0; t < k; ++t) {
        int rowTotal = 0;
        for (int q = 0; q < k; ++q)
            rowTotal += s.confusion[std::size_t(t * k + q)];
        p.setFont(small);
        for (int q = 0; q < k; ++q) {
            const int count = s.confusion[std::size_t(t * k + q)];
            const double share = rowTotal ? double(count) / rowTotal : 0;
            const QRectF r(grid.left() + q * cell, grid.top() + t * cell, cell, cell);
            const QColor fill = t == q ? divergingColor(share, dark)
                                       : divergingColor(-std::min(1.0, 4 * share), dark);
            p.fillRect(r, fill);
            if (count > 0) {
                p.setPen(textOn(fill));
                p.drawText(r, Qt::AlignCenter, QString::number(count));
            }
        }
        p.setFont(font());
        p.setPen(colors.text);
        const QString name = std::size_t(t) < s.classNames.size()
                                 ? engineText(s.classNames[std::size_t(t)])
                                 : QString::number(t);
        p.drawText(QRectF(grid.left() - 40, grid.top() + t * cell, 36, cell),
                   Qt::AlignRight | Qt::AlignVCenter, name.left(3));
        p.drawText(QRectF(grid.left() + t * cell - 4, grid.top() - line, cell + 8, line),
                   Qt::AlignCenter, name.left(3));
    }
    p.setPen(colors.muted);
    p.drawRect(grid);
    p.setPen(colors.text);
    p.drawText(QRectF(0, grid.bottom() + 1, width(), line), Qt::AlignCenter,
               tr("rows: true class · columns: predicted"));
    // The digits.
    const QColor wrong = dark ? QColor(255, 110, 110) : QColor(200, 40, 40);
    const QColor right = dark ? QColor(110, 200, 110) : QColor(60, 150, 60);
    p.setFont(captionFont());
    const std::vector<DigitTile> tiles = digitTiles();
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const Snapshot::Digit& d = s.digits[i];
        const DigitTile& t = tiles[i];
        p.drawImage(t.picture, inkImage(d.pixels, s.imageSide, dark));
        const bool ok = d.label == d.predicted;
        p.setPen(QPen(ok ? right : wrong, ok ? 1 : 2.5));
        p.setBrush(Qt::NoBrush);
        p.drawRect(t.picture);
        p.setPen(ok ? colors.text : wrong);
        p.drawText(t.caption, Qt::AlignHCenter | Qt::AlignTop, t.text);
    }
}

} // namespace gs::ui
