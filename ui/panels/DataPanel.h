// The data panel (left side): the preset list with a thumbnail of each, a preview of the data,
// and for 2-D data the data set (with its number of classes where that is a choice), noise, train
// share and seed, then the batch size. It edits the data part of an Experiment and says so; the
// main window decides what to rebuild.
#pragma once

#include "Snapshot.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
QT_END_NAMESPACE

namespace gs::ui {

class DataPanel : public QWidget {
    Q_OBJECT
public:
    explicit DataPanel(QWidget* parent = nullptr);

    // Shows the experiment's data settings (emits nothing).
    void setExperiment(const Experiment& experiment);
    // Writes the controls' values into `experiment` (data, seeds, batch size).
    void applyTo(Experiment& experiment) const;
    // The preview of the data just loaded: points, or sample images.
    void showData(const SnapshotPtr& snapshot);
    QPixmap preview() const;

    ToyKind toyKind() const;
    QComboBox* presetBox() const { return m_preset; }
    QSlider* noiseSlider() const { return m_noise; }
    QSlider* ratioSlider() const { return m_ratio; }
    QSpinBox* seedBox() const { return m_seed; }
    QSpinBox* batchBox() const { return m_batch; }
    QSpinBox* classesBox() const { return m_classes; }
    QComboBox* problemBox() const { return m_problem; }
    QComboBox* toyKindBox() const { return m_toyKind; }

signals:
    void presetChosen(const QString& name);
    // Noise, train share, seed, classes or batch size changed (sliders: once released).
    void dataEdited();
    // Another 2-D data set was picked (classification and regression may swap).
    void toyKindChosen(gs::ToyKind kind);
    void importRequested(const QString& path);

protected:
    // Redraws the preview in a new palette; in a new language, every text again.
    void changeEvent(QEvent* event) override;

private:
    void retranslate(); // the fixed texts
    void showSliderValues();
    void showImportedFile(); // the boxes' placeholders, naming m_importedFile (or the drawing)
    void showClassCount();   // the classes box, for the data sets that have a choice
    // The problem box set, and the data set box listing that problem's data sets.
    void listToyKinds(bool regression);

    QString m_importedFile;   // the CSV file's name while imported points are shown, else empty
    int m_drawnPoints = -1;   // how many points were drawn, while drawn points are shown
    int m_drawnPercent = 100; // … and the share of them that trains

    SnapshotPtr m_shown; // what the preview draws
    QComboBox* m_preset;
    QLabel* m_preview;
    QWidget* m_toyControls;
    QComboBox* m_toyKind;
    QComboBox* m_problem;
    QSlider* m_noise;
    QLabel* m_noiseValue;
    QSlider* m_ratio;
    QLabel* m_ratioValue;
    QSpinBox* m_seed;
    QSpinBox* m_batch;
    QSpinBox* m_classes;
    QPushButton* m_regenerate;
    QPushButton* m_importCsv;
    QLabel* m_presetLabel;
    QLabel* m_toyKindLabel;
    QLabel* m_problemLabel;
    QLabel* m_noiseLabel;
    QLabel* m_ratioLabel;
    QLabel* m_seedLabel;
    QLabel* m_batchLabel;
    QLabel* m_classesLabel;
};

} // namespace gs::ui
