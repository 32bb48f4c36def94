#include "StepThroughPanel.h"

#include "TensorText.h"
#include "core/OpKind.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace gs::ui {

namespace {

const char* const kPhaseNames[] = {"Forward", "Loss", "Backward", "Update"};

QString numbers(const Tensor& t) {
    return tensorText(t);
}

QString esc(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

} // namespace

StepThroughPanel::StepThroughPanel(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    for (int i = 0; i < 4; ++i) {
        m_phases[i] = new QLabel(tr(kPhaseNames[i]));
        m_phases[i]->setAlignment(Qt::AlignCenter);
        m_phases[i]->setMinimumWidth(70);
        bar->addWidget(m_phases[i]);
        if (i < 3) bar->addWidget(new QLabel(QStringLiteral("→")));
    }
    layout->addLayout(bar);
    auto* buttons = new QHBoxLayout;
    auto* trace = new QPushButton(tr("Trace a step"));
    trace->setToolTip(tr("Take one training step and write it down, node by node (T)"));
    trace->setShortcut(Qt::Key_T);
    connect(trace, &QPushButton::clicked, this,
            [this] { emit traceRequested(oneSample(), sample()); });
    m_scope = new QComboBox;
    m_scope->addItem(tr("Mini-batch"));
    m_scope->addItem(tr("One sample"));
    m_scope->setToolTip(tr("Mini-batch: the next real training step. One sample: the step the "
                           "network would take on one training sample, on a copy (the session "
                           "does not move), so every number is a single example's"));
    m_sample = new QSpinBox;
    m_sample->setRange(0, 1 << 30);
    m_sample->setPrefix(tr("sample #"));
    m_sample->setEnabled(false);
    m_sample->setToolTip(tr("Which training sample (row of the training set)"));
    connect(m_scope, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_sample->setEnabled(index == 1); });
    auto* check = new QPushButton(tr("Check gradients"));
    check->setToolTip(tr("Compare every gradient with the central finite difference "
                         "(L(w + ε) − L(w − ε)) / 2ε on the next batch, without training"));
    connect(check, &QPushButton::clicked, this, &StepThroughPanel::checkRequested);
    m_restart = new QPushButton(tr("Restart"));
    m_previous = new QPushButton(tr("◀ Previous"));
    m_next = new QPushButton(tr("Next ▶"));
    m_end = new QPushButton(tr("End of phase"));
    m_next->setToolTip(tr("The next node (N)"));
    m_next->setShortcut(Qt::Key_N);
    m_previous->setShortcut(Qt::Key_B);
    m_previous->setToolTip(tr("The previous node (B)"));
    connect(m_restart, &QPushButton::clicked, this, &StepThroughPanel::restart);
    connect(m_previous, &QPushButton::clicked, this, &StepThroughPanel::previous);
    connect(m_next, &QPushButton::clicked, this, &StepThroughPanel::next);
    connect(m_end, &QPushButton::clicked, this, &StepThroughPanel::endOfPhase);
    buttons->addWidget(trace);
    buttons->addWidget(m_scope);
    buttons->addWidget(m_sample);
    for (QPushButton* b : {check, m_restart, m_previous, m_next, m_end})
        buttons->addWidget(b);
    layout->addLayout(buttons);
    m_where = new QLabel;
    layout->addWidget(m_where);
    m_details = new QTextBrowser;
    m_details->setMinimumHeight(160);
    layout->addWidget(m_details, 1);
    show();
}

void StepThroughPanel::setGradientCheck(GradientCheckPtr check) {
    m_check = std::move(check);
    show();
}

void StepThroughPanel::setTrace(StepTracePtr trace) {
    m_check.reset();
    m_trace = std::move(trace);
    m_items.clear();
    if (m_trace) {
        for (int i = 0; i < int(m_trace->forward.size()); ++i)
            m_items.push_back({TracePhase::Forward, i});
        m_items.push_back({TracePhase::Loss, -1});
        for (int i = 0; i < int(m_trace->backward.size()); ++i)
            m_items.push_back({TracePhase::Backward, i});
        for (int i = 0; i < int(m_trace->updates.size()); ++i)
            m_items.push_back({TracePhase::Update, i});
    }
    m_position = 0;
    show();
}

void StepThroughPanel::setOneSample(bool one, int sample) {
    m_scope->setCurrentIndex(one ? 1 : 0);
    m_sample->setValue(sample);
}

bool StepThroughPanel::oneSample() const {
    return m_scope->currentIndex() == 1;
}

int StepThroughPanel::sample() const {
    return m_sample->value();
}

TraceCursor StepThroughPanel::cursor() const {
    TraceCursor c;
    if (!m_trace || m_items.empty()) return c;
    const Item& item = m_items[std::size_t(m_position)];
    const StepTrace& t = *m_trace;
    switch (item.phase) {
    case TracePhase::Forward:
        c.phase = TraceCursor::Forward;
        c.forwardDone = item.index + 1;
        c.node = t.forward[std::size_t(item.index)].node;
        break;
    case TracePhase::Loss:
        c.phase = TraceCursor::Loss;
        c.forwardDone = int(t.forward.size());
        c.node = t.forward.empty() ? -1 : t.forward.back().node;
        break;
    case TracePhase::Backward:
        c.phase = TraceCursor::Backward;
        c.forwardDone = int(t.forward.size());
        c.backwardDone = item.index + 1;
        c.node = t.backward[std::size_t(item.index)].node;
        break;
    case TracePhase::Update:
        c.phase = TraceCursor::Update;
        c.forwardDone = int(t.forward.size());
        c.backwardDone = int(t.backward.size());
        for (const ForwardRecord& r : t.forward)
            if (r.name == t.updates[std::size_t(item.index)].parameter) c.node = r.node;
        break;
    }
    return c;
}

int StepThroughPanel::currentLayer() const {
    const TraceCursor c = cursor();
    if (!m_trace || c.node < 0 || std::size_t(c.node) >= m_trace->nodeNames.size()) return -1;
    const std::string& name = m_trace->nodeNames[std::size_t(c.node)];
    const auto dot = name.find('.');
    if (dot == std::string::npos || dot == 0) {
        // The output layer's op is named "output": its layer is its parameters'.
        for (const ForwardRecord& r : m_trace->forward)
            if (r.node == c.node)
                for (const std::string& in : r.inputs)
                    if (in.find(".weight") != std::string::npos)
                        return std::stoi(in.substr(0, in.find('.')));
        return -1;
    }
    for (std::size_t i = 0; i < dot; ++i)
        if (name[i] < '0' || name[i] > '9') return -1;
    return std::stoi(name.substr(0, dot));
}

int StepThroughPanel::count() const {
    return int(m_items.size());
}

TracePhase StepThroughPanel::phase() const {
    return m_items.empty() ? TracePhase::Forward : m_items[std::size_t(m_position)].phase;
}

void StepThroughPanel::next() {
    if (m_position + 1 < count()) ++m_position;
    show();
}

void StepThroughPanel::previous() {
    if (m_position > 0) --m_position;
    show();
}

void StepThroughPanel::endOfPhase() {
    const TracePhase now = phase();
    while (m_position + 1 < count() && m_items[std::size_t(m_position + 1)].phase == now)
        ++m_position;
    show();
}

void StepThroughPanel::restart() {
    m_position = 0;
    show();
}

QString StepThroughPanel::detailsHtml() const {
    if (m_check && m_check->single && !m_check->entries.empty()) {
        const GradCheckEntry& e = m_check->entries.front();
        const QString what = m_check->node ? tr("h") : tr("w");
        const QString nudged =
            m_check->node ? tr("<p>%1 is an interior node: its own value h was nudged by ±ε in "
                               "the forward pass, and everything after it recomputed.</p>")
                                .arg(esc(e.parameter))
                          : QString();
        return nudged +
               tr("<h3>Gradient check of %1[%2]</h3><table border=1 cellspacing=0 "
                  "cellpadding=3><tr><td>autodiff (backward)</td><td>%3</td></tr><tr><td>central "
                  "difference (L(%7 + ε) − L(%7 − ε)) / 2ε, ε = %4</td><td>%5</td></tr><tr><td>"
                  "relative error</td><td>%6</td></tr></table><p>Autodiff applies the chain "
                  "rule exactly; the difference quotient only approximates the slope, and in "
                  "float32 it loses digits to round-off. Errors around 1e-3 or below mean the "
                  "two agree; a wrong backward rule gives errors near 1.</p>")
                   .arg(esc(e.parameter))
                   .arg(e.index)
                   .arg(e.autodiff, 0, 'g', 7)
                   .arg(m_check->epsilon)
                   .arg(e.numeric, 0, 'g', 7)
                   .arg(e.relativeError, 0, 'g', 3)
                   .arg(what);
    }
    if (m_check) {
        const auto& e = m_check->entries;
        QString html = tr("<h3>Gradient check: %1 entries, ε = %2</h3><p>Autodiff is exact up to "
                          "float32 round-off; the central difference is not: it loses digits "
                          "to round-off and to curvature, most of all next to ReLU's kink. "
                          "Median relative error %3. The worst:</p>")
                           .arg(e.size())
                           .arg(m_check->epsilon)
                           .arg(e.empty() ? 0.0 : e[e.size() / 2].relativeError, 0, 'g', 3);
        html += QStringLiteral("<table border=1 cellspacing=0 cellpadding=3><tr><th>entry</th>"
                               "<th>autodiff</th><th>finite difference</th><th>relative "
                               "error</th></tr>");
        for (std::size_t i = 0; i < e.size() && i < 15; ++i)
            html += QStringLiteral("<tr><td>%1[%2]</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                        .arg(esc(e[i].parameter))
                        .arg(e[i].index)
                        .arg(e[i].autodiff, 0, 'g', 6)
                        .arg(e[i].numeric, 0, 'g', 6)
                        .arg(e[i].relativeError, 0, 'g', 3);
        return html + QStringLiteral("</table>");
    }
    if (!m_trace || m_items.empty())
        return tr("<p>Press <b>Trace a step</b>: Gradscope takes the next training step and "
                  "writes it down, so that you can walk it node by node: the forward pass, the "
                  "loss, the backward pass with the chain rule in numbers, and the update.</p>");
    const StepTrace& t = *m_trace;
    const Item& item = m_items[std::size_t(m_position)];
    QString html;
    switch (item.phase) {
    case TracePhase::Forward: {
        const ForwardRecord& r = t.forward[std::size_t(item.index)];
        QStringList inputs;
        for (const std::string& in : r.inputs)
            inputs << esc(in);
        html = QStringLiteral("<h3>%1 = %2(%3)</h3><p><b>value</b> %4</p>")
                   .arg(esc(r.name), QString::fromUtf8(opName(r.op)), inputs.join(", "),
                        numbers(r.value));
        if (r.op == OpKind::Parameter)
            html += tr("<p>A parameter: a leaf the optimizer will update.</p>");
        break;
    }
    case TracePhase::Loss:
        html = t.sample >= 0
                   ? tr("<h3>loss = %1</h3><p>The loss of training sample #%2 alone. Backward "
                        "starts here with dL/dL = 1.</p>")
                         .arg(t.loss, 0, 'g', 6)
                         .arg(t.sample)
                   : tr("<h3>loss = %1</h3><p>The mean over the %2 samples of this mini-batch. "
                        "Backward starts here with dL/dL = 1.</p>")
                         .arg(t.loss, 0, 'g', 6)
                         .arg(t.batch);
        break;
    case TracePhase::Backward: {
        const StepRecord& r = t.backward[std::size_t(item.index)];
        html = QStringLiteral("<h3>%1 (%2)</h3>")
                   .arg(esc(r.nodeName), QString::fromUtf8(opName(r.op)));
        html += tr("<p><b>upstream</b> dL/d%1 = %2</p>").arg(esc(r.nodeName), numbers(r.upstream));
        if (r.contributions.size() > 1) {
            html += tr("<p>It feeds %1 nodes, so its gradient is the sum of what each sent back:"
                       "</p><ul>")
                        .arg(r.contributions.size());
            for (const Contribution& c : r.contributions)
                html += QStringLiteral("<li>from %1: %2</li>")
                            .arg(esc(t.nodeNames[std::size_t(c.fromNode)]), numbers(c.gradient));
            html += QStringLiteral("</ul>");
        }
        for (const EdgeStep& e : r.edges) {
            html += QStringLiteral("<p><b>%1</b></p><ul>").arg(esc(e.formula));
            if (e.localDerivative)
                html += tr("<li>local derivative: %1</li>").arg(numbers(*e.localDerivative));
            html += tr("<li>gradient sent to %1: %2</li>")
                        .arg(esc(t.nodeNames[std::size_t(e.inputNode)]), numbers(e.gradient));
            if (e.broadcastReduced)
                html += tr("<li>summed over the broadcast dimension to fit its shape</li>");
            if (!e.accumulatesInto.empty())
                html += tr("<li>accumulates into %1.grad</li>").arg(esc(e.accumulatesInto));
            html += QStringLiteral("</ul>");
        }
        if (r.edges.empty())
            html += r.parameter.empty()
                        ? tr("<p>A leaf: the gradient stops here.</p>")
                        : tr("<p>The parameter %1: this is its gradient for the update.</p>")
                              .arg(esc(r.parameter));
        break;
    }
    case TracePhase::Update: {
        const UpdateRecord& u = t.updates[std::size_t(item.index)];
        html = tr("<h3>%1: %2</h3><p><b>rule</b> %3 (lr = %4)</p><ul>")
                   .arg(esc(u.parameter), esc(t.optimizer), esc(t.rule))
                   .arg(t.learningRate, 0, 'g', 5);
        html += tr("<li>before: %1</li><li>gradient g: %2</li>")
                    .arg(numbers(u.before), numbers(u.gradient));
        for (const auto& [name, tensor] : u.state)
            html += QStringLiteral("<li>%1: %2</li>").arg(esc(name), numbers(tensor));
        html += tr("<li>update Δw: %1</li><li>after: %2</li></ul>")
                    .arg(numbers(u.update), numbers(u.after));
        break;
    }
    }
    return html;
}

void StepThroughPanel::show() {
    const int lit = m_items.empty() ? -1 : int(phase());
    for (int i = 0; i < 4; ++i)
        m_phases[i]->setStyleSheet(i == lit
                                       ? QStringLiteral("QLabel { background: #0877bd; color: "
                                                        "white; font-weight: bold; padding: "
                                                        "3px; border-radius: 3px; }")
                                       : QStringLiteral("QLabel { color: gray; padding: 3px; }"));
    m_where->setText(m_trace
                         ? tr("Step %1%2 · %3 of %4")
                               .arg(m_trace->step)
                               .arg(m_trace->sample >= 0
                                        ? tr(" on sample #%1 alone (a copy: nothing was trained)")
                                              .arg(m_trace->sample)
                                        : QString())
                               .arg(m_position + 1)
                               .arg(count())
                         : QString());
    m_details->setHtml(detailsHtml());
    m_previous->setEnabled(m_position > 0);
    m_next->setEnabled(m_position + 1 < count());
    m_end->setEnabled(m_position + 1 < count());
    m_restart->setEnabled(m_position > 0);
    emit cursorChanged();
}

} // namespace gs::ui
