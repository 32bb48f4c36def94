#include "FlowLayout.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QWidget>

#include <algorithm>

FlowLayout::FlowLayout(QWidget* parent)
    : QLayout(parent) {}

FlowLayout::~FlowLayout() {
    while (QLayoutItem* item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem* item) {
    m_items.append(item);
}

QLayoutItem* FlowLayout::itemAt(int index) const {
    return index >= 0 && index < m_items.size() ? m_items.at(index) : nullptr;
}

QLayoutItem* FlowLayout::takeAt(int index) {
    return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

int FlowLayout::heightForWidth(int width) const {
    return arrange(QRect(0, 0, width, 0), false);
}

QSize FlowLayout::minimumSize() const {
    // As wide as the widest item: every other item can go on a line of its own.
    QSize size;
    for (const QLayoutItem* item : m_items)
        if (!item->isEmpty()) size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const {
    // Everything on one line.
    int width = 0, height = 0, shown = 0;
    for (const QLayoutItem* item : m_items) {
        if (item->isEmpty()) continue;
        width += item->sizeHint().width();
        height = std::max(height, item->sizeHint().height());
        ++shown;
    }
    width += std::max(0, shown - 1) * gap(QStyle::PM_LayoutHorizontalSpacing);
    const QMargins m = contentsMargins();
    return {width + m.left() + m.right(), height + m.top() + m.bottom()};
}

void FlowLayout::setGeometry(const QRect& rect) {
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::gap(QStyle::PixelMetric metric) const {
    if (spacing() >= 0) return spacing();
    const QWidget* parent = parentWidget();
    const int fromStyle = parent ? parent->style()->pixelMetric(metric, nullptr, parent) : -1;
    return fromStyle >= 0 ? fromStyle : 6;
}

int FlowLayout::arrange(const QRect& rect, bool place) const {
    const QRect area = rect.marginsRemoved(contentsMargins());
    const int across = gap(QStyle::PM_LayoutHorizontalSpacing);
    const int down = gap(QStyle::PM_LayoutVerticalSpacing);
    int y = area.top(), lines = 0;
    QList<QLayoutItem*> line;
    int lineWidth = 0;
    const auto finishLine = [&] {
        if (line.isEmpty()) return;
        int height = 0;
        for (const QLayoutItem* item : line)
            height = std::max(height, item->sizeHint().height());
        if (place) {
            int x = area.left();
            for (QLayoutItem* item : line) {
                // An item wider than the whole line (the only one on it) is narrowed to fit.
                const QSize hint = item->sizeHint();
                const int width = std::min(hint.width(), std::max(area.width(), 1));
                item->setGeometry(QRect(x, y + (height - hint.height()) / 2, width, hint.height()));
                x += width + across;
            }
        }
        y += height + down;
        ++lines;
        line.clear();
        lineWidth = 0;
    };
    for (QLayoutItem* item : m_items) {
        if (item->isEmpty()) continue;
        const int width = item->sizeHint().width();
        if (!line.isEmpty() && lineWidth + across + width > area.width()) finishLine();
        lineWidth += (line.isEmpty() ? 0 : across) + width;
        line.append(item);
    }
    finishLine();
    if (place) m_lines = lines;
    const int used = lines > 0 ? y - down - area.top() : 0;
    return used + contentsMargins().top() + contentsMargins().bottom();
}

QWidget* labelled(const QString& label, QWidget* field) {
    auto* pair = new QWidget;
    auto* layout = new QHBoxLayout(pair);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* text = new QLabel(label);
    text->setBuddy(field);
    layout->addWidget(text);
    layout->addWidget(field);
    return pair;
}
