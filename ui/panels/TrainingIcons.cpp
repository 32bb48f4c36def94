#include "TrainingIcons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace gs::ui {

namespace {

// Drawn on a 24-unit square; scaled to the size asked for.
void draw(QPainter& p, TrainingIcon icon) {
    const auto triangle = [&p](double left, double right) {
        QPainterPath path;
        path.moveTo(left, 5);
        path.lineTo(right, 12);
        path.lineTo(left, 19);
        path.closeSubpath();
        p.drawPath(path);
    };
    switch (icon) {
    case TrainingIcon::Play:
        triangle(7, 19);
        break;
    case TrainingIcon::Pause:
        p.drawRect(QRectF(6, 5, 4, 14));
        p.drawRect(QRectF(14, 5, 4, 14));
        break;
    case TrainingIcon::Step:
        triangle(5, 15);
        p.drawRect(QRectF(16, 5, 3, 14));
        break;
    case TrainingIcon::StepEpoch:
        triangle(3, 11);
        triangle(11, 19);
        p.drawRect(QRectF(19, 5, 2.5, 14));
        break;
    case TrainingIcon::Reset: {
        QPen pen = p.pen();
        pen.setWidthF(2.6);
        pen.setCapStyle(Qt::FlatCap);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawArc(QRectF(5, 5, 14, 14), 100 * 16, 290 * 16);
        p.setPen(Qt::NoPen);
        p.setBrush(pen.color());
        QPainterPath head;
        head.moveTo(9, 1.5);
        head.lineTo(15.5, 5);
        head.lineTo(9, 9.5);
        head.closeSubpath();
        p.drawPath(head);
        break;
    }
    }
}

} // namespace

QIcon trainingIcon(TrainingIcon icon, const QColor& colour) {
    QIcon result;
    for (int side : {16, 24, 32, 48, 64}) {
        QPixmap pixmap(side, side);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(side / 24.0, side / 24.0);
        p.setPen(QPen(colour, 0));
        p.setBrush(colour);
        draw(p, icon);
        result.addPixmap(pixmap);
    }
    return result;
}

} // namespace gs::ui
