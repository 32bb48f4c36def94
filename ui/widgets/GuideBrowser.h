#pragma once
// The guide's text browser: pictures are scaled down to the width of the page, so that a
// 1280-pixel screenshot in docs/app.md fits a 900-pixel dialog without a horizontal scroll bar,
// and scaled again when the dialog is resized.
#include <QTextBrowser>

class GuideBrowser : public QTextBrowser {
    Q_OBJECT
public:
    explicit GuideBrowser(QWidget* parent = nullptr);
    QVariant loadResource(int type, const QUrl& name) override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    int pictureWidth() const;
    int m_laidOutFor = 0; // the picture width the document was laid out for
};
