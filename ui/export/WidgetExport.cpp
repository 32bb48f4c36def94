#include "WidgetExport.h"

#include "core/Errors.h"
#include "io/Serialize.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QWidget>

namespace gs::ui {

void exportWidget(QWidget* widget, const QString& path, const QString& title) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (suffix == QStringLiteral("png")) {
        widget->grab().save(&buffer, "PNG");
    } else if (suffix == QStringLiteral("svg")) {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(widget->size());
        svg.setViewBox(QRect(QPoint(0, 0), widget->size()));
        svg.setTitle(title);
        QPainter painter(&svg);
        widget->render(&painter);
    } else if (suffix == QStringLiteral("pdf")) {
        QPdfWriter pdf(&buffer);
        pdf.setTitle(title);
        pdf.setPageSize(QPageSize(QSizeF(widget->width(), widget->height()), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(72);
        QPainter painter(&pdf);
        widget->render(&painter);
    } else {
        throw Error(Engine::tr("{1}: choose a .png, .svg or .pdf file"), path.toStdString());
    }
    buffer.close();
    writeFileAtomic(path.toStdString(), bytes.toStdString());
}

} // namespace gs::ui
