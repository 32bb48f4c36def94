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
        *typed < low ? BoundedSpinBox::tr("%1 is less than this box takes (%2 to %3): set to %2.")
                           .arg(typedText, format(low), format(high))
                     : BoundedSpinBox::tr("%1 is more than this box takes (%2 to %3): set to %3.")
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

// The parts of validate() and fixup() that both boxes share; `Box` is either.
template <class Box>
QValidator::State validated(const Box& box, QValidator::State base, const QString& text) {
    return keepOutOfRange(base, typedNumber(box, text, box.prefix(), box.suffix()),
                          loneSign(box, text, box.prefix(), box.suffix()), box.minimum(),
                          box.maximum());
}

// Clamps an out-of-range number in `text` and returns what to say; empty when in range.
// `format` is the box's own textFromValue() (protected, so the box passes it).
template <class Box>
QString clamped(const Box& box, QString& text, const std::function<QString(double)>& format) {
    const QString message =
        clampTyped(box, text, typedNumber(box, text, box.prefix(), box.suffix()), box.minimum(),
                   box.maximum(), format);
    if (!message.isEmpty()) text = box.prefix() + text + box.suffix();
    return message;
}

} // namespace

BoundedSpinBox::BoundedSpinBox(QWidget* parent)
    : QSpinBox(parent) {
    setCorrectionMode(CorrectToNearestValue);
    connect(this, &QAbstractSpinBox::editingFinished, this,
            [this] { say(this, m_correction, [this](QString m) { emit corrected(m); }); });
}

QValidator::State BoundedSpinBox::validate(QString& text, int& pos) const {
    return validated(*this, QSpinBox::validate(text, pos), text);
}

void BoundedSpinBox::fixup(QString& text) const {
    m_correction = clamped(*this, text, [this](double v) { return textFromValue(int(v)); });
    if (m_correction.isEmpty()) QSpinBox::fixup(text);
}

BoundedDoubleSpinBox::BoundedDoubleSpinBox(QWidget* parent)
    : QDoubleSpinBox(parent) {
    setCorrectionMode(CorrectToNearestValue);
    connect(this, &QAbstractSpinBox::editingFinished, this,
            [this] { say(this, m_correction, [this](QString m) { emit corrected(m); }); });
}

QValidator::State BoundedDoubleSpinBox::validate(QString& text, int& pos) const {
    return validated(*this, QDoubleSpinBox::validate(text, pos), text);
}

void BoundedDoubleSpinBox::fixup(QString& text) const {
    m_correction = clamped(*this, text, [this](double v) { return textFromValue(v); });
    if (m_correction.isEmpty()) QDoubleSpinBox::fixup(text);
}
