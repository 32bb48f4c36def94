#include "NetworkView.h"

#include "KeyboardCursor.h"
#include "Language.h"
#include "Palette.h"

#include <QFontInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

namespace gs::ui {

namespace {

constexpr double kMargin = 16;
constexpr double kHeader = 34;
constexpr double kLegend = 52;
constexpr double kSkipBand = 26; // under the units: the skip connections' arcs

double distanceToSegment(const QPointF& p, const QPointF& a, const QPointF& b) {
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

QImage heatmap(const std::vector<float>& values, int grid, bool dark) {
    float scale = 0;
    for (float v : values)
        scale = std::max(scale, std::abs(v));
    if (scale == 0 || !std::isfinite(scale)) scale = 1;
    QImage image(grid, grid, QImage::Format_RGB32);
    for (int r = 0; r < grid; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int c = 0; c < grid; ++c)
            line[c] = divergingRgb(values[std::size_t(r * grid + c)] / scale, dark);
    }
    return image;
}

// The headers' and legend's size: the UI font's, a pixel smaller, at least 12 px.
int headerPixels(const QFont& font) {
    return std::max(12, QFontInfo(font).pixelSize() - 1);
}

QString number(double v) {
    return QString::number(v, 'g', 5);
}

} // namespace

NetworkView::NetworkView(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
    takeKeyboardFocus(this);
    setMinimumSize(360, 260);
    setAttribute(Qt::WA_OpaquePaintEvent); // paintEvent fills the background
}

void NetworkView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) QToolTip::hideText(); // in the old language
    // A language change lays the view out again too: the column headers are made there.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange ||
        event->type() == QEvent::LanguageChange) {
        m_laidOutFor = {};
        update();
    }
    QWidget::changeEvent(event);
}

QStringList NetworkView::outputLabels() const {
    if (!m_snapshot || m_snapshot->dense.empty() || m_snapshot->regression) return {};
    const Snapshot& s = *m_snapshot;
    const Index outputs = s.dense.back().out;
    if (outputs < 2) return {};
    // A classifier has one output per class (a binary one with a single output is not labelled).
    QStringList labels;
    if (s.classNames.size() == std::size_t(outputs)) {
        for (const std::string& name : s.classNames)
            labels << engineText(name);
    } else {
        for (Index c = 0; c < outputs; ++c)
            labels << QString::number(c);
    }
    return labels;
}

QRectF NetworkView::columnHeaderRect(int column) const {
    return column >= 0 && std::size_t(column) < m_headers.size()
               ? m_headers[std::size_t(column)].first
               : QRectF();
}

QString NetworkView::columnHeader(int column) const {
    return column >= 0 && std::size_t(column) < m_headers.size()
               ? m_headers[std::size_t(column)].second
               : QString();
}

QRectF NetworkView::unitRect(int column, int unit) const {
    if (column < 0 || std::size_t(column) >= m_units.size()) return {};
    for (const Unit& u : m_units[std::size_t(column)])
        if (u.index == unit) return u.rect;
    return {};
}

QRectF NetworkView::outputLabelRect(int unit) const {
    return unit >= 0 && std::size_t(unit) < m_outputLabelRects.size()
               ? m_outputLabelRects[std::size_t(unit)]
               : QRectF();
}

void NetworkView::setSnapshot(SnapshotPtr snapshot) {
    m_snapshot = std::move(snapshot);
    m_laidOutFor = {};
    update();
}

void NetworkView::setQuantity(EdgeQuantity quantity) {
    m_quantity = quantity;
    m_laidOutFor = {};
    update();
}

const std::vector<float>& NetworkView::quantityValues(const DenseLayer& d) const {
    switch (m_quantity) {
    case EdgeQuantity::Gradient:
        return d.weightGrad;
    case EdgeQuantity::Update:
        return d.weightUpdate;
    case EdgeQuantity::Difference:
        return d.weightDifference;
    case EdgeQuantity::Weight:
        break;
    }
    return d.weight;
}

double NetworkView::quantityOf(const DenseLayer& d, Index i) const {
    const std::vector<float>& v = quantityValues(d);
    return i < Index(v.size()) ? double(v[std::size_t(i)]) : 0.0;
}

void NetworkView::layout() {
    m_laidOutFor = size();
    m_units.clear();
    m_edges.clear();
    m_wide.clear();
    m_outputLabels.clear();
    m_outputLabelRects.clear();
    m_headers.clear();
    m_headerTitles.clear();
    if (!m_snapshot) return;
    const Snapshot& s = *m_snapshot;
    std::vector<Index> counts{s.inputs};
    for (const DenseLayer& d : s.dense)
        counts.push_back(d.out);
    const int columns = int(counts.size());
    const double top = kMargin + kHeader;
    // Image data: the left part shows first-layer weights as images, one per hidden unit.
    m_imagePanel = {};
    m_imageTiles.clear();
    double left = 0;
    const DenseLayer* first = s.dense.empty() ? nullptr : &s.dense.front();
    if (s.imageSide > 0 && s.denseSource < 0 && first &&
        first->in == Index(s.imageSide) * s.imageSide) {
        m_imagePanel = QRectF(kMargin, top, width() * 0.36, height() - top - kLegend - kMargin);
        const int shown = int(std::min<Index>(first->out, kMaxUnitImages));
        const int perRow =
            std::max(1, int(std::ceil(std::sqrt(shown * m_imagePanel.width() /
                                                std::max(1.0, m_imagePanel.height())))));
        const int rows = (shown + perRow - 1) / perRow;
        const double tile = std::min(m_imagePanel.width() / perRow, m_imagePanel.height() / rows);
        for (int u = 0; u < shown; ++u)
            m_imageTiles.push_back(QRectF(m_imagePanel.left() + (u % perRow) * tile,
                                          m_imagePanel.top() + (u / perRow) * tile, tile - 2,
                                          tile - 2));
        left = m_imagePanel.right() + kMargin;
    }
    const double height = std::max(60.0, this->height() - top - kLegend - kMargin -
                                             (s.skips.empty() ? 0 : kSkipBand));
    Index tallest = 1;
    for (Index c : counts)
        tallest = std::max(tallest, std::min<Index>(c, kMaxDrawnUnits));
    // Room on the right for the output units' class names, when they are drawn one by one.
    if (counts.back() <= kMaxDrawnUnits) m_outputLabels = outputLabels();
    QFont labelFont = font();
    labelFont.setPixelSize(std::max(12, QFontInfo(font()).pixelSize()));
    double labelWidth = 0;
    for (const QString& label : m_outputLabels)
        labelWidth = std::max(labelWidth, QFontMetricsF(labelFont).horizontalAdvance(label) + 8);
    const double columnGap = (width() - left - 2 * kMargin - labelWidth) / std::max(1, columns);
    const double tile =
        std::clamp(std::min(height / double(tallest) * 0.8, columnGap * 0.45), 8.0, 48.0);
    for (int c = 0; c < columns; ++c) {
        const double x = left + kMargin + columnGap * (c + 0.5) - tile / 2;
        const bool wide = counts[std::size_t(c)] > kMaxDrawnUnits;
        m_wide.push_back(wide);
        std::vector<Unit> units;
        if (wide) {
            units.push_back({QRectF(x, top, tile, height), c, -1});
        } else {
            const Index n = counts[std::size_t(c)];
            const double step = height / double(std::max<Index>(n, 1));
            for (Index u = 0; u < n; ++u)
                units.push_back(
                    {QRectF(x, top + step * (double(u) + 0.5) - tile / 2, tile, tile), c, int(u)});
        }
        m_units.push_back(std::move(units));
    }
    // Column headers, each in its column's share of the width, every line cut to fit it.
    QFont headerFont = font();
    headerFont.setPixelSize(headerPixels(font()));
    const QFontMetricsF headerMetrics(headerFont);
    for (int c = 0; c < columns; ++c) {
        QString title;
        if (c == 0 && s.denseSource >= 0) // a CNN: the features its convolutions computed
            title = tr("Layer %1's output\n%2 features").arg(s.denseSource).arg(s.inputs);
        else if (c == 0)
            title = tr("Input\n%1 features").arg(s.inputs);
        else {
            const DenseLayer& d = s.dense[std::size_t(c - 1)];
            // The activation's identifier, as in model files ("relu"), not translated.
            QString activation = d.activation.empty() ? QStringLiteral("linear")
                                                      : QString::fromStdString(d.activation);
            // A norm between them: "BN·relu" (batch norm, then ReLU).
            if (!d.norm.empty())
                activation = QString::fromStdString(d.norm) + QStringLiteral("·") + activation;
            if (c == columns - 1)
                //: The output layer's column header: its units × its activation ("relu", "linear").
                title = tr("Output\n%1 × %2").arg(d.out).arg(activation);
            else
                //: A hidden layer's column header: %1 its number, then its units × its activation
                //: ("relu", "linear").
                title = tr("Layer %1\n%2 × %3").arg(c).arg(d.out).arg(activation);
        }
        const double boxWidth = std::min(140.0, columnGap - 6);
        QStringList lines = title.split('\n');
        for (QString& line : lines)
            line = headerMetrics.elidedText(line, Qt::ElideRight, boxWidth);
        const double centre = m_units[std::size_t(c)].front().rect.center().x();
        m_headers.push_back(
            {QRectF(centre - boxWidth / 2, kMargin - 4, boxWidth, kHeader), lines.join('\n')});
        m_headerTitles.push_back(title); // whole, for the tooltip of a header cut short
    }
    if (!m_outputLabels.isEmpty())
        for (const Unit& u : m_units.back())
            m_outputLabelRects.push_back(
                QRectF(u.rect.right() + 4, u.rect.top(), labelWidth, u.rect.height())
                    .adjusted(0, -4, 0, 4));
    // Edges between column d and d + 1; all of them unless a side is wide.
    m_maxMagnitude = 0;
    for (std::size_t d = 0; d < s.dense.size(); ++d) {
        const DenseLayer& layer = s.dense[d];
        const auto anchor = [&](std::size_t column, Index unit, bool right) {
            const auto& units = m_units[column];
            if (m_wide[column]) {
                const QRectF r = units.front().rect;
                const Index n = counts[column];
                return QPointF(right ? r.right() : r.left(),
                               r.top() + r.height() * (double(unit) + 0.5) / double(n));
            }
            const QRectF r = units[std::size_t(unit)].rect;
            return QPointF(right ? r.right() : r.left(), r.center().y());
        };
        const Index count = layer.in * layer.out;
        std::vector<Index> chosen;
        if (m_wide[d] || m_wide[d + 1]) {
            // The strongest kMaxWideEdges in one pass with a small min-heap: a 784×128 layer
            // is redrawn 30 times a second.
            const std::vector<float>& values = quantityValues(layer);
            std::vector<std::pair<float, Index>> heap;
            const auto weaker = [](const auto& a, const auto& b) { return a.first > b.first; };
            for (Index i = 0; i < std::min<Index>(count, Index(values.size())); ++i) {
                const float m = std::abs(values[std::size_t(i)]);
                if (!std::isfinite(m)) continue;
                if (heap.size() < std::size_t(kMaxWideEdges)) {
                    heap.emplace_back(m, i);
                    std::push_heap(heap.begin(), heap.end(), weaker);
                } else if (m > heap.front().first) {
                    std::pop_heap(heap.begin(), heap.end(), weaker);
                    heap.back() = {m, i};
                    std::push_heap(heap.begin(), heap.end(), weaker);
                }
            }
            for (const auto& [m, i] : heap)
                chosen.push_back(i);
        } else {
            for (Index i = 0; i < count; ++i)
                chosen.push_back(i);
        }
        for (Index i : chosen) {
            const Index out = i / layer.in, in = i % layer.in;
            // A layer after a concatenation takes more inputs than the column before it has
            // units (the rest come along the skip): those edges are not drawn.
            if (in >= counts[d] || out >= counts[d + 1]) continue;
            const double v = quantityOf(layer, i);
            m_edges.push_back(
                {anchor(d, in, true), anchor(d + 1, out, false), int(d), int(out), int(in), v});
            if (std::isfinite(v)) m_maxMagnitude = std::max(m_maxMagnitude, std::abs(v));
        }
    }
    if (m_maxMagnitude == 0) m_maxMagnitude = 1;
}

void NetworkView::paintEvent(QPaintEvent*) {
    if (m_laidOutFor != size()) layout();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const bool dark = isDark(palette());
    const CanvasColors colors = canvasColors(palette());
    p.fillRect(rect(), colors.background);
    if (!m_snapshot) {
        p.setPen(colors.text);
        p.drawText(rect(), Qt::AlignCenter, tr("No network yet: pick a preset."));
        return;
    }
    const Snapshot& s = *m_snapshot;
    if (const QRectF h = highlightRect(); !h.isEmpty()) {
        p.setPen(QPen(QColor(255, 150, 0), 2));
        p.setBrush(QColor(255, 200, 0, 60));
        p.drawRoundedRect(h, 8, 8);
    }
    // Skip connections: an arc under the units from the column whose output is carried
    // forward to the column it joins, "+" (or "⧺" for a concatenation) where it lands.
    if (!s.skips.empty()) {
        const QColor skipColor = palette().color(QPalette::Highlight);
        // Thickness: the gradient that flowed back along each skip, against the largest.
        double largest = 0;
        for (const Snapshot::Skip& k : s.skips)
            largest = std::max(largest, k.gradient);
        const auto skipPen = [&](const Snapshot::Skip& k) {
            const double t = largest > 0 && k.gradient >= 0 ? k.gradient / largest : 0.3;
            return QPen(skipColor, 1.2 + 3.8 * t);
        };
        for (const Snapshot::Skip& k : s.skips) {
            p.setPen(skipPen(k));
            if (k.to >= int(m_units.size())) continue;
            const auto bottomOf = [&](int c) {
                const QRectF last = m_units[std::size_t(c)].back().rect;
                return QPointF(last.center().x(), last.bottom() + 2);
            };
            const QPointF a = bottomOf(k.from), b = bottomOf(k.to);
            const double depth = kSkipBand - 8 - 4 * ((k.to - k.from) % 3);
            const double y = std::max(a.y(), b.y()) + depth;
            QPainterPath path(a);
            path.cubicTo(a.x(), y, b.x(), y, b.x(), b.y() + 4);
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
            p.setBrush(skipColor);
            p.drawPolygon(QPolygonF({b, b + QPointF(-4, 7), b + QPointF(4, 7)}));
            p.setPen(colors.text);
            p.drawText(QRectF(b.x() + 5, b.y() + 2, 14, 14), Qt::AlignCenter,
                       k.concat ? QStringLiteral("⧺") : QStringLiteral("+"));
        }
        p.setBrush(Qt::NoBrush);
    }
    constexpr std::size_t kAntialiasedEdges = 100;
    // Edges in 2 × kEdgeLevels groups (sign × magnitude level), drawn as straight lines, one
    // call per group, weakest first so that strong edges lie on top.
    constexpr int kEdgeLevels = 10;
    std::array<std::vector<QLineF>, 2 * kEdgeLevels> groups;
    for (const Edge& e : m_edges) {
        const double t = std::isfinite(e.value) ? std::abs(e.value) / m_maxMagnitude : 0;
        const int level = std::min(kEdgeLevels - 1, int(t * kEdgeLevels));
        groups[std::size_t((e.value < 0 ? 0 : kEdgeLevels) + level)].emplace_back(e.from, e.to);
    }
    // Antialiasing costs about 4× here (Qt's raster blending), so dense networks and the long
    // edges of wide layers go without.
    const bool wide = std::find(m_wide.begin(), m_wide.end(), true) != m_wide.end();
    p.setRenderHint(QPainter::Antialiasing, m_edges.size() <= kAntialiasedEdges && !wide);
    for (int level = 0; level < kEdgeLevels; ++level)
        for (int g : {level, kEdgeLevels + level}) {
            const auto& lines = groups[std::size_t(g)];
            if (lines.empty()) continue;
            const double t = (g % kEdgeLevels + 0.5) / kEdgeLevels;
            // Opaque, faded towards the background: Qt's raster engine blends translucent
            // antialiased strokes some 30 times slower than opaque ones (measured here).
            const bool negative = g < kEdgeLevels;
            const QColor full = negative ? negativeColor() : positiveColor();
            const double strength = 0.25 + 0.75 * t;
            const auto mix = [strength](int from, int to) {
                return int(std::lround(from + (to - from) * strength));
            };
            const QColor& bg = colors.background;
            const QColor colour(mix(bg.red(), full.red()), mix(bg.green(), full.green()),
                                mix(bg.blue(), full.blue()));
            // Negative edges are dashed too: the sign does not rest on colour alone (colour-blind
            // eyes, greyscale). Dashes of about 7 pixels and gaps of 4, whatever the width.
            const double width = 0.5 + 6.0 * t;
            QPen pen(colour, width, Qt::SolidLine, negative ? Qt::FlatCap : Qt::RoundCap);
            if (negative) pen.setDashPattern({7 / width, 4 / width});
            p.setPen(pen);
            p.drawLines(lines.data(), int(lines.size()));
        }
    p.setRenderHint(QPainter::Antialiasing);
    if (!m_imageTiles.empty()) {
        const DenseLayer& d = s.dense.front();
        const int side = s.imageSide;
        const std::vector<float>& values = quantityValues(d);
        for (std::size_t u = 0; u < m_imageTiles.size(); ++u) {
            std::vector<float> row(std::size_t(d.in), 0.0f);
            if (values.size() >= (u + 1) * std::size_t(d.in))
                std::copy_n(values.begin() + std::ptrdiff_t(u * std::size_t(d.in)), d.in,
                            row.begin());
            p.drawImage(m_imageTiles[u], heatmap(row, side, dark));
        }
        p.setPen(colors.text);
        const QString title =
            m_quantity == EdgeQuantity::Weight
                ? tr("Layer 1 weights, units 1–%1\n(each a %2×%2 image)")
            : m_quantity == EdgeQuantity::Gradient
                ? tr("Layer 1 gradients, units 1–%1\n(each a %2×%2 image)")
            : m_quantity == EdgeQuantity::Update
                ? tr("Layer 1 updates, units 1–%1\n(each a %2×%2 image)")
                //: The difference between two runs' weights, drawn as images.
                : tr("Layer 1 weight differences, units 1–%1\n(each a %2×%2 image)");
        p.drawText(QRectF(m_imagePanel.left(), kMargin - 4, m_imagePanel.width(), kHeader),
                   Qt::AlignCenter, title.arg(m_imageTiles.size()).arg(side));
    }
    const QPen framePen(colors.muted, 1);
    QFont headerFont = font();
    headerFont.setPixelSize(headerPixels(font()));
    p.setFont(headerFont);
    for (std::size_t c = 0; c < m_units.size(); ++c) {
        const bool hasMaps = s.grid > 0 && c < s.unitMaps.size();
        for (const Unit& u : m_units[c]) {
            p.setPen(framePen);
            if (u.index < 0) {
                p.fillRect(u.rect, colors.empty);
                p.drawRect(u.rect);
                p.setPen(colors.text);
                p.save();
                p.translate(u.rect.center());
                p.rotate(-90);
                const Index n = c == 0 ? s.inputs : s.dense[c - 1].out;
                p.drawText(QRectF(-u.rect.height() / 2, -u.rect.width() / 2, u.rect.height(),
                                  u.rect.width()),
                           Qt::AlignCenter, tr("%1 units").arg(n));
                p.restore();
                continue;
            }
            if (hasMaps && std::size_t(u.index) < s.unitMaps[c].size())
                p.drawImage(u.rect, heatmap(s.unitMaps[c][std::size_t(u.index)], s.grid, dark));
            else
                p.fillRect(u.rect, colors.empty);
            p.drawRect(u.rect);
        }
        // Column header: what the column is.
        p.setPen(colors.text);
        p.drawText(m_headers[c].first, Qt::AlignCenter, m_headers[c].second);
        if (c == 0 && !s.inputNames.empty())
            for (const Unit& u : m_units[c])
                if (u.index >= 0 && std::size_t(u.index) < s.inputNames.size())
                    p.drawText(QRectF(u.rect.left() - 56, u.rect.top(), 52, u.rect.height()),
                               Qt::AlignRight | Qt::AlignVCenter,
                               QString::fromStdString(s.inputNames[std::size_t(u.index)]));
    }
    // The output units' classes, beside them.
    if (!m_outputLabelRects.empty()) {
        QFont labelFont = font();
        labelFont.setPixelSize(std::max(12, QFontInfo(font()).pixelSize()));
        p.setFont(labelFont);
        p.setPen(colors.text);
        for (std::size_t u = 0; u < m_outputLabelRects.size(); ++u)
            p.drawText(m_outputLabelRects[u], Qt::AlignLeft | Qt::AlignVCenter,
                       m_outputLabels[qsizetype(u)]);
    }
    // Legend: the colour scale and what thickness means.
    QFont small = font();
    small.setPixelSize(headerPixels(font()));
    p.setFont(small);
    p.setPen(colors.text);
    const double y = height() - kLegend;
    const QRectF bar(kMargin, y + 6, 160, 10);
    for (int i = 0; i < int(bar.width()); ++i)
        p.fillRect(QRectF(bar.left() + i, bar.top(), 1, bar.height()),
                   divergingColor(2.0 * i / bar.width() - 1, dark));
    p.setPen(framePen);
    p.drawRect(bar);
    p.setPen(colors.text);
    p.drawText(QRectF(bar.left(), bar.bottom() + 2, 40, 14), Qt::AlignLeft, QStringLiteral("−"));
    p.drawText(QRectF(bar.right() - 40, bar.bottom() + 2, 40, 14), Qt::AlignRight,
               QStringLiteral("+"));
    // The legend's sentences, each whole; those after the first begin with the space that
    // separates them (a translation without spaces between sentences leaves it out).
    QStringList notes = {
        (m_quantity == EdgeQuantity::Weight
             ? tr("Edges: colour = sign (dashed: negative), thickness = |weight w| "
                  "(largest %1).")
         : m_quantity == EdgeQuantity::Gradient
             ? tr("Edges: colour = sign (dashed: negative), thickness = |gradient "
                  "dL/dw| (largest %1).")
         : m_quantity == EdgeQuantity::Update
             ? tr("Edges: colour = sign (dashed: negative), thickness = |last update "
                  "Δw| (largest %1).")
             : tr("Edges: this run − the earlier run (dashed: negative; largest %1)."))
            .arg(number(m_maxMagnitude))};
    //: Follows another sentence of the legend: keep the leading space if the language puts
    //: spaces between sentences.
    if (s.grid > 0) notes << tr(" Tiles: each unit's output over the input plane.");
    //: Follows another sentence of the legend: keep the leading space if the language puts
    //: spaces between sentences.
    //: %1 and %2: the colours of positive and negative values ("blue", "orange").
    if (!m_imageTiles.empty())
        notes << tr(" Images: %1 pixels raise a unit, %2 lower it.")
                     .arg(ScaleWords::positive(), ScaleWords::negative());
    if (!s.skips.empty())
        //: Follows another sentence of the legend: keep the leading space if the language puts
        //: spaces between sentences.
        notes << tr(" Arcs: skip connections (+ adds, ⧺ joins), thickness = the gradient that "
                    "flowed back along them in the last step.");
    if (std::find(m_wide.begin(), m_wide.end(), true) != m_wide.end())
        //: Follows another sentence of the legend: keep the leading space if the language puts
        //: spaces between sentences.
        notes << tr(" Wide layers: the %1 strongest edges.").arg(kMaxWideEdges);
    // In a narrow view the text gets smaller (down to 8 pixels), then the last sentences are
    // left out; the whole legend is the tooltip over it.
    m_legendRect = QRectF(bar.right() + 12, y, width() - bar.right() - 20, kLegend);
    m_legendText = notes.join(QString());
    const int flags = Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap;
    const auto fits = [&](const QString& text) {
        return QFontMetricsF(small).boundingRect(m_legendRect, flags, text).height() <=
               m_legendRect.height();
    };
    while (!fits(m_legendText) && small.pixelSize() > 8) {
        small.setPixelSize(small.pixelSize() - 1);
    }
    QString shown = m_legendText;
    for (qsizetype n = notes.size() - 1; n >= 1 && !fits(shown); --n)
        shown = QStringList(notes.mid(0, n)).join(QString()) + QStringLiteral(" …");
    m_legendComplete = shown == m_legendText && fits(shown);
    p.setFont(small);
    p.drawText(m_legendRect, flags, shown);
    paintKeyboardFocus(p, this, cursorRect());
    emit painted();
}

const NetworkView::Edge* NetworkView::edgeAt(const QPointF& pos) const {
    const Edge* best = nullptr;
    double bestDistance = 5;
    for (const Edge& e : m_edges) {
        const double d = distanceToSegment(pos, e.from, e.to);
        if (d < bestDistance) {
            bestDistance = d;
            best = &e;
        }
    }
    return best;
}

const NetworkView::Unit* NetworkView::unitAt(const QPointF& pos) const {
    for (const auto& column : m_units)
        for (const Unit& u : column)
            if (u.rect.contains(pos)) return &u;
    return nullptr;
}

QPointF NetworkView::edgeCentre(int dense, int out, int in) const {
    for (const Edge& e : m_edges)
        if (e.dense == dense && e.out == out && e.in == in) return (e.from + e.to) / 2;
    return {};
}

namespace {
QString valueAt(const std::vector<float>& v, Index i) {
    return i < Index(v.size()) ? number(v[std::size_t(i)]) : QStringLiteral("—");
}
} // namespace

QString NetworkView::unitName(int column, int index) const {
    const Snapshot& s = *m_snapshot;
    if (column == 0 && s.denseSource >= 0)
        return tr("Feature %1 of layer %2's output (flattened), the input of layer %3")
            .arg(index + 1)
            .arg(s.denseSource)
            .arg(s.dense.empty() ? 0 : s.dense.front().layer);
    if (column == 0)
        return tr("Input %1")
            .arg(std::size_t(index) < s.inputNames.size()
                     ? QString::fromStdString(s.inputNames[std::size_t(index)])
                     : QString::number(index + 1));
    const QStringList classes = outputLabels();
    if (std::size_t(column) + 1 == m_units.size() && index < classes.size())
        return tr("Output unit %1: class %2").arg(index + 1).arg(classes[index]);
    return tr("Layer %1, unit %2").arg(column).arg(index + 1);
}

QString NetworkView::describeUnit(const Unit& u) const {
    const Snapshot& s = *m_snapshot;
    if (u.column == 0) return unitName(0, u.index);
    const DenseLayer& d = s.dense[std::size_t(u.column - 1)];
    return tr("%1\nbias b = %2\ndL/db = %3\nΔb = %4")
        .arg(unitName(u.column, u.index), valueAt(d.bias, u.index), valueAt(d.biasGrad, u.index),
             valueAt(d.biasUpdate, u.index));
}

QString NetworkView::describeEdge(const Edge& e) const {
    const Snapshot& s = *m_snapshot;
    const DenseLayer& d = s.dense[std::size_t(e.dense)];
    const Index i = Index(e.out) * d.in + e.in;
    if (m_quantity == EdgeQuantity::Difference) {
        const double earlier =
            std::size_t(i) < d.weightDifference.size()
                ? double(d.weight[std::size_t(i)]) - double(d.weightDifference[std::size_t(i)])
                : std::nan("");
        //: The compare view: one weight in the two runs.
        //: %6 and %7: the steps of this run and of the earlier run shown.
        return tr("Weight %1.weight[%2, %3]\nfrom: %4\nto: %5\nthis run (step %6): w = %8\nthe "
                  "earlier run (step %7): w = %9\ndifference = %10")
            .arg(d.layer)
            .arg(e.out)
            .arg(e.in)
            .arg(unitName(e.dense, e.in), unitName(e.dense + 1, e.out))
            .arg(s.step)
            .arg(s.earlier ? s.earlier->step : s.step)
            .arg(valueAt(d.weight, i), number(earlier), valueAt(d.weightDifference, i));
    }
    // Dense layer k joins column k (0: the inputs) to column k + 1.
    //: %1.weight[%2, %3] names the weight as PyTorch does; %4 and %5 name the two units it joins.
    return tr("Weight %1.weight[%2, %3]\nfrom: %4\nto: %5\nw = %6\ndL/dw = %7\nΔw = %8\n"
              "Click (or Enter): follow it in the step-through. Double-click (or F2): type a "
              "new value.")
        .arg(d.layer)
        .arg(e.out)
        .arg(e.in)
        .arg(unitName(e.dense, e.in), unitName(e.dense + 1, e.out), valueAt(d.weight, i),
             valueAt(d.weightGrad, i), valueAt(d.weightUpdate, i));
}

QString NetworkView::describeAt(const QPointF& pos) const {
    if (!m_snapshot) return {};
    if (m_legendRect.contains(pos)) return m_legendText;
    for (qsizetype c = 0; c < qsizetype(m_headers.size()) && c < m_headerTitles.size(); ++c)
        if (m_headers[std::size_t(c)].first.contains(pos)) return m_headerTitles[c];
    const Snapshot& s = *m_snapshot;
    for (std::size_t u = 0; u < m_imageTiles.size(); ++u)
        if (m_imageTiles[u].contains(pos)) {
            const DenseLayer& d = s.dense.front();
            double low = 1e300, high = -1e300;
            for (Index i = 0; i < d.in; ++i) {
                const double v = quantityOf(d, Index(u) * d.in + i);
                low = std::min(low, v);
                high = std::max(high, v);
            }
            //: %3 and %4: the colours of positive and negative values ("blue", "orange").
            return tr("Layer 1, unit %1: its %2 weights drawn as the image they multiply.\n"
                      "Pixels in %3 push the unit up, in %4 down. Range %5 … %6.")
                .arg(u + 1)
                .arg(d.in)
                .arg(ScaleWords::positive(), ScaleWords::negative(), number(low), number(high));
        }
    if (const Unit* u = unitAt(pos); u && u->index >= 0) return describeUnit(*u);
    if (const Edge* e = edgeAt(pos)) return describeEdge(*e);
    return {};
}

void NetworkView::mouseMoveEvent(QMouseEvent* event) {
    const QString text = describeAt(event->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void NetworkView::setHighlightLayer(int layer) {
    if (layer == m_highlight) return;
    m_highlight = layer;
    update();
}

QRectF NetworkView::highlightRect() const {
    if (m_highlight < 0 || !m_snapshot || m_units.empty()) return {};
    const auto& dense = m_snapshot->dense;
    const auto columnRect = [&](std::size_t column) {
        QRectF r;
        if (column < m_units.size())
            for (const Unit& u : m_units[column])
                r = r.united(u.rect);
        return r;
    };
    for (std::size_t d = 0; d < dense.size(); ++d) {
        if (dense[d].layer == m_highlight) // its edges: between its input and output columns
            return columnRect(d).united(columnRect(d + 1)).adjusted(-6, -6, 6, 6);
        const bool last = d + 1 == dense.size();
        if (dense[d].layer < m_highlight && (last || dense[d + 1].layer > m_highlight))
            return columnRect(d + 1).adjusted(-6, -6, 6, 6); // an op on its outputs
    }
    return {};
}

bool NetworkView::requestCheckAt(const QPointF& pos) {
    if (!m_snapshot) return false;
    const Edge* e = edgeAt(pos);
    if (!e) return false;
    emit checkGradientRequested(m_snapshot->dense[std::size_t(e->dense)].layer, e->out, e->in);
    return true;
}

bool NetworkView::hasEdgeAt(const QPointF& pos) const {
    return m_snapshot && edgeAt(pos);
}

// A click follows the weight (in the step-through); only a double click edits it, so that a
// stray click in front of a class changes nothing.
void NetworkView::mousePressEvent(QMouseEvent* event) {
    if (!m_snapshot || event->button() != Qt::LeftButton) return;
    if (const Edge* e = edgeAt(event->position()))
        emit weightClicked(m_snapshot->dense[std::size_t(e->dense)].layer, e->out, e->in);
}

void NetworkView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (!m_snapshot || event->button() != Qt::LeftButton) return;
    if (const Edge* e = edgeAt(event->position())) {
        const DenseLayer& d = m_snapshot->dense[std::size_t(e->dense)];
        emit editWeightRequested(d.layer, e->out, e->in,
                                 d.weight[std::size_t(Index(e->out) * d.in + e->in)]);
    }
}

std::vector<NetworkView::CursorItem> NetworkView::cursorItems() const {
    std::vector<CursorItem> items;
    for (std::size_t c = 0; c < m_units.size(); ++c) {
        for (const Unit& u : m_units[c])
            if (u.index >= 0) items.push_back({u.rect, &u, nullptr, int(2 * c)});
        // The edges leaving the column, input by input (all of x1's, then all of x2's).
        std::vector<const Edge*> leaving;
        for (const Edge& e : m_edges)
            if (std::size_t(e.dense) == c) leaving.push_back(&e);
        std::stable_sort(leaving.begin(), leaving.end(), [](const Edge* a, const Edge* b) {
            return std::pair(a->in, a->out) < std::pair(b->in, b->out);
        });
        for (const Edge* e : leaving) {
            const QPointF centre = (e->from + e->to) / 2;
            items.push_back(
                {QRectF(centre - QPointF(5, 5), QSizeF(10, 10)), nullptr, e, int(2 * c + 1)});
        }
    }
    return items;
}

QRectF NetworkView::cursorRect() const {
    const std::vector<CursorItem> items = cursorItems();
    return m_cursor >= 0 && std::size_t(m_cursor) < items.size() ? items[std::size_t(m_cursor)].rect
                                                                 : QRectF();
}

void NetworkView::moveCursor(int to) {
    if (m_laidOutFor != size()) layout(); // before the first paint
    const std::vector<CursorItem> items = cursorItems();
    if (!m_snapshot || items.empty()) return;
    m_cursor = std::clamp(to, 0, int(items.size()) - 1);
    const CursorItem& item = items[std::size_t(m_cursor)];
    announceItem(this, item.rect, item.unit ? describeUnit(*item.unit) : describeEdge(*item.edge));
    update();
}

// Up and Down (Page Up and Page Down by ten) move within a column of units or of edges; Left
// and Right to the next column, onto its item nearest in height; Home and End to the ends.
void NetworkView::keyPressEvent(QKeyEvent* event) {
    if (m_laidOutFor != size()) layout();
    const std::vector<CursorItem> items = cursorItems();
    const int count = int(items.size());
    const int at = std::clamp(m_cursor, 0, std::max(0, count - 1));
    const int key = event->key();
    if (count > 0 && (key == Qt::Key_Left || key == Qt::Key_Right)) {
        const int group = items[std::size_t(at)].group;
        const double y = items[std::size_t(at)].rect.center().y();
        int next = -1; // the neighbouring column that has items
        for (const CursorItem& item : items)
            if (key == Qt::Key_Right ? item.group > group && (next < 0 || item.group < next)
                                     : item.group < group && (next < 0 || item.group > next))
                next = item.group;
        int best = at;
        double nearest = 1e300;
        for (int i = 0; i < count; ++i)
            if (items[std::size_t(i)].group == next &&
                std::abs(items[std::size_t(i)].rect.center().y() - y) < nearest) {
                nearest = std::abs(items[std::size_t(i)].rect.center().y() - y);
                best = i;
            }
        moveCursor(best);
        return;
    }
    if (count > 0 && (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp ||
                      key == Qt::Key_PageDown)) {
        const int group = items[std::size_t(at)].group;
        int first = at, last = at; // the column's items
        while (first > 0 && items[std::size_t(first - 1)].group == group)
            --first;
        while (last + 1 < count && items[std::size_t(last + 1)].group == group)
            ++last;
        const int by = key == Qt::Key_Up       ? -1
                       : key == Qt::Key_Down   ? 1
                       : key == Qt::Key_PageUp ? -10
                                               : 10;
        moveCursor(m_cursor < 0 ? 0 : std::clamp(at + by, first, last));
        return;
    }
    if (const int to = movedCursor(key, m_cursor, count); to >= 0) { // Home, End
        moveCursor(to);
        return;
    }
    const bool enter = key == Qt::Key_Return || key == Qt::Key_Enter;
    if ((enter || key == Qt::Key_F2) && m_snapshot && m_cursor >= 0 && m_cursor < count &&
        items[std::size_t(m_cursor)].edge) {
        const Edge& e = *items[std::size_t(m_cursor)].edge;
        const DenseLayer& d = m_snapshot->dense[std::size_t(e.dense)];
        if (enter)
            emit weightClicked(d.layer, e.out, e.in);
        else
            emit editWeightRequested(d.layer, e.out, e.in,
                                     d.weight[std::size_t(Index(e.out) * d.in + e.in)]);
        return;
    }
    QWidget::keyPressEvent(event);
}

void NetworkView::focusInEvent(QFocusEvent* event) {
    if (focusedByKeyboard(event)) moveCursor(std::max(m_cursor, 0));
    QWidget::focusInEvent(event);
}

void NetworkView::focusOutEvent(QFocusEvent* event) {
    QToolTip::hideText();
    update();
    QWidget::focusOutEvent(event);
}

// Where the menu key opens the context menu: at the cursor's item.
QVariant NetworkView::inputMethodQuery(Qt::InputMethodQuery query) const {
    if (query == Qt::ImCursorRectangle && !cursorRect().isEmpty()) return cursorRect().toRect();
    return QWidget::inputMethodQuery(query);
}

} // namespace gs::ui
