#include "BoundedSpinBox.h"

#include <QLocale>
#include <QToolTip>

#include <functional>
#include <optional>
#include <utility>

namespace {

// A spin box's text without its prefix and suffix.
QString bare(QString text, const QString& prefix, const QString& suffix) {
    if (!prefix.isEmpty() && text.startsWith(prefix)) text.remove(0, prefix.size());
    if (!suffix.isEmpty() && text.endsWith(suffix)) text.chop(suffix.size());
    return text.trimmed();
}

// The number in a spin box's text, when there is one.
std::optional<double> typedNumber(const QAbstractSpinBox& box, const QString& text,
                                  const QString& prefix, const QString& suffix) {
    bool ok = false;
    const double value = box.locale().toDouble(bare(text, prefix, suffix), &ok);
    if (!ok) return std::nullopt;
    return value;
}

// A sign on its own, the start of a number that may be out of range.
bool loneSign(const QAbstractSpinBox& box, const QString& text, const QString& prefix,
              const QString& suffix) {
    const QString b = bare(text, prefix, suffix);
    return b == box.locale().negativeSign() || b == box.locale().positiveSign();
}

// Intermediate for a number outside [low, high], so that typing goes on; `base` otherwise.
QValidator::State keepOutOfRange(QValidator::State base, std::optional<double> typed, bool sign,
                                 double low, double high) {
    if (base != QValidator::Invalid) return base;
    if (sign) return QValidator::Intermediate;
    if (!typed) return base;
    return *typed < low || *typed > high ? QValidator::Intermediate : base;
}

// Replaces an out-of-range number in `text` by the nearest bound and returns what to say.
QString clampTyped(const QAbstractSpinBox& box, QString& text, std::optional<double> typed,
                   double low, double high, const std::function<QString(double)>& format) {
    if (!typed || (*typed >= low && *typed <= high)) return {};
    const double bound = *typed < low ? low : high;
    const QString typedText = box.locale().toString(*typed, 'g', 8);
    const QString message =
        *typed < low ? QObject::tr("%1 is less than this box takes (%2 to %3): set to %2.")
                           .arg(typedText, format(low), format(high))
                     : QObject::tr("%1 is more than this box takes (%2 to %3): set to %3.")
                           .arg(typedText, format(low), format(high));
    text = format(bound);
    return message;
}

void say(QAbstractSpinBox* box, QString& correction, const std::function<void(QString)>& emitIt) {
    if (correction.isEmpty()) return;
    const QString message = std::exchange(correction, {});
    QToolTip::showText(box->mapToGlobal(QPoint(0, box->height())), message, box);
    emitIt(message);
}

} // namespace

BoundedSpinBox::BoundedSpinBox(QWidget* parent)
    : QSpinBox(parent) {
    setCorrectionMode(CorrectToNearestValue);
    connect(this, &QAbstractSpinBox::editingFinished, this,
            [this] { say(this, m_correction, [this](QString m) { emit corrected(m); }); });
}

QValidator::State BoundedSpinBox::validate(QString& text, int& pos) const {
    return keepOutOfRange(QSpinBox::validate(text, pos),
                          typedNumber(*this, text, prefix(), suffix()),
                          loneSign(*this, text, prefix(), suffix()), minimum(), maximum());
}

void BoundedSpinBox::fixup(QString& text) const {
    const QString message =
        clampTyped(*this, text, typedNumber(*this, text, prefix(), suffix()), minimum(), maximum(),
                   [this](double v) { return textFromValue(int(v)); });
    if (message.isEmpty()) return QSpinBox::fixup(text);
    text = prefix() + text + suffix();
    m_correction = message;
}

BoundedDoubleSpinBox::BoundedDoubleSpinBox(QWidget* parent)
    : QDoubleSpinBox(parent) {
    setCorrectionMode(CorrectToNearestValue);
    connect(this, &QAbstractSpinBox::editingFinished, this,
            [this] { say(this, m_correction, [this](QString m) { emit corrected(m); }); });
}

QValidator::State BoundedDoubleSpinBox::validate(QString& text, int& pos) const {
    return keepOutOfRange(QDoubleSpinBox::validate(text, pos),
                          typedNumber(*this, text, prefix(), suffix()),
                          loneSign(*this, text, prefix(), suffix()), minimum(), maximum());
}

void BoundedDoubleSpinBox::fixup(QString& text) const {
    const QString message =
        clampTyped(*this, text, typedNumber(*this, text, prefix(), suffix()), minimum(), maximum(),
                   [this](double v) { return textFromValue(v); });
    if (message.isEmpty()) return QDoubleSpinBox::fixup(text);
    text = prefix() + text + suffix();
    m_correction = message;
}
