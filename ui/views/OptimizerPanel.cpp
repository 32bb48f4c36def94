#include "OptimizerPanel.h"

#include "Language.h"
#include "optim/Optimizer.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace gs::ui {

namespace {

enum Column { Name, Shape, Weight, Gradient, Update, Ratio, State, Columns };

QString num(double v) {
    return QString::number(v, 'g', 4);
}

// Green around 1e-3, amber a decade off, red beyond: Karpathy's rule of thumb for the
// update/parameter ratio.
QColor ratioColor(double ratio) {
    if (!(ratio > 0)) return QColor(235, 235, 235);
    const double decades = std::abs(std::log10(ratio) + 3);
    if (decades < 1) return QColor(198, 239, 206);
    if (decades < 2) return QColor(255, 235, 156);
    return QColor(255, 199, 206);
}

} // namespace

// Note on the hats: m̂ is m followed by U+0302 COMBINING CIRCUMFLEX, and only a font that has
// both glyphs and an anchor joining them puts the hat on the letter. Rich text's <code> asks for
// "Courier New": where that resolves to a font without the mark, the hat comes from another
// font and lands beside the letter or not at all (DejaVu Sans draws none). DejaVu Sans Mono
// places it right, so it is named first.
QString OptimizerPanel::ruleHtml(const QString& rule) {
    return QStringLiteral("<span style=\"font-family:'DejaVu Sans Mono','Courier New',"
                          "monospace\">%1</span>")
        .arg(rule.toHtmlEscaped());
}

QString OptimizerPanel::ruleText(const std::string& rule) {
    return QString::fromStdString(rule).replace(QString::fromUtf8(kFirstStepNote),
                                                engineText(kFirstStepNote));
}

OptimizerPanel::OptimizerPanel(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    m_header = new QLabel;
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    layout->addWidget(m_header);
    m_table = new QTableWidget(0, Columns);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; the arrows move in it
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);
    retranslate();
}

void OptimizerPanel::retranslate() {
    //: Screen readers' name of the optimizer panel's table.
    m_table->setAccessibleName(tr("Every parameter's last update and optimizer state"));
    // Items kept, texts replaced (setHorizontalHeaderLabels sets the text of existing items).
    m_table->setHorizontalHeaderLabels({tr("parameter"), tr("shape"), tr("‖w‖"), tr("‖g‖"),
                                        tr("‖Δw‖"), tr("‖Δw‖/‖w‖"), tr("optimizer state")});
    m_table->horizontalHeaderItem(Ratio)->setToolTip(
        tr("Update/parameter ratio of the last step: about 1e-3 is healthy (green); a decade "
           "off is amber, more is red"));
    m_table->horizontalHeaderItem(State)->setToolTip(
        tr("The optimizer's buffers for this parameter, under PyTorch's names: their norm ‖·‖ "
           "and mean absolute value"));
}

void OptimizerPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        if (m_snapshot) showSnapshot(m_snapshot);
    }
    QWidget::changeEvent(event);
}

QString OptimizerPanel::header() const {
    return m_header->text();
}

void OptimizerPanel::showSnapshot(const SnapshotPtr& s) {
    m_snapshot = s;
    //: The optimizer panel's heading: the optimizer, its learning rate, the steps it has taken,
    //: and (on the next line) its update rule.
    m_header->setText(tr("<b>%1</b>, lr %2 · %3 steps<br>%4")
                          .arg(QString::fromStdString(s->optimizer).toHtmlEscaped())
                          .arg(s->learningRate, 0, 'g', 4)
                          .arg(s->optimizerSteps)
                          .arg(ruleHtml(ruleText(s->rule))));
    // No buffers: plain SGD has none, any other optimizer has none yet (a changed optimizer
    // starts its state afresh at its next step). Said from the optimizer in use, so the text
    // never describes the previous one.
    const QString optimizer = QString::fromStdString(s->optimizer);
    const QString noState =
        optimizer == QStringLiteral("SGD")
            ? tr("none (plain SGD keeps no state)")
            : tr("none yet: %1 creates its state at its next step").arg(optimizer);
    m_table->setRowCount(int(s->parameters.size()));
    for (int row = 0; row < int(s->parameters.size()); ++row) {
        const ParameterState& p = s->parameters[std::size_t(row)];
        QStringList state;
        for (const auto& b : p.buffers)
            //: One buffer of the optimizer's state: its PyTorch name, its norm, its mean absolute
            //: value.
            state << tr("%1 ‖·‖ %2, mean |·| %3")
                         .arg(QString::fromStdString(b.name), num(b.norm), num(b.meanAbs));
        const QString cells[Columns] = {QString::fromStdString(p.name),
                                        QString::fromStdString(p.shape),
                                        num(p.weightNorm),
                                        num(p.gradNorm),
                                        num(p.updateNorm),
                                        num(p.ratio),
                                        state.isEmpty() ? noState : state.join(QLatin1Char('\n'))};
        for (int c = 0; c < Columns; ++c) {
            QTableWidgetItem* item = m_table->item(row, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(row, c, item);
            }
            item->setText(cells[c]);
            if (c == State) item->setToolTip(cells[c]); // the whole state, however narrow
            if (c >= Weight && c <= Ratio)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        }
        m_table->item(row, Ratio)->setBackground(ratioColor(p.ratio));
        m_table->item(row, Ratio)->setForeground(Qt::black);
    }
    m_table->resizeColumnsToContents();
    m_table->resizeRowsToContents(); // one line per buffer: Adam's m and v both in sight
}

} // namespace gs::ui
