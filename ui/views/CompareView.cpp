#include "CompareView.h"

#include "NetworkView.h"
#include "OutputView.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedLayout>
#include <QVBoxLayout>

namespace gs::ui {

namespace {

// A surface with its title over it.
QWidget* titled(QLabel* title, QWidget* view) {
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    title->setAlignment(Qt::AlignHCenter); // one line each, so that both surfaces line up
    // Both columns as wide, whatever their titles.
    title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(title);
    layout->addWidget(view, 1);
    return box;
}

// What the output view needs of the earlier run: this snapshot's plane and points, with the
// earlier run's map.
SnapshotPtr earlierOutput(const Snapshot& s) {
    auto e = std::make_shared<Snapshot>();
    e->step = s.earlier->step;
    e->grid = s.grid;
    e->outputMap = s.earlier->outputMap;
    e->outputClass = s.earlier->outputClass;
    e->points = s.points;
    e->regression = s.regression;
    e->dataClasses = s.dataClasses;
    e->classes = s.classes;
    e->classNames = s.classNames;
    return e;
}

} // namespace

CompareView::CompareView(QWidget* parent)
    : QWidget(parent)
    , m_pages(new QStackedLayout(this))
    , m_howTo(new QLabel)
    , m_heading(new QLabel)
    , m_earlierTitle(new QLabel)
    , m_thisTitle(new QLabel)
    , m_caption(new QLabel)
    , m_surfaces(new QWidget)
    , m_earlierSurface(new OutputView)
    , m_thisSurface(new OutputView)
    , m_difference(new NetworkView) {
    setMinimumSize(320, 140);
    m_howTo->setWordWrap(true);
    m_howTo->setAlignment(Qt::AlignCenter);
    m_howTo->setMargin(12);
    m_howTo->setObjectName(QStringLiteral("compareHowTo"));
    m_pages->addWidget(m_howTo);

    auto* page = new QWidget;
    auto* column = new QVBoxLayout(page);
    column->setContentsMargins(4, 4, 4, 4);
    m_heading->setWordWrap(true);
    // Two lines always, so that the views under it stay put as its text changes.
    m_heading->setMinimumHeight(2 * m_heading->fontMetrics().lineSpacing());
    m_heading->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_heading->setObjectName(QStringLiteral("compareHeading"));
    column->addWidget(m_heading);
    auto* row = new QHBoxLayout;
    auto* surfaceColumn = new QVBoxLayout(m_surfaces);
    surfaceColumn->setContentsMargins(0, 0, 0, 0);
    auto* surfaces = new QHBoxLayout;
    surfaces->addWidget(titled(m_earlierTitle, m_earlierSurface), 1);
    surfaces->addWidget(titled(m_thisTitle, m_thisSurface), 1);
    surfaceColumn->addLayout(surfaces, 1);
    m_caption->setAlignment(Qt::AlignHCenter);
    m_caption->setWordWrap(true);
    surfaceColumn->addWidget(m_caption);
    for (OutputView* v : {m_earlierSurface, m_thisSurface}) {
        v->setMinimumSize(100, 100);
        v->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        v->setCaptionShown(false);
    }
    row->addWidget(m_surfaces, 1);
    m_difference->setQuantity(EdgeQuantity::Difference);
    m_difference->setMinimumSize(240, 120);
    row->addWidget(m_difference, 1);
    column->addLayout(row, 1);
    m_pages->addWidget(page);
    retranslate();
}

bool CompareView::comparing() const {
    return m_pages->currentIndex() == 1;
}

QString CompareView::heading() const {
    return m_heading->text();
}

void CompareView::showSnapshot(const SnapshotPtr& snapshot) {
    m_snapshot = snapshot;
    const bool comparing = snapshot && snapshot->earlier;
    m_pages->setCurrentIndex(comparing ? 1 : 0);
    if (comparing) {
        const Snapshot& s = *snapshot;
        const bool planar = s.grid > 0;
        m_surfaces->setVisible(planar);
        if (planar) {
            m_earlierSurface->setSnapshot(earlierOutput(s));
            m_thisSurface->setSnapshot(snapshot);
        }
        m_difference->setSnapshot(snapshot);
    }
    retranslate();
}

void CompareView::retranslate() {
    m_howTo->setText(
        tr("Nothing to compare yet. Go back on the timeline, press Branch here, change "
           "something (the learning rate, the optimizer, a weight) and train: the run before the "
           "branch stays here beside the new one, step for step, with both decision surfaces, "
           "the difference of their weights, and its curves on the charts."));
    if (!m_snapshot || !m_snapshot->earlier) return;
    const Snapshot& s = *m_snapshot;
    const Snapshot::Earlier& e = *s.earlier;
    const auto run = [](const std::string& optimizer, double rate) {
        //: One run in the compare view's heading: %1 its optimizer, %2 its learning rate.
        return tr("%1, η %2").arg(QString::fromStdString(optimizer), QString::number(rate, 'g', 3));
    };
    const QString mine = run(s.optimizer, s.learningRate);
    const QString theirs = run(e.optimizer, e.learningRate);
    QString text;
    if (s.step < e.branch)
        //: The compare view at a step before the runs part: %1 the step, %2 the branch's.
        text = tr("Step %1 comes before the branch at step %2: the two runs are the same "
                  "here. Move the timeline past step %2 to see them part.")
                   .arg(s.step)
                   .arg(e.branch);
    else if (s.step == e.branch)
        //: The compare view at the branch's step: %1 the step.
        text = tr("Step %1 is where the runs part: this one (%2) and the earlier one (%3). Move "
                  "the timeline on to see where each goes.")
                   .arg(s.step)
                   .arg(mine, theirs);
    else if (e.step < s.step)
        //: %1 the step shown, %2 this run's optimizer and rate, %3 the branch's step, %4 the
        //: earlier run's optimizer and rate, %5 its last step.
        text = tr("Step %1 of this run (%2) beside the run it branched from at step %3 (%4). "
                  "That run ended at step %5, and is shown there.")
                   .arg(s.step)
                   .arg(mine)
                   .arg(e.branch)
                   .arg(theirs)
                   .arg(e.last);
    else
        //: %1 the step shown, %2 this run's optimizer and rate, %3 the branch's step, %4 the
        //: earlier run's optimizer and rate.
        text = tr("Step %1 of both runs: this one (%2) and the one it branched from at step %3 "
                  "(%4).")
                   .arg(s.step)
                   .arg(mine)
                   .arg(e.branch)
                   .arg(theirs);
    m_heading->setText(text);
    //: Over the earlier run's decision surface in the compare view (the heading says its step).
    m_earlierTitle->setText(tr("Earlier run"));
    //: Over this run's decision surface in the compare view.
    m_thisTitle->setText(tr("This run"));
    m_caption->setText(m_thisSurface->planeCaption());
    //: A screen reader's name for the earlier run's decision surface: %1 its step.
    m_earlierSurface->setAccessibleName(tr("Earlier run, step %1").arg(e.step));
    //: A screen reader's name for this run's decision surface: %1 its step.
    m_thisSurface->setAccessibleName(tr("This run, step %1").arg(s.step));
    m_difference->setAccessibleName(tr("Weight difference, this run minus the earlier run"));
}

void CompareView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

} // namespace gs::ui
