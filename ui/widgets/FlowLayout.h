#pragma once
// A layout that lines its widgets up left to right and starts a new line where the next one
// would not fit, like words in a paragraph: a row of controls that fits a wide panel on one
// line wraps onto two or three in a narrow dock, instead of being cut off or forcing a
// horizontal scroll bar. Each line's widgets are centred vertically on it.
#include <QLayout>
#include <QList>
#include <QStyle>

class FlowLayout : public QLayout {
public:
    explicit FlowLayout(QWidget* parent = nullptr);
    ~FlowLayout() override;

    void addItem(QLayoutItem* item) override;
    int count() const override { return int(m_items.size()); }
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;

    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

    // The number of lines the widgets took at the last setGeometry().
    int lines() const { return m_lines; }

private:
    int gap(QStyle::PixelMetric metric) const;
    // Places the items in `rect` (only measures when `place` is false); returns the height used.
    int arrange(const QRect& rect, bool place) const;

    QList<QLayoutItem*> m_items;
    mutable int m_lines = 0;
};

// A label and its field in one piece, so that a flow never puts them on different lines. The
// label is the piece's only QLabel (findChild<QLabel*>()): a caller whose texts follow the
// language sets its text again on a language change.
QWidget* labelled(const QString& label, QWidget* field);
