#include "ReadingOrder.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QRect>
#include <QScrollArea>
#include <QTabBar>
#include <QToolBar>
#include <QWidget>

#include <algorithm>
#include <vector>

namespace gs::ui {

namespace {

// Whether `a` is read before `b`, two boxes of the same parent: side by side (sharing most of
// the shorter one's height) the left one, otherwise the upper one.
bool readBefore(const QRect& a, const QRect& b) {
    const int shared = std::min(a.bottom(), b.bottom()) - std::max(a.top(), b.top());
    const int shorter = std::min(a.height(), b.height());
    if (shared * 2 > shorter) return a.left() < b.left();
    return a.top() < b.top();
}

// Sorts by readBefore without assuming that it is transitive (odd layouts can make it not):
// an insertion sort, which is a permutation whatever the comparison says.
template <typename T, typename RectOf> void sortByReading(std::vector<T>& items, RectOf rectOf) {
    for (std::size_t i = 1; i < items.size(); ++i)
        for (std::size_t j = i; j > 0 && readBefore(rectOf(items[j]), rectOf(items[j - 1])); --j)
            std::swap(items[j], items[j - 1]);
}

bool stopsAtTab(const QWidget* w) {
    // A scroll area's frame takes the focus but shows nothing of it; Tab scrolls to the
    // widgets inside anyway.
    if (qobject_cast<const QScrollArea*>(w)) return false;
    return (w->focusPolicy() & Qt::TabFocus) && w->isEnabled() && w->isVisibleTo(w->window()) &&
           w->focusProxy() == nullptr;
}

// A region of the window: one child of it (with, for a dock, the tab bar above it that
// switches between its tabbed docks).
struct Region {
    QRect rect;
    std::vector<QWidget*> widgets;
};

void collect(QWidget* parent, QList<QWidget*>& out) {
    std::vector<QWidget*> children;
    for (QObject* o : parent->children())
        if (auto* w = qobject_cast<QWidget*>(o); w && !w->isWindow() && !w->isHidden())
            children.push_back(w);
    sortByReading(children, [](QWidget* w) { return w->geometry(); });
    for (QWidget* w : children) {
        if (stopsAtTab(w)) out.append(w);
        collect(w, out);
    }
}

} // namespace

QList<QList<QWidget*>> readingOrderRegions(QWidget* window) {
    // The window's own children, gathered into regions: a dock's tab bar belongs to the dock
    // right below it (sharing its left edge and width), so the tabs come just before their dock.
    std::vector<Region> regions;
    std::vector<QWidget*> bars, toolbars;
    for (QObject* o : window->children()) {
        auto* w = qobject_cast<QWidget*>(o);
        // A dock tabbed away stays "visible", moved out of the window.
        if (!w || w->isWindow() || w->isHidden() || !window->rect().intersects(w->geometry()))
            continue;
        // The toolbars at the top are one region; one elsewhere (the timeline under the views)
        // is a region of its own, read where it stands.
        auto* toolbar = qobject_cast<QToolBar*>(w);
        auto* main = qobject_cast<QMainWindow*>(window);
        if (qobject_cast<QTabBar*>(w))
            bars.push_back(w);
        else if (toolbar && (!main || main->toolBarArea(toolbar) == Qt::TopToolBarArea))
            toolbars.push_back(w);
        else
            regions.push_back({w->geometry(), {w}});
    }
    // The toolbars are one region, read left to right, top to bottom (F6 passes them at once).
    if (!toolbars.empty()) {
        sortByReading(toolbars, [](QWidget* w) { return w->geometry(); });
        Region all{toolbars.front()->geometry(), toolbars};
        for (QWidget* t : toolbars)
            all.rect = all.rect.united(t->geometry());
        regions.push_back(all);
    }
    for (QWidget* bar : bars) {
        Region* owner = nullptr;
        for (Region& r : regions)
            if (qobject_cast<QDockWidget*>(r.widgets.back()) &&
                std::abs(r.rect.top() - bar->geometry().bottom()) <= 8 &&
                bar->geometry().left() < r.rect.right() && r.rect.left() < bar->geometry().right())
                owner = &r;
        if (owner) {
            owner->rect = owner->rect.united(bar->geometry());
            owner->widgets.insert(owner->widgets.begin(), bar);
        } else {
            regions.push_back({bar->geometry(), {bar}});
        }
    }
    sortByReading(regions, [](const Region& r) { return r.rect; });
    QList<QList<QWidget*>> stops;
    for (const Region& r : regions) {
        QList<QWidget*> inRegion;
        for (QWidget* w : r.widgets) {
            if (stopsAtTab(w)) inRegion.append(w);
            collect(w, inRegion);
        }
        if (!inRegion.isEmpty()) stops.append(inRegion);
    }
    return stops;
}

QList<QWidget*> readingOrderChain(QWidget* window) {
    QList<QWidget*> chain;
    for (const QList<QWidget*>& region : readingOrderRegions(window))
        chain += region;
    return chain;
}

namespace {

// The stop that holds the focus (the focus may be inside one: a spin box's line edit), or −1.
qsizetype indexOfFocus(QWidget* window, const QList<QWidget*>& stops) {
    qsizetype at = -1;
    for (QWidget* w = window->focusWidget(); w && at < 0 && w != window; w = w->parentWidget())
        at = stops.indexOf(w);
    return at;
}

// Scrolls every scroll area `stop` is in to show it, then focuses it: in that order, so that a
// view which scrolls to its own cursor as it takes the focus (the computation graph) has the
// last word.
// (Not QScrollArea::ensureWidgetVisible: it shows a widget's text cursor where it has one, and a
// chart, a QGraphicsView, answers with a point at its top left.)
void focusStop(QWidget* stop, Qt::FocusReason reason) {
    for (QWidget* w = stop->parentWidget(); w; w = w->parentWidget())
        if (auto* area = qobject_cast<QScrollArea*>(w); area && area->widget()) {
            const QRect r(stop->mapTo(area->widget(), QPoint(0, 0)), stop->size());
            // The whole of it, or its top left where it is larger than the area.
            area->ensureVisible(r.center().x(), r.center().y(), r.width() / 2 + 8,
                                r.height() / 2 + 8);
        }
    stop->setFocus(reason);
}

} // namespace

bool focusInReadingOrder(QWidget* window, bool next) {
    const QList<QWidget*> chain = readingOrderChain(window);
    if (chain.isEmpty()) return false;
    const qsizetype at = indexOfFocus(window, chain);
    const qsizetype n = chain.size();
    const qsizetype to = at < 0 ? (next ? 0 : n - 1) : ((next ? at + 1 : at - 1) + n) % n;
    focusStop(chain[to], next ? Qt::TabFocusReason : Qt::BacktabFocusReason);
    return true;
}

bool focusNextRegion(QWidget* window, bool next) {
    const QList<QList<QWidget*>> regions = readingOrderRegions(window);
    if (regions.isEmpty()) return false;
    qsizetype at = -1;
    for (qsizetype r = 0; r < regions.size() && at < 0; ++r)
        if (indexOfFocus(window, regions[r]) >= 0) at = r;
    const qsizetype n = regions.size();
    const qsizetype to = at < 0 ? (next ? 0 : n - 1) : ((next ? at + 1 : at - 1) + n) % n;
    focusStop(regions[to].first(), Qt::ShortcutFocusReason);
    return true;
}

bool focusFirstIn(QWidget* window, QWidget* container) {
    for (QWidget* stop : readingOrderChain(window))
        if (container == stop || container->isAncestorOf(stop)) {
            focusStop(stop, Qt::ShortcutFocusReason);
            return true;
        }
    return false;
}

} // namespace gs::ui
