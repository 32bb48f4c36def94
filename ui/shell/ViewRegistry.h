// Every view of the main window by name: what the View menu lists, what --view NAME opens and
// what the tests walk to check that each view is reachable and current. A view lives in a dock
// (charts, step, …) or in the window's centre (network, output); showing it brings its dock to
// the front, or the centre back when a single view was enlarged. A view's title follows the
// language: the entry keeps its English text, marked QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", …)
// where the view is added, and title() translates it each time it is read.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QDockWidget;
class QWidget;
QT_END_NAMESPACE

namespace gs::ui {

struct ViewEntry {
    QString name;                    // "charts": --view's and the settings' name
    const char* titleText = nullptr; // "Charts": the menu's and the dock's title, in English
    QWidget* widget = nullptr;       // the view itself (inside its dock or the centre)
    QDockWidget* dock = nullptr;     // null for the centre's views
    QString title() const;           // titleText in the current language
};

// A view's title (ViewEntry::titleText) in the current language.
QString viewTitle(const char* titleText);

class ViewRegistry {
public:
    // Adds a view; its widget takes the title as its accessible name (what a screen reader
    // says), in the current language.
    void add(const ViewEntry& entry);
    const QList<ViewEntry>& views() const { return m_views; }
    const ViewEntry* find(const QString& name) const;
    QDockWidget* dock(const QString& name) const;
    QWidget* widget(const QString& name) const;
    QStringList names() const;

private:
    QList<ViewEntry> m_views;
};

} // namespace gs::ui
