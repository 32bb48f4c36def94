#include "DataPanel.h"

#include "BoundedSpinBox.h"
#include "Language.h"
#include "Palette.h"
#include "Retranslate.h"
#include "WheelScroll.h"

#include <QAbstractItemView>
#include <QAbstractScrollArea>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {

constexpr int kThumbnail = 40;

// A small scatter of a toy preset's points; for image and other data, a glyph drawn with
// QPainterPath shapes rather than an emoji (which needs a font that may be missing).
QIcon thumbnail(const Experiment& e) {
    QPixmap pixmap(kThumbnail, kThumbnail);
    pixmap.fill(Qt::white);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    if (e.data.source == DataSource::FashionMnist) {
        // A T-shirt: body, sleeves and neckline.
        QPainterPath shirt;
        shirt.moveTo(14, 7);
        shirt.lineTo(5, 13);
        shirt.lineTo(9, 20);
        shirt.lineTo(12, 18);
        shirt.lineTo(12, 34);
        shirt.lineTo(28, 34);
        shirt.lineTo(28, 18);
        shirt.lineTo(31, 20);
        shirt.lineTo(35, 13);
        shirt.lineTo(26, 7);
        shirt.quadTo(20, 13, 14, 7);
        p.setPen(QPen(QColor(60, 60, 60), 1.5));
        p.setBrush(QColor(8, 119, 189));
        p.drawPath(shirt);
        return QIcon(pixmap);
    }
    if (e.data.source != DataSource::Toy) {
        p.setPen(QColor(60, 60, 60));
        QFont f = p.font();
        f.setPixelSize(20);
        f.setBold(true);
        p.setFont(f);
        p.drawText(pixmap.rect(), Qt::AlignCenter,
                   e.data.source == DataSource::Mnist ? QStringLiteral("7") : QStringLiteral("y"));
        return QIcon(pixmap);
    }
    ToyConfig config = e.data.toy;
    config.samples = std::min<Index>(config.samples, 200);
    const Dataset d = makeToyDataset(config);
    for (Index i = 0; i < d.size(); ++i) {
        p.setPen(Qt::NoPen);
        p.setBrush(d.isClassification()
                       ? classColor(d.labels[std::size_t(i)], ColourScale::OrangeBlue)
                       : (d.targets[i] < 0 ? negativeColor(ColourScale::OrangeBlue)
                                           : positiveColor(ColourScale::OrangeBlue)));
        p.drawEllipse(QPointF((d.inputs[2 * i] + 6) / 12 * kThumbnail,
                              (6 - d.inputs[2 * i + 1]) / 12 * kThumbnail),
                      1.4, 1.4);
    }
    return QIcon(pixmap);
}

// The panel's picture: the points on the plane, or a grid of sample images.
QPixmap previewOf(const Snapshot& s, const QPalette& palette) {
    constexpr int kSide = 120;
    const bool dark = isDark(palette);
    QPixmap pixmap(s.imageSide > 0 ? 2 * kSide : kSide, kSide);
    pixmap.fill(canvasColors(dark).background);
    QPainter p(&pixmap);
    if (s.imageSide > 0) {
        const int columns = 8, rows = 4, tile = kSide / rows;
        for (std::size_t i = 0; i < s.digits.size() && i < std::size_t(columns * rows); ++i) {
            const QImage image = inkImage(s.digits[i].pixels, s.imageSide, dark);
            p.drawImage(QRect(int(i % columns) * tile, int(i / columns) * tile, tile - 1, tile - 1),
                        image);
        }
    } else if (s.points && !s.points->empty()) {
        p.setRenderHint(QPainter::Antialiasing);
        double scale = 1e-9;
        if (s.regression)
            for (const PlanePoint& pt : *s.points)
                scale = std::max(scale, double(std::abs(pt.value)));
        for (const PlanePoint& pt : *s.points) {
            const QColor colour = s.regression ? divergingColor(pt.value / scale)
                                               : classColor(int(std::lround(pt.value)));
            p.setPen(pt.test ? QPen(colour.darker(120), 1) : Qt::NoPen);
            p.setBrush(pt.test ? QBrush(canvasColors(dark).background) : QBrush(colour));
            p.drawEllipse(QPointF((pt.x1 + 6) / 12 * kSide, (6 - pt.x2) / 12 * kSide), 1.8, 1.8);
        }
    } else {
        p.setPen(canvasColors(dark).text);
        p.drawText(pixmap.rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   DataPanel::tr("%1 input features").arg(s.inputs));
    }
    return pixmap;
}

// How the data set `kind` is called in the box; the names of the data files and the CLI
// (toyKindName) stay as they are.
QString toyKindText(ToyKind kind) {
    switch (kind) {
    //: A 2-D data set: interleaved spiral arms, one per class (two unless chosen).
    case ToyKind::Spiral:
        return DataPanel::tr("spiral");
    //: A 2-D data set: a ring of points around a disc.
    case ToyKind::Circles:
        return DataPanel::tr("circles");
    //: A 2-D data set: the four quadrants, labelled like exclusive or.
    case ToyKind::Xor:
        return DataPanel::tr("xor");
    //: A 2-D data set: two Gaussian clouds.
    case ToyKind::Gaussians:
        return DataPanel::tr("gaussians");
    //: A 2-D data set: two interleaved half moons.
    case ToyKind::Moons:
        return DataPanel::tr("moons");
    //: A 2-D data set: Gaussian clouds on a circle, one per class (2 to 5).
    case ToyKind::Blobs:
        return DataPanel::tr("blobs");
    //: A 2-D regression data set: a tilted plane.
    case ToyKind::Plane:
        return DataPanel::tr("plane");
    //: A 2-D regression data set: a Gaussian hill.
    case ToyKind::GaussianBump:
        return DataPanel::tr("gaussian-bump");
    //: A 2-D regression data set: a sine wave.
    case ToyKind::Sine:
        return DataPanel::tr("sine");
    case ToyKind::Count:
        break;
    }
    return QString::fromUtf8(toyKindName(kind));
}

// A form row whose label retranslate() names.
QLabel* addRow(QFormLayout* form, QWidget* field) {
    auto* label = new QLabel;
    label->setBuddy(field);
    form->addRow(label, field);
    return label;
}

// A slider with its value written beside it.
QWidget* withValue(QSlider* slider, QLabel* value) {
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(slider, 1);
    value->setMinimumWidth(value->fontMetrics().horizontalAdvance(QStringLiteral("100 %")));
    value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->addWidget(value);
    return row;
}

} // namespace

DataPanel::DataPanel(QWidget* parent)
    : QWidget(parent) {
    auto* form = new QFormLayout(this);
    m_preset = new QComboBox;
    m_preset->setIconSize(QSize(kThumbnail, kThumbnail));
    // As wide as the panel lets it be, not as its longest name ("deep-sigmoid-batchnorm" pushed
    // the box past a 1024-pixel window's dock); the list opens as wide as it needs.
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_preset->setMinimumContentsLength(12);
    // The presets' names are identifiers (the CLI's --preset); their descriptions come from the
    // engine.
    for (const Experiment& e : presets()) {
        m_preset->addItem(thumbnail(e), QString::fromStdString(e.name),
                          QString::fromStdString(e.name));
    }
    m_preset->view()->setMinimumWidth(m_preset->view()->sizeHintForColumn(0) + 8);
    onLanguageChange(m_preset, [this] {
        for (int i = 0; i < m_preset->count(); ++i)
            if (const Experiment* e = findPreset(m_preset->itemData(i).toString().toStdString()))
                m_preset->setItemData(i, presetDescription(e->description), Qt::ToolTipRole);
    });
    connect(m_preset, &QComboBox::activated, this,
            [this](int i) { emit presetChosen(m_preset->itemData(i).toString()); });
    m_presetLabel = addRow(form, m_preset);
    m_preview = new QLabel;
    m_preview->setObjectName(QStringLiteral("dataPreview"));
    m_preview->setMinimumHeight(120);
    m_preview->setAlignment(Qt::AlignCenter);
    form->addRow(m_preview);

    m_toyControls = new QWidget;
    auto* toyForm = new QFormLayout(m_toyControls);
    toyForm->setContentsMargins(0, 0, 0, 0);
    // The problem first, as in TensorFlow Playground: the data sets listed are its.
    m_problem = new QComboBox;
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->addItems({QString(), QString()}); // classification, regression: named below
    m_problemLabel = addRow(toyForm, m_problem);
    m_toyKind = new QComboBox;
    m_toyKind->setObjectName(QStringLiteral("toyKind"));
    listToyKinds(false);
    m_toyKindLabel = addRow(toyForm, m_toyKind);
    m_classes = new BoundedSpinBox;
    m_classes->setObjectName(QStringLiteral("classes"));
    m_classes->setKeyboardTracking(false);
    m_classes->setRange(2, kMaxToyClasses);
    m_classesLabel = addRow(toyForm, m_classes);
    m_noise = new QSlider(Qt::Horizontal);
    m_noise->setRange(0, 50);
    m_noiseValue = new QLabel;
    m_noiseValue->setObjectName(QStringLiteral("noiseValue"));
    m_noiseLabel = addRow(toyForm, withValue(m_noise, m_noiseValue));
    m_noiseLabel->setBuddy(m_noise);
    m_ratio = new QSlider(Qt::Horizontal);
    m_ratio->setRange(10, 90);
    m_ratioValue = new QLabel;
    m_ratioValue->setObjectName(QStringLiteral("ratioValue"));
    m_ratioLabel = addRow(toyForm, withValue(m_ratio, m_ratioValue));
    m_ratioLabel->setBuddy(m_ratio);
    m_seed = new BoundedSpinBox;
    m_seed->setKeyboardTracking(false); // typing "128" rebuilds once, not three times
    m_seed->setRange(0, 1'000'000);
    m_seedLabel = addRow(toyForm, m_seed);
    m_regenerate = new QPushButton;
    m_regenerate->setObjectName(QStringLiteral("regenerate"));
    connect(m_regenerate, &QPushButton::clicked, this,
            [this] { m_seed->setValue(m_seed->value() + 1); });
    m_importCsv = new QPushButton;
    connect(m_importCsv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import points"), {},
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty()) emit importRequested(path);
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_regenerate);
    buttons->addWidget(m_importCsv);
    toyForm->addRow(buttons);
    form->addRow(m_toyControls);
    m_batch = new BoundedSpinBox;
    m_batch->setKeyboardTracking(false);
    m_batch->setRange(1, 4096);
    m_batchLabel = addRow(form, m_batch);

    connect(m_toyKind, &QComboBox::activated, this, [this] {
        showClassCount();
        emit toyKindChosen(toyKind());
    });
    connect(m_problem, &QComboBox::activated, this, [this](int problem) {
        // The other problem's first data set (spiral, or the plane), as a choice of it.
        listToyKinds(problem == 1);
        m_toyKind->setCurrentIndex(0);
        showClassCount();
        emit toyKindChosen(toyKind());
    });
    for (QSlider* s : {m_noise, m_ratio}) {
        connect(s, &QSlider::valueChanged, this, &DataPanel::showSliderValues);
        // Keyboard and clicks on the groove change the value without a release.
        connect(s, &QSlider::sliderReleased, this, &DataPanel::dataEdited);
        connect(s, &QSlider::actionTriggered, this, [this, s](int action) {
            if (action != QAbstractSlider::SliderMove && !s->isSliderDown())
                QMetaObject::invokeMethod(this, &DataPanel::dataEdited, Qt::QueuedConnection);
        });
    }
    for (QSpinBox* s : {m_seed, m_batch, m_classes})
        connect(s, &QSpinBox::valueChanged, this, &DataPanel::dataEdited);
    wheelScrollsPanel(this);
    showSliderValues();
    retranslate();
}

void DataPanel::retranslate() {
    m_preset->setToolTip(tr("Every preset: data, network and training settings together"));
    m_presetLabel->setText(tr("Preset"));
    m_preview->setToolTip(
        tr("The data: training points filled, test points outlined; or sample images"));
    for (int i = 0; i < m_toyKind->count(); ++i)
        m_toyKind->setItemText(i, toyKindText(ToyKind(m_toyKind->itemData(i).toInt())));
    m_toyKindLabel->setText(tr("Data set"));
    m_problemLabel->setText(tr("Problem"));
    //: The problem type (as in TensorFlow Playground): points of classes to tell apart.
    m_problem->setItemText(0, tr("Classification"));
    //: The problem type: a number to predict at every point.
    m_problem->setItemText(1, tr("Regression"));
    m_problem->setToolTip(tr("Classification: points of two or more classes to tell apart. "
                             "Regression: a number to predict at every point. The data sets "
                             "below are the problem's."));
    m_classes->setToolTip(tr("How many classes: the spiral's arms, the blobs (2 to %1). The "
                             "network's output follows: one unit per class.")
                              .arg(kMaxToyClasses));
    m_classesLabel->setText(tr("Classes"));
    m_noise->setToolTip(tr("Noise added to the points, 0–100 %"));
    m_noiseLabel->setText(tr("Noise"));
    m_noise->setAccessibleName(m_noiseLabel->text()); // its label is not its sibling
    m_ratio->setToolTip(tr("Share of the points used for training; the rest is the test set"));
    m_ratioLabel->setText(tr("Train %"));
    m_ratio->setAccessibleName(m_ratioLabel->text());
    m_seed->setToolTip(tr("Seed for the data, the initial weights and the shuffling: the same "
                          "seed gives the same run"));
    m_seedLabel->setText(tr("Seed"));
    m_regenerate->setText(tr("Regenerate"));
    m_regenerate->setToolTip(tr("New points from the next seed"));
    m_importCsv->setText(tr("Import CSV…"));
    m_importCsv->setToolTip(tr("Your own points: x1,x2,label (classes) or x1,x2,y (regression)"));
    m_batch->setToolTip(tr("Samples per mini-batch: one optimizer step each"));
    m_batchLabel->setText(tr("Batch size"));
}

void DataPanel::showSliderValues() {
    m_noiseValue->setText(QStringLiteral("%1 %").arg(m_noise->value() * 2));
    // A drawn set's share is its own (the app trains on every point; the slider, off, keeps the
    // generated sets').
    m_ratioValue->setText(
        QStringLiteral("%1 %").arg(m_drawnPoints >= 0 ? m_drawnPercent : m_ratio->value()));
}

void DataPanel::setExperiment(const Experiment& experiment) {
    const DataSpec& d = experiment.data;
    const QSignalBlocker a(m_preset), b(m_toyKind), c(m_noise), e(m_ratio), f(m_seed), g(m_batch),
        h(m_classes);
    m_preset->setCurrentIndex(m_preset->findData(QString::fromStdString(experiment.name)));
    m_toyControls->setVisible(d.source == DataSource::Toy || d.source == DataSource::Csv ||
                              d.source == DataSource::Drawn);
    // Imported or drawn points are no preset and no generated set: both boxes say what they are
    // instead (the placeholder of an empty choice), and the noise, which they do not have, is
    // off.
    const bool csv = d.source == DataSource::Csv, drawn = d.source == DataSource::Drawn;
    m_importedFile = csv ? QFileInfo(QString::fromStdString(d.path)).fileName() : QString();
    m_drawnPoints = drawn ? int(d.points.size()) : -1;
    m_drawnPercent = int(std::lround(d.trainFraction * 100));
    // A file's problem is known once it is read (showData); drawn points are classes.
    if (!csv) listToyKinds(d.source == DataSource::Toy && isRegression(d.toy.kind));
    showImportedFile();
    m_toyKind->setCurrentIndex(csv || drawn ? -1 : m_toyKind->findData(int(d.toy.kind)));
    m_classes->setValue(d.toy.classes);
    showClassCount();
    m_noise->setEnabled(!csv && !drawn);
    m_ratio->setEnabled(!drawn);
    m_regenerate->setVisible(!drawn); // drawn points have no seed to make them again
    m_noise->setValue(int(std::lround(d.toy.noise * 50)));
    if (!drawn) m_ratio->setValue(int(std::lround(d.trainFraction * 100)));
    m_seed->setValue(int(experiment.train.seed));
    m_batch->setValue(int(experiment.train.batchSize));
    showSliderValues();
}

void DataPanel::showImportedFile() {
    const bool csv = !m_importedFile.isEmpty();
    if (m_drawnPoints >= 0) {
        //: The preset box while the data are points drawn on the output view.
        m_preset->setPlaceholderText(tr("Drawn by hand"));
        //: The data set box while the data are drawn points; %1: how many.
        m_toyKind->setPlaceholderText(tr("drawn points: %1").arg(m_drawnPoints));
        return;
    }
    m_preset->setPlaceholderText(csv ? tr("%1 (imported)").arg(m_importedFile) : QString());
    m_toyKind->setPlaceholderText(csv ? tr("points from %1").arg(m_importedFile) : QString());
}

void DataPanel::showClassCount() {
    const bool shown = m_importedFile.isEmpty() && m_drawnPoints < 0 && hasClassCount(toyKind());
    m_classes->setVisible(shown);
    m_classesLabel->setVisible(shown);
}

void DataPanel::applyTo(Experiment& experiment) const {
    experiment.data.toy.kind = toyKind();
    experiment.data.toy.classes = hasClassCount(toyKind()) ? m_classes->value() : 2;
    experiment.data.toy.noise = m_noise->value() / 50.0;
    if (experiment.data.source != DataSource::Drawn)
        experiment.data.trainFraction = m_ratio->value() / 100.0;
    experiment.data.toy.seed = std::uint64_t(m_seed->value());
    experiment.data.seed = std::uint64_t(m_seed->value());
    experiment.train.seed = std::uint64_t(m_seed->value());
    experiment.train.batchSize = m_batch->value();
}

ToyKind DataPanel::toyKind() const {
    return ToyKind(m_toyKind->currentData().toInt());
}

void DataPanel::listToyKinds(bool regression) {
    const QSignalBlocker block(m_toyKind);
    m_problem->setCurrentIndex(regression ? 1 : 0);
    if (m_toyKind->count() > 0 &&
        isRegression(ToyKind(m_toyKind->itemData(0).toInt())) == regression)
        return;
    m_toyKind->clear();
    for (int k = 0; k < int(ToyKind::Count); ++k)
        if (isRegression(ToyKind(k)) == regression) m_toyKind->addItem(toyKindText(ToyKind(k)), k);
}

void DataPanel::showData(const SnapshotPtr& snapshot) {
    if (snapshot && snapshot->grid > 0 && !m_importedFile.isEmpty()) {
        listToyKinds(snapshot->regression); // a file's points: classes or values
        m_toyKind->setCurrentIndex(-1);
    }
    m_shown = snapshot;
    m_preview->setPixmap(snapshot ? previewOf(*snapshot, palette()) : QPixmap());
}

void DataPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showImportedFile();
        if (m_shown) showData(m_shown); // "%1 input features"
    }
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_shown) showData(m_shown);
}

QPixmap DataPanel::preview() const {
    return m_preview->pixmap();
}

} // namespace gs::ui
