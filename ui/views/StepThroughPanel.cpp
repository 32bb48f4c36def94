#include "StepThroughPanel.h"

#include "BoundedSpinBox.h"
#include "Language.h"
#include "OptimizerPanel.h"

#include "TensorText.h"
#include "core/OpKind.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {

// The phases of a training step, as the phase bar names them.
const char* const kPhaseNames[] = {
    //: A phase of a training step: the forward pass.
    QT_TRANSLATE_NOOP("gs::ui::StepThroughPanel", "Forward"),
    //: A phase of a training step: computing the loss.
    QT_TRANSLATE_NOOP("gs::ui::StepThroughPanel", "Loss"),
    //: A phase of a training step: the backward pass.
    QT_TRANSLATE_NOOP("gs::ui::StepThroughPanel", "Backward"),
    //: A phase of a training step: the optimizer's update of the weights.
    QT_TRANSLATE_NOOP("gs::ui::StepThroughPanel", "Update")};

QString numbers(const Tensor& t) {
    return tensorText(t);
}

QString esc(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

// The shape of what an entry choice ("p:0.weight", "l:3") names in a trace, or null.
const Tensor* choiceTensor(const StepTrace* t, const QString& choice, bool* parameter = nullptr) {
    if (!t || choice.size() < 3) return nullptr;
    const QString key = choice.mid(2);
    if (parameter) *parameter = choice.startsWith(QLatin1String("p:"));
    if (choice.startsWith(QLatin1String("p:"))) {
        for (const ForwardRecord& f : t->forward)
            if (f.op == OpKind::Parameter && QString::fromStdString(f.name) == key) return &f.value;
        return nullptr;
    }
    const int node = layerOutputNode(*t, key.toInt());
    return node >= 0 ? &t->forward[std::size_t(node)].value : nullptr;
}

// The prefix of the spin box that picks the index along one dimension of the entry followed.
QString dimensionName(bool parameter, int rank, int axis) {
    //: The prefix of a spin box picking a unit (a neuron) of a layer, followed by its number.
    const QString unit = StepThroughPanel::tr("unit ");
    //: The prefix of a spin box picking a sample of the batch, followed by its number.
    const QString sample = StepThroughPanel::tr("sample ");
    if (parameter && rank == 1) return unit;
    if (parameter && rank == 2)
        //: The prefix of a spin box picking an input of a layer, followed by its number.
        return axis == 0 ? unit : StepThroughPanel::tr("input ");
    if (rank == 4) {
        switch (axis) {
        case 0:
            //: The prefix of a spin box picking a convolution filter (an output channel).
            return parameter ? StepThroughPanel::tr("out ") : sample;
        case 1:
            //: The prefix of a spin box picking an input channel of a filter.
            if (parameter) return StepThroughPanel::tr("in ");
            //: The prefix of a spin box picking a channel of an image.
            return StepThroughPanel::tr("channel ");
        case 2:
            //: The prefix of a spin box picking a row of an image or a filter.
            return StepThroughPanel::tr("row ");
        default:
            //: The prefix of a spin box picking a column of an image or a filter.
            return StepThroughPanel::tr("column ");
        }
    }
    if (!parameter && rank == 2) return axis == 0 ? sample : unit;
    //: The prefix of a spin box picking the index along dimension %1.
    return StepThroughPanel::tr("index %1: ").arg(axis);
}

// The entry choice for the output of a layer: its index, op name (not translated) and shape.
QString layerChoiceText(const StepTrace& t, int layer) {
    const int node = layerOutputNode(t, layer);
    if (node < 0) return {};
    const ForwardRecord& f = t.forward[std::size_t(node)];
    return StepThroughPanel::tr("layer %1 output (%2) %3")
        .arg(layer)
        .arg(QString::fromUtf8(opName(f.op)), QString::fromStdString(f.value.shape().str()));
}

} // namespace

StepThroughPanel::StepThroughPanel(QWidget* parent)
    : QWidget(parent) {
    // Everything sits in a scroll area: on a small screen the panel scrolls instead of
    // demanding room (the dock may be 500 × 250 at 1024 × 600).
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto* content = new QWidget;
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    auto* traceRow = new QHBoxLayout;
    m_traceButton = new QPushButton;
    connect(m_traceButton, &QPushButton::clicked, this,
            [this] { emit traceRequested(oneSample(), sample()); });
    m_scope = new QComboBox;
    m_scope->addItem(QString());
    m_scope->addItem(QString());
    m_sample = new BoundedSpinBox;
    m_sample->setRange(0, 1 << 30);
    m_sample->setEnabled(false);
    connect(m_scope, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_sample->setEnabled(index == 1); });
    m_checkButton = new QPushButton;
    connect(m_checkButton, &QPushButton::clicked, this, &StepThroughPanel::checkRequested);
    traceRow->addWidget(m_traceButton);
    traceRow->addWidget(m_scope);
    traceRow->addWidget(m_sample);
    traceRow->addWidget(m_checkButton);
    traceRow->addStretch(1);
    layout->addLayout(traceRow);

    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    for (int i = 0; i < 4; ++i) {
        m_phases[i] = new QLabel;
        m_phases[i]->setAlignment(Qt::AlignCenter);
        bar->addWidget(m_phases[i]);
        if (i < 3) bar->addWidget(new QLabel(QStringLiteral("→")));
    }
    bar->addStretch(1);
    layout->addLayout(bar);

    auto* navigation = new QHBoxLayout;
    m_restart = new QPushButton;
    m_previous = new QPushButton;
    m_next = new QPushButton;
    m_end = new QPushButton;
    connect(m_restart, &QPushButton::clicked, this, &StepThroughPanel::restart);
    connect(m_previous, &QPushButton::clicked, this, &StepThroughPanel::previous);
    connect(m_next, &QPushButton::clicked, this, &StepThroughPanel::next);
    connect(m_end, &QPushButton::clicked, this, &StepThroughPanel::endOfPhase);
    for (QPushButton* b : {m_restart, m_previous, m_next, m_end})
        navigation->addWidget(b);
    m_where = new QLabel;
    navigation->addSpacing(4);
    navigation->addWidget(m_where);
    navigation->addStretch(1);
    layout->addLayout(navigation);

    m_about = new QLabel;
    m_about->setWordWrap(true);
    m_about->setTextFormat(Qt::PlainText);
    layout->addWidget(m_about);

    auto* entryRow = new QHBoxLayout;
    entryRow->setSpacing(3);
    m_followLabel = new QLabel;
    entryRow->addWidget(m_followLabel);
    m_entryTensor = new QComboBox;
    m_entryTensor->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_entryTensor, &QComboBox::currentIndexChanged, this,
            &StepThroughPanel::entryWidgetsChanged);
    entryRow->addWidget(m_entryTensor);
    m_followLabel->setBuddy(m_entryTensor);
    for (QSpinBox*& spin : m_entryIndex) {
        spin = new BoundedSpinBox;
        spin->setVisible(false);
        connect(spin, &QSpinBox::valueChanged, this, &StepThroughPanel::entryWidgetsChanged);
        entryRow->addWidget(spin);
    }
    entryRow->addStretch(1);
    layout->addLayout(entryRow);
    auto* predictRow = new QHBoxLayout;
    predictRow->setSpacing(3);
    m_predictLabel = new QLabel;
    m_predictEdit = new QLineEdit;
    m_predictEdit->setMaximumWidth(160);
    m_predictLabel->setBuddy(m_predictEdit);
    m_predictCheck = new QPushButton;
    predictRow->addWidget(m_predictLabel);
    predictRow->addWidget(m_predictEdit);
    predictRow->addWidget(m_predictCheck);
    predictRow->addStretch(1);
    layout->addLayout(predictRow);
    m_predictResult = new QLabel;
    m_predictResult->setWordWrap(true);
    m_predictResult->setTextFormat(Qt::PlainText);
    m_predictResult->hide();
    layout->addWidget(m_predictResult);
    connect(m_predictCheck, &QPushButton::clicked, this,
            [this] { predict(m_predictEdit->text()); });
    connect(m_predictEdit, &QLineEdit::returnPressed, this,
            [this] { predict(m_predictEdit->text()); });

    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_details = new QTextBrowser;
    m_checkView = new QTextBrowser;
    for (QTextBrowser* view : {m_details, m_checkView}) {
        view->setMinimumHeight(90);
        // The style draws no focus on a read-only text: a frame in the highlight colour.
        view->setStyleSheet(
            QStringLiteral("QTextBrowser:focus { border: 2px solid palette(highlight); }"));
    }
    m_tabs->addTab(m_details, QString());
    m_tabs->addTab(m_checkView, QString());
    layout->addWidget(m_tabs, 1);
    fillEntryChoices();
    retranslate();
    refresh();
}

void StepThroughPanel::retranslate() {
    // setText() replaces a button's shortcut (with its mnemonic): the keys are set after it.
    m_traceButton->setText(tr("Trace a step"));
    m_traceButton->setShortcut(Qt::Key_T);
    m_traceButton->setToolTip(tr("Take one training step and write it down, node by node (T)"));
    m_scope->setItemText(0, tr("Mini-batch"));
    m_scope->setItemText(1, tr("One sample"));
    m_scope->setToolTip(tr("Mini-batch: the next real training step. One sample: the step the "
                           "network would take on one training sample, on a copy (the session "
                           "does not move), so every number is a single example's"));
    m_sample->setPrefix(tr("sample #"));
    m_sample->setToolTip(tr("Which training sample (row of the training set)"));
    m_checkButton->setText(tr("Check gradients"));
    m_checkButton->setToolTip(tr("Compare every gradient with the central finite difference "
                                 "(L(w + ε) − L(w − ε)) / 2ε on the next batch, on a copy of the "
                                 "weights: nothing trains"));
    QFont bold = font();
    bold.setBold(true);
    for (int i = 0; i < 4; ++i) {
        m_phases[i]->setText(tr(kPhaseNames[i]));
        // Room for the lit (bold, padded) label, so that lighting it never clips the name.
        m_phases[i]->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(m_phases[i]->text()) +
                                     12);
    }
    m_restart->setText(tr("Restart"));
    m_previous->setText(tr("◀ Previous"));
    m_next->setText(tr("Next ▶"));
    m_end->setText(tr("End of phase"));
    m_next->setShortcut(Qt::Key_N);
    m_previous->setShortcut(Qt::Key_B);
    m_next->setToolTip(tr("The next node (N)"));
    m_previous->setToolTip(tr("The previous node (B)"));
    m_followLabel->setText(tr("Follow one entry:"));
    m_predictCheck->setText(tr("Check"));
    m_predictEdit->setPlaceholderText(tr("e.g. −0.25"));
    m_predictEdit->setToolTip(tr("Work the gradient out before you walk the step: type it and "
                                 "check it against the engine's"));
    m_predictEdit->setAccessibleName(tr("Your prediction of the gradient"));
    m_entryTensor->setToolTip(tr("A weight, a bias or a unit of a layer's output: its own "
                                 "numbers at every node, exactly, even where the tensor is "
                                 "shown as a summary"));
    // The entry choices keep their data (what they name); only their texts change.
    for (int i = 0; i < m_entryTensor->count(); ++i) {
        const QString choice = m_entryTensor->itemData(i).toString();
        if (choice.isEmpty())
            m_entryTensor->setItemText(i, tr("(none)"));
        else if (choice.startsWith(QLatin1String("l:")) && m_trace)
            m_entryTensor->setItemText(i, layerChoiceText(*m_trace, choice.mid(2).toInt()));
    }
    syncEntryWidgets(); // the prefixes of the index boxes
    m_tabs->setTabText(0, tr("This step"));
    m_tabs->setTabText(1, tr("Gradient check"));
    m_details->setAccessibleName(m_tabs->tabText(0));
    m_checkView->setAccessibleName(m_tabs->tabText(1));
    //: Screen readers' name of the box that chooses the step traced (a mini-batch or a sample).
    m_scope->setAccessibleName(tr("What to trace"));
}

void StepThroughPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        render(); // the step, the check and the lines about them, from the data already shown
    }
    QWidget::changeEvent(event);
}

void StepThroughPanel::setGradientCheck(GradientCheckPtr check) {
    m_check = std::move(check);
    refresh();
    if (m_check) m_tabs->setCurrentIndex(1);
}

void StepThroughPanel::clear(const QString& why) {
    forget();
    m_clearedWhy = why;
    refresh();
}

void StepThroughPanel::forget() {
    m_trace.reset();
    m_check.reset();
    m_items.clear();
    m_position = 0;
    m_modelStep = -1;
    m_inPast = false;
    m_clearedWhy.clear();
    m_problem = {};
    fillEntryChoices();
    m_tabs->setCurrentIndex(0);
}

void StepThroughPanel::setTrace(StepTracePtr trace) {
    if (!trace) {
        clear();
        return;
    }
    if (gs::Message problem = traceProblem(*trace); !problem.empty()) {
        // Said in traceHtml(), so that it follows the language.
        forget();
        m_problem = std::move(problem);
        refresh();
        return;
    }
    m_clearedWhy.clear();
    m_problem = {};
    m_trace = std::move(trace);
    m_items.clear();
    for (int i = 0; i < int(m_trace->forward.size()); ++i)
        m_items.push_back({TracePhase::Forward, i});
    m_items.push_back({TracePhase::Loss, -1});
    for (int i = 0; i < int(m_trace->backward.size()); ++i)
        m_items.push_back({TracePhase::Backward, i});
    for (int i = 0; i < int(m_trace->updates.size()); ++i)
        m_items.push_back({TracePhase::Update, i});
    m_position = 0;
    fillEntryChoices();
    m_tabs->setCurrentIndex(0);
    refresh();
}

void StepThroughPanel::setModelStep(long step, bool inPast) {
    if (step == m_modelStep && inPast == m_inPast) return;
    m_modelStep = step;
    m_inPast = inPast;
    m_about->setText(aboutText());
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

bool StepThroughPanel::setFocusEntry(const FocusEntry& entry) {
    m_focus = entry;
    syncEntryWidgets();
    refresh();
    emit focusEntryChanged();
    return !m_trace || entry.empty() || resolveEntry(*m_trace, m_focus).found();
}

// The combo lists every parameter and every layer's output of the trace.
void StepThroughPanel::fillEntryChoices() {
    m_syncing = true;
    m_entryTensor->clear();
    m_entryTensor->addItem(tr("(none)"), QString());
    if (m_trace) {
        for (const ForwardRecord& f : m_trace->forward)
            if (f.op == OpKind::Parameter)
                m_entryTensor->addItem(
                    QStringLiteral("%1 %2").arg(esc(f.name),
                                                QString::fromStdString(f.value.shape().str())),
                    QStringLiteral("p:") + QString::fromStdString(f.name));
        int lastLayer = -1;
        for (const ForwardRecord& f : m_trace->forward)
            lastLayer = std::max(lastLayer, f.layer);
        for (int layer = 0; layer <= lastLayer; ++layer)
            if (layerOutputNode(*m_trace, layer) >= 0)
                m_entryTensor->addItem(layerChoiceText(*m_trace, layer),
                                       QStringLiteral("l:%1").arg(layer));
    }
    m_syncing = false;
    syncEntryWidgets();
}

// Shows m_focus in the combo and spin boxes (ranges from the trace's shapes).
void StepThroughPanel::syncEntryWidgets() {
    m_syncing = true;
    const QString choice = m_focus.empty() ? QString()
                           : !m_focus.parameter.empty()
                               ? QStringLiteral("p:") + QString::fromStdString(m_focus.parameter)
                               : QStringLiteral("l:%1").arg(m_focus.layer);
    const int item = m_entryTensor->findData(choice);
    m_entryTensor->setCurrentIndex(std::max(0, item));
    bool parameter = false;
    const Tensor* tensor = item > 0 ? choiceTensor(m_trace.get(), choice, &parameter)
                                    : static_cast<const Tensor*>(nullptr);
    const int rank = tensor ? tensor->rank() : 0;
    for (int axis = 0; axis < int(m_entryIndex.size()); ++axis) {
        QSpinBox* spin = m_entryIndex[std::size_t(axis)];
        const bool used = axis < rank;
        spin->setVisible(used);
        if (!used) continue;
        spin->setPrefix(dimensionName(parameter, rank, axis));
        spin->setRange(0, int(std::max<Index>(1, tensor->shape()[axis]) - 1));
        if (std::size_t(axis) < m_focus.index.size())
            spin->setValue(int(m_focus.index[std::size_t(axis)]));
    }
    m_syncing = false;
}

void StepThroughPanel::entryWidgetsChanged() {
    if (m_syncing) return;
    const QString choice = m_entryTensor->currentData().toString();
    FocusEntry focus;
    if (!choice.isEmpty()) {
        if (choice.startsWith(QLatin1String("p:")))
            focus.parameter = choice.mid(2).toStdString();
        else
            focus.layer = choice.mid(2).toInt();
        if (const Tensor* tensor = choiceTensor(m_trace.get(), choice)) {
            // Another tensor keeps what fits of the index shown.
            for (int axis = 0; axis < tensor->rank(); ++axis) {
                const QSpinBox* spin = m_entryIndex[std::size_t(axis)];
                const Index value = spin->isVisibleTo(this) ? spin->value() : 0;
                focus.index.push_back(std::clamp<Index>(value, 0, tensor->shape()[axis] - 1));
            }
        }
    }
    m_focus = focus;
    syncEntryWidgets();
    refresh();
    emit focusEntryChanged();
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
            if (r.op == OpKind::Parameter && r.name == t.updates[std::size_t(item.index)].parameter)
                c.node = r.node;
        break;
    }
    return c;
}

int StepThroughPanel::currentLayer() const {
    const TraceCursor c = cursor();
    if (!m_trace || c.node < 0 || std::size_t(c.node) >= m_trace->forward.size()) return -1;
    return m_trace->forward[std::size_t(c.node)].layer;
}

int StepThroughPanel::count() const {
    return int(m_items.size());
}

TracePhase StepThroughPanel::phase() const {
    return m_items.empty() ? TracePhase::Forward : m_items[std::size_t(m_position)].phase;
}

void StepThroughPanel::next() {
    if (m_position + 1 < count()) ++m_position;
    m_tabs->setCurrentIndex(0);
    refresh();
}

void StepThroughPanel::previous() {
    if (m_position > 0) --m_position;
    m_tabs->setCurrentIndex(0);
    refresh();
}

void StepThroughPanel::endOfPhase() {
    const TracePhase now = phase();
    while (m_position + 1 < count() && m_items[std::size_t(m_position + 1)].phase == now)
        ++m_position;
    m_tabs->setCurrentIndex(0);
    refresh();
}

void StepThroughPanel::restart() {
    m_position = 0;
    m_tabs->setCurrentIndex(0);
    refresh();
}

bool StepThroughPanel::showingCheck() const {
    return m_tabs->currentIndex() == 1;
}

void StepThroughPanel::showCheck() {
    m_tabs->setCurrentIndex(1);
}

QString StepThroughPanel::detailsHtml() const {
    return showingCheck() ? checkHtml() : traceHtml();
}

QString StepThroughPanel::aboutText() const {
    if (!m_trace) return {};
    const StepTrace& t = *m_trace;
    if (t.sample >= 0)
        return tr("A copy: training sample #%1 alone went through a copy of the network, so the "
                  "model did not move. Every gradient here is that one sample's; the network "
                  "view's hover shows the gradient of the model's last real step (a mini-batch), "
                  "so the two differ.")
            .arg(t.sample);
    QString text = tr("A real training step (step %1) on a mini-batch of %2: the weights moved. "
                      "Every gradient here is this batch's.")
                       .arg(t.step)
                       .arg(t.batch);
    if (m_modelStep > t.step)
        text += tr(" The model has trained %1 more steps since (it is at step %2), so the "
                   "network view's hover now shows step %2's gradient, not this one.")
                    .arg(m_modelStep - t.step)
                    .arg(m_modelStep);
    else if (m_inPast && m_modelStep >= 0 && m_modelStep < t.step)
        //: The timeline went back to a step with no trace of its own: %1 that step.
        text += tr(" The timeline shows step %1, before this one, which has no trace of its own.")
                    .arg(m_modelStep);
    else
        text += tr(" The network view's hover shows the gradient of the model's latest step: "
                   "this one, until it trains on.");
    return text;
}

QString StepThroughPanel::entryHtml() const {
    if (!m_trace || m_items.empty() || m_focus.empty()) return {};
    const Item& item = m_items[std::size_t(m_position)];
    return gs::ui::entryHtml(*m_trace, resolveEntry(*m_trace, m_focus), item.phase, item.index);
}

QString StepThroughPanel::checkHtml() const {
    if (!m_check)
        return tr("<p>Press <b>Check gradients</b> to compare every gradient of the next batch "
                  "with finite differences, on a copy of the weights (nothing trains). Clicking "
                  "a parameter or an op in the computation graph, or an edge in the network "
                  "view, checks one entry.</p>");
    const QString copy = tr("<p><i>Checked on a copy of the weights, on the next batch: nothing "
                            "was trained. Walking the step (Next, Previous, Restart) shows the "
                            "step again; this tab keeps the check.</i></p>");
    if (m_check->single && !m_check->entries.empty()) {
        const GradCheckEntry& e = m_check->entries.front();
        // The symbol of what was nudged (a formula's letter, not translated).
        const QString what = m_check->node ? QStringLiteral("h") : QStringLiteral("w");
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
                  "two agree; a wrong backward rule gives errors near 1.</p>%8")
                   .arg(esc(e.parameter))
                   .arg(e.index)
                   .arg(e.autodiff, 0, 'g', 7)
                   .arg(m_check->epsilon)
                   .arg(e.numeric, 0, 'g', 7)
                   .arg(e.relativeError, 0, 'g', 3)
                   .arg(what)
                   .arg(e.crossesKink
                            ? tr("<p><b>This entry crosses a kink</b>: between %1 − ε and %1 + ε "
                                 "some ReLU's input changed sign, so the difference quotient "
                                 "measures the slope across a corner of the loss, not at %1, and "
                                 "its error says nothing about the gradient.</p>")
                                  .arg(what)
                            : QString()) +
               copy;
    }
    const auto& e = m_check->entries;
    // The engine lists the entries that cross a kink after the others.
    const auto firstKink =
        std::find_if(e.begin(), e.end(), [](const GradCheckEntry& x) { return x.crossesKink; });
    const std::size_t smooth = std::size_t(firstKink - e.begin());
    QString html = tr("<h3>Gradient check: %1 entries, ε = %2</h3><p>Autodiff is exact up to "
                      "float32 round-off; the central difference is not: it loses digits "
                      "to round-off and to curvature. Median relative error %3. The worst:</p>")
                       .arg(e.size())
                       .arg(m_check->epsilon)
                       .arg(smooth == 0 ? 0.0 : e[smooth / 2].relativeError, 0, 'g', 3);
    const auto table = [&](std::size_t begin, std::size_t end) {
        QString rows = QStringLiteral("<table border=1 cellspacing=0 cellpadding=3><tr><th>%1</th>"
                                      "<th>%2</th><th>%3</th><th>%4</th></tr>")
                           .arg(
                               //: A column header: the entry of a parameter that was checked.
                               tr("entry"),
                               //: A column header: the gradient that backpropagation computed.
                               tr("autodiff"),
                               //: A column header: the gradient estimated by a difference quotient.
                               tr("finite difference"),
                               //: A column header.
                               tr("relative error"));
        for (std::size_t i = begin; i < end; ++i)
            rows += QStringLiteral("<tr><td>%1[%2]</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                        .arg(esc(e[i].parameter))
                        .arg(e[i].index)
                        .arg(e[i].autodiff, 0, 'g', 6)
                        .arg(e[i].numeric, 0, 'g', 6)
                        .arg(e[i].relativeError, 0, 'g', 3);
        return rows + QStringLiteral("</table>");
    };
    html += table(0, std::min<std::size_t>(smooth, 15));
    if (smooth < e.size())
        html += tr("<p><b>%1 entries cross a kink</b>: between w − ε and w + ε some ReLU's input "
                   "changed sign, so the difference quotient measures the slope across a corner "
                   "of the loss, not at w. Their errors say nothing about the gradient; a "
                   "smaller ε crosses fewer kinks. The largest:</p>")
                    .arg(e.size() - smooth) +
                table(smooth, std::min<std::size_t>(e.size(), smooth + 5));
    return html + copy;
}

QString StepThroughPanel::traceHtml() const {
    if (!m_trace || m_items.empty()) {
        QString html;
        const QString why = m_problem.empty()
                                ? m_clearedWhy
                                : tr("The step could not be shown: %1.").arg(translated(m_problem));
        if (!why.isEmpty()) html += QStringLiteral("<p><b>%1</b></p>").arg(why.toHtmlEscaped());
        return html + tr("<p>Press <b>Trace a step</b> (T) to see one training step written "
                         "down, so that you can walk it node by node: the forward pass, the "
                         "loss, the backward pass with the chain rule in numbers, and the "
                         "update.</p>");
    }
    const StepTrace& t = *m_trace;
    const Item& item = m_items[std::size_t(m_position)];
    QString html;
    if (const QString entry = entryHtml(); !entry.isEmpty())
        html += QStringLiteral("<table width=100% bgcolor=#fff4d6 cellpadding=6><tr><td>%1</td>"
                               "</tr></table>")
                    .arg(entry);
    switch (item.phase) {
    case TracePhase::Forward: {
        const ForwardRecord& r = t.forward[std::size_t(item.index)];
        QStringList inputs;
        for (const std::string& in : r.inputs)
            inputs << esc(in);
        //: The heading of a forward node (name = op(inputs)), then its value.
        html += tr("<h3>%1 = %2(%3)</h3><p><b>value</b> %4</p>")
                    .arg(esc(r.name), QString::fromUtf8(opName(r.op)), inputs.join(", "),
                         numbers(r.value));
        if (r.op == OpKind::Parameter)
            html += tr("<p>A parameter: a leaf the optimizer will update.</p>");
        break;
    }
    case TracePhase::Loss:
        html += t.sample >= 0
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
        html += QStringLiteral("<h3>%1 (%2)</h3>")
                    .arg(esc(r.nodeName), QString::fromUtf8(opName(r.op)));
        html += tr("<p><b>upstream</b> dL/d%1 = %2</p>").arg(esc(r.nodeName), numbers(r.upstream));
        if (r.contributions.size() > 1) {
            html += tr("<p>It feeds %1 nodes, so its gradient is the sum of what each sent back:"
                       "</p><ul>")
                        .arg(r.contributions.size());
            for (const Contribution& c : r.contributions)
                html += tr("<li>from %1: %2</li>")
                            .arg(esc(t.nodeNames[std::size_t(c.fromNode)]), numbers(c.gradient));
            html += QStringLiteral("</ul>");
        }
        for (const EdgeStep& e : r.edges) {
            html +=
                QStringLiteral("<p><b>%1</b></p><ul>")
                    .arg(translatedFormula(opInfo(r.op).backward[std::size_t(e.slot)], e.formula)
                             .toHtmlEscaped());
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
        html += tr("<h3>%1: %2</h3><p><b>rule</b> %3 (lr = %4)</p><ul>")
                    .arg(esc(u.parameter), translated(t.optimizer).toHtmlEscaped(),
                         // In the monospace font m̂ and v̂ keep their hats (DejaVu Sans drops them).
                         OptimizerPanel::ruleHtml(OptimizerPanel::ruleText(t.rule)))
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
    if (m_focus.empty())
        html += tr("<p><i>Tensors over 12 entries are summarised. Pick a weight, a bias or a "
                   "unit under “Follow one entry” to see its own numbers exactly.</i></p>");
    return html;
}

void StepThroughPanel::refresh() {
    render();
    updatePrediction();
    emit cursorChanged();
}

namespace {

// What a predicted gradient says: right, or the slip it most likely is.
QString predictionFeedback(double typed, double right, Index batch) {
    const QString value = QString::number(right, 'g', 6).replace(QLatin1Char('-'), QChar(0x2212));
    const auto near = [&](double v) {
        return std::abs(typed - v) <= 0.01 * std::max(std::abs(v), 1e-6);
    };
    if (near(right))
        return StepThroughPanel::tr("✓ Right: the engine's gradient is %1.").arg(value);
    const QString head =
        StepThroughPanel::tr("✗ The engine's gradient is %1.").arg(value) + QLatin1Char(' ');
    if (right != 0 && near(-right))
        return head + StepThroughPanel::tr("The sign is turned: the gradient points uphill, where "
                                           "the loss grows, and the update goes against it.");
    if (right != 0 && batch > 1 && (near(right * double(batch)) || near(right / double(batch))))
        return head + StepThroughPanel::tr("Off by the batch size, %1: the loss is a mean over "
                                           "the batch, so each sample's term carries 1/%1, and "
                                           "the weight's gradient is the sum of those terms.")
                          .arg(batch);
    if (right != 0 && (near(2 * right) || near(right / 2)))
        return head + StepThroughPanel::tr("Off by a factor of 2: a square's derivative, 2(…), "
                                           "is easy to drop or to count twice.");
    return head + StepThroughPanel::tr("Walk the backward pass to this weight (Next ▶) to see "
                                       "how it is made, term by term.");
}

} // namespace

void StepThroughPanel::setPredictionOffered(bool offered) {
    m_predictionOffered = offered;
    updatePrediction();
}

void StepThroughPanel::updatePrediction() {
    const bool shown = m_predictionOffered && m_trace && !m_focus.parameter.empty() &&
                       resolveEntry(*m_trace, m_focus).found();
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_predictLabel, m_predictEdit, m_predictCheck})
        w->setVisible(shown);
    if (!shown) {
        m_predictResult->hide();
        return;
    }
    const ResolvedEntry entry = resolveEntry(*m_trace, m_focus);
    std::string key = entry.label.toStdString() + "@" + std::to_string(m_trace->step);
    if (key != m_predictedFor) { // another entry or step: a new question
        m_predictedFor = key;
        m_predictEdit->clear();
        m_predictResult->hide();
    }
    m_predictLabel->setText(tr("Predict dL/d%1:").arg(entry.label));
}

bool StepThroughPanel::predict(const QString& typed) {
    if (!m_predictionOffered || !m_trace || m_focus.parameter.empty()) return false;
    const ResolvedEntry entry = resolveEntry(*m_trace, m_focus);
    if (!entry.found()) return false;
    QString text = typed.trimmed();
    text.replace(QChar(0x2212), QLatin1Char('-'));
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok) return false;
    for (const UpdateRecord& u : m_trace->updates)
        if (u.parameter == m_focus.parameter && entry.flat < u.gradient.numel()) {
            m_predictResult->setText(
                predictionFeedback(value, double(u.gradient[entry.flat]), m_trace->batch));
            m_predictResult->show();
            return true;
        }
    return false;
}

QString StepThroughPanel::predictionText() const {
    return m_predictResult->isHidden() ? QString() : m_predictResult->text();
}

void StepThroughPanel::render() {
    const int lit = m_items.empty() ? -1 : int(phase());
    for (int i = 0; i < 4; ++i)
        m_phases[i]->setStyleSheet(i == lit
                                       ? QStringLiteral("QLabel { background: #0877bd; color: "
                                                        "white; font-weight: bold; padding: "
                                                        "2px 4px; border-radius: 3px; }")
                                       : QStringLiteral("QLabel { color: gray; padding: 2px; }"));
    m_where->setText(
        m_trace ? tr("Step %1 · %2 of %3").arg(m_trace->step).arg(m_position + 1).arg(count())
                : QString());
    m_about->setText(aboutText());
    m_about->setVisible(m_trace != nullptr);
    m_details->setHtml(traceHtml());
    m_checkView->setHtml(checkHtml());
    m_previous->setEnabled(m_position > 0);
    m_next->setEnabled(m_position + 1 < count());
    m_end->setEnabled(m_position + 1 < count());
    m_restart->setEnabled(m_position > 0);
}

} // namespace gs::ui
