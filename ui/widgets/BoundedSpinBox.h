#pragma once
// Spin boxes that say so when a typed number is out of range. A plain QSpinBox drops the
// keystroke that would leave its range, so typing 999 in a box of 5 to 81 silently gives 9.
// These keep the typed number, then set the nearest bound when the edit ends and show a
// tooltip naming the range ("999 is more than this box takes (5 to 81): set to 81").
#include <QDoubleSpinBox>
#include <QSpinBox>

class BoundedSpinBox : public QSpinBox {
    Q_OBJECT
public:
    explicit BoundedSpinBox(QWidget* parent = nullptr);
    QValidator::State validate(QString& text, int& pos) const override;
    void fixup(QString& text) const override;

signals:
    // After an edit that set a bound in place of the number typed; the message says so.
    void corrected(const QString& message);

private:
    mutable QString m_correction; // set by fixup(), said once the edit has finished
};

class BoundedDoubleSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    explicit BoundedDoubleSpinBox(QWidget* parent = nullptr);
    QValidator::State validate(QString& text, int& pos) const override;
    void fixup(QString& text) const override;

signals:
    void corrected(const QString& message);

private:
    mutable QString m_correction;
};
