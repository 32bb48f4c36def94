#include "ChartExport.h"

#include "core/Errors.h"
#include "io/Serialize.h"

#include <QBuffer>
#include <QChart>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QLegend>
#include <QLineSeries>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {

constexpr QSize kPlotSize(1200, 480);

// The plots' texts: titles, axis titles and series names. gradscope-cli --plot shows them in
// the language installed in its application (English when none is).
struct Plot {
    Q_DECLARE_TR_FUNCTIONS(gs::ui::ChartExport)
};

QLineSeries* series(const QString& name, const QList<QPointF>& points, const QColor& colour) {
    auto* s = new QLineSeries;
    s->setName(name);
    s->replace(points);
    QPen pen(colour);
    pen.setWidthF(2.0);
    s->setPen(pen);
    return s;
}

QChart* chartWith(const QString& title, const QString& xTitle, const QString& yTitle,
                  const QList<QLineSeries*>& lines, double yMin, double yMax) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setTitleText(xTitle);
    y->setTitleText(yTitle);
    x->setLabelFormat(QStringLiteral("%g"));
    y->setLabelFormat(QStringLiteral("%.3g"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double xMin = 0, xMax = 1;
    bool first = true;
    for (QLineSeries* s : lines) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
        for (const QPointF& p : s->points()) {
            xMin = first ? p.x() : std::min(xMin, p.x());
            xMax = first ? p.x() : std::max(xMax, p.x());
            first = false;
        }
    }
    if (xMax <= xMin) xMax = xMin + 1;
    x->setRange(xMin, xMax);
    y->setRange(yMin, yMax > yMin ? yMax : yMin + 1);
    x->applyNiceNumbers();
    if (yMax - yMin == 100 || std::fmod(yMax - yMin, 10) == 0) // percentages: a tick every 10
        y->setTickCount(static_cast<int>((yMax - yMin) / 10) + 1);
    else
        y->applyNiceNumbers();
    return chart;
}

double maxOf(const QList<QLineSeries*>& lines) {
    double m = 0;
    for (QLineSeries* s : lines)
        for (const QPointF& p : s->points())
            if (std::isfinite(p.y())) m = std::max(m, p.y());
    return m;
}

} // namespace

QChart* makeLossChart(const MetricsHistory& h) {
    QList<QLineSeries*> lines;
    //: The x axis's title: training epochs.
    QString xTitle = Plot::tr("epoch");
    if (h.epochs.empty()) {
        QList<QPointF> steps;
        for (const auto& [step, loss] : h.stepLosses)
            steps.append(QPointF(double(step), loss));
        //: A series: the loss of each mini-batch.
        lines.append(series(Plot::tr("batch loss"), steps, QColor(0x1f, 0x77, 0xb4)));
        //: The x axis's title: optimizer steps (one per mini-batch).
        xTitle = Plot::tr("step");
    } else {
        QList<QPointF> train, test;
        for (const EpochReport& e : h.epochs) {
            train.append(QPointF(e.epoch, e.trainLoss));
            if (e.test.samples) test.append(QPointF(e.epoch, e.test.loss));
        }
        //: A series: the loss on the training set.
        lines.append(series(Plot::tr("train loss"), train, QColor(0x1f, 0x77, 0xb4)));
        if (!test.isEmpty())
            //: A series: the loss on the test set.
            lines.append(series(Plot::tr("test loss"), test, QColor(0xff, 0x7f, 0x0e)));
    }
    //: The loss chart's title.
    const QString title = Plot::tr("Loss");
    //: The y axis's title on the loss chart.
    const QString yTitle = Plot::tr("loss");
    return chartWith(title, xTitle, yTitle, lines, 0, maxOf(lines) * 1.05);
}

QChart* makeAccuracyChart(const MetricsHistory& h) {
    QList<QPointF> train, test;
    for (const EpochReport& e : h.epochs) {
        if (e.trainAccuracy >= 0) train.append(QPointF(e.epoch, 100 * e.trainAccuracy));
        if (e.test.accuracy >= 0) test.append(QPointF(e.epoch, 100 * e.test.accuracy));
    }
    if (train.isEmpty() && test.isEmpty()) return nullptr;
    QList<QLineSeries*> lines;
    if (!train.isEmpty())
        //: A series: the accuracy on the training set.
        lines.append(series(Plot::tr("train accuracy"), train, QColor(0x1f, 0x77, 0xb4)));
    if (!test.isEmpty())
        //: A series: the accuracy on the test set.
        lines.append(series(Plot::tr("test accuracy"), test, QColor(0xff, 0x7f, 0x0e)));
    double low = 100;
    for (QLineSeries* s : lines)
        for (const QPointF& p : s->points())
            low = std::min(low, p.y());
    //: The accuracy chart's title.
    const QString title = Plot::tr("Accuracy");
    //: The x axis's title: training epochs.
    const QString xTitle = Plot::tr("epoch");
    //: The y axis's title on the accuracy chart.
    const QString yTitle = Plot::tr("accuracy (%)");
    return chartWith(title, xTitle, yTitle, lines, std::floor(low / 10) * 10, 100);
}

QByteArray renderTrainingPlot(const MetricsHistory& history, const QString& title,
                              const QString& format) {
    QGraphicsScene scene;
    QChart* loss = makeLossChart(history);
    QChart* accuracy = makeAccuracyChart(history);
    scene.addItem(loss);
    const double top = title.isEmpty() ? 0 : 40;
    const double width = accuracy ? kPlotSize.width() / 2.0 : kPlotSize.width();
    loss->setGeometry(0, top, width, kPlotSize.height() - top);
    if (accuracy) {
        scene.addItem(accuracy);
        accuracy->setGeometry(width, top, width, kPlotSize.height() - top);
    }
    scene.setSceneRect(0, 0, kPlotSize.width(), kPlotSize.height());
    scene.setBackgroundBrush(Qt::white);
    if (!title.isEmpty()) {
        auto* text = scene.addText(title);
        QFont font = text->font();
        font.setPointSize(14);
        font.setBold(true);
        text->setFont(font);
        text->setPos((kPlotSize.width() - text->boundingRect().width()) / 2, 4);
    }

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const QRectF target(QPointF(0, 0), QSizeF(kPlotSize));
    if (format == QLatin1String("png")) {
        QImage image(kPlotSize * 2, QImage::Format_ARGB32);
        image.setDevicePixelRatio(2);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter, target, scene.sceneRect());
        painter.end();
        image.save(&buffer, "PNG");
    } else if (format == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(kPlotSize);
        svg.setViewBox(QRect(QPoint(0, 0), kPlotSize));
        svg.setTitle(title);
        QPainter painter(&svg);
        scene.render(&painter, target, scene.sceneRect());
    } else if (format == QLatin1String("pdf")) {
        QPdfWriter pdf(&buffer);
        pdf.setPageSize(QPageSize(QSizeF(kPlotSize) * 0.75, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(title);
        QPainter painter(&pdf);
        scene.render(&painter, QRectF(painter.viewport()), scene.sceneRect());
    }
    return bytes;
}

void exportTrainingPlot(const MetricsHistory& history, const QString& title, const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") &&
        suffix != QLatin1String("pdf"))
        throw gs::Error(
            gs::Engine::tr("{1}: the plot format comes from the suffix: .png, .svg or .pdf"),
            path.toStdString());
    const QByteArray bytes = renderTrainingPlot(history, title, suffix);
    if (bytes.isEmpty())
        throw gs::Error(gs::Engine::tr("{1}: rendering the plot failed"), path.toStdString());
    gs::writeFileAtomic(path.toStdString(), bytes.toStdString());
}

} // namespace gs::ui
