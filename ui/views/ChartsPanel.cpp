#include "ChartsPanel.h"

#include "KeyboardCursor.h"
#include <QGraphicsLineItem>

#include "Language.h"
#include "Palette.h"
#include "WidgetExport.h"
#include "core/Errors.h"
#include "io/Serialize.h"

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMenu>
#include <QMessageBox>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {

// Bucket means: at most `limit` points, each saying which data points it stands for.
std::vector<ChartPoint> decimate(const std::vector<ChartPoint>& points, int limit) {
    if (int(points.size()) <= limit) return points;
    std::vector<ChartPoint> out;
    const double per = double(points.size()) / limit;
    for (int b = 0; b < limit; ++b) {
        const int from = int(b * per), to = std::max(from + 1, int((b + 1) * per));
        double x = 0, y = 0;
        int count = 0;
        for (int i = from; i < to; ++i) {
            const ChartPoint& p = points[std::size_t(i)];
            x += p.at.x() * p.count;
            y += p.at.y() * p.count;
            count += p.count;
        }
        ChartPoint mean;
        mean.at = QPointF(x / count, y / count);
        mean.first = points[std::size_t(from)].first;
        mean.last = points[std::size_t(to - 1)].last;
        mean.count = count;
        mean.epoch = to - from == 1 ? points[std::size_t(from)].epoch : 0;
        out.push_back(mean);
    }
    return out;
}

// The next 1, 2 or 5 × 10ⁿ at or above v.
double niceCeil(double v) {
    const double decade = std::pow(10, std::floor(std::log10(std::max(v, 1e-12))));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * decade >= v) return m * decade;
    return 10 * decade;
}

template <typename Axis> void setIfChanged(Axis* axis, double from, double to) {
    if (axis->min() != from || axis->max() != to) axis->setRange(from, to);
}

// Ticks at round intervals from 0, at most `intervals` of them (steps 0, 10, 20, … rather than
// 0, 12.5, 25, …; a loss 0, 0.2, 0.4, … rather than 0, 0.25, 0.5, …). Qt Charts lays the ticks
// out when the range changes, so a wider interval goes in first and a narrower one after: never
// a moment with hundreds of ticks, which a chart drawn at once (a screenshot, an export) shows.
void setRoundRange(QValueAxis* axis, double from, double to, double least, int intervals) {
    if (axis->tickType() != QValueAxis::TicksDynamic) {
        axis->setTickAnchor(0);
        axis->setTickInterval(std::max(least, to - from));
        axis->setTickType(QValueAxis::TicksDynamic);
    }
    const double interval = std::max(least, niceCeil((to - from) / std::max(1, intervals)));
    if (interval > axis->tickInterval()) axis->setTickInterval(interval);
    setIfChanged(axis, from, to);
    if (interval < axis->tickInterval()) axis->setTickInterval(interval);
}

QChart* newChart() {
    auto* chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

} // namespace

// Updates a chart in place: one series per line (found by its key, named in the current
// language), created on first use, its points replaced in one call (Qt Charts redraws once);
// the axes are kept and re-ranged. percent: the y axis is fixed at 0–100.
void ChartsPanel::setSeries(int chartIndex, const QList<Line>& lines, bool logY, bool percent) {
    QChart* chart = m_charts[chartIndex];
    if (chart->axes().isEmpty()) {
        auto* x = new QValueAxis;
        x->setLabelFormat(QStringLiteral("%g"));
        chart->addAxis(x, Qt::AlignBottom);
        QAbstractAxis* y = nullptr;
        if (logY) {
            auto* axis = new QLogValueAxis;
            axis->setBase(10);
            axis->setLabelFormat(QStringLiteral("%.0e"));
            y = axis;
        } else {
            auto* axis = new QValueAxis;
            axis->setLabelFormat(QStringLiteral("%g"));
            axis->setRange(0, 1);
            axis->setTickAnchor(0);
            axis->setTickInterval(0.2);
            axis->setTickType(QValueAxis::TicksDynamic);
            y = axis;
        }
        chart->addAxis(y, Qt::AlignLeft);
        applyFonts(chart);
    }
    auto* x = static_cast<QValueAxis*>(chart->axes(Qt::Horizontal).front());
    QAbstractAxis* y = chart->axes(Qt::Vertical).front();
    double low = 1e300, high = -1e300, xmax = 1;
    QList<QAbstractSeries*> existing = chart->series();
    auto& drawn = m_drawn[std::size_t(chartIndex)];
    drawn.clear();
    for (const Line& line : lines) {
        std::vector<ChartPoint> shown;
        for (const ChartPoint& p : line.points)
            if (std::isfinite(p.at.y()) && (!logY || p.at.y() > 0)) {
                shown.push_back(p);
                low = std::min(low, p.at.y());
                high = std::max(high, p.at.y());
                xmax = std::max(xmax, p.at.x());
            }
        QLineSeries* series = nullptr;
        for (QAbstractSeries* candidate : existing)
            if (candidate->objectName() == line.key) series = static_cast<QLineSeries*>(candidate);
        if (!series) {
            series = new QLineSeries;
            series->setObjectName(line.key);
            series->setName(line.name);
            connect(series, &QLineSeries::hovered, this,
                    [this, chartIndex, series](const QPointF& p, bool on) {
                        showHover(chartIndex, series->name(), p, on);
                    });
            chart->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
        }
        if (series->name() != line.name) series->setName(line.name); // a language change
        if (line.earlier) { // set each time: a change of theme resets the pens
            QPen pen(m_dark ? QColor(150, 150, 150) : QColor(120, 120, 120), 2, Qt::DashLine);
            if (series->pen() != pen) series->setPen(pen);
        }
        existing.removeAll(series);
        std::vector<ChartPoint> points = decimate(shown, ChartsPanel::kMaxPoints);
        QList<QPointF> at;
        at.reserve(qsizetype(points.size()));
        for (const ChartPoint& p : points)
            at.append(p.at);
        series->replace(at);
        drawn[line.name] = std::move(points);
    }
    describeLatest(chartIndex, lines);
    for (QAbstractSeries* stale : existing) { // lines that no longer exist (a new network)
        chart->removeSeries(stale);
        delete stale;
    }
    // Qt Charts hides a chart's legend entries when a line is added and shows them again only
    // when the legend's geometry changes; where it does not (a line added to a chart on screen:
    // the loss chart's test line, a new layer), the legend stayed blank, and nothing said which
    // line was which. So the chart, then its legend, are laid out again at once.
    const QList<QLegendMarker*> markers = chart->legend()->markers();
    if (std::any_of(markers.begin(), markers.end(),
                    [](const QLegendMarker* m) { return !m->isVisible(); })) {
        chart->layout()->invalidate();
        chart->layout()->activate();
        chart->legend()->layout()->invalidate();
        chart->legend()->layout()->activate();
    }
    if (low > high) low = logY ? 1e-3 : 0, high = 1;
    // Every range change makes Qt Charts recompute each line's outline, so the ranges move in
    // steps: x to the next 1, 2 or 5 × 10ⁿ, y only when the data leave it or use under half.
    setRoundRange(x, 0.0, niceCeil(xmax), 1.0, 5);
    if (logY) {
        auto* axis = static_cast<QLogValueAxis*>(y);
        const double from = std::pow(10, std::floor(std::log10(low)));
        const double to = std::pow(10, std::ceil(std::log10(high * 1.0001)));
        if (axis->min() > low || axis->max() < high || axis->min() < from / 100 ||
            axis->max() > to * 100)
            setIfChanged(axis, from, to);
        fitTicks(chartIndex);
    } else {
        auto* axis = static_cast<QValueAxis*>(y);
        if (percent) {
            setRoundRange(axis, 0.0, 100.0, 0.0, tickRoom(chartIndex));
        } else {
            const double from = std::min(0.0, low);
            if (axis->min() > from || axis->max() < high || axis->max() > 2 * high)
                setRoundRange(axis, from, high > from ? niceCeil(high * 1.05) : from + 1, 0.0,
                              tickRoom(chartIndex));
        }
    }
}

// For screen readers, and anyone who wants the number rather than the line: each chart's view
// describes its lines' latest values in words ("Loss by step — latest: batch 0.6380 at 152").
void ChartsPanel::describeLatest(int chartIndex, const QList<Line>& lines) {
    QStringList latest;
    for (const Line& line : lines)
        for (auto p = line.points.rbegin(); p != line.points.rend(); ++p)
            if (std::isfinite(p->at.y())) { // a bucket's mean, the last x it covers
                //: A chart line's latest value: its name, the value, the step or epoch.
                latest << tr("%1 %2 at %3")
                              .arg(line.name)
                              .arg(p->at.y(), 0, 'g', 4)
                              .arg(std::max(p->last, p->at.x()), 0, 'g', 6);
                break;
            }
    QChartView* view = m_views[chartIndex];
    view->setAccessibleName(m_charts[chartIndex]->title());
    //: A chart's description for screen readers: its title, then its lines' latest values.
    view->setAccessibleDescription(
        latest.isEmpty()
            ? tr("%1 — no values yet").arg(m_charts[chartIndex]->title())
            : tr("%1 — latest: %2")
                  .arg(m_charts[chartIndex]->title(), latest.join(QStringLiteral("; "))));
}

// Qt Charts cuts a y label to "…" when it is taller than the space between two ticks: a short
// chart (the 1280×720 window) with a tick every 0.2, or one per decade over many decades, had
// every label cut. So the ticks thin out with the plot's height: a coarser round interval, a
// log base of 100 or 1000.
int ChartsPanel::tickRoom(int chartIndex) const {
    QChart* chart = m_charts[chartIndex];
    const double height = chart->plotArea().height();
    const QList<QAbstractAxis*> axes = chart->axes(Qt::Vertical);
    if (height <= 0 || axes.isEmpty()) return 5;
    const double labelHeight = QFontMetricsF(axes.front()->labelsFont()).height();
    return std::clamp(int(height / (1.5 * labelHeight)), 1, 5);
}

void ChartsPanel::fitTicks(int chartIndex) {
    QChart* chart = m_charts[chartIndex];
    const QList<QAbstractAxis*> axes = chart->axes(Qt::Vertical);
    if (axes.isEmpty() || chart->plotArea().height() <= 0) return;
    if (auto* linear = qobject_cast<QValueAxis*>(axes.front())) {
        setRoundRange(linear, linear->min(), linear->max(), 0.0, tickRoom(chartIndex));
        return;
    }
    auto* axis = qobject_cast<QLogValueAxis*>(axes.front());
    if (!axis || !(axis->min() > 0) || !(axis->max() > axis->min())) return;
    const double decades = std::log10(axis->max() / axis->min());
    // Labels that fit, not capped like the linear axes': a tall chart labels every decade.
    const double labelHeight = QFontMetricsF(axis->labelsFont()).height();
    const int fit = std::max(2, int(chart->plotArea().height() / (1.5 * labelHeight)));
    int decadesPerTick = 1;
    while (decades / decadesPerTick + 1 > fit && decadesPerTick < 100)
        ++decadesPerTick;
    const double base = std::pow(10.0, decadesPerTick);
    if (axis->base() != base) axis->setBase(base);
}

QString ChartsPanel::hoverText(int chart, const QString& series, const QPointF& at) const {
    if (chart < 0 || std::size_t(chart) >= m_drawn.size()) return {};
    const auto found = m_drawn[std::size_t(chart)].find(series);
    if (found == m_drawn[std::size_t(chart)].end() || found->second.empty()) return {};
    const std::vector<ChartPoint>& points = found->second;
    // The points are in x order: the nearest one in x is next to the first at or after `at`.
    auto next = std::lower_bound(points.begin(), points.end(), at.x(),
                                 [](const ChartPoint& p, double x) { return p.at.x() < x; });
    if (next == points.end() ||
        (next != points.begin() && at.x() - std::prev(next)->at.x() < next->at.x() - at.x()))
        --next;
    const ChartPoint& p = *next;
    const QString value =
        QString::number(p.at.y(), 'g', 5) + (chart == 1 ? QStringLiteral(" %") : QString());
    QString where;
    if (p.count > 1)
        //: Where a point of a chart's line is: the mean of several steps' values.
        where = tr("steps %1–%2 (mean of %3 points)")
                    .arg(std::llround(p.first))
                    .arg(std::llround(p.last))
                    .arg(p.count);
    else if (p.epoch > 0)
        where = tr("epoch %1 (step %2)").arg(p.epoch).arg(std::llround(p.at.x()));
    else
        where = tr("step %1").arg(std::llround(p.at.x()));
    //: A chart's tooltip: the line's name, then where the point is and its value.
    return tr("%1\n%2: %3").arg(series, where, value);
}

void ChartsPanel::showHover(int chart, const QString& series, const QPointF& at, bool on) {
    if (!on) {
        QToolTip::hideText();
        return;
    }
    m_lastHover = hoverText(chart, series, at);
    if (!m_lastHover.isEmpty()) QToolTip::showText(QCursor::pos(), m_lastHover, m_views[chart]);
}

void ChartsPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        QToolTip::hideText(); // it named a line in the old language
        retranslate();
        redraw(); // the lines' names
    }
    if (event->type() == QEvent::PaletteChange && gs::ui::isDark(palette()) != m_dark)
        setDark(gs::ui::isDark(palette()));
    if (event->type() == QEvent::FontChange)
        for (QChart* chart : m_charts)
            applyFonts(chart);
    QWidget::changeEvent(event);
}

ChartsPanel::ChartsPanel(QWidget* parent)
    : QWidget(parent)
    , m_redrawTimer(new QTimer(this)) {
    m_redrawTimer->setSingleShot(true);
    connect(m_redrawTimer, &QTimer::timeout, this, &ChartsPanel::startRedraw);
    m_drawn.resize(4);
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < 4; ++i) {
        QChart* chart = newChart();
        auto* view = new QChartView(chart, this);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(220, 180);
        grid->addWidget(view, i / 2, i % 2);
        view->installEventFilter(this);
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(
            view, &QWidget::customContextMenuRequested, this, [this, i, view](const QPoint& at) {
                QMenu menu;
                menu.addAction(tr("Export this chart…"), this, [this, i] {
                    const QString path = QFileDialog::getSaveFileName(
                        this, tr("Export chart"), {},
                        tr("PNG (*.png);;SVG (*.svg);;PDF (*.pdf);;CSV (*.csv)"));
                    if (path.isEmpty()) return;
                    try {
                        exportChart(i, path);
                    } catch (const gs::Error& e) {
                        QMessageBox::warning(this, tr("Export"), translated(e));
                    } catch (const std::exception& e) {
                        QMessageBox::warning(this, tr("Export"), QString::fromStdString(e.what()));
                    }
                });
                menu.exec(view->mapToGlobal(at));
            });
        m_charts.append(chart);
        applyFonts(chart);
        m_views.append(view);
        // Queued: changing an axis while Qt Charts lays the chart out loses the legend.
        connect(
            chart, &QChart::plotAreaChanged, this, [this, i] { fitTicks(i); },
            Qt::QueuedConnection);
        connect(
            chart, &QChart::plotAreaChanged, this, [this, i] { placeCursor(i); },
            Qt::QueuedConnection);
    }
    retranslate();
    redraw();
}

void ChartsPanel::setStepCursor(long step) {
    m_cursor = step;
    for (int i = 0; i < m_charts.size(); ++i)
        placeCursor(i);
}

void ChartsPanel::placeCursor(int index) {
    QChart* chart = m_charts[index];
    if (m_cursorLines.size() <= index) m_cursorLines.resize(index + 1, nullptr);
    QGraphicsLineItem*& line = m_cursorLines[index];
    if (!line) {
        line = new QGraphicsLineItem(chart);
        line->setZValue(100);
    }
    const QList<QAbstractSeries*> series = chart->series();
    const QRectF area = chart->plotArea();
    if (m_cursor < 0 || series.isEmpty() || area.isEmpty()) {
        line->hide();
        return;
    }
    const double x = chart->mapToPosition(QPointF(double(m_cursor), 1), series.front()).x();
    if (!(x >= area.left() - 0.5 && x <= area.right() + 0.5)) {
        line->hide();
        return;
    }
    QPen pen(palette().color(QPalette::Highlight));
    pen.setWidthF(2);
    line->setPen(pen);
    line->setLine(x, area.top(), x, area.bottom());
    line->show();
}

void ChartsPanel::retranslate() {
    const QString titles[] = {tr("Loss by step"), tr("Accuracy % per epoch"),
                              tr("Gradient norm ‖dL/dW‖ (log)"), tr("Update ratio ‖ΔW‖/‖W‖ (log)")};
    for (int i = 0; i < m_charts.size(); ++i) {
        m_charts[i]->setTitle(titles[i]);
        m_views[i]->setToolTip(tr("Hover a line for its values; right-click to export this chart"));
        describeLatest(i, {}); // until the next redraw gives the values
    }
}

void ChartsPanel::clear() {
    m_history = {};
    m_batchLoss.clear();
    for (Decimator& line : m_epochLines)
        line.clear();
    m_hasTest = false;
    m_earlierLoss.clear();
    m_earlierAccuracy.clear();
    m_earlierShown = m_earlierTest = false;
    m_norms.clear();
    m_ratios.clear();
    m_layerIds.clear();
    redraw();
}

void ChartsPanel::setHistory(const MetricsHistory& history) {
    clear();
    m_history = history;
    for (const auto& [step, loss] : m_history.stepLosses)
        m_batchLoss.add(double(step), loss);
    for (const EpochReport& e : m_history.epochs)
        addEpoch(e);
    for (const auto& [step, layers] : m_history.layerStats)
        addLayerStats(step, layers);
    redraw();
}

void ChartsPanel::clearEarlier() {
    m_earlierLoss.clear();
    m_earlierAccuracy.clear();
    m_earlierShown = m_earlierTest = false;
    redraw();
}

void ChartsPanel::setEarlier(const MetricsHistory& history, long branch) {
    m_earlierLoss.clear();
    m_earlierAccuracy.clear();
    m_earlierShown = true;
    for (const auto& [step, loss] : history.stepLosses)
        if (step >= branch) m_earlierLoss.add(double(step), loss);
    m_earlierTest = std::any_of(history.epochs.begin(), history.epochs.end(),
                                [](const EpochReport& e) { return e.test.accuracy >= 0; });
    for (const EpochReport& e : history.epochs) {
        const double accuracy = m_earlierTest ? e.test.accuracy : e.trainAccuracy;
        if (e.step >= branch && accuracy >= 0)
            m_earlierAccuracy.add(double(e.step), 100 * accuracy, false, e.epoch);
    }
    redraw();
}

void ChartsPanel::append(const Snapshot& s) {
    if (s.stepLosses.empty() && s.epochs.empty()) return;
    for (const auto& point : s.stepLosses) {
        m_history.stepLosses.push_back(point);
        m_batchLoss.add(double(point.first), point.second);
    }
    for (const EpochReport& e : s.epochs) {
        m_history.add(e);
        addEpoch(e);
    }
    for (const auto& [step, layers] : s.layerStats) {
        m_history.layerStats.emplace_back(step, layers);
        addLayerStats(step, layers);
    }
    scheduleRedraw();
}

void ChartsPanel::exportChart(int index, const QString& path) {
    flush();
    if (QFileInfo(path).suffix().toLower() == QStringLiteral("csv")) {
        writeFileAtomic(path.toStdString(),
                        index >= 2 ? m_history.layerStatsCsv() : m_history.csv());
        return;
    }
    exportWidget(m_views.at(index), path, m_charts.at(index)->title());
}

void ChartsPanel::setDark(bool dark) {
    m_dark = dark;
    for (QChart* chart : m_charts) {
        const QString title = chart->title();
        chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        chart->setProperty("gsFramed", false); // the theme's frame now
        chart->setTitle(title);
        applyFonts(chart); // a theme brings its own fonts
    }
    for (int i = 0; i < int(m_views.size()); ++i)
        if (m_views[i]->hasFocus()) showFocus(i, true);
}

bool ChartsPanel::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)
        for (int i = 0; i < int(m_views.size()); ++i)
            if (m_views[i] == watched)
                showFocus(i, event->type() == QEvent::FocusIn &&
                                 focusedByKeyboard(static_cast<QFocusEvent*>(event)));
    return QWidget::eventFilter(watched, event);
}

void ChartsPanel::showFocus(int chartIndex, bool focused) {
    QChart* chart = m_charts[chartIndex];
    const bool framed = chart->property("gsFramed").toBool();
    if (focused == framed) return;
    if (focused) // the theme's own frame, back when the focus leaves
        chart->setProperty("gsThemePen", QVariant::fromValue(chart->backgroundPen()));
    chart->setBackgroundPen(focused ? QPen(palette().color(QPalette::Highlight), 3)
                                    : chart->property("gsThemePen").value<QPen>());
    chart->setProperty("gsFramed", focused);
}

void ChartsPanel::applyFonts(QChart* chart) const {
    // The panel's font follows the application's (presenter mode's text size); Qt Charts keeps
    // the fonts it was made with unless told.
    QFont title = font();
    title.setBold(true);
    QFont labels = font();
    if (labels.pointSizeF() > 0) labels.setPointSizeF(labels.pointSizeF() * 0.85);
    if (chart->titleFont() != title) chart->setTitleFont(title);
    if (chart->legend()->font() != labels) chart->legend()->setFont(labels);
    for (QAbstractAxis* axis : chart->axes())
        if (axis->labelsFont() != labels) axis->setLabelsFont(labels);
}

void ChartsPanel::flush() {
    if (m_redrawTimer->isActive() || m_nextChart >= 0) redraw();
}

void ChartsPanel::scheduleRedraw() {
    if (m_nextChart >= 0) return; // the redraw under way will show this too
    const qint64 since = m_sinceRedraw.isValid() ? m_sinceRedraw.elapsed() : kRedrawMs;
    if (since >= kRedrawMs)
        startRedraw();
    else if (!m_redrawTimer->isActive())
        m_redrawTimer->start(int(kRedrawMs - since));
}

int ChartsPanel::pointCount(int chart) const {
    int n = 0;
    for (QAbstractSeries* series : m_charts.at(chart)->series())
        n += int(static_cast<QLineSeries*>(series)->count());
    return n;
}

void ChartsPanel::addLayerStats(long step, const std::vector<LayerStats>& layers) {
    if (m_norms.size() != layers.size()) {
        m_norms.assign(layers.size(), Decimator(kMaxPoints));
        m_ratios.assign(layers.size(), Decimator(kMaxPoints));
        m_layerIds.clear();
        for (const LayerStats& l : layers)
            m_layerIds.push_back(l.layer);
    }
    for (std::size_t l = 0; l < layers.size(); ++l) {
        m_norms[l].add(double(step), layers[l].gradientNorm, true);
        m_ratios[l].add(double(step), layers[l].updateRatio, true);
    }
}

void ChartsPanel::addEpoch(const EpochReport& e) {
    const double step = double(e.step);
    m_hasTest = m_hasTest || e.test.samples > 0;
    m_epochLines[kTrainLoss].add(step, e.trainLoss, false, e.epoch);
    if (e.test.samples > 0) m_epochLines[kTestLoss].add(step, e.test.loss, false, e.epoch);
    if (e.trainAccuracy >= 0)
        m_epochLines[kTrainAccuracy].add(step, 100 * e.trainAccuracy, false, e.epoch);
    if (e.test.accuracy >= 0)
        m_epochLines[kTestAccuracy].add(step, 100 * e.test.accuracy, false, e.epoch);
}

void ChartsPanel::redraw() {
    m_redrawTimer->stop();
    m_sinceRedraw.restart();
    m_nextChart = -1; // an incremental redraw in progress is overtaken
    for (int chart = 0; chart < 4; ++chart)
        redrawChart(chart);
}

// While training plays, the four charts are redrawn one per turn of the event loop: Qt Charts
// takes several milliseconds a chart (a deep network's statistics are 14 lines), and four in one
// go held the GUI thread for 25–30 ms.
void ChartsPanel::startRedraw() {
    m_redrawTimer->stop();
    m_sinceRedraw.restart();
    m_nextChart = 0;
    redrawNext();
}

void ChartsPanel::redrawNext() {
    if (m_nextChart < 0) return;
    redrawChart(m_nextChart++);
    if (m_nextChart < 4)
        QMetaObject::invokeMethod(this, &ChartsPanel::redrawNext, Qt::QueuedConnection);
    else
        m_nextChart = -1;
}

void ChartsPanel::redrawChart(int chart) {
    switch (chart) {
    case 0: {
        // Short names: a legend too wide for its chart is not drawn at all.
        QList<Line> loss = {
            //: A line of the loss chart: the loss of each mini-batch.
            {QStringLiteral("batch"), tr("batch"), m_batchLoss.drawn()},
            //: A line of the loss chart: the loss on the training set, once per epoch.
            {QStringLiteral("train"), tr("train (epoch)"), m_epochLines[kTrainLoss].drawn()}};
        if (m_hasTest)
            loss.append({QStringLiteral("test"),
                         //: A line of the loss chart: the loss on the test set, once per epoch.
                         tr("test (epoch)"), m_epochLines[kTestLoss].drawn()});
        if (m_earlierShown)
            loss.append({QStringLiteral("earlier"),
                         //: A line of the loss chart: the batch loss of the run a branch left.
                         tr("earlier run"), m_earlierLoss.drawn(), true});
        setSeries(0, loss, false);
        break;
    }
    case 1: {
        QList<Line> accuracy = {
            //: A line of the accuracy chart: the accuracy on the training set.
            {QStringLiteral("train"), tr("train"), m_epochLines[kTrainAccuracy].drawn()},
            //: A line of the accuracy chart: the accuracy on the test set.
            {QStringLiteral("test"), tr("test"), m_epochLines[kTestAccuracy].drawn()}};
        if (m_earlierShown)
            accuracy.append({QStringLiteral("earlier"),
                             m_earlierTest
                                 //: A line of the accuracy chart: the run a branch left.
                                 ? tr("earlier run (test)")
                                 : tr("earlier run (train)"),
                             m_earlierAccuracy.drawn(), true});
        setSeries(1, accuracy, false, true);
        break;
    }
    default: {
        const std::vector<Decimator>& stats = chart == 2 ? m_norms : m_ratios;
        QList<Line> lines;
        for (std::size_t l = 0; l < stats.size(); ++l)
            lines.append({QStringLiteral("layer %1").arg(m_layerIds[l]),
                          //: A line of the gradient-norm and update-ratio charts: one layer.
                          tr("layer %1").arg(m_layerIds[l]), stats[l].drawn()});
        setSeries(chart, lines, true);
        break;
    }
    }
    placeCursor(chart);
}

void Decimator::add(double x, double y, bool positive, int epoch) {
    if (m_buckets.empty() || m_buckets.back().taken >= m_width) m_buckets.emplace_back();
    Bucket& b = m_buckets.back();
    ++b.taken;
    if (std::isfinite(y) && (!positive || y > 0)) {
        if (!b.valid) b.first = x;
        b.last = x;
        b.x += x;
        b.y += y;
        b.epoch = epoch;
        ++b.valid;
    }
    if (m_buckets.size() > 2 * std::size_t(m_limit) && m_buckets.back().taken >= m_width) {
        std::vector<Bucket> merged;
        for (std::size_t i = 0; i + 1 < m_buckets.size(); i += 2) {
            const Bucket &p = m_buckets[i], &q = m_buckets[i + 1];
            merged.push_back({p.x + q.x, p.y + q.y, p.valid ? p.first : q.first,
                              q.valid ? q.last : p.last, p.valid + q.valid, p.taken + q.taken,
                              q.valid ? q.epoch : p.epoch});
        }
        if (m_buckets.size() % 2) merged.push_back(m_buckets.back());
        m_buckets = std::move(merged);
        m_width *= 2;
    }
}

QList<QPointF> Decimator::points() const {
    QList<QPointF> out;
    out.reserve(qsizetype(m_buckets.size()));
    for (const Bucket& b : m_buckets)
        if (b.valid) out.append({b.x / b.valid, b.y / b.valid});
    return out;
}

std::vector<ChartPoint> Decimator::drawn() const {
    std::vector<ChartPoint> out;
    out.reserve(m_buckets.size());
    for (const Bucket& b : m_buckets)
        if (b.valid)
            out.push_back(
                {QPointF(b.x / b.valid, b.y / b.valid), b.first, b.last, b.valid, b.epoch});
    return out;
}

} // namespace gs::ui
