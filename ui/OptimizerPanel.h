// The optimizer panel: live, per parameter, the size of the last update, the update/parameter
// ratio (about 1e-3 is healthy: much smaller learns slowly, much larger is unstable), and the
// optimizer's state (momentum buffer, Adam's m and v, …) under PyTorch's names.
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

private:
    QLabel* m_header;
    QTableWidget* m_table;
};

} // namespace gs::ui
