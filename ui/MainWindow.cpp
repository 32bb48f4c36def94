#include "MainWindow.h"

#include "core/Backward.h"
#include "ops/Ops.h"

#include <QApplication>
#include <QFrame>
#include <QLabel>
#include <QStatusBar>
#include <QVBoxLayout>

namespace gs::ui {

namespace {

// y = tanh(w·x + b), L = y²: one forward and one backward pass with the engine, written out.
QString computeWorkedExample() {
    Graph graph;
    Parameter w("w", Tensor(Shape{1, 1}, Scalar(0.5)));
    Parameter b("b", Tensor(Shape{1}, Scalar(0.1)));
    Var x = graph.input(Tensor(Shape{1, 1}, Scalar(2)), "x");
    Var z = add(matmul(x, graph.param(w)), graph.param(b)).named("z");
    Var y = tanh(z).named("y");
    Var loss = mul(y, y).named("L");
    Var total = sum(loss).named("ΣL");
    graph.backward(total);
    const auto number = [](Scalar v) { return QString::number(double(v), 'f', 4); };
    return QStringLiteral("<p><b>One chain-rule step, computed by Gradscope's engine:</b><br>"
                          "x = 2, w = 0.5, b = 0.1 &nbsp;→&nbsp; z = w·x + b = %1, "
                          "y = tanh(z) = %2, L = y² = %3</p>"
                          "<p>dL/dy = 2y = %4<br>"
                          "dL/dz = dL/dy · (1 − y²) = %5<br>"
                          "dL/dw = dL/dz · x = <b>%6</b>, &nbsp; dL/db = dL/dz = <b>%7</b></p>")
        .arg(number(z.value()[0]), number(y.value()[0]), number(loss.value()[0]),
             number(2 * y.value()[0]), number(z.grad()[0]), number(w.grad[0]), number(b.grad[0]));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("Gradscope"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->setSpacing(12);

    auto* title = new QLabel(tr("<h1>Gradscope</h1>"), central);
    auto* subtitle = new QLabel(
        tr("<p style='font-size:14pt'>Learn backpropagation by watching it happen.</p>"), central);
    auto* coming =
        new QLabel(tr("<p><b>Coming in the next releases:</b></p><ul>"
                      "<li>Build a network: dense, convolution and pooling layers, activations, "
                      "losses</li>"
                      "<li>Train it on MNIST, Fashion-MNIST or 2-D toy data, live</li>"
                      "<li>Watch the computation graph with the gradient on every edge</li>"
                      "<li>Step through the backward pass one node at a time, with the numbers</li>"
                      "<li>See every optimizer step: SGD, momentum, Adam, RMSprop, Adagrad</li>"
                      "<li>Export plots as PNG, SVG, PDF and CSV</li></ul>"),
                   central);
    coming->setTextFormat(Qt::RichText);

    auto* line = new QFrame(central);
    line->setFrameShape(QFrame::HLine);
    m_example = new QLabel(computeWorkedExample(), central);
    m_example->setObjectName(QStringLiteral("workedExample"));
    m_example->setTextFormat(Qt::RichText);
    m_example->setTextInteractionFlags(Qt::TextSelectableByMouse);

    layout->addWidget(title);
    layout->addWidget(subtitle);
    layout->addWidget(coming);
    layout->addWidget(line);
    layout->addWidget(m_example);
    layout->addStretch(1);
    setCentralWidget(central);
    statusBar()->showMessage(tr("Engine ready (CPU, Eigen)"));
    resize(760, 560);
}

QString MainWindow::workedExample() const {
    return m_example->text();
}

} // namespace gs::ui
