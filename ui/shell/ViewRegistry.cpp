#include "ViewRegistry.h"

#include "Retranslate.h"

#include <QCoreApplication>
#include <QWidget>

namespace gs::ui {

QString viewTitle(const char* titleText) {
    return titleText ? QCoreApplication::translate("gs::ui::ViewRegistry", titleText) : QString();
}

QString ViewEntry::title() const {
    return viewTitle(titleText);
}

void ViewRegistry::add(const ViewEntry& entry) {
    m_views.append(entry);
    if (QWidget* widget = entry.widget)
        onLanguageChange(widget, [widget, text = entry.titleText] {
            widget->setAccessibleName(viewTitle(text));
        });
}

const ViewEntry* ViewRegistry::find(const QString& name) const {
    for (const ViewEntry& v : m_views)
        if (v.name == name) return &v;
    return nullptr;
}

QDockWidget* ViewRegistry::dock(const QString& name) const {
    const ViewEntry* v = find(name);
    return v ? v->dock : nullptr;
}

QWidget* ViewRegistry::widget(const QString& name) const {
    const ViewEntry* v = find(name);
    return v ? v->widget : nullptr;
}

QStringList ViewRegistry::names() const {
    QStringList names;
    for (const ViewEntry& v : m_views)
        names.append(v.name);
    return names;
}

} // namespace gs::ui
