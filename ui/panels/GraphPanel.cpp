#include "GraphPanel.h"

#include "GraphView.h"
#include "Retranslate.h"
#include "WidgetExport.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace gs::ui {

GraphPanel::GraphPanel(QWidget* parent)
    : QWidget(parent)
    , m_graph(new GraphView) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* bar = new QHBoxLayout;
    auto* collapse = new QPushButton;
    auto* expand = new QPushButton;
    auto* exportButton = new QPushButton;
    onLanguageChange(this, [this, collapse, expand, exportButton] {
        m_graph->setAccessibleName(tr("Computation graph"));
        collapse->setText(tr("Collapse layers"));
        expand->setText(tr("Expand all"));
        exportButton->setText(tr("Export…"));
    });
    connect(collapse, &QPushButton::clicked, m_graph, [this] { m_graph->setAllCollapsed(true); });
    connect(expand, &QPushButton::clicked, m_graph, [this] { m_graph->setAllCollapsed(false); });
    connect(exportButton, &QPushButton::clicked, this, &GraphPanel::exportRequested);
    bar->addWidget(collapse);
    bar->addWidget(expand);
    bar->addStretch(1);
    bar->addWidget(exportButton);
    layout->addLayout(bar);
    // The view says its caption again in a new language (captionChanged).
    auto* caption = new QLabel(m_graph->caption());
    caption->setWordWrap(true);
    connect(m_graph, &GraphView::captionChanged, caption, &QLabel::setText);
    layout->addWidget(caption);
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_graph);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);
    connect(m_graph, &GraphView::focusMoved, scroll, [scroll](const QRectF& box) {
        scroll->ensureVisible(int(box.center().x()), int(box.center().y()),
                              int(box.width() / 2 + 20), int(box.height() / 2 + 20));
    });
}

void GraphPanel::exportTo(const QString& path, const QString& title) const {
    // The picture carries its caption (on screen the label above the view shows it).
    m_graph->setCaptionDrawn(true);
    try {
        exportWidget(m_graph, path, title);
    } catch (...) {
        m_graph->setCaptionDrawn(false);
        throw;
    }
    m_graph->setCaptionDrawn(false);
}

} // namespace gs::ui
