// A 2-D scalar field drawn as filled colour bands with contour lines (marching squares), and
// paths on top: the optimizer race's test functions and the loss landscape share it. Values are
// coloured on a log scale when they span decades (Rosenbrock's valley, a loss surface).
//
// The legend of the paths sits beside or under the plot, where it can hide nothing; only where
// the canvas is too small for that does it go inside, into the corner that covers the fewest
// points of the paths (never their start, where it can help it). The canvas follows the
// palette: dark bands and light text on a dark palette. Its texts (axis names, path labels, the
// marker's and the empty canvas's text) are its owner's: on a language change the owner sets
// them again, and the canvas measures its legend afresh.
#pragma once

#include <QColor>
#include <QImage>
#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QWidget>

#include <vector>

namespace gs::ui {

class ContourCanvas : public QWidget {
    Q_OBJECT
public:
    struct Path {
        QString label;
        QString name; // the label's short form, for a legend over a small plot; label if empty
        QColor color;
        std::vector<QPointF> points; // in field coordinates
        bool stopped = false;        // diverged: drawn with a cross at its end
    };

    explicit ContourCanvas(QWidget* parent = nullptr);

    // columns × rows values, row-major, row 0 at yMin; `domain` spans x and y.
    void setField(int columns, int rows, std::vector<double> values, const QRectF& domain,
                  const QString& xLabel, const QString& yLabel);
    void clearField();
    bool hasField() const { return m_columns > 0; }
    void setPaths(std::vector<Path> paths);
    const std::vector<Path>& paths() const { return m_paths; }
    // A star at a point of interest (the minimum), or none with a null QPointF.
    void setMarker(const QPointF& point, const QString& label);
    void setEmptyText(const QString& text);
    int contourLevels() const { return int(m_levels.size()); }

    QPointF toWidget(const QPointF& field) const;
    QPointF toField(const QPointF& widget) const;
    QRectF plotRect() const;
    // Where the legend of the paths is drawn (empty when no path has a label).
    QRectF legendRect() const;
    bool legendOutside() const; // beside or under the plot rather than over it
    bool isDark() const { return m_dark; }
    // The colour the field is drawn in at `field` (for tests); invalid outside the field.
    QColor fieldColorAt(const QPointF& field) const;

    // The keyboard's point (KeyboardCursor.h), in field coordinates: the arrow keys move it,
    // Enter clicks there. None before the canvas first has the focus.
    bool hasKeyboardPoint() const { return m_hasKeyPoint; }
    QPointF keyboardPoint() const { return m_keyPoint; }
    void setKeyboardPoint(const QPointF& field);
    // The tooltip's text at a point of the field: its coordinates and value.
    QString describeField(const QPointF& field) const;

    // The labelled ticks of an axis from `low` to `high`.
    static std::vector<double> ticks(double low, double high);

    QSize sizeHint() const override { return {420, 360}; }

signals:
    void clicked(QPointF fieldPoint);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    QFont smallFont() const;
    enum class LegendPlace { Right, Below, Over };
    struct LegendLayout {
        LegendPlace place = LegendPlace::Over;
        int entries = 0, columns = 1;
        double row = 0, column = 0; // one entry's height and width
        QSizeF size;
    };
    LegendLayout legendLayout() const;
    void measureLabels();
    void rebuild(); // colour image and contour lines from the field
    double value(int column, int row) const {
        return m_values[std::size_t(row * m_columns + column)];
    }

    int m_columns = 0, m_rows = 0;
    std::vector<double> m_values;
    QRectF m_domain;
    QString m_xLabel, m_yLabel, m_emptyText;
    bool m_log = false;
    double m_low = 0, m_high = 1;
    std::vector<double> m_levels;
    QImage m_image;                       // one pixel per field value, smoothed when scaled
    std::vector<QPainterPath> m_contours; // one per level, in field coordinates
    std::vector<Path> m_paths;
    QPointF m_marker;
    QPointF m_keyPoint;
    bool m_hasKeyPoint = false;
    QRectF keyboardRect() const;
    QString m_markerLabel;
    bool m_hasMarker = false;
    bool m_dark = false;
    int m_labelled = 0;       // paths with a label
    double m_labelWidest = 0; // the widest label since the field was set, in pixels
    double m_nameWidest = 0;  // the same for the short forms
};

} // namespace gs::ui
