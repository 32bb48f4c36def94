#include "NetworkBuilder.h"

#include "BoundedSpinBox.h"
#include "FlowLayout.h"
#include "Language.h"
#include "WheelScroll.h"
#include "nn/Sequential.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

namespace gs::ui {

namespace {

// A choice in a combo box: the value and its text, marked for translation where it has words
// (names such as ReLU stay as they are); translated when shown, so that the boxes follow the
// language.
template <class T> struct Choice {
    T value;
    const char* text;
};

constexpr int kWiringMargin = 18; // px left of the rows: their numbers and the skips' wiring

QString shown(const char* text) {
    return QCoreApplication::translate("gs::ui::NetworkBuilder", text);
}

const QList<Choice<LayerKind>>& rowKinds() {
    static const QList<Choice<LayerKind>> kinds = {
        //: A layer type: fully connected (Keras' name for PyTorch's Linear).
        {LayerKind::Linear, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "Dense")},
        {LayerKind::Conv2d, "Conv2d"},
        {LayerKind::MaxPool2d, "MaxPool2d"},
        {LayerKind::AvgPool2d, "AvgPool2d"},
        //: A layer type: the mean of each channel over the whole image ([N, C, H, W] → [N, C]).
        {LayerKind::GlobalAvgPool2d, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "GlobalAvgPool")},
        //: A layer type: batch normalisation (1-D or 2-D, following its input).
        {LayerKind::BatchNorm1d, "BatchNorm"},
        {LayerKind::LayerNorm, "LayerNorm"},
        //: A layer type: adds an earlier output to the one before (a skip connection).
        {LayerKind::Add, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "Add (skip)")},
        //: A layer type: joins an earlier output to the one before, side by side.
        {LayerKind::Concat, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "Concat (skip)")},
        //: A layer type: reshapes images into flat vectors.
        {LayerKind::Flatten, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "Flatten")},
        //: A layer type: zeroes random values while training.
        {LayerKind::Dropout, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "Dropout")}};
    return kinds;
}

// None, every activation (ops/Activations.h, by its PyTorch class name), softmax.
const QList<Choice<std::optional<LayerSpec>>>& activations() {
    static const QList<Choice<std::optional<LayerSpec>>> kinds = [] {
        //: The activation "none": the layer's output is passed on as it is.
        QList<Choice<std::optional<LayerSpec>>> list = {
            {std::nullopt, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "linear")}};
        for (int a = 0; a < kActivationCount; ++a)
            list.push_back({LayerSpec::of(Activation(a)), activationInfo(Activation(a)).className});
        list.push_back({LayerSpec::of(LayerKind::Softmax), "Softmax"});
        return list;
    }();
    return kinds;
}

// The entry of activations() that `a` is, whatever its slope.
int activationIndex(const std::optional<LayerSpec>& a) {
    const auto& list = activations();
    for (int i = 1; a && i < list.size(); ++i)
        if (list[i].value->kind == a->kind && list[i].value->activation == a->activation) return i;
    return 0;
}

const QList<Choice<Init>>& inits() {
    static const QList<Choice<Init>> kinds = {
        //: Weight initialisation: PyTorch's default (the tooltip says so).
        {Init::PyTorch, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "default")},
        {Init::Xavier, "Xavier"},
        {Init::He, "He"},
        //: Weight initialisation: uniform between -0.1 and 0.1.
        {Init::Uniform, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "uniform ±0.1")},
        //: Weight initialisation: normal with standard deviation 0.1.
        {Init::Normal, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "normal 0.1")},
        //: Weight initialisation: all weights zero.
        {Init::Zeros, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "zeros")}};
    return kinds;
}

const QList<Choice<LossKind>>& losses() {
    static const QList<Choice<LossKind>> kinds = {
        {LossKind::CrossEntropy,
         QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "Cross-entropy (softmax)")},
        {LossKind::MSE, QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "Mean squared error")},
        {LossKind::BCEWithLogits,
         QT_TRANSLATE_NOOP("gs::ui::NetworkBuilder", "Binary cross-entropy (1 output)")}};
    return kinds;
}

template <class T> int indexOf(const QList<Choice<T>>& list, T value) {
    for (int i = 0; i < list.size(); ++i)
        if (list[i].value == value) return i;
    return 0;
}

template <class T> QComboBox* comboOf(const QList<Choice<T>>& list, T value) {
    auto* box = new QComboBox;
    for (const auto& entry : list)
        box->addItem(shown(entry.text));
    box->setCurrentIndex(indexOf(list, value));
    return box;
}

// A combo box as wide as five capital letters (longer names are cut with "…" until it opens),
// so that a layer's type, size and activation share one line of a 300-pixel dock.
QComboBox* compact(QComboBox* box) {
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(5);
    return box;
}

} // namespace

QString lossText(LossKind loss) {
    return shown(losses()[indexOf(losses(), loss)].text);
}

class BuilderCommand : public QUndoCommand {
public:
    BuilderCommand(NetworkBuilder* builder, BuilderState before, BuilderState after,
                   const QString& text)
        : QUndoCommand(text)
        , m_builder(builder)
        , m_before(std::move(before))
        , m_after(std::move(after)) {}
    void redo() override { m_builder->apply(m_after); }
    void undo() override { m_builder->apply(m_before); }

private:
    NetworkBuilder* m_builder;
    BuilderState m_before, m_after;
};

BuilderState builderStateFrom(const std::vector<LayerSpec>& layers, FeatureMask features,
                              LossKind loss) {
    BuilderState state;
    state.features = features;
    state.loss = loss;
    std::vector<int> rowOf; // each layer's row
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const LayerSpec& l = layers[i];
        if (isActivation(l.kind)) {
            if (!state.rows.empty() && !state.rows.back().activation)
                state.rows.back().activation = l;
            rowOf.push_back(int(state.rows.size()) - 1);
            continue;
        }
        rowOf.push_back(int(state.rows.size()));
        BuilderRow row;
        row.kind = isBatchNorm(l.kind) ? LayerKind::BatchNorm1d : l.kind;
        row.size = l.out > 0 ? l.out : 1;
        row.kernel = l.kernel > 0 ? l.kernel : 2;
        row.padding = l.padding;
        row.stride = isPool(l.kind) && l.stride == l.kernel ? 0 : l.stride;
        row.bias = l.bias;
        if (isMerge(l.kind) && l.inputs.size() == 2) {
            // The input that is not the layer before is the skip: the row it belongs to.
            const int skip = l.inputs[0] == int(i) - 1 ? l.inputs[1] : l.inputs[0];
            row.from = skip < 0 ? -1 : rowOf[std::size_t(skip)];
        }
        row.init = l.init;
        row.dropout = double(l.p);
        state.rows.push_back(row);
    }
    return state;
}

std::vector<LayerSpec> layersFrom(const BuilderState& state, const Shape& sampleShape) {
    std::vector<Index> dims{1};
    for (int i = 0; i < sampleShape.rank(); ++i)
        dims.push_back(sampleShape[i]);
    Shape shape = Shape::fromVector(dims);
    const Shape input = shape;
    std::vector<LayerSpec> layers;
    std::vector<int> rowOutput;   // the layer whose output is the row's
    std::vector<Shape> rowShapes; // and its shape
    for (std::size_t r = 0; r < state.rows.size(); ++r) {
        const BuilderRow& row = state.rows[r];
        LayerSpec spec;
        const int index = int(r);
        const Shape* second = nullptr;
        switch (row.kind) {
        case LayerKind::Linear:
            if (shape.rank() != 2)
                throw LayerError(index, Message(Engine::tr("Dense needs flat input, but it gets "
                                                           "{1}: add a Flatten row before it"),
                                                shape.str()));
            spec = LayerSpec::linear(shape[1], row.size, row.init);
            spec.bias = row.bias;
            break;
        case LayerKind::Conv2d:
            if (shape.rank() != 4)
                throw LayerError(index, Message(Engine::tr("Conv2d needs images [batch, channels, "
                                                           "height, width], but it gets {1}"),
                                                shape.str()));
            spec = LayerSpec::conv2d(shape[1], row.size, row.kernel, row.stride, row.padding);
            spec.init = row.init;
            spec.bias = row.bias;
            break;
        case LayerKind::MaxPool2d:
            spec = LayerSpec::maxPool2d(row.kernel, row.stride);
            break;
        case LayerKind::AvgPool2d:
            spec = LayerSpec::avgPool2d(row.kernel, row.stride);
            break;
        case LayerKind::BatchNorm1d: // of images: BatchNorm2d
        case LayerKind::BatchNorm2d:
            spec =
                LayerSpec::norm(shape.rank() == 4 ? LayerKind::BatchNorm2d : LayerKind::BatchNorm1d,
                                shape.rank() > 1 ? shape[1] : 1);
            break;
        case LayerKind::LayerNorm:
            if (shape.rank() != 2)
                throw LayerError(index, Message(Engine::tr("LayerNorm needs flat input, but it "
                                                           "gets {1}: add a Flatten row before "
                                                           "it"),
                                                shape.str()));
            spec = LayerSpec::norm(LayerKind::LayerNorm, shape[1]);
            break;
        case LayerKind::Dropout:
            spec = LayerSpec::dropout(Scalar(row.dropout));
            break;
        case LayerKind::Add:
        case LayerKind::Concat:
            if (row.from >= index)
                throw LayerError(index, Message(Engine::tr("a skip connection comes from an "
                                                           "earlier row")));
            spec = LayerSpec::merge(row.kind, int(layers.size()) - 1,
                                    row.from < 0 ? -1 : rowOutput[std::size_t(row.from)]);
            second = row.from < 0 ? &input : &rowShapes[std::size_t(row.from)];
            break;
        default:
            spec = LayerSpec::of(row.kind);
            break;
        }
        try {
            shape = layerOutputShape(spec, shape, second);
        } catch (const ShapeError& e) {
            throw LayerError(index, e.message());
        }
        layers.push_back(spec);
        if (row.activation) layers.push_back(*row.activation);
        rowOutput.push_back(int(layers.size()) - 1);
        rowShapes.push_back(shape);
    }
    if (layers.empty()) throw LayerError(0, Message(Engine::tr("the network has no layers")));
    return layers;
}

NetworkBuilder::NetworkBuilder(QWidget* parent)
    : QWidget(parent)
    , m_undo(new QUndoStack(this)) {
    auto* layout = new QVBoxLayout(this);
    m_featuresBox = new QWidget;
    auto* featuresLayout = new QVBoxLayout(m_featuresBox);
    featuresLayout->setContentsMargins(0, 0, 0, 0);
    m_featuresTitle = new QLabel;
    featuresLayout->addWidget(m_featuresTitle);
    auto* featureFlow = new FlowLayout; // as many to a line as the dock's width holds
    featuresLayout->addLayout(featureFlow);
    for (int f = 0; f < kFeatureCount; ++f) {
        // The features' names are formulas (x1, x1², sin x1): the same in every language.
        auto* box = new QCheckBox(QString::fromUtf8(featureName(Feature(f))));
        connect(box, &QCheckBox::toggled, this, [this, f](bool on) {
            FeatureMask mask = m_state.features;
            mask = on ? mask | featureBit(Feature(f)) : mask & ~featureBit(Feature(f));
            setFeatures(mask);
        });
        featureFlow->addWidget(box);
        m_featureBoxes.append(box);
    }
    layout->addWidget(m_featuresBox);
    m_layersTitle = new QLabel;
    layout->addWidget(m_layersTitle);
    m_rowsHost = new QWidget;
    m_rowsLayout = new QVBoxLayout(m_rowsHost);
    // The left margin holds each row's number and the skip connections' wiring.
    m_rowsLayout->setContentsMargins(kWiringMargin, 0, 0, 0);
    m_rowsHost->installEventFilter(this);
    m_rowsLayout->setSpacing(6);
    layout->addWidget(m_rowsHost);
    m_add = new QPushButton;
    connect(m_add, &QPushButton::clicked, this, &NetworkBuilder::addLayer);
    m_addBlock = new QPushButton;
    connect(m_addBlock, &QPushButton::clicked, this, &NetworkBuilder::addResidualBlock);
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(m_add, 1);
    addRow->addWidget(m_addBlock, 1);
    layout->addLayout(addRow);
    auto* lossRow = new QHBoxLayout;
    m_lossLabel = new QLabel;
    lossRow->addWidget(m_lossLabel);
    m_loss = comboOf(losses(), m_state.loss);
    m_lossLabel->setBuddy(m_loss);
    connect(m_loss, &QComboBox::activated, this, [this](int i) { setLoss(losses()[i].value); });
    lossRow->addWidget(m_loss, 1);
    layout->addLayout(lossRow);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    layout->addStretch(1);
    retranslate();
}

void NetworkBuilder::retranslate() {
    m_featuresTitle->setText(tr("<b>Input features</b>"));
    for (int f = 0; f < kFeatureCount; ++f)
        m_featureBoxes[f]->setToolTip(
            tr("Feed %1 to the network. Squares and products let even a network without hidden "
               "layers draw curved boundaries.")
                .arg(QString::fromUtf8(featureName(Feature(f)))));
    m_layersTitle->setText(tr("<b>Layers</b> (input at the top)"));
    m_add->setText(tr("+ Add hidden layer"));
    m_add->setToolTip(tr("Insert a Dense layer of 8 tanh units before the output layer."));
    m_addBlock->setText(tr("+ Residual block"));
    m_addBlock->setToolTip(tr("Insert two layers and a skip connection that adds their input to "
                              "their output (a ResNet block): the gradient gets a short way back. "
                              "Before the output layer; on images, 3×3 convolutions after the "
                              "last convolution."));
    m_lossLabel->setText(tr("Loss"));
    for (int i = 0; i < m_loss->count() && i < losses().size(); ++i)
        m_loss->setItemText(i, shown(losses()[i].text));
    m_loss->setToolTip(tr("What training minimises. Cross-entropy needs one output per class; "
                          "MSE on two classes uses one output with labels ±1."));
}

void NetworkBuilder::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        // The rows, their boxes and the status line, with the reason in the new language.
        validate();
        rebuildRows();
    }
    QWidget::changeEvent(event);
}

bool NetworkBuilder::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_rowsHost || event->type() != QEvent::Paint)
        return QWidget::eventFilter(watched, event);
    QPainter painter(m_rowsHost);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& palette = m_rowsHost->palette();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    const auto rowAt = [&](int r) -> QWidget* {
        QLayoutItem* item = m_rowsLayout->itemAt(r);
        return item ? item->widget() : nullptr;
    };
    // Each row's number, as the skip boxes name the rows.
    painter.setPen(palette.color(QPalette::PlaceholderText));
    for (int r = 0; r < int(m_state.rows.size()); ++r)
        if (QWidget* w = rowAt(r))
            painter.drawText(
                QRect(0, w->y() + 2, kWiringMargin - 4, painter.fontMetrics().height()),
                Qt::AlignRight | Qt::AlignTop, QString::number(r + 1));
    // A skip: from the bottom of its source row (or the top, for the input) down the margin
    // to the merge row, nested by length so that lines do not cross.
    QPen pen(palette.color(QPalette::Highlight), 1.6);
    painter.setPen(pen);
    // Each length of skip its own lane, the longest outermost, so nested skips do not share a
    // line.
    std::vector<int> spans;
    for (int r = 0; r < int(m_state.rows.size()); ++r)
        if (isMerge(m_state.rows[std::size_t(r)].kind))
            spans.push_back(r - m_state.rows[std::size_t(r)].from);
    std::sort(spans.begin(), spans.end());
    spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
    for (int r = 0; r < int(m_state.rows.size()); ++r) {
        const BuilderRow& row = m_state.rows[std::size_t(r)];
        QWidget* target = rowAt(r);
        QWidget* source = row.from >= 0 ? rowAt(row.from) : nullptr;
        if (!isMerge(row.kind) || !target || row.from >= r) continue;
        const double top = source ? source->geometry().bottom() - 4 : 2;
        const double bottom = target->y() + target->height() / 2.0;
        const int lane =
            int(std::lower_bound(spans.begin(), spans.end(), r - row.from) - spans.begin());
        const double x = std::max(1.0, kWiringMargin - 8.0 - 3.0 * lane);
        QPainterPath path;
        path.moveTo(kWiringMargin - 2, top);
        path.lineTo(x, top);
        path.lineTo(x, bottom);
        path.lineTo(kWiringMargin - 2, bottom);
        painter.drawPath(path);
        QPolygonF arrow;
        arrow << QPointF(kWiringMargin - 1, bottom) << QPointF(kWiringMargin - 6, bottom - 3)
              << QPointF(kWiringMargin - 6, bottom + 3);
        painter.setBrush(pen.color());
        painter.drawPolygon(arrow);
        painter.setBrush(Qt::NoBrush);
    }
    return false; // the host paints nothing of its own
}

void NetworkBuilder::setData(const Shape& sampleShape, int classes, bool planar) {
    m_sample = sampleShape;
    m_classes = classes;
    m_planar = planar;
    validate();
    rebuildRows();
}

void NetworkBuilder::setState(const BuilderState& state) {
    m_undo->clear();
    apply(state);
}

void NetworkBuilder::apply(const BuilderState& state) {
    m_state = state;
    validate();
    rebuildRows();
    emit changed();
}

void NetworkBuilder::edit(const BuilderState& next, const QString& text) {
    if (next == m_state) return;
    m_undo->push(new BuilderCommand(this, m_state, next, text));
}

void NetworkBuilder::insertRows(std::size_t at, const std::vector<BuilderRow>& rows,
                                const QString& text) {
    BuilderState next = m_state;
    // Skips from rows at or after the insertion point move with them.
    for (BuilderRow& row : next.rows)
        if (isMerge(row.kind) && row.from >= int(at)) row.from += int(rows.size());
    next.rows.insert(next.rows.begin() + std::ptrdiff_t(at), rows.begin(), rows.end());
    edit(next, text);
}

void NetworkBuilder::addLayer() {
    BuilderRow row;
    row.activation = LayerSpec::of(Activation::Tanh);
    insertRows(m_state.rows.empty() ? 0 : m_state.rows.size() - 1, {row}, tr("Add layer"));
}

void NetworkBuilder::addResidualBlock() {
    std::size_t at = m_state.rows.empty() ? 0 : m_state.rows.size() - 1;
    // On images, after the last row that still gives images (before the Flatten): a block of
    // convolutions, as ResNet's, not of Dense layers over every pixel.
    for (std::size_t r = 0; r + 1 < m_state.rows.size(); ++r)
        if (m_rowRanks.size() == m_state.rows.size() && m_rowRanks[r] == 4) at = r + 1;
    // The block keeps the shape of what comes in, so that its input can be added to its output:
    // as many units as the row before gives out (or channels, with 3×3 kernels padded by 1).
    const Shape sample = m_planar ? Shape{featureCount(m_state.features)} : m_sample;
    std::vector<Index> dims{1};
    for (int i = 0; i < sample.rank(); ++i)
        dims.push_back(sample[i]);
    Shape in = Shape::fromVector(dims);
    if (at > 0) {
        BuilderState before = m_state;
        before.rows.resize(at);
        try {
            in = Sequential::shapes(layersFrom(before, sample), in).back();
        } catch (const Error&) {
            // An unfinished network: the block takes the input's size; the rows say the rest.
        }
    }
    const bool image = in.rank() == 4;
    BuilderRow first;
    first.kind = image ? LayerKind::Conv2d : LayerKind::Linear;
    first.size = in.rank() > 1 ? in[1] : 8;
    first.kernel = 3;
    first.padding = 1;
    first.activation = LayerSpec::of(Activation::Relu);
    BuilderRow second = first;
    second.activation.reset();
    BuilderRow add;
    add.kind = LayerKind::Add;
    add.from = int(at) - 1; // the row before the block: its output is the block's input
    add.activation = LayerSpec::of(Activation::Relu);
    insertRows(at, {first, second, add}, tr("Add residual block"));
}

void NetworkBuilder::removeLayer(int row) {
    if (row < 0 || row >= int(m_state.rows.size())) return;
    BuilderState next = m_state;
    next.rows.erase(next.rows.begin() + row);
    // A skip from the removed row now comes from what fed it; later rows move up by one.
    for (BuilderRow& r : next.rows)
        if (isMerge(r.kind) && r.from >= row) r.from -= 1;
    edit(next, tr("Remove layer"));
}

void NetworkBuilder::setRow(int row, const BuilderRow& value) {
    if (row < 0 || row >= int(m_state.rows.size())) return;
    BuilderState next = m_state;
    next.rows[std::size_t(row)] = value;
    edit(next, tr("Change layer %1").arg(row + 1));
}

void NetworkBuilder::setFeatures(FeatureMask features) {
    BuilderState next = m_state;
    next.features = features;
    edit(next, tr("Change input features"));
}

void NetworkBuilder::setLoss(LossKind loss) {
    BuilderState next = m_state;
    next.loss = loss;
    edit(next, tr("Change loss"));
}

void NetworkBuilder::validate() {
    m_error.clear();
    m_errorRow = -1;
    m_layers.clear();
    m_rowShapes.assign(m_state.rows.size(), QString());
    m_rowRanks.assign(m_state.rows.size(), 0);
    Shape sample = m_sample;
    if (m_planar) {
        if (featureCount(m_state.features) == 0) {
            m_error = tr("Choose at least one input feature.");
            return;
        }
        sample = Shape{featureCount(m_state.features)};
    }
    try {
        std::vector<LayerSpec> layers = layersFrom(m_state, sample);
        std::vector<Index> dims{1};
        for (int i = 0; i < sample.rank(); ++i)
            dims.push_back(sample[i]);
        const std::vector<Shape> shapes = Sequential(layers, 0).shapes(Shape::fromVector(dims));
        // The shape after each row: after its activation, which keeps the shape.
        std::size_t layer = 0;
        for (std::size_t r = 0; r < m_state.rows.size(); ++r) {
            m_rowShapes[r] = QString::fromStdString(shapes[layer].str());
            m_rowRanks[r] = shapes[layer].rank();
            layer += m_state.rows[r].activation ? 2 : 1;
        }
        Dataset probe;
        //: Stands for the data set's name in a loss's complaint, e.g. "cross-entropy needs
        //: one output per class: 'this data' has 2 classes, …".
        probe.name = tr("this data").toStdString();
        probe.classes = m_classes;
        probe.targets = Tensor(Shape{0, 1});
        try {
            if (m_classes >= 0) targetEncoding(m_state.loss, probe, shapes.back().cols());
        } catch (const Error& e) {
            throw LayerError(int(m_state.rows.size()) - 1, e.message());
        } catch (const std::exception& e) {
            throw LayerError(int(m_state.rows.size()) - 1, Message::verbatim(e.what()));
        }
        m_layers = std::move(layers);
    } catch (const LayerError& e) {
        m_error = translated(e);
        m_errorRow = e.layer();
    } catch (const Error& e) {
        m_error = translated(e);
    } catch (const std::exception& e) {
        m_error = QString::fromStdString(e.what());
    }
}

void NetworkBuilder::rebuildRows() {
    for (int f = 0; f < kFeatureCount; ++f) {
        QSignalBlocker block(m_featureBoxes[f]);
        m_featureBoxes[f]->setChecked((m_state.features >> f) & 1u);
    }
    m_featuresBox->setVisible(m_planar); // features of 2-D points only
    {
        QSignalBlocker block(m_loss);
        m_loss->setCurrentIndex(indexOf(losses(), m_state.loss));
    }
    while (QLayoutItem* item = m_rowsLayout->takeAt(0)) {
        if (QWidget* w = item->widget()) {
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    for (int r = 0; r < int(m_state.rows.size()); ++r) {
        const BuilderRow row = m_state.rows[std::size_t(r)];
        auto* line = new QWidget;
        line->setObjectName(QStringLiteral("builderRow%1").arg(r));
        // Two lines, in columns that line up from layer to layer, so that a layer fits a
        // 300-pixel dock: type, size, remove; then activation, initialisation and shape.
        auto* h = new QGridLayout(line);
        h->setContentsMargins(2, 1, 2, 1);
        h->setHorizontalSpacing(4);
        h->setVerticalSpacing(2);
        h->setColumnStretch(2, 1);
        auto* kind = compact(comboOf(rowKinds(), row.kind));
        kind->setToolTip(tr("Layer type"));
        //: Screen readers' name of a layer's type box in the network builder.
        kind->setAccessibleName(tr("Layer %1 type").arg(r + 1));
        connect(kind, &QComboBox::activated, this, [this, r, row](int i) {
            BuilderRow next = row;
            next.kind = rowKinds()[i].value;
            if (isMerge(next.kind)) next.from = std::max(-1, r - 3); // around the two rows above
            if (isPool(next.kind)) next.kernel = 2, next.stride = 0;
            if (next.kind == LayerKind::Conv2d) next.kernel = 5, next.stride = 1, next.padding = 2;
            setRow(r, next);
        });
        h->addWidget(kind, 0, 0);
        const bool sized = row.kind == LayerKind::Linear || row.kind == LayerKind::Conv2d;
        if (sized) {
            auto* size = new BoundedSpinBox;
            size->setRange(1, 4096);
            size->setValue(int(row.size));
            //: The suffix of a Dense layer's size box: "8 units".
            const QString units = tr(" units");
            //: The suffix of a Conv2d layer's size box: "16 channels".
            const QString channels = tr(" channels");
            size->setSuffix(row.kind == LayerKind::Linear ? units : channels);
            size->setToolTip(tr("Neurons in this layer (output channels for Conv2d)"));
            size->setAccessibleName(tr("Layer %1 size").arg(r + 1));
            connect(size, &QSpinBox::editingFinished, this, [this, r, row, size] {
                BuilderRow next = row;
                next.size = size->value();
                setRow(r, next);
            });
            h->addWidget(size, 0, 1);
        }
        if (row.kind == LayerKind::Conv2d || isPool(row.kind)) {
            // A whole-number setting of the row, applied when its edit is finished.
            const auto setting = [&](int value, int low, int high, const QString& prefix,
                                     const QString& tip, const QString& name,
                                     int BuilderRow::*field) {
                auto* box = new BoundedSpinBox;
                box->setRange(low, high);
                box->setValue(value);
                box->setPrefix(prefix);
                if (!tip.isEmpty()) box->setToolTip(tip);
                box->setAccessibleName(name);
                connect(box, &QSpinBox::editingFinished, this, [this, r, row, box, field] {
                    BuilderRow next = row;
                    next.*field = box->value();
                    setRow(r, next);
                });
                return box;
            };
            //: The prefix of a kernel size box: "kernel 3".
            auto* kernel = setting(row.kernel, 1, 15, tr("kernel "), QString(),
                                   tr("Layer %1 kernel size").arg(r + 1), &BuilderRow::kernel);
            // Conv2d's kernel on a third line, with its stride and padding; a pool has no size,
            // so its kernel takes that place.
            if (sized) {
                h->addWidget(kernel, 2, 0);
                auto* steps = new QHBoxLayout;
                steps->setSpacing(4);
                //: The prefix of a convolution's stride box: "stride 2".
                steps->addWidget(setting(row.stride, 1, 8, tr("stride "),
                                         tr("How far the kernel moves between outputs: 2 halves "
                                            "the height and width"),
                                         tr("Layer %1 stride").arg(r + 1), &BuilderRow::stride));
                //: The prefix of a convolution's padding box: "pad 2".
                steps->addWidget(
                    setting(row.padding, 0, 7, tr("pad "),
                            tr("Zeros added around the image: padding (kernel − 1) / 2 "
                               "keeps the size at stride 1"),
                            tr("Layer %1 padding").arg(r + 1), &BuilderRow::padding));
                h->addLayout(steps, 2, 1, 1, 3);
            } else {
                h->addWidget(kernel, 0, 1);
            }
        }
        if (isMerge(row.kind)) {
            // Where the skip comes from: the network's input or an earlier row.
            auto* from = compact(new QComboBox);
            //: The skip connection's source: the network's input.
            from->addItem(tr("from the input"), -1);
            // Every earlier row but the one above (which would add its output to itself).
            for (int k = 0; k < r; ++k)
                if (k != r - 1 || row.from == k)
                    //: The skip connection's source: an earlier row, numbered in the margin.
                    from->addItem(tr("from row %1").arg(k + 1), k);
            from->setCurrentIndex(std::max(0, from->findData(row.from)));
            from->setToolTip(row.kind == LayerKind::Add
                                 ? tr("The earlier output added to the output of the row above: "
                                      "a skip connection. The gradient flows back along it "
                                      "unchanged.")
                                 : tr("The earlier output set beside the output of the row "
                                      "above: a skip connection."));
            from->setAccessibleName(tr("Layer %1 skip source").arg(r + 1));
            connect(from, &QComboBox::activated, this, [this, r, row, from](int i) {
                BuilderRow next = row;
                next.from = from->itemData(i).toInt();
                setRow(r, next);
            });
            h->addWidget(from, 0, 1, 1, 2);
        }
        if (row.kind == LayerKind::Dropout) {
            auto* p = new BoundedDoubleSpinBox;
            p->setRange(0, 0.95);
            p->setSingleStep(0.05);
            p->setValue(row.dropout);
            //: The prefix of the dropout probability box: "p = 0.5".
            p->setPrefix(tr("p = "));
            p->setToolTip(tr("Probability of zeroing each value while training"));
            p->setAccessibleName(tr("Layer %1 dropout probability").arg(r + 1));
            connect(p, &QDoubleSpinBox::editingFinished, this, [this, r, row, p] {
                BuilderRow next = row;
                next.dropout = p->value();
                setRow(r, next);
            });
            h->addWidget(p, 0, 1);
        }
        if (row.kind != LayerKind::Dropout && row.kind != LayerKind::Flatten) {
            auto* act = compact(comboOf(activations(), std::optional<LayerSpec>()));
            act->setCurrentIndex(activationIndex(row.activation));
            act->setToolTip(tr("Activation after this layer"));
            act->setAccessibleName(tr("Layer %1 activation").arg(r + 1));
            connect(act, &QComboBox::activated, this, [this, r, row](int i) {
                BuilderRow next = row;
                next.activation = activations()[i].value;
                setRow(r, next);
            });
            h->addWidget(act, 1, 0);
        }
        if (sized) {
            auto* init = compact(comboOf(inits(), row.init));
            init->setToolTip(tr("How the weights start: default is PyTorch's (uniform, scaled "
                                "by the layer's inputs). Zeros makes every unit learn the same "
                                "thing: try it."));
            init->setAccessibleName(tr("Layer %1 initialisation").arg(r + 1));
            connect(init, &QComboBox::activated, this, [this, r, row](int i) {
                BuilderRow next = row;
                next.init = inits()[i].value;
                setRow(r, next);
            });
            h->addWidget(init, 1, 1);
        }
        const QString shapeText = m_rowShapes[std::size_t(r)];
        auto* shape = new QLabel(r == m_errorRow ? QStringLiteral("✗") : shapeText);
        // Never wider than the room left: a long shape ("[1, 8, 28, 28]") is cut at the
        // right, whole in the tooltip, rather than pushing ✕ out of the dock.
        shape->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        if (r == m_errorRow)
            shape->setToolTip(QStringLiteral("%1: ✗").arg(m_error));
        else
            //: The tooltip of a layer's shape, e.g. "Shape after this layer: [1, 8]".
            shape->setToolTip(tr("Shape after this layer: %1").arg(shapeText));
        if (row.kind == LayerKind::Conv2d)
            h->addWidget(shape, 3, 0, 1, 4); // under the kernel, stride and padding
        else
            h->addWidget(shape, 1, 2, 1, 2);
        auto* remove = new QPushButton(QStringLiteral("✕"));
        remove->setFixedWidth(28);
        remove->setToolTip(tr("Remove this layer"));
        remove->setAccessibleName(tr("Remove layer %1").arg(r + 1));
        remove->setEnabled(m_state.rows.size() > 1);
        connect(remove, &QPushButton::clicked, this, [this, r] { removeLayer(r); });
        h->addWidget(remove, 0, 3);
        if (r == m_errorRow)
            line->setStyleSheet(QStringLiteral("#builderRow%1 { background: #fde2e1; border: "
                                               "1px solid #d9534f; }")
                                    .arg(r));
        m_rowsLayout->addWidget(line);
    }
    wheelScrollsPanel(this); // the rows' new boxes too
    if (m_error.isEmpty()) {
        Index params = 0;
        for (const Sequential::ParameterSpec& p : Sequential::parameterSpecs(m_layers))
            params += p.shape.numel();
        m_status->setText(tr("%1 parameters").arg(QLocale().toString(qlonglong(params))));
        m_status->setStyleSheet({});
    } else {
        m_status->setText(m_errorRow >= 0
                              ? tr("Layer %1: %2").arg(QString::number(m_errorRow + 1), m_error)
                              : m_error);
        m_status->setStyleSheet(QStringLiteral("color: #b52b27;"));
    }
}

} // namespace gs::ui
