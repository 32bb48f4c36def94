// Draw your own digit: a canvas of the data's image size (28 × 28 for MNIST) drawn with the
// mouse, the network's softmax over the classes as bars, live, and a saliency map: how much
// each pixel's ink moves the score of the chosen class (d logit / d pixel, from the backward
// pass of the same forward pass; blue raises it, orange lowers it). Left button draws, right
// button erases (Delete clears); a click on a bar, or ↑/↓, chooses the class the map explains. The
// view asks for each picture (drawingChanged) and shows what comes back (setExplanation); the
// window sends the worker at most one request at a time and the newest picture after it. Networks
// trained on MNIST expect its digits' framing, so the picture is centred as they were before the
// network sees it (Centre like MNIST; the middle square shows what the network saw).
#pragma once

#include "Snapshot.h"

#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QPushButton;
QT_END_NAMESPACE

namespace gs::ui {

class DrawView : public QWidget {
    Q_OBJECT
public:
    explicit DrawView(QWidget* parent = nullptr);

    // The session's image size and class names (none: the view says which data it needs).
    void showSnapshot(const SnapshotPtr& snapshot);
    void setExplanation(DrawingPtr explanation);
    DrawingPtr explanation() const { return m_explanation; }

    // The picture, side × side values from 0 (paper) to 1 (ink).
    const std::vector<float>& ink() const { return m_ink; }
    int side() const { return m_side; }
    bool hasInk() const;
    // What the network is given: the picture itself, or (Centre like MNIST, the default) the
    // picture as MNIST's digits were made: scaled to fit 20 × 20 and moved so that its centre
    // of mass is the middle of the image. The saliency map is of this image.
    std::vector<float> networkInput() const;
    bool centring() const;
    void setCentring(bool on);
    // −1: the predicted class; else the class whose bar was clicked.
    int chosenClass() const { return m_chosen; }
    void clear();
    // A new session (another network): the explanation shown was the old one's.
    void newSession();
    // Puts a picture on the canvas (a test digit from the output view) and, since it is framed
    // already, gives it to the network as it is (Centre like MNIST off).
    void setPicture(const std::vector<float>& ink);
    // Where the canvas, the saliency map and class k's bar are, as laid out now.
    QRectF canvasRect() const;
    QRectF saliencyRect() const;
    QRectF barRect(int k) const;

signals:
    // The picture or the chosen class changed: explain this.
    void drawingChanged(const std::vector<float>& ink, int chosenClass);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    // Delete or Backspace clears; ↑/↓ choose the class explained.
    void keyPressEvent(QKeyEvent* event) override;

private:
    // Ink (or, erasing, paper) with a round brush of about two pixels at `at`, and along the
    // line from the last point so that a fast stroke has no gaps.
    void paintAt(const QPointF& at, bool erase);
    void paintDot(const QPointF& cell, bool erase);
    QString className(int k) const;
    void retranslate();

    int m_side = 0;
    std::vector<std::string> m_classNames;
    std::vector<float> m_ink;
    int m_chosen = -1;
    DrawingPtr m_explanation;
    std::optional<QPointF> m_last; // the stroke's last point, in cells
    void placeButtons();
    void changed(); // asks for the network's answer to the picture now

    QPushButton* m_clear;
    QCheckBox* m_centre;
    std::vector<float> m_shownInput; // what the shown explanation is of
};

} // namespace gs::ui
