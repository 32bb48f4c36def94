#include "GuideBrowser.h"

#include <QImage>
#include <QScrollBar>

#include <algorithm>
#include <cstdlib>

GuideBrowser::GuideBrowser(QWidget* parent)
    : QTextBrowser(parent) {}

int GuideBrowser::pictureWidth() const {
    // The page's width less its margins and a little room for the text's own indent.
    const int margin = int(document()->documentMargin());
    return std::max(100, viewport()->width() - 2 * margin - 8);
}

QVariant GuideBrowser::loadResource(int type, const QUrl& name) {
    QVariant resource = QTextBrowser::loadResource(type, name);
    if (type != QTextDocument::ImageResource) return resource;
    QImage image;
    if (resource.canConvert<QByteArray>()) image.loadFromData(resource.toByteArray());
    if (image.isNull()) return resource;
    m_laidOutFor = pictureWidth();
    const qreal ratio = devicePixelRatioF();
    const int width = int(m_laidOutFor * ratio);
    if (image.width() > width) {
        image = image.scaledToWidth(width, Qt::SmoothTransformation);
        image.setDevicePixelRatio(ratio);
    }
    return image;
}

void GuideBrowser::resizeEvent(QResizeEvent* event) {
    QTextBrowser::resizeEvent(event);
    // Pictures are cached by the document: lay the page out again, where the reader was, when
    // the width has changed enough to matter.
    if (m_laidOutFor == 0 || std::abs(pictureWidth() - m_laidOutFor) < 24) return;
    const int at = verticalScrollBar()->value();
    reload();
    verticalScrollBar()->setValue(at);
}
