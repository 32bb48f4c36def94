#include "GraphView.h"

#include "KeyboardCursor.h"

#include "Language.h"
#include "Palette.h"

#include "TensorText.h"
#include "core/OpKind.h"

#include <QEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {

constexpr double kCaptionHeight = 48, kLegendHeight = 26, kBoxHeight = 50;
constexpr double kMinSlot = 108; // a column's width at least: room for "[64, 16, 12, 12]"
constexpr double kDecades = 3;   // edge colours span this many decades below the largest

bool isLeaf(OpKind op) {
    return op == OpKind::Input || op == OpKind::Leaf || op == OpKind::Parameter;
}

bool isLoss(OpKind op) {
    return op == OpKind::MseLoss || op == OpKind::CrossEntropy || op == OpKind::BceWithLogits;
}

QColor boxColor(OpKind op, bool group) {
    if (group) return QColor(232, 224, 245);
    if (op == OpKind::Parameter) return QColor(253, 224, 178);
    if (op == OpKind::Input || op == OpKind::Leaf) return QColor(224, 224, 224);
    if (isLoss(op)) return QColor(248, 208, 208);
    return QColor(214, 233, 248);
}

// Light blue-grey for a tiny gradient, through orange, to dark red for the largest.
QColor gradientColor(double t) {
    t = std::clamp(t, 0.0, 1.0);
    const QColor a(170, 190, 215), b(240, 140, 40), c(170, 20, 30);
    const auto mix = [](const QColor& x, const QColor& y, double f) {
        return QColor::fromRgbF(float(x.redF() + (y.redF() - x.redF()) * f),
                                float(x.greenF() + (y.greenF() - x.greenF()) * f),
                                float(x.blueF() + (y.blueF() - x.blueF()) * f));
    };
    return t < 0.5 ? mix(a, b, t * 2) : mix(b, c, (t - 0.5) * 2);
}

QPainterPath curve(const QPointF& from, const QPointF& to) {
    QPainterPath path(from);
    const double dx = std::max(30.0, (to.x() - from.x()) * 0.5);
    path.cubicTo(from + QPointF(dx, 0), to - QPointF(dx, 0), to);
    return path;
}

QString esc(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

} // namespace

GraphView::GraphView(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
    takeKeyboardFocus(this);
    setMinimumSize(minimumSizeHint());
}

void GraphView::setTrace(StepTracePtr trace) {
    if (!trace) {
        clear();
        return;
    }
    if (gs::Message problem = traceProblem(*trace); !problem.empty()) {
        // Said in clearedWhy(), so that it follows the language.
        clear();
        m_problem = std::move(problem);
        emit captionChanged(caption());
        return;
    }
    const bool sameShape = m_trace && m_trace->nodeNames == trace->nodeNames;
    m_clearedWhy.clear();
    m_problem = {};
    m_trace = std::move(trace);
    if (!sameShape) m_hasCursor = false;
    rebuild();
    update();
}

void GraphView::clear(const QString& why) {
    m_trace.reset();
    m_clearedWhy = why;
    m_problem = {};
    m_modelStep = -1;
    m_inPast = false;
    m_hasCursor = false;
    m_knownGroups.clear();
    m_expanded.clear();
    QToolTip::hideText();
    rebuild();
    update();
}

QString GraphView::clearedWhy() const {
    return m_problem.empty() ? m_clearedWhy
                             : tr("The graph could not be drawn: %1.").arg(translated(m_problem));
}

void GraphView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        // The caption, the boxes, the legend and the tooltips are made from the trace shown.
        QToolTip::hideText();
        emit captionChanged(caption());
        update();
    }
    QWidget::changeEvent(event);
}

void GraphView::setModelStep(long step, bool inPast) {
    if (step == m_modelStep && inPast == m_inPast) return;
    m_modelStep = step;
    m_inPast = inPast;
    emit captionChanged(caption());
    update();
}

void GraphView::setCursor(const TraceCursor& cursor) {
    m_cursor = cursor;
    m_hasCursor = true;
    if (const int box = boxOfNode(cursor.node); box >= 0) emit focusMoved(boxRect(box));
    update();
}

void GraphView::clearCursor() {
    m_hasCursor = false;
    update();
}

QString GraphView::groupOf(int node) const {
    return node >= 0 && std::size_t(node) < m_nodeGroup.size() ? m_nodeGroup[std::size_t(node)]
                                                               : QString();
}

QStringList GraphView::groups() const {
    QStringList list;
    for (const QString& g : m_knownGroups)
        list << g;
    std::sort(list.begin(), list.end(),
              [](const QString& a, const QString& b) { return a.toInt() < b.toInt(); });
    return list;
}

void GraphView::setCollapsed(const QString& group, bool collapsed) {
    if (collapsed)
        m_expanded.erase(group);
    else
        m_expanded.insert(group);
    rebuild();
    update();
}

void GraphView::setAllCollapsed(bool collapsed) {
    m_expanded.clear();
    if (!collapsed) m_expanded = m_knownGroups;
    rebuild();
    update();
}

void GraphView::rebuild() {
    m_boxes.clear();
    m_links.clear();
    m_edgeNorm.clear();
    m_edgeRecord.clear();
    m_nodeGroup.clear();
    m_boxOfNode.clear();
    m_recordOfNode.clear();
    m_maxNorm = 0;
    m_columns = m_rows = 0;
    if (!m_trace) {
        setMinimumSize(minimumSizeHint());
        emit captionChanged(caption());
        return;
    }
    const auto& fwd = m_trace->forward;
    const int n = int(fwd.size());
    // Groups: the Sequential's layers, as the trace records them (its parameters and the
    // output layer's op, renamed "output", included).
    m_nodeGroup.assign(std::size_t(n), QString());
    for (int i = 0; i < n; ++i)
        if (fwd[std::size_t(i)].layer >= 0)
            m_nodeGroup[std::size_t(i)] = QString::number(fwd[std::size_t(i)].layer);
    std::map<QString, int> members;
    for (const QString& g : m_nodeGroup)
        if (!g.isEmpty()) ++members[g];
    std::set<QString> known;
    for (const auto& [g, count] : members)
        if (count >= 2) known.insert(g);
    if (known != m_knownGroups) {
        m_knownGroups = known;
        m_expanded.clear();
        if (n <= kCollapseAbove) m_expanded = known;
    }
    // Boxes, in node order: a collapsed group is one box.
    m_boxOfNode.assign(std::size_t(n), -1);
    std::map<QString, int> groupBox;
    for (int i = 0; i < n; ++i) {
        const QString g = groupOf(i);
        const bool collapsed = m_knownGroups.count(g) && !m_expanded.count(g);
        if (collapsed && groupBox.count(g)) {
            m_boxes[std::size_t(groupBox[g])].nodes.push_back(i);
        } else {
            Box b;
            b.nodes.push_back(i);
            if (collapsed) {
                b.group = g;
                groupBox[g] = int(m_boxes.size());
            }
            m_boxes.push_back(b);
        }
        m_boxOfNode[std::size_t(i)] =
            int(groupBox.count(g) && collapsed ? groupBox[g] : int(m_boxes.size()) - 1);
    }
    for (Box& b : m_boxes)
        b.last = b.nodes.back();
    std::map<std::pair<int, int>, int> linkIndex;
    for (int i = 0; i < n; ++i)
        for (int in : fwd[std::size_t(i)].inputIds) {
            const int a = m_boxOfNode[std::size_t(in)], b = m_boxOfNode[std::size_t(i)];
            if (a == b) continue;
            auto [it, added] = linkIndex.emplace(std::make_pair(a, b), int(m_links.size()));
            if (added) m_links.push_back({a, b, {}});
            m_links[std::size_t(it->second)].edges.emplace_back(in, i);
        }
    // Gradients that flowed along each edge, from the backward records.
    m_recordOfNode.assign(std::size_t(n), -1);
    for (int k = 0; k < int(m_trace->backward.size()); ++k) {
        const StepRecord& r = m_trace->backward[std::size_t(k)];
        if (r.node >= 0 && r.node < n) m_recordOfNode[std::size_t(r.node)] = k;
        for (const EdgeStep& e : r.edges) {
            const double norm = tensorNorm(e.gradient);
            m_edgeNorm[{e.inputNode, r.node}] = norm;
            m_edgeRecord[{e.inputNode, r.node}] = k;
            m_maxNorm = std::max(m_maxNorm, norm);
        }
    }
    // Columns: the longest path from a leaf; leaves then move next to their first consumer.
    std::vector<int> column(m_boxes.size(), 0);
    for (std::size_t pass = 0; pass < m_boxes.size(); ++pass) {
        bool changed = false;
        for (const Link& l : m_links)
            if (column[std::size_t(l.to)] < column[std::size_t(l.from)] + 1) {
                column[std::size_t(l.to)] = column[std::size_t(l.from)] + 1;
                changed = true;
            }
        if (!changed) break;
    }
    for (std::size_t b = 0; b < m_boxes.size(); ++b) {
        const Box& box = m_boxes[b];
        if (box.nodes.size() != 1 || fwd[std::size_t(box.nodes[0])].op == OpKind::Input) continue;
        if (!isLeaf(fwd[std::size_t(box.nodes[0])].op)) continue;
        int first = 1 << 30;
        for (const Link& l : m_links)
            if (l.from == int(b)) first = std::min(first, column[std::size_t(l.to)]);
        if (first < (1 << 30)) column[b] = std::max(0, first - 1);
    }
    m_columns = 0;
    std::map<int, int> rowsIn;
    for (std::size_t b = 0; b < m_boxes.size(); ++b) {
        m_boxes[b].column = column[b];
        m_boxes[b].row = rowsIn[column[b]]++;
        m_columns = std::max(m_columns, column[b] + 1);
    }
    m_rows = 0;
    for (const auto& [c, rows] : rowsIn)
        m_rows = std::max(m_rows, rows);
    // Boxes stay readable: a wide graph gets wider than its dock and scrolls.
    setMinimumSize(std::max(minimumSizeHint().width(), int(m_columns * kMinSlot + 16)),
                   std::max(minimumSizeHint().height(),
                            int(kCaptionHeight + 14 + m_rows * (kBoxHeight + 8) + kLegendHeight)));
    place();
    emit captionChanged(caption());
}

void GraphView::place() {
    if (m_boxes.empty() || m_columns == 0) return;
    const double top = (m_captionDrawn ? kCaptionHeight : 0) + 8;
    const double bottom = height() - kLegendHeight - 6;
    const double slot = std::max(40.0, (width() - 16.0) / m_columns);
    const double boxWidth = std::min(150.0, slot * 0.8);
    std::map<int, int> rowsIn;
    for (const Box& b : m_boxes)
        rowsIn[b.column] = std::max(rowsIn[b.column], b.row + 1);
    const double rowHeight = std::max(kBoxHeight + 6, std::min(90.0, (bottom - top) / m_rows));
    for (Box& b : m_boxes) {
        const int rows = rowsIn[b.column];
        const double columnHeight = rows * rowHeight;
        const double y0 = top + std::max(0.0, (bottom - top - columnHeight) / 2);
        const double cx = 8 + slot * (b.column + 0.5);
        b.rect = QRectF(cx - boxWidth / 2, y0 + b.row * rowHeight + (rowHeight - kBoxHeight) / 2,
                        boxWidth, kBoxHeight);
    }
}

QPainterPath GraphView::linkPath(const Link& l) const {
    const QRectF a = m_boxes[std::size_t(l.from)].rect, b = m_boxes[std::size_t(l.to)].rect;
    const QPointF from(a.right(), a.center().y()), to(b.left(), b.center().y());
    QPainterPath direct = curve(from, to);
    // A link that would pass behind other boxes (a skip connection, in a row of ops) arcs over
    // them instead, so that the skip path and the gradient along it can be seen.
    double over = std::min(a.top(), b.top());
    bool blocked = false;
    for (std::size_t k = 0; k < m_boxes.size(); ++k) {
        const QRectF r = m_boxes[k].rect;
        if (int(k) == l.from || int(k) == l.to || r.right() < from.x() || r.left() > to.x())
            continue;
        if (direct.intersects(r)) blocked = true;
        if (r.bottom() > std::min(from.y(), to.y()) - kBoxHeight) over = std::min(over, r.top());
    }
    if (!blocked) return direct;
    const double y = over - 10;
    QPainterPath path(from);
    path.cubicTo(from + QPointF(24, 0), QPointF(from.x() + 4, y), QPointF(from.x() + 28, y));
    path.lineTo(to.x() - 28, y);
    path.cubicTo(QPointF(to.x() - 4, y), to - QPointF(24, 0), to);
    return path;
}

void GraphView::resizeEvent(QResizeEvent*) {
    place();
}

QRectF GraphView::boxRect(int box) const {
    return box >= 0 && box < boxCount() ? m_boxes[std::size_t(box)].rect : QRectF();
}

int GraphView::boxOfNode(int node) const {
    return node >= 0 && std::size_t(node) < m_boxOfNode.size() ? m_boxOfNode[std::size_t(node)]
                                                               : -1;
}

int GraphView::boxAt(const QPointF& pos) const {
    for (int b = 0; b < boxCount(); ++b)
        if (m_boxes[std::size_t(b)].rect.contains(pos)) return b;
    return -1;
}

QString GraphView::boxLabel(int box) const {
    if (box < 0 || box >= boxCount() || !m_trace) return {};
    const Box& b = m_boxes[std::size_t(box)];
    if (!b.group.isEmpty()) {
        //: A collapsed layer of the graph: its index, then the ops in it (matmul, add, relu).
        return tr("layer %1: %2").arg(b.group, groupOps(box));
    }
    return QString::fromStdString(m_trace->forward[std::size_t(b.nodes[0])].name);
}

QString GraphView::groupOps(int box) const {
    QStringList ops;
    for (int node : m_boxes[std::size_t(box)].nodes) {
        const OpKind op = m_trace->forward[std::size_t(node)].op;
        if (!isLeaf(op)) ops << QString::fromUtf8(opName(op));
    }
    return ops.join(QStringLiteral(", "));
}

const StepRecord* GraphView::backwardOf(int node) const {
    if (node < 0 || std::size_t(node) >= m_recordOfNode.size()) return nullptr;
    const int k = m_recordOfNode[std::size_t(node)];
    if (k < 0) return nullptr;
    if (m_hasCursor &&
        (m_cursor.phase == TraceCursor::Forward || m_cursor.phase == TraceCursor::Loss ||
         (m_cursor.phase == TraceCursor::Backward && k >= m_cursor.backwardDone)))
        return nullptr;
    return &m_trace->backward[std::size_t(k)];
}

bool GraphView::computed(int node) const {
    return !m_hasCursor || m_cursor.phase != TraceCursor::Forward || node < m_cursor.forwardDone;
}

double GraphView::linkGradient(const Link& link) const {
    double squares = 0;
    bool any = false;
    for (const auto& edge : link.edges) {
        const auto norm = m_edgeNorm.find(edge);
        if (norm == m_edgeNorm.end()) continue;
        if (m_hasCursor) {
            if (m_cursor.phase == TraceCursor::Forward || m_cursor.phase == TraceCursor::Loss)
                continue;
            if (m_cursor.phase == TraceCursor::Backward &&
                m_edgeRecord.at(edge) >= m_cursor.backwardDone)
                continue;
        }
        squares += norm->second * norm->second;
        any = true;
    }
    return any ? std::sqrt(squares) : -1;
}

double GraphView::edgeGradient(int fromBox, int toBox) const {
    for (const Link& l : m_links)
        if (l.from == fromBox && l.to == toBox) return linkGradient(l);
    return -1;
}

bool GraphView::inFocus(const Link& link) const {
    if (!m_hasCursor || m_cursor.node < 0) return false;
    for (const auto& [in, consumer] : link.edges) {
        if (consumer == m_cursor.node &&
            (m_cursor.phase == TraceCursor::Forward || m_cursor.phase == TraceCursor::Backward))
            return true;
    }
    return false;
}

void GraphView::setCaptionDrawn(bool drawn) {
    m_captionDrawn = drawn;
    place();
    update();
}

QRectF GraphView::groupFrame(const QString& group) const {
    QRectF frame;
    if (!m_expanded.count(group)) return frame;
    for (const Box& b : m_boxes)
        if (b.group.isEmpty() && groupOf(b.nodes[0]) == group) frame = frame.united(b.rect);
    return frame.isNull() ? frame : frame.adjusted(-6, -16, 6, 6);
}

QString GraphView::caption() const {
    if (!m_trace)
        return (clearedWhy().isEmpty() ? QString() : clearedWhy() + QLatin1Char(' ')) +
               tr("Press Step or Trace a step to see the computation graph of a training step "
                  "(with this view open, Step and Play keep it up to date).");
    bool dropout = false;
    for (const ForwardRecord& r : m_trace->forward)
        dropout |= r.op == OpKind::Dropout;
    QString text = (m_trace->sample >= 0
                        ? tr("Step %1, one sample (#%2): the graph is rebuilt on every forward "
                             "pass (define-by-run, as in PyTorch).")
                        : tr("Step %1, mini-batch of %2: the graph is rebuilt on every forward "
                             "pass (define-by-run, as in PyTorch)."))
                       .arg(m_trace->step)
                       .arg(m_trace->sample >= 0 ? m_trace->sample : m_trace->batch);
    if (m_modelStep > m_trace->step)
        text += tr(" The model has trained %1 more steps since (it is at step %2).")
                    .arg(m_modelStep - m_trace->step)
                    .arg(m_modelStep);
    // (Only where the timeline went back: while training, a step's trace can come before its
    // snapshot.)
    else if (m_inPast && m_modelStep >= 0 && m_modelStep < m_trace->step)
        //: The timeline went back to a step with no trace of its own (step 0, or one where a
        //: weight was set by hand): %1 that step.
        text += tr(" The timeline shows step %1, before this one, which has no trace of its own.")
                    .arg(m_modelStep);
    if (dropout) text += tr(" Dropout draws a new mask each pass, so what flows changes too.");
    text += tr(" Edges: ‖gradient‖ that flowed back along them.");
    if (!m_knownGroups.empty())
        text += tr(" Click a collapsed layer to expand it, a frame's title to collapse it.");
    text += tr(" Click a parameter or an op to check its gradient.");
    return text;
}

QString GraphView::nodeText(int node) const {
    const ForwardRecord& r = m_trace->forward[std::size_t(node)];
    const OpInfo& info = opInfo(r.op);
    std::array<std::string, kMaxInputs> inputs;
    for (std::size_t i = 0; i < r.inputs.size() && i < inputs.size(); ++i)
        inputs[i] = r.inputs[i];
    QString html = QStringLiteral("<b>%1</b> · %2 · %3")
                       .arg(esc(r.name), QString::fromUtf8(info.name),
                            QString::fromStdString(r.value.shape().str()));
    if (!isLeaf(r.op))
        html += QStringLiteral("<br><code>%1</code>")
                    .arg(translatedFormula(info.forward, fillFormula(info.forward, r.name, inputs))
                             .toHtmlEscaped());
    html += computed(node) ? tr("<br>value: %1").arg(tensorText(r.value).toHtmlEscaped())
                           : tr("<br>value: not computed yet");
    if (const StepRecord* b = backwardOf(node))
        html += m_trace->sample >= 0
                    ? tr("<br>gradient dL/d%1 of this traced sample: %2")
                          .arg(esc(r.name), tensorText(b->upstream).toHtmlEscaped())
                    : tr("<br>gradient dL/d%1 of this traced mini-batch (step %2): %3")
                          .arg(esc(r.name))
                          .arg(m_trace->step)
                          .arg(tensorText(b->upstream).toHtmlEscaped());
    else
        html += tr("<br>gradient: not reached yet");
    if (r.op == OpKind::Parameter || (r.layer >= 0 && !isLeaf(r.op)))
        html += tr("<br><i>Click to check its largest gradient entry against finite "
                   "differences.</i>");
    return html;
}

QString GraphView::describeAt(const QPointF& pos) const {
    if (!m_trace) return {};
    const int box = boxAt(pos);
    if (box >= 0) {
        const Box& b = m_boxes[std::size_t(box)];
        if (b.group.isEmpty()) return nodeText(b.nodes[0]);
        QString html = tr("<b>%1</b> (collapsed; click to expand)").arg(boxLabel(box));
        for (int node : b.nodes)
            html += QStringLiteral("<br>• %1 · %2")
                        .arg(esc(m_trace->forward[std::size_t(node)].name),
                             QString::fromStdString(
                                 m_trace->forward[std::size_t(node)].value.shape().str()));
        if (const StepRecord* r = backwardOf(b.last))
            html +=
                tr("<br>gradient at its output: %1").arg(tensorText(r->upstream).toHtmlEscaped());
        return html;
    }
    for (const Link& l : m_links) {
        const QPainterPath c = linkPath(l);
        for (int i = 0; i <= 24; ++i)
            if (QLineF(c.pointAtPercent(i / 24.0), pos).length() < 5) {
                const double g = linkGradient(l);
                QString html = tr("<b>%1 → %2</b>").arg(boxLabel(l.from), boxLabel(l.to));
                if (g < 0) return html + tr("<br>no gradient has flowed back along it yet");
                for (const auto& [in, consumer] : l.edges) {
                    const StepRecord* r = backwardOf(consumer);
                    if (!r) continue;
                    for (const EdgeStep& e : r->edges)
                        if (e.inputNode == in)
                            html +=
                                tr("<br><code>%1</code><br>sent back: %2")
                                    .arg(translatedFormula(
                                             opInfo(r->op).backward[std::size_t(e.slot)], e.formula)
                                             .toHtmlEscaped(),
                                         tensorText(e.gradient).toHtmlEscaped());
                }
                return html;
            }
    }
    return {};
}

void GraphView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    // The boxes keep their light fills (cards, on either palette); what is drawn between and
    // around them follows the palette.
    const bool dark = isDark(palette());
    const CanvasColors colours = canvasColors(palette());
    p.fillRect(rect(), dark ? colours.background : QColor(252, 252, 250));
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(colours.text);
    if (m_captionDrawn)
        p.drawText(QRectF(8, 4, width() - 16, kCaptionHeight), Qt::AlignLeft | Qt::TextWordWrap,
                   caption());
    if (!m_trace) {
        // On screen the caption beside the view says what to press; here only that it is empty
        // (and why, after a rejected trace).
        if (!m_captionDrawn) {
            p.setPen(colours.muted);
            p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                       clearedWhy().isEmpty() ? tr("No graph yet") : clearedWhy());
        }
        paintKeyboardFocus(p, this, {});
        return;
    }
    const auto& fwd = m_trace->forward;
    // Expanded layers: a faint frame around their ops.
    for (const QString& g : m_expanded) {
        const QRectF frame = groupFrame(g);
        if (frame.isNull()) continue;
        p.setPen(QPen(QColor(150, 130, 190), 1, Qt::DashLine));
        p.setBrush(QColor(232, 224, 245, 70));
        p.drawRoundedRect(frame, 6, 6);
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 0.8);
        p.setFont(f);
        p.setPen(dark ? QColor(190, 170, 230) : QColor(110, 90, 150));
        //: The title of the frame around an expanded layer's ops in the graph.
        p.drawText(frame.adjusted(6, 1, -4, 0), Qt::AlignLeft | Qt::AlignTop,
                   tr("layer %1").arg(g));
        p.setFont(font());
    }
    // Links, under the boxes.
    const double logMax = m_maxNorm > 0 ? std::log10(m_maxNorm) : 0;
    for (const Link& l : m_links) {
        const QRectF b = m_boxes[std::size_t(l.to)].rect;
        const QPainterPath c = linkPath(l);
        const double g = linkGradient(l);
        if (inFocus(l)) {
            p.setPen(QPen(QColor(255, 200, 0, 150), 10, Qt::SolidLine, Qt::RoundCap));
            p.setBrush(Qt::NoBrush);
            p.drawPath(c);
        }
        if (g < 0) {
            p.setPen(QPen(QColor(160, 160, 160), 1.3, Qt::DashLine));
        } else {
            const double t =
                g > 0 ? std::clamp((std::log10(g) - logMax + kDecades) / kDecades, 0.0, 1.0) : 0;
            p.setPen(QPen(gradientColor(t), 1.2 + 4.5 * t, Qt::SolidLine, Qt::RoundCap));
        }
        p.setBrush(Qt::NoBrush);
        p.drawPath(c);
        // Arrow head at the consumer.
        const QPointF tip(b.left(), b.center().y());
        p.setBrush(p.pen().color());
        p.setPen(Qt::NoPen);
        p.drawPolygon(QPolygonF({tip, tip + QPointF(-7, -4), tip + QPointF(-7, 4)}));
    }
    // Boxes.
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.82);
    for (int i = 0; i < boxCount(); ++i) {
        const Box& b = m_boxes[std::size_t(i)];
        const ForwardRecord& last = fwd[std::size_t(b.last)];
        const bool group = !b.group.isEmpty();
        const bool done = computed(b.nodes.front());
        QColor fill = boxColor(last.op, group);
        if (!done) fill.setAlpha(70);
        const bool focus = m_hasCursor && std::find(b.nodes.begin(), b.nodes.end(),
                                                    m_cursor.node) != b.nodes.end();
        p.setPen(focus ? QPen(QColor(255, 150, 0), 3)
                       : QPen(QColor(120, 120, 120), 1, group ? Qt::DashLine : Qt::SolidLine));
        p.setBrush(fill);
        p.drawRoundedRect(b.rect, 6, 6);
        p.setPen(done ? QColor(25, 25, 25) : QColor(150, 150, 150));
        const QRectF inner = b.rect.adjusted(4, 2, -4, -2);
        const QFontMetricsF fb(bold), fs(small);
        //: The title of a collapsed layer's box in the graph (▸: click to expand).
        const QString groupTitle = tr("layer %1 ▸");
        //: The title of a parameter's box in the graph: short for "parameter".
        const QString paramTitle = tr("param");
        QString title = group                          ? groupTitle.arg(b.group)
                        : last.op == OpKind::Parameter ? paramTitle
                                                       : QString::fromUtf8(opInfo(last.op).name);
        // An op whose name does not fit goes by its symbol ("batch_norm": "BN").
        if (!group && last.op != OpKind::Parameter &&
            QFontMetricsF(bold).horizontalAdvance(title) > inner.width())
            title = QString::fromUtf8(opInfo(last.op).symbol);
        const QString name = group ? groupOps(i) : QString::fromStdString(last.name);
        p.setFont(bold);
        p.drawText(QRectF(inner.left(), inner.top(), inner.width(), 16), Qt::AlignCenter,
                   fb.elidedText(title, Qt::ElideRight, inner.width()));
        p.setFont(small);
        p.drawText(QRectF(inner.left(), inner.top() + 16, inner.width(), 14), Qt::AlignCenter,
                   fs.elidedText(name, Qt::ElideMiddle, inner.width()));
        p.drawText(QRectF(inner.left(), inner.top() + 30, inner.width(), 14), Qt::AlignCenter,
                   fs.elidedText(QString::fromStdString(last.value.shape().str()), Qt::ElideRight,
                                 inner.width()));
        p.setFont(font());
    }
    // Legend.
    const double y = height() - kLegendHeight + 4;
    p.setFont(small);
    p.setPen(colours.text);
    //: The legend of the edge colours: this text, a colour bar, then "large".
    p.drawText(QRectF(8, y, 170, 16), Qt::AlignVCenter, tr("‖gradient‖, log scale: small"));
    for (int i = 0; i < 60; ++i)
        p.fillRect(QRectF(180 + i * 1.5, y + 5, 1.6, 6), gradientColor(i / 59.0));
    //: The large end of the legend's colour bar ("‖gradient‖, log scale: small … large").
    p.drawText(QRectF(276, y, 60, 16), Qt::AlignVCenter, tr("large"));
    p.setPen(QPen(QColor(160, 160, 160), 1.3, Qt::DashLine));
    p.drawLine(QPointF(330, y + 8), QPointF(356, y + 8));
    p.setPen(colours.text);
    p.drawText(QRectF(362, y, 200, 16), Qt::AlignVCenter, tr("no gradient (yet)"));
    const QColor swatches[] = {boxColor(OpKind::Input, false), boxColor(OpKind::Parameter, false),
                               boxColor(OpKind::Add, false), boxColor(OpKind::MseLoss, false)};
    //: The legend of the box colours: an input of the graph.
    const QString input = tr("input");
    //: The legend of the box colours: a parameter (weight, bias).
    const QString parameter = tr("parameter");
    //: The legend of the box colours: an operation.
    const QString op = tr("op");
    //: The legend of the box colours: the loss.
    const QString names[] = {input, parameter, op, tr("loss")};
    double x = 480;
    for (int i = 0; i < 4 && width() > 700; ++i) {
        p.setPen(colours.muted);
        p.setBrush(swatches[i]);
        p.drawRoundedRect(QRectF(x, y + 3, 14, 10), 2, 2);
        p.setPen(colours.text);
        p.drawText(QRectF(x + 18, y, 70, 16), Qt::AlignVCenter, names[i]);
        x += 24 + QFontMetricsF(small).horizontalAdvance(names[i]);
    }
    paintKeyboardFocus(p, this,
                       m_keyBox >= 0 && m_keyBox < boxCount() ? boxRect(m_keyBox) : QRectF());
}

void GraphView::mouseMoveEvent(QMouseEvent* event) {
    const QString text = describeAt(event->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void GraphView::mousePressEvent(QMouseEvent* event) {
    if (!m_trace || event->button() != Qt::LeftButton) return;
    const int box = boxAt(event->position());
    if (box < 0) {
        // The title strip of an expanded layer's frame collapses it.
        for (const QString& g : m_expanded) {
            const QRectF frame = groupFrame(g);
            if (!frame.isNull() &&
                QRectF(frame.left(), frame.top(), frame.width(), 16).contains(event->position())) {
                setCollapsed(g, true);
                return;
            }
        }
        return;
    }
    activateBox(box);
}

void GraphView::activateBox(int box) {
    if (!m_trace || box < 0 || box >= boxCount()) return;
    const Box& b = m_boxes[std::size_t(box)];
    if (!b.group.isEmpty()) {
        setCollapsed(b.group, false);
        return;
    }
    const int node = b.nodes[0];
    const ForwardRecord& r = m_trace->forward[std::size_t(node)];
    if (r.op == OpKind::Parameter) {
        // The entry with the largest gradient: where a wrong derivative would show most.
        qint64 best = 0;
        if (const StepRecord* rec = backwardOf(node)) {
            double largest = -1;
            for (Index i = 0; i < rec->upstream.numel(); ++i)
                if (std::abs(double(rec->upstream[i])) > largest)
                    largest = std::abs(double(rec->upstream[i])), best = qint64(i);
        }
        emit checkRequested(QString::fromStdString(r.name), best);
        return;
    }
    if (r.layer >= 0 && !isLeaf(r.op)) emit checkNodeRequested(r.layer);
}

std::vector<int> GraphView::readingOrder() const {
    std::vector<int> order(m_boxes.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        const Box& x = m_boxes[std::size_t(a)];
        const Box& y = m_boxes[std::size_t(b)];
        return std::pair(x.column, x.row) < std::pair(y.column, y.row);
    });
    return order;
}

void GraphView::moveKeyboardBox(int box) {
    if (box < 0 || box >= boxCount()) return;
    m_keyBox = box;
    const QRectF rect = boxRect(box);
    emit focusMoved(rect); // the scroll area shows it
    announceItem(this, rect, describeAt(rect.center()));
    update();
}

void GraphView::keyPressEvent(QKeyEvent* event) {
    const std::vector<int> order = readingOrder();
    const auto at = std::find(order.begin(), order.end(), m_keyBox);
    const int current = at == order.end() ? -1 : int(at - order.begin());
    if (const int to = movedCursor(event->key(), current, int(order.size())); to >= 0) {
        moveKeyboardBox(order[std::size_t(to)]);
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && m_keyBox >= 0) {
        activateBox(m_keyBox);
        return;
    }
    QWidget::keyPressEvent(event);
}

void GraphView::focusInEvent(QFocusEvent* event) {
    const std::vector<int> order = readingOrder();
    if (!order.empty() && focusedByKeyboard(event))
        moveKeyboardBox(m_keyBox >= 0 && m_keyBox < boxCount() ? m_keyBox : order[0]);
    QWidget::focusInEvent(event);
}

void GraphView::focusOutEvent(QFocusEvent* event) {
    QToolTip::hideText();
    update();
    QWidget::focusOutEvent(event);
}

} // namespace gs::ui
