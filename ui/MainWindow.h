// The Gradscope main window.
//
// For now it introduces the product and shows one chain-rule step worked out by the engine,
// so a fresh install proves that the GUI, the engine and the build fit together. The network
// builder, live views and step-through fill it in later releases.
#pragma once

#include <QMainWindow>

class QLabel;

namespace gs::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    // The worked example's text, also shown in the window (exposed for tests).
    QString workedExample() const;

private:
    QLabel* m_example = nullptr;
};

} // namespace gs::ui
