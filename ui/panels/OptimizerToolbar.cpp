#include "OptimizerToolbar.h"

#include "BoundedSpinBox.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>
#include <QSpinBox>
#include <QToolButton>
#include <QWidgetAction>

namespace gs::ui {

namespace {

const QList<std::pair<QString, QString>>& optimizerChoices() {
    static const QList<std::pair<QString, QString>> choices = {
        {QStringLiteral("sgd"), QStringLiteral("SGD")},
        {QStringLiteral("momentum"), QStringLiteral("SGD + momentum")},
        {QStringLiteral("nesterov"), QStringLiteral("SGD + Nesterov")},
        {QStringLiteral("adam"), QStringLiteral("Adam")},
        {QStringLiteral("adamw"), QStringLiteral("AdamW")},
        {QStringLiteral("rmsprop"), QStringLiteral("RMSprop")},
        {QStringLiteral("adagrad"), QStringLiteral("Adagrad")}};
    return choices;
}

QString optimizerChoiceOf(const OptimizerConfig& c) {
    if (c.kind != OptimizerKind::SGD) return QString::fromUtf8(optimizerKindName(c.kind));
    return c.momentum == 0 ? QStringLiteral("sgd")
           : c.nesterov    ? QStringLiteral("nesterov")
                           : QStringLiteral("momentum");
}

QDoubleSpinBox* spin(double low, double high, int decimals, double step, const QString& tip) {
    auto* box = new BoundedDoubleSpinBox;
    box->setRange(low, high);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setToolTip(tip);
    box->setKeyboardTracking(false);
    return box;
}

QString rateText(double rate) {
    return QLocale().toString(rate, 'g', 3);
}

} // namespace

OptimizerToolbar::OptimizerToolbar(QWidget* parent)
    : QToolBar(tr("Optimizer"), parent) {
    setObjectName(QStringLiteral("optimizerToolbar"));
    m_optimizer = new QComboBox;
    for (const auto& [name, label] : optimizerChoices())
        m_optimizer->addItem(label, name);
    m_optimizer->setToolTip(tr("The update rule, exactly as PyTorch's torch.optim applies it. "
                               "Changing it keeps training going, with fresh optimizer state."));
    m_learningRate = spin(1e-5, 10, 5, 0.001,
                          tr("Learning rate η: the step size. Changes apply at once, without a "
                             "reset; a schedule goes on from the rate you type."));
    m_inEffect = new QLabel;
    // As wide as its widest text, so that the toolbar does not shift as the rate changes.
    m_inEffect->setMinimumWidth(
        m_inEffect->fontMetrics().horizontalAdvance(QStringLiteral("now 0.000000 ")));
    m_inEffect->setObjectName(QStringLiteral("rateInEffect"));
    m_inEffect->setToolTip(tr("The learning rate the optimizer uses in this epoch, after the "
                              "schedule"));
    m_schedule = new QComboBox;
    m_schedule->setToolTip(tr("How η changes over the epochs, as PyTorch's schedulers do: "
                              "constant, ×γ every few epochs (step), ×γ every epoch "
                              "(exponential), or down a half cosine to a floor (cosine); its "
                              "settings are under More"));
    for (int k = 0; k < int(ScheduleKind::Count); ++k)
        m_schedule->addItem(QString::fromUtf8(scheduleKindName(ScheduleKind(k))), k);

    // The schedule's settings, in a drop-down under a button beside it.
    m_stepSize = new BoundedSpinBox;
    m_stepSize->setKeyboardTracking(false);
    m_stepSize->setRange(1, 100'000);
    m_stepSize->setToolTip(tr("Step: multiply η by γ every this many epochs"));
    m_gamma = spin(0.001, 1, 4, 0.01, tr("Step and exponential: the factor γ"));
    m_maxEpochs = new BoundedSpinBox;
    m_maxEpochs->setKeyboardTracking(false);
    m_maxEpochs->setRange(1, 1'000'000);
    m_maxEpochs->setToolTip(tr("Cosine: the epochs it takes η to reach the floor (T_max)"));
    m_minRate = spin(0, 10, 6, 0.0001, tr("Cosine: the floor η_min"));
    m_momentum = spin(0, 0.999, 3, 0.05, tr("Momentum μ (SGD and RMSprop)"));
    m_weightDecay = spin(0, 1, 5, 0.0001, tr("Weight decay, as the optimizer applies it"));
    m_l1 = spin(0, 1, 5, 0.0001, tr("L1 regularisation rate: adds rate·Σ|w| to the loss"));
    m_l2 = spin(0, 1, 5, 0.0001, tr("L2 regularisation rate: adds rate·Σw² to the loss"));
    // The settings changed less often, in a drop-down under "More": the schedule's, weight
    // decay and the regularisation rates. The toolbar then fits a 1280-pixel screen.
    auto* form = new QWidget;
    form->setObjectName(QStringLiteral("moreSettings"));
    auto* formLayout = new QFormLayout(form);
    formLayout->addRow(new QLabel(tr("<b>Schedule</b>")));
    formLayout->addRow(tr("Step every (epochs)"), m_stepSize);
    formLayout->addRow(tr("γ"), m_gamma);
    formLayout->addRow(tr("Cosine over (epochs)"), m_maxEpochs);
    formLayout->addRow(tr("Floor η_min"), m_minRate);
    formLayout->addRow(new QLabel(tr("<b>Regularisation</b>")));
    formLayout->addRow(tr("Weight decay"), m_weightDecay);
    formLayout->addRow(tr("L1 rate"), m_l1);
    formLayout->addRow(tr("L2 rate"), m_l2);
    auto* menu = new QMenu(this);
    auto* formAction = new QWidgetAction(menu);
    formAction->setDefaultWidget(form);
    menu->addAction(formAction);
    m_more = new QToolButton;
    m_more->setText(tr("More"));
    m_more->setToolTip(tr("The schedule's settings, weight decay and the L1 and L2 rates"));
    m_more->setMenu(menu);
    m_more->setPopupMode(QToolButton::InstantPopup);

    const auto labelled = [this](const QString& text, QWidget* w) {
        auto* label = new QLabel(QStringLiteral(" %1").arg(text));
        label->setBuddy(w);
        addWidget(label);
        addWidget(w);
    };
    labelled(tr("&Optimizer"), m_optimizer);
    labelled(tr("η"), m_learningRate);
    addWidget(m_inEffect);
    labelled(tr("S&chedule"), m_schedule);
    labelled(tr("μ"), m_momentum);
    addWidget(m_more);

    connect(m_optimizer, &QComboBox::activated, this, [this] {
        const auto fresh =
            OptimizerConfig::fromName(m_optimizer->currentData().toString().toStdString());
        if (!fresh) return;
        const QSignalBlocker a(m_momentum), b(m_learningRate);
        m_momentum->setValue(double(fresh->momentum));
        if (fresh->kind == OptimizerKind::Adam || fresh->kind == OptimizerKind::AdamW)
            m_learningRate->setValue(std::min(m_learningRate->value(), 0.01));
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

void OptimizerToolbar::setSettings(const OptimizerConfig& o, const Schedule& s,
                                   const Regularization& r) {
    m_preset = o;
    m_presetSchedule = s;
    const QSignalBlocker a(m_optimizer), b(m_learningRate), c(m_momentum), d(m_weightDecay),
        e(m_l1), f(m_l2), g(m_schedule), h(m_stepSize), i(m_gamma), j(m_maxEpochs), k(m_minRate);
    m_optimizer->setCurrentIndex(m_optimizer->findData(optimizerChoiceOf(o)));
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
    const bool differs = std::abs(learningRate - m_learningRate->value()) >
                         1e-9 * std::max(1.0, std::abs(learningRate));
    // Always shown while a schedule runs, so that the class sees η move.
    const bool scheduled =
        ScheduleKind(m_schedule->currentData().toInt()) != ScheduleKind::Constant;
    m_inEffect->setText(differs || scheduled ? tr("now %1").arg(rateText(learningRate))
                                             : QString());
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
    } catch (const std::exception& e) {
        emit invalid(QString::fromStdString(e.what()));
        return;
    }
    emit optimizerChanged(c);
}

} // namespace gs::ui
