// The output view. For 2-D data: the network's decision surface (classification: orange for
// class 0, blue for class 1, white at the boundary) or regression surface over [−6, 6]², with
// the training points (filled; discs for class 0, squares for class 1) and, on request, the test
// points (outlined). For images
// (MNIST): the confusion matrix and a grid of test digits with predictions, mistakes in red,
// captioned in the UI's font ("4→9": true class → predicted); hover a digit for the full names
// and the network's confidence, click it to see every class's probability (Draw a digit). The view
// follows the palette (dark background on a dark one).
//
// Drawing points (2-D classification): the left button adds a point of the chosen class where it
// is pressed and a trail of them where it is dragged; the right button erases the points under
// it. At the keyboard, Enter adds one at the cursor, Delete erases there, and 1 to 5 choose the
// class (Space stays Play). The view keeps the drawn set and says when an edit is done
// (pointsEdited).
#pragma once

#include "Snapshot.h"
#include "data/Toy.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

namespace gs::ui {

class OutputView : public QWidget {
    Q_OBJECT
public:
    explicit OutputView(QWidget* parent = nullptr);

    void setSnapshot(SnapshotPtr snapshot);
    SnapshotPtr snapshot() const { return m_snapshot; }
    void setShowTest(bool show);
    void setDiscretize(bool on);
    bool showTest() const { return m_showTest; }
    bool discretize() const { return m_discretize; }

    // Where a test digit is drawn and its caption, as laid out for the current size.
    struct DigitTile {
        QRectF picture, caption;
        QString text;
    };
    // Every digit when there is room for them at kSmallestDigit pixels or more; otherwise as
    // many as fit at that size (the matrix keeps room for a row of them).
    std::vector<DigitTile> digitTiles() const;
    // The line over the confusion matrix: how many test images were right, in a form that fits
    // the width (shorter where narrow, elided only where even that does not fit).
    QString matrixHeading() const;
    // The confusion matrix's cells, as laid out for the current size; empty for 2-D data.
    QRectF matrixRect() const;
    // The pixel size of the counts in the matrix's cells: the largest at which "888" fits.
    int cellFontPixels() const;
    QFont captionFont() const;
    static constexpr double kSmallestDigit = 24;
    // A 2-D point of class 0 (a disc), class 1 (a square), class 2 (a triangle), … at `at`,
    // with the painter's pen and brush, every shape of the same area: the classes differ in
    // shape as well as colour, for colour-blind eyes and greyscale projectors. Regression
    // points are discs.
    enum class Marker { Disc, Square, Triangle, Diamond, TriangleDown, Count };
    static Marker markerOfClass(int k);
    static void drawMarker(QPainter& p, const QPointF& at, Marker marker);
    // The tooltip text at `pos` (a digit's classes and confidence), empty if none.
    QString describeAt(const QPointF& pos) const;
    // The keyboard's cursor (KeyboardCursor.h): for images the index of a test image, for 2-D
    // data a cell of the plane (row · grid + column); −1 before the view first has the focus.
    // The arrow keys move it and it reads what the network says there.
    int keyboardItem() const { return m_keyItem; }
    QString describeKeyboardItem() const;

    // The test digit at `pos` (an index into the snapshot's digits), or −1.
    int digitAt(const QPointF& pos) const;

    // 2-D data: the line under the plane that says what its colours are ("Decision surface:
    // orange ● class 0, …"); on by default. Views that show two planes say it once, under both.
    void setCaptionShown(bool on);
    QString planeCaption() const;

    void setDrawing(bool on);
    bool drawing() const { return m_drawing; }
    void setDrawClass(int k); // 0 .. kMaxToyClasses − 1
    int drawClass() const { return m_drawClass; }
    void setDrawnPoints(std::vector<DrawnPoint> points);
    const std::vector<DrawnPoint>& drawnPoints() const { return m_drawn; }
    // The plane's (x1, x2) at a position in the view, and the position of a point of the plane.
    QPointF planeAt(const QPointF& pos) const;
    QPointF positionOf(double x1, double x2) const;
    static constexpr double kEraseRadius = 10;  // pixels
    static constexpr double kTrailSpacing = 12; // pixels between the points of a dragged trail

    QSize sizeHint() const override { return {320, 340}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int w) const override { return w + 24; }

signals:
    // A test digit was clicked (or Enter pressed on it): to be opened in Draw a digit.
    void digitChosen(int index);
    // The drawn points changed: a press, drag and release, or a key, is one edit.
    void pointsEdited();
    void drawClassChosen(int k); // by a key

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    void paintClassification(QPainter& p);
    double captionHeight() const; // of planeCaption(), wrapped to the width
    QRectF planeRect() const;
    QString className(int k) const;
    void paintClassLegend(QPainter& p, double top, bool dark);
    std::vector<std::pair<double, int>> legendPlaces(int* lines) const;
    static constexpr double kLegendMarker = 12; // a marker's room before its name
    QRectF keyboardRect() const;
    void moveKeyboardItem(int item);

    bool addPoint(const QPointF& pos);    // false where it is off the plane or the set is full
    bool erasePoints(const QPointF& pos); // false where there was none to erase
    void paintDrawnPoints(QPainter& p, bool dark);

    SnapshotPtr m_snapshot;
    bool m_drawing = false;
    bool m_captionShown = true;
    int m_drawClass = 0;
    std::vector<DrawnPoint> m_drawn;
    enum class Stroke { None, Add, Erase } m_stroke = Stroke::None;
    QPointF m_lastAdded; // where the trail's last point went
    bool m_strokeChanged = false;
    bool m_showTest = false;
    bool m_discretize = false;
    int m_keyItem = -1;
};

} // namespace gs::ui
