#include "OptimizerToolbar.h"

#include "BoundedSpinBox.h"
#include "Language.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>
#include <QSpinBox>
#include <QToolButton>
#include <QWidgetAction>

namespace gs::ui {

namespace {

// How a schedule is called in the box; the names in files and the CLI (scheduleKindName) stay.
QString scheduleText(ScheduleKind kind) {
    switch (kind) {
    //: A learning-rate schedule: η stays as it is.
    case ScheduleKind::Constant:
        return OptimizerToolbar::tr("constant");
    //: A learning-rate schedule: η times γ every few epochs (PyTorch's StepLR).
    case ScheduleKind::Step:
        return OptimizerToolbar::tr("step");
    //: A learning-rate schedule: η times γ every epoch (PyTorch's ExponentialLR).
    case ScheduleKind::Exponential:
        return OptimizerToolbar::tr("exponential");
    //: A learning-rate schedule: η down a half cosine (PyTorch's CosineAnnealingLR).
    case ScheduleKind::Cosine:
        return OptimizerToolbar::tr("cosine");
    case ScheduleKind::Count:
        break;
    }
    return QString::fromUtf8(scheduleKindName(kind));
}

QDoubleSpinBox* spin(double low, double high, int decimals, double step) {
    auto* box = new BoundedDoubleSpinBox;
    box->setRange(low, high);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setKeyboardTracking(false);
    return box;
}

QString rateText(double rate) {
    return QLocale().toString(rate, 'g', 3);
}

} // namespace

OptimizerToolbar::OptimizerToolbar(QWidget* parent)
    : QToolBar(parent) {
    setObjectName(QStringLiteral("optimizerToolbar"));
    m_optimizer = new QComboBox;
    // The engine's list (optim/Optimizer.h): its names, and its labels translated.
    for (const OptimizerChoice& choice : optimizerChoices())
        m_optimizer->addItem(translated(choice.label), QString::fromLatin1(choice.name));
    m_learningRate = spin(1e-5, 10, 5, 0.001);
    m_inEffect = new QLabel;
    m_inEffect->setObjectName(QStringLiteral("rateInEffect"));
    m_schedule = new QComboBox;
    for (int k = 0; k < int(ScheduleKind::Count); ++k)
        m_schedule->addItem(scheduleText(ScheduleKind(k)), k);

    // The schedule's settings, in a drop-down under a button beside it.
    m_stepSize = new BoundedSpinBox;
    m_stepSize->setKeyboardTracking(false);
    m_stepSize->setRange(1, 100'000);
    m_gamma = spin(0.001, 1, 4, 0.01);
    m_maxEpochs = new BoundedSpinBox;
    m_maxEpochs->setKeyboardTracking(false);
    m_maxEpochs->setRange(1, 1'000'000);
    m_minRate = spin(0, 10, 6, 0.0001);
    m_momentum = spin(0, 0.999, 3, 0.05);
    m_weightDecay = spin(0, 1, 5, 0.0001);
    m_l1 = spin(0, 1, 5, 0.0001);
    m_l2 = spin(0, 1, 5, 0.0001);
    // The settings changed less often, in a drop-down under "More": the schedule's, weight
    // decay and the regularisation rates. The toolbar then fits a 1280-pixel screen.
    auto* form = new QWidget;
    form->setObjectName(QStringLiteral("moreSettings"));
    auto* formLayout = new QFormLayout(form);
    // A label whose text retranslate() sets: `text` is marked with QT_TR_NOOP.
    const auto named = [this](const char* text, QWidget* buddy, bool spaced = false) {
        auto* label = new QLabel;
        if (buddy) label->setBuddy(buddy);
        m_labels.push_back({label, text, spaced});
        return label;
    };
    formLayout->addRow(named(QT_TR_NOOP("<b>Schedule</b>"), nullptr));
    formLayout->addRow(named(QT_TR_NOOP("Step every (epochs)"), m_stepSize), m_stepSize);
    formLayout->addRow(named(QT_TR_NOOP("γ"), m_gamma), m_gamma);
    formLayout->addRow(named(QT_TR_NOOP("Cosine over (epochs)"), m_maxEpochs), m_maxEpochs);
    formLayout->addRow(named(QT_TR_NOOP("Floor η_min"), m_minRate), m_minRate);
    formLayout->addRow(named(QT_TR_NOOP("<b>Regularisation</b>"), nullptr));
    formLayout->addRow(named(QT_TR_NOOP("Weight decay"), m_weightDecay), m_weightDecay);
    formLayout->addRow(named(QT_TR_NOOP("L1 rate"), m_l1), m_l1);
    formLayout->addRow(named(QT_TR_NOOP("L2 rate"), m_l2), m_l2);
    auto* menu = new QMenu(this);
    auto* formAction = new QWidgetAction(menu);
    formAction->setDefaultWidget(form);
    menu->addAction(formAction);
    m_more = new QToolButton;
    m_more->setMenu(menu);
    m_more->setPopupMode(QToolButton::InstantPopup);

    const auto labelled = [this, &named](const char* text, QWidget* w) {
        addWidget(named(text, w, true));
        addWidget(w);
    };
    labelled(QT_TR_NOOP("&Optimizer"), m_optimizer);
    labelled(QT_TR_NOOP("η"), m_learningRate);
    addWidget(m_inEffect);
    labelled(QT_TR_NOOP("S&chedule"), m_schedule);
    labelled(QT_TR_NOOP("μ"), m_momentum);
    addWidget(m_more);
    retranslate();

    connect(m_optimizer, &QComboBox::activated, this, [this] {
        const auto fresh =
            OptimizerConfig::fromName(m_optimizer->currentData().toString().toStdString());
        if (!fresh) return;
        const QSignalBlocker a(m_momentum), b(m_learningRate);
        m_momentum->setValue(double(fresh->momentum));
        // An optimizer whose default rate is small (Adam's 0.001) takes at most ten times it.
        if (fresh->learningRate < Scalar(0.01))
            m_learningRate->setValue(
                std::min(m_learningRate->value(), 10 * double(fresh->learningRate)));
        sendOptimizer();
    });
    for (QDoubleSpinBox* box : {m_learningRate, m_momentum, m_weightDecay})
        connect(box, &QDoubleSpinBox::valueChanged, this, &OptimizerToolbar::sendOptimizer);
    for (QDoubleSpinBox* box : {m_l1, m_l2})
        connect(box, &QDoubleSpinBox::valueChanged, this,
                [this] { emit regularizationChanged(m_l1->value(), m_l2->value()); });
    const auto scheduleEdited = [this] {
        showScheduleSettings();
        emit scheduleChanged(schedule());
    };
    connect(m_schedule, &QComboBox::activated, this, scheduleEdited);
    connect(m_stepSize, &QSpinBox::valueChanged, this, scheduleEdited);
    connect(m_maxEpochs, &QSpinBox::valueChanged, this, scheduleEdited);
    connect(m_gamma, &QDoubleSpinBox::valueChanged, this, scheduleEdited);
    connect(m_minRate, &QDoubleSpinBox::valueChanged, this, scheduleEdited);
    showScheduleSettings();
}

void OptimizerToolbar::retranslate() {
    setWindowTitle(tr("Optimizer"));
    for (const LabelText& l : m_labels)
        l.label->setText(l.spaced ? QStringLiteral(" %1").arg(tr(l.text)) : tr(l.text));
    const auto& choices = optimizerChoices();
    for (int i = 0; i < m_optimizer->count() && i < int(choices.size()); ++i)
        m_optimizer->setItemText(i, translated(choices[std::size_t(i)].label));
    m_optimizer->setToolTip(tr("The update rule, exactly as PyTorch's torch.optim applies it. "
                               "Changing it keeps training going, with fresh optimizer state."));
    m_learningRate->setToolTip(tr("Learning rate η: the step size. Changes apply at once, without "
                                  "a reset; a schedule goes on from the rate you type."));
    // As wide as its widest text, so that the toolbar does not shift as the rate changes.
    m_inEffect->setMinimumWidth(m_inEffect->fontMetrics().horizontalAdvance(
        tr("now %1").arg(QStringLiteral("0.000000")) + QLatin1Char(' ')));
    m_inEffect->setToolTip(tr("The learning rate the optimizer uses in this epoch, after the "
                              "schedule"));
    for (int i = 0; i < m_schedule->count(); ++i)
        m_schedule->setItemText(i, scheduleText(ScheduleKind(m_schedule->itemData(i).toInt())));
    m_schedule->setToolTip(tr("How η changes over the epochs, as PyTorch's schedulers do: "
                              "constant, ×γ every few epochs (step), ×γ every epoch "
                              "(exponential), or down a half cosine to a floor (cosine); its "
                              "settings are under More"));
    m_stepSize->setToolTip(tr("Step: multiply η by γ every this many epochs"));
    m_gamma->setToolTip(tr("Step and exponential: the factor γ"));
    m_maxEpochs->setToolTip(tr("Cosine: the epochs it takes η to reach the floor (T_max)"));
    m_minRate->setToolTip(tr("Cosine: the floor η_min"));
    m_momentum->setToolTip(tr("Momentum μ (SGD and RMSprop)"));
    m_weightDecay->setToolTip(tr("Weight decay, as the optimizer applies it"));
    m_l1->setToolTip(tr("L1 regularisation rate: adds rate·Σ|w| to the loss"));
    m_l2->setToolTip(tr("L2 regularisation rate: adds rate·Σw² to the loss"));
    //: The button that opens the less used settings (schedule, weight decay, L1, L2).
    m_more->setText(tr("More"));
    m_more->setToolTip(tr("The schedule's settings, weight decay and the L1 and L2 rates"));
}

void OptimizerToolbar::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        if (m_rateInEffect) showRateInEffect(*m_rateInEffect); // "now %1"
    }
    QToolBar::changeEvent(event);
}

void OptimizerToolbar::setSettings(const OptimizerConfig& o, const Schedule& s,
                                   const Regularization& r) {
    m_preset = o;
    m_presetSchedule = s;
    const QSignalBlocker a(m_optimizer), b(m_learningRate), c(m_momentum), d(m_weightDecay),
        e(m_l1), f(m_l2), g(m_schedule), h(m_stepSize), i(m_gamma), j(m_maxEpochs), k(m_minRate);
    m_optimizer->setCurrentIndex(
        m_optimizer->findData(QString::fromStdString(optimizerChoiceOf(o))));
    m_learningRate->setValue(double(o.learningRate));
    m_momentum->setValue(double(o.momentum));
    m_weightDecay->setValue(double(o.weightDecay));
    m_l1->setValue(double(r.l1));
    m_l2->setValue(double(r.l2));
    m_schedule->setCurrentIndex(m_schedule->findData(int(s.kind)));
    m_stepSize->setValue(s.stepSize);
    m_gamma->setValue(double(s.gamma));
    m_maxEpochs->setValue(s.maxEpochs);
    m_minRate->setValue(double(s.minLearningRate));
    showScheduleSettings();
    showRateInEffect(double(o.learningRate));
}

OptimizerConfig OptimizerToolbar::optimizer() const {
    OptimizerConfig c =
        OptimizerConfig::fromName(m_optimizer->currentData().toString().toStdString())
            .value_or(OptimizerConfig{});
    if (c.kind == m_preset.kind) {
        const bool nesterov = c.nesterov;
        c = m_preset; // keep the preset's betas, eps, ...
        c.nesterov = nesterov;
    }
    c.learningRate = Scalar(m_learningRate->value());
    c.momentum = Scalar(m_momentum->value());
    c.weightDecay = Scalar(m_weightDecay->value());
    if (c.momentum == 0) c.nesterov = false;
    return c;
}

Schedule OptimizerToolbar::schedule() const {
    Schedule s = m_presetSchedule;
    s.kind = ScheduleKind(m_schedule->currentData().toInt());
    s.stepSize = m_stepSize->value();
    s.gamma = Scalar(m_gamma->value());
    s.maxEpochs = m_maxEpochs->value();
    s.minLearningRate = Scalar(m_minRate->value());
    return s;
}

Regularization OptimizerToolbar::regularization() const {
    return {Scalar(m_l1->value()), Scalar(m_l2->value())};
}

void OptimizerToolbar::showScheduleSettings() {
    const auto kind = ScheduleKind(m_schedule->currentData().toInt());
    m_stepSize->setEnabled(kind == ScheduleKind::Step);
    m_gamma->setEnabled(kind == ScheduleKind::Step || kind == ScheduleKind::Exponential);
    m_maxEpochs->setEnabled(kind == ScheduleKind::Cosine);
    m_minRate->setEnabled(kind == ScheduleKind::Cosine);
}

void OptimizerToolbar::showRateInEffect(double learningRate) {
    m_rateInEffect = learningRate;
    const bool differs = std::abs(learningRate - m_learningRate->value()) >
                         1e-9 * std::max(1.0, std::abs(learningRate));
    // Always shown while a schedule runs, so that the class sees η move.
    const bool scheduled =
        ScheduleKind(m_schedule->currentData().toInt()) != ScheduleKind::Constant;
    //: The learning rate in effect beside the box, e.g. "now 0.005".
    const QString now = tr("now %1").arg(rateText(learningRate));
    m_inEffect->setText(differs || scheduled ? now : QString());
}

QString OptimizerToolbar::rateInEffectText() const {
    return m_inEffect->text();
}

void OptimizerToolbar::setLearningRate(double learningRate) {
    m_learningRate->setValue(learningRate);
}

void OptimizerToolbar::sendOptimizer() {
    const OptimizerConfig c = optimizer();
    try {
        c.validate();
    } catch (const Error& e) {
        emit invalid(translated(e));
        return;
    } catch (const std::exception& e) {
        emit invalid(QString::fromStdString(e.what()));
        return;
    }
    emit optimizerChanged(c);
}

} // namespace gs::ui
