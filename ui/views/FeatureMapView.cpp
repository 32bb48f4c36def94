#include "FeatureMapView.h"

#include "Palette.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {
constexpr double kMargin = 6, kGap = 4, kLayerGap = 12, kBandGap = 8;

// The channel's picture as numbers, row by row, and its side lengths: a map (height × width)
// or a filter (kernel × kernel, summed over the input channels).
struct Picture {
    std::vector<double> values;
    Index width = 0, height = 0;
};

Picture pictureOf(const FeatureMaps& f, Index channel, FeatureMapView::Row row) {
    Picture p;
    using Row = FeatureMapView::Row;
    if (row == Row::Map || row == Row::MapGradient) {
        const std::vector<float>& from = row == Row::Map ? f.values : f.gradients;
        const Index size = f.height * f.width;
        p.values.assign(from.begin() + channel * size, from.begin() + (channel + 1) * size);
        p.width = f.width;
        p.height = f.height;
        return p;
    }
    const std::vector<float>& from = row == Row::Filter ? f.filters : f.filterGradients;
    const Index size = f.kernel * f.kernel;
    p.values.assign(std::size_t(size), 0.0);
    for (Index i = 0; i < f.in; ++i)
        for (Index k = 0; k < size; ++k)
            p.values[std::size_t(k)] += from[std::size_t((channel * f.in + i) * size + k)];
    p.width = p.height = f.kernel;
    return p;
}

// The largest magnitude of a kind of picture over the layer's channels: their common scale.
double scaleOf(const FeatureMaps& f, FeatureMapView::Row row) {
    double largest = 1e-12;
    for (Index c = 0; c < f.channels; ++c)
        for (const double v : pictureOf(f, c, row).values)
            if (std::isfinite(v)) largest = std::max(largest, std::abs(v));
    return largest;
}
} // namespace

FeatureMapView::FeatureMapView(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
    // The dock's scroll area asks the policy, not hasHeightForWidth(), for a height to scroll.
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void FeatureMapView::setExplanation(DrawingPtr explanation) {
    m_explanation = std::move(explanation);
    // Each layer's scales, once: a paint draws every picture on them.
    m_scales.clear();
    if (m_explanation)
        for (const FeatureMaps& f : m_explanation->convolutions) {
            std::array<double, std::size_t(Row::Count)> scales{};
            for (int r = 0; r < int(Row::Count); ++r)
                scales[std::size_t(r)] = scaleOf(f, Row(r));
            m_scales.push_back(scales);
        }
    updateGeometry();
    update();
}

QString FeatureMapView::emptyText() const {
    if (!m_explanation)
        return tr("Draw a digit (the Draw a digit tab), or click a test digit in the output view: "
                  "each convolution's feature maps and filters appear here, with their "
                  "gradients.");
    if (m_explanation->convolutions.empty())
        return tr("This network has no convolutions: the mnist-cnn preset has two.");
    return {};
}

double FeatureMapView::labelWidth() const {
    const QFontMetricsF fm(font());
    double w = 0;
    for (int r = 0; r < int(Row::Count); ++r)
        w = std::max(w, fm.horizontalAdvance(rowName(Row(r))));
    return w + 8;
}

QString FeatureMapView::rowName(Row row) const {
    switch (row) {
    //: A row of the feature map view: each channel's output for the picture.
    case Row::Map:
        return tr("map");
    //: A row of the feature map view: the gradient of the class's score with respect to the map.
    case Row::MapGradient:
        return tr("∂ score / ∂ map");
    case Row::Filter:
        return tr("filter");
    case Row::FilterGradient:
        return tr("∂ score / ∂ filter");
    case Row::Count:
        break;
    }
    return {};
}

QString FeatureMapView::layerTitle(int convolution) const {
    const FeatureMaps& f = m_explanation->convolutions[std::size_t(convolution)];
    // Layers and channels count from 0, as the model file's names ("3.weight") and the
    // computation graph do.
    QString title = tr("Layer %1: %2 channels of %3 × %4")
                        .arg(f.layer)
                        .arg(f.channels)
                        .arg(f.height)
                        .arg(f.width);
    if (f.activation >= 0) title += tr(", after its activation");
    title += tr("; %1 × %1 filters").arg(f.kernel);
    if (f.in > 1) title += tr(" over %1 inputs (shown summed)").arg(f.in);
    return title;
}

QString FeatureMapView::headerText() const {
    if (const QString empty = emptyText(); !empty.isEmpty()) return empty;
    return tr("What each convolution makes of the picture in Draw a digit, and how it moves class "
              "%1's score (∂: blue raises it, orange lowers it).")
        .arg(m_explanation->explained);
}

double FeatureMapView::headerHeight(double width) const {
    return QFontMetricsF(font())
               .boundingRect(QRectF(0, 0, std::max(100.0, width - 2 * kMargin), 1e4),
                             Qt::TextWordWrap, headerText())
               .height() +
           kGap;
}

int FeatureMapView::columns(double width) const {
    return std::max(1, int((width - 2 * kMargin - labelWidth()) / (kTile + kGap)));
}

double FeatureMapView::layerTop(int convolution, double width) const {
    const double line = QFontMetricsF(font()).height() + kGap;
    const double band = int(Row::Count) * (kTile + kGap) + kBandGap;
    double top = kMargin + headerHeight(width);
    for (int l = 0; l < convolution; ++l) {
        const Index channels = m_explanation->convolutions[std::size_t(l)].channels;
        top += line + double((channels + columns(width) - 1) / columns(width)) * band + kLayerGap;
    }
    return top;
}

QRectF FeatureMapView::tileRect(int convolution, Index channel, Row row) const {
    if (!m_explanation || convolution < 0 ||
        convolution >= int(m_explanation->convolutions.size()) || channel < 0 ||
        channel >= m_explanation->convolutions[std::size_t(convolution)].channels)
        return {};
    const double line = QFontMetricsF(font()).height() + kGap;
    const double band = int(Row::Count) * (kTile + kGap) + kBandGap;
    const Index across = columns(width()), line0 = channel / across, column = channel % across;
    return QRectF(kMargin + labelWidth() + double(column) * (kTile + kGap),
                  layerTop(convolution, width()) + line + double(line0) * band +
                      int(row) * (kTile + kGap),
                  kTile, kTile);
}

QImage FeatureMapView::tileImage(int convolution, Index channel, Row row) const {
    if (tileRect(convolution, channel, row).isEmpty()) return {};
    const FeatureMaps& f = m_explanation->convolutions[std::size_t(convolution)];
    const Picture p = pictureOf(f, channel, row);
    const double scale = m_scales[std::size_t(convolution)][std::size_t(row)];
    const bool dark = isDark(palette());
    const CanvasColors colors = canvasColors(dark);
    QImage image(int(p.width), int(p.height), QImage::Format_RGB32);
    for (Index y = 0; y < p.height; ++y)
        for (Index x = 0; x < p.width; ++x) {
            const double v = p.values[std::size_t(y * p.width + x)] / scale;
            image.setPixel(
                int(x), int(y),
                row == Row::Map
                    ? blend(colors.background, colors.text, std::clamp(v, 0.0, 1.0)).rgb()
                    : divergingRgb(v, dark));
        }
    return image;
}

QSize FeatureMapView::sizeHint() const {
    // Room for eight channels side by side; narrower, they wrap.
    const int w = int(std::ceil(2 * kMargin + labelWidth() + 8 * (kTile + kGap)));
    return QSize(w, heightForWidth(w));
}

QSize FeatureMapView::minimumSizeHint() const {
    const int w = int(std::ceil(2 * kMargin + labelWidth() + kTile + kGap));
    return QSize(w, 60);
}

int FeatureMapView::heightForWidth(int width) const {
    const int layers = m_explanation ? int(m_explanation->convolutions.size()) : 0;
    return int(std::ceil(layerTop(layers, width) + kMargin));
}

void FeatureMapView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const CanvasColors colors = canvasColors(palette());
    p.fillRect(rect(), colors.background);
    p.setPen(colors.text);
    p.drawText(QRectF(kMargin, kMargin, width() - 2 * kMargin, headerHeight(width())),
               Qt::TextWordWrap, headerText());
    if (!emptyText().isEmpty()) return;
    const QFontMetricsF fm(font());
    for (int l = 0; l < int(m_explanation->convolutions.size()); ++l) {
        const FeatureMaps& f = m_explanation->convolutions[std::size_t(l)];
        p.setPen(colors.text);
        p.drawText(QPointF(kMargin, layerTop(l, width()) + fm.ascent()), layerTitle(l));
        for (int r = 0; r < int(Row::Count); ++r) {
            // Each band's row names, at its first channel.
            for (Index c = 0; c < f.channels; c += columns(width())) {
                const QRectF first = tileRect(l, c, Row(r));
                p.setPen(colors.muted);
                p.drawText(QRectF(kMargin, first.top(), labelWidth() - 4, first.height()),
                           Qt::AlignLeft | Qt::AlignVCenter, rowName(Row(r)));
            }
            for (Index c = 0; c < f.channels; ++c) {
                const QRectF at = tileRect(l, c, Row(r));
                p.drawImage(at, tileImage(l, c, Row(r)));
                p.setPen(colors.muted);
                p.drawRect(at);
            }
        }
    }
}

QString FeatureMapView::rowMeaning(Row row) const {
    switch (row) {
    case Row::Map:
        return tr("The channel's output for the picture: its filter slid over the layer's input, "
                  "then the activation. Where it is strong, the channel found what its filter "
                  "looks for.");
    case Row::MapGradient:
        return tr("How much each place of the map moves the class's score (its logit): blue "
                  "raises it, orange lowers it. Backpropagation computes it, on its way to the "
                  "filters.");
    case Row::Filter:
        return tr("The weights the channel slides over its input; with several input channels, "
                  "their sum is shown.");
    case Row::FilterGradient:
        return tr("How the score would change with each weight of the filter, for this one "
                  "picture: what training's gradient is made of, summed over a batch.");
    case Row::Count:
        break;
    }
    return {};
}

QString FeatureMapView::describeAt(const QPointF& pos) const {
    if (!m_explanation) return {};
    for (int l = 0; l < int(m_explanation->convolutions.size()); ++l) {
        const FeatureMaps& f = m_explanation->convolutions[std::size_t(l)];
        // A row's name: what the row shows, in words.
        for (Index c = 0; c < f.channels; c += columns(width()))
            for (int r = 0; r < int(Row::Count); ++r) {
                const QRectF tile = tileRect(l, c, Row(r));
                if (QRectF(kMargin, tile.top(), labelWidth(), tile.height()).contains(pos))
                    return rowMeaning(Row(r));
            }
        for (Index c = 0; c < f.channels; ++c)
            for (int r = 0; r < int(Row::Count); ++r) {
                if (!tileRect(l, c, Row(r)).contains(pos)) continue;
                const Picture picture = pictureOf(f, c, Row(r));
                const auto [low, high] =
                    std::minmax_element(picture.values.begin(), picture.values.end());
                //: A tooltip: "Layer 1, channel 3, ∂ score / ∂ map: from −0.012 to 0.034".
                return tr("Layer %1, channel %2, %3: from %4 to %5")
                    .arg(f.layer)
                    .arg(c)
                    .arg(rowName(Row(r)))
                    .arg(*low, 0, 'g', 3)
                    .arg(*high, 0, 'g', 3);
            }
    }
    return {};
}

bool FeatureMapView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = describeAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void FeatureMapView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    emit shown();
}

void FeatureMapView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange ||
        event->type() == QEvent::LanguageChange) {
        updateGeometry();
        update();
    }
    QWidget::changeEvent(event);
}

} // namespace gs::ui
