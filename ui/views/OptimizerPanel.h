// The optimizer panel: live, per parameter, the size of the last update, the update/parameter
// ratio (about 1e-3 is healthy: much smaller learns slowly, much larger is unstable), and the
// optimizer's state (momentum buffer, Adam's m and v, …) under PyTorch's names. The state column
// always speaks of the optimizer in use: one just chosen says its state starts at its next step.
#pragma once

#include "Snapshot.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QTableWidget;
QT_END_NAMESPACE

namespace gs::ui {

class OptimizerPanel : public QWidget {
    Q_OBJECT
public:
    explicit OptimizerPanel(QWidget* parent = nullptr);
    void showSnapshot(const SnapshotPtr& snapshot);
    QTableWidget* table() const { return m_table; }
    QString header() const;
    // The update rule as the header shows it: escaped, in a monospaced font that places the
    // combining hat of Adam's m̂ and v̂ on its letter (see the note in the .cpp).
    static QString ruleHtml(const QString& rule);
    // The engine's update rule (updateRule) with its words in the current language.
    static QString ruleText(const std::string& rule);

protected:
    // A language change: the column headings again, and the last snapshot shown again.
    void changeEvent(QEvent* event) override;

private:
    void retranslate(); // the column headings and their tooltips

    QLabel* m_header;
    QTableWidget* m_table;
    SnapshotPtr m_snapshot; // the one shown
};

} // namespace gs::ui
