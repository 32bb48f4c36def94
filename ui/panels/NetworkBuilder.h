// The network builder: the layers as rows (type, size, kernel, activation, initialiser, the
// shape after the layer), the input features for 2-D data and the loss. Every edit is checked
// at once: an impossible network marks the offending row with the reason and reports it, so
// the window can disable training and say why. Edits go through an undo stack.
#pragma once

#include "data/Features.h"
#include "nn/Layer.h"
#include "train/Loss.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QUndoStack;
class QVBoxLayout;
QT_END_NAMESPACE

namespace gs::ui {

// One row: a layer with its activation folded in (Linear + Tanh is one "Dense, tanh" row).
struct BuilderRow {
    // Linear, Conv2d, MaxPool2d, AvgPool2d, GlobalAvgPool2d, Flatten, Dropout, LayerNorm, Add,
    // Concat, and BatchNorm1d for batch norm of either kind: 1-D or 2-D follows the input.
    LayerKind kind = LayerKind::Linear;
    Index size = 8;   // units or output channels
    int kernel = 3;   // Conv2d, pools
    int padding = 0;  // Conv2d
    int stride = 1;   // Conv2d; pools: 0 is the kernel's size (non-overlapping windows)
    bool bias = true; // Linear, Conv2d: kept from the file (off before a batch norm)
    // Add, Concat: the row whose output joins the row before's (−1: the network's input): a
    // skip connection.
    int from = -1;
    std::optional<LayerSpec> activation; // an activation or softmax layer; none: linear
    Init init = Init::PyTorch;
    double dropout = 0.5;
    bool operator==(const BuilderRow&) const = default;
};

struct BuilderState {
    std::vector<BuilderRow> rows;
    FeatureMask features = kRawFeatures;
    LossKind loss = LossKind::CrossEntropy;
    bool operator==(const BuilderState&) const = default;
};

// Layers ↔ rows. Input sizes (Linear in, Conv2d in-channels) are filled from the shapes.
BuilderState builderStateFrom(const std::vector<LayerSpec>& layers, FeatureMask features,
                              LossKind loss);
// Throws LayerError naming the row (as its layer index) when the shapes do not fit; its message
// is translatable (gs::ui::translated).
std::vector<LayerSpec> layersFrom(const BuilderState& state, const Shape& sampleShape);
// The loss as the builder's list names it, in the current language.
QString lossText(LossKind loss);

class NetworkBuilder : public QWidget {
    Q_OBJECT
public:
    explicit NetworkBuilder(QWidget* parent = nullptr);

    // The data the network must fit: one sample's shape before features ([2] for points) and
    // the number of classes (0: regression; −1: not known yet, as for a file not yet read,
    // when the output is not checked against it).
    void setData(const Shape& sampleShape, int classes, bool planar);
    // Replaces the state without an undo entry (loading a preset).
    void setState(const BuilderState& state);
    const BuilderState& state() const { return m_state; }
    QUndoStack* undoStack() const { return m_undo; }

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    int errorRow() const { return m_errorRow; }
    // The engine layers of a valid network (empty when invalid).
    std::vector<LayerSpec> layers() const { return m_layers; }

    // Edits, also used by tests; each is one undo step.
    void addLayer(); // a hidden Dense row before the output row
    // Before the output row: two layers (Dense, or Conv2d on images) and an Add of the block's
    // input to their output, then ReLU.
    void addResidualBlock();
    void removeLayer(int row);
    void setRow(int row, const BuilderRow& value);
    void setFeatures(FeatureMask features);
    void setLoss(LossKind loss);

signals:
    // The network changed (valid or not); the window rebuilds the session when valid.
    void changed();

protected:
    // A new language: the fixed texts, the rows and the reason an invalid network is refused.
    void changeEvent(QEvent* event) override;
    // Paints the rows' numbers and the skip connections' wiring in the rows' left margin.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate(); // the fixed texts
    friend class BuilderCommand;
    void apply(const BuilderState& state); // no undo entry
    void edit(const BuilderState& next, const QString& text);
    void insertRows(std::size_t at, const std::vector<BuilderRow>& rows, const QString& text);
    void validate();
    void rebuildRows();

    BuilderState m_state;
    Shape m_sample{2};
    int m_classes = 2;
    bool m_planar = true;
    std::vector<LayerSpec> m_layers;
    std::vector<QString> m_rowShapes;
    std::vector<int> m_rowRanks; // of each row's output (4: images), 0 while invalid
    QString m_error;
    int m_errorRow = -1;
    QUndoStack* m_undo;
    QVBoxLayout* m_rowsLayout;
    QWidget* m_rowsHost;
    QWidget* m_featuresBox;
    QLabel* m_featuresTitle;
    QList<QCheckBox*> m_featureBoxes;
    QLabel* m_layersTitle;
    QPushButton* m_add;
    QPushButton* m_addBlock;
    QLabel* m_lossLabel;
    QComboBox* m_loss;
    QLabel* m_status;
};

} // namespace gs::ui
