// MainWindow, continued: what a desktop app is expected to do around the views — the keyboard
// wherever the focus is, settings kept between runs, the language, the question before unsaved
// work is lost, dropped files, the guide and the about box, and presenter mode.
#include "LessonPanel.h"
#include "MainWindow.h"

#include "ChartsPanel.h"
#include "DockTitleBar.h"
#include "GuideBrowser.h"
#include "Language.h"
#include "MnistDownload.h"
#include "NetworkView.h"
#include "OutputView.h"
#include "ReadingOrder.h"
#include "Retranslate.h"
#include "TrainingWorker.h"
#include "core/Parallel.h"
#include "panels/OptimizerToolbar.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QSettings>
#include <QStatusBar>
#include <QTextEdit>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <utility>

namespace gs::ui {

namespace {

const QString kStateKey = QStringLiteral("window/state");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kTextScaleKey = QStringLiteral("textScale");
const QString kThreadsKey = QStringLiteral("threads");
const QString kDeviceKey = QStringLiteral("device");
const QString kLanguageKey = QStringLiteral("language");
const QString kSystemLanguage = QStringLiteral("system");
constexpr int kStateVersion = 2; // bump when the docks change, so old layouts are dropped

// Whether the user is typing into `widget`, which then keeps Space and the letter keys: a text
// field, or a number box whose text has been edited and not yet committed.
bool isTyping(const QWidget* widget) {
    if (qobject_cast<const QTextEdit*>(widget) || qobject_cast<const QPlainTextEdit*>(widget))
        return true;
    const auto* edit = qobject_cast<const QLineEdit*>(widget);
    if (!edit) return false;
    if (qobject_cast<const QAbstractSpinBox*>(edit->parentWidget())) return edit->isModified();
    return true;
}

// The guide in the language installed (docs/app.<code>.md, compiled in beside docs/app.md, see
// ui/CMakeLists.txt), or in English where it has not been translated.
QUrl guideUrl() {
    const QString path = QStringLiteral(":/docs/app.%1.md").arg(currentLanguage());
    return QUrl(QFile::exists(path) ? QStringLiteral("qrc") + path
                                    : QStringLiteral("qrc:/docs/app.md"));
}

bool canOpen(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QStringLiteral("gradscope") || suffix == QStringLiteral("csv") ||
           suffix == QStringLiteral("json") || suffix == QStringLiteral("onnx");
}

} // namespace

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FocusIn) {
        const auto* focus = static_cast<QFocusEvent*>(event);
        const bool byKeyboard = focus->reason() == Qt::TabFocusReason ||
                                focus->reason() == Qt::BacktabFocusReason ||
                                focus->reason() == Qt::ShortcutFocusReason;
        if (auto* widget = qobject_cast<QWidget*>(watched))
            m_keyboardFocus = byKeyboard ? widget : nullptr;
    }
    // Space, S, E and R train wherever the focus is in this window — on a combo box or a button
    // clicked, a number box already committed — except while a number or text is being typed,
    // and except on a button or list reached by Tab: Space and Enter press that button, Space
    // and the letters are that list's, as anywhere.
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        auto* widget = qobject_cast<QWidget*>(watched);
        auto* button = qobject_cast<QAbstractButton*>(widget);
        // A list reached by Tab takes its own keys: Space opens it, a letter picks an entry.
        if (qobject_cast<QComboBox*>(widget) && widget == m_keyboardFocus &&
            key->modifiers() == Qt::NoModifier && !key->text().isEmpty() &&
            key->text().at(0).isPrint()) {
            if (event->type() == QEvent::ShortcutOverride) event->accept();
            return event->type() == QEvent::ShortcutOverride;
        }
        if (button && widget == m_keyboardFocus && key->modifiers() == Qt::NoModifier) {
            if (key->key() == Qt::Key_Space) {
                // The button's own: not the Play shortcut's (an accepted override keeps the key
                // from the shortcut map; the press itself goes on to the button).
                if (event->type() == QEvent::ShortcutOverride) event->accept();
                return event->type() == QEvent::ShortcutOverride;
            }
            const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
            if (enter && !button->isCheckable()) {
                if (event->type() == QEvent::ShortcutOverride)
                    event->accept();
                else
                    button->animateClick();
                return true;
            }
        }
        // In a lesson, Page Down and Page Up walk it wherever the focus is (a presenter's
        // clicker sends them), before a view's keyboard cursor would take them.
        // A one-line field or a number box gives them up (the lesson's answer field takes the
        // focus); a text of many lines keeps them. A held key does not repeat the move.
        const bool page = key->key() == Qt::Key_PageDown || key->key() == Qt::Key_PageUp;
        const bool pages =
            qobject_cast<const QTextEdit*>(widget) || qobject_cast<const QPlainTextEdit*>(widget);
        if (page && lessonActive() && widget && widget->window() == this &&
            key->modifiers() == Qt::NoModifier && !pages) {
            if (event->type() == QEvent::KeyPress && !key->isAutoRepeat()) {
                if (key->key() == Qt::Key_PageDown)
                    m_lessons->forward();
                else
                    m_lessons->back();
            }
            event->accept();
            return true;
        }
        if (widget && widget->window() == this && key->modifiers() == Qt::NoModifier &&
            !isTyping(widget)) {
            QAction* action = key->key() == Qt::Key_Space ? m_play
                              : key->key() == Qt::Key_S   ? m_step
                              : key->key() == Qt::Key_E   ? m_stepEpoch
                              : key->key() == Qt::Key_R   ? m_reset
                                                          : nullptr;
            if (action) {
                if (event->type() == QEvent::ShortcutOverride) {
                    // Taken as a key press below, not by the shortcut map: exactly once.
                    event->accept();
                    return true;
                }
                if (action->isEnabled() && (!key->isAutoRepeat() || action == m_step))
                    action->trigger();
                else if (!action->isEnabled() && !m_blocked.isEmpty())
                    showStatus([this] { return m_blocked; }, 5000); // why nothing happens
                return true;
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

bool MainWindow::focusNextPrevChild(bool next) {
    return focusInReadingOrder(this, next);
}

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray(), kStateVersion);
    const int scale = settings.value(kTextScaleKey, 100).toInt();
    if (scale != 100) setTextScale(scale);
    setThreads(settings.value(kThreadsKey, 0).toInt());
    // A GPU chosen before is chosen again if this machine still has it.
    const QString device = settings.value(kDeviceKey, QStringLiteral("cpu")).toString();
    if (device != QStringLiteral("cpu"))
        for (const DeviceInfo& gpu : listGpus().gpus)
            if (QString::fromStdString(gpu.id.str()) == device) setDevice(device);
}

void MainWindow::setLanguage(const QString& codeOrSystem) {
    const bool system = codeOrSystem == kSystemLanguage;
    const QString code = system ? languageForLocale(QLocale::system().name()) : codeOrSystem;
    // Installing sends every window QEvent::LanguageChange: the texts follow (retranslate(), the
    // onLanguageChange functions); a code without a translation changes nothing.
    if (gs::ui::setLanguage(code))
        QSettings().setValue(kLanguageKey, system ? kSystemLanguage : code);
    updateLanguageChecks();
}

QString MainWindow::language() const {
    return QSettings().value(kLanguageKey, kSystemLanguage).toString();
}

void MainWindow::updateLanguageChecks() {
    // The choice kept, unless another language is on screen (GRADSCOPE_LANGUAGE for this run,
    // or a translation that is no longer there): then that one.
    QString checked = language();
    const QString meant =
        checked == kSystemLanguage ? languageForLocale(QLocale::system().name()) : checked;
    if (meant != currentLanguage()) checked = currentLanguage();
    for (QAction* a : m_languages->actions())
        if (a->data().toString() == checked) a->setChecked(true);
}

void MainWindow::setDevice(const QString& device) {
    toWorker([w = m_worker, device] { w->setDevice(device); });
}

void MainWindow::deviceSwitched(const QString& device) {
    m_device = device;
    QSettings().setValue(kDeviceKey, device);
    for (const DeviceInfo& gpu : listGpus().gpus)
        if (QString::fromStdString(gpu.id.str()) == device)
            showBar(Bar::Notice, [name = QString::fromStdString(gpu.describe())] {
                return tr("Training steps now run on %1.").arg(name);
            });
    if (device == QStringLiteral("cpu"))
        showBar(Bar::Notice, [] { return tr("Training steps now run on the CPU."); });
}

void MainWindow::setThreads(int threads) {
    // The pool takes the new count before the next kernel that splits its work, even while
    // training runs on the worker thread (core/Parallel.h).
    m_threads = std::clamp(threads, 0, hardwareThreads());
    setThreadCount(m_threads);
    QSettings().setValue(kThreadsKey, m_threads);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (hasUnsavedWork()) {
        pause();
        switch (m_saveQuestion()) {
        case QMessageBox::Cancel:
            event->ignore();
            return;
        case QMessageBox::Save:
            // Closes once the worker has written it; a failure keeps the window open.
            saveThen([this] { close(); });
            event->ignore();
            return;
        default:
            break;
        }
    }
    QSettings settings;
    if (m_enlarged.isEmpty() && !m_presenter && !m_controlsHidden) {
        settings.setValue(kGeometryKey, saveGeometry());
        settings.setValue(kStateKey, saveState(kStateVersion));
    }
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.front().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile()) return;
    const QString path = urls.front().toLocalFile();
    // Anything else is refused with a message naming the file (openFile says why).
    openAsked(path);
    if (canOpen(path)) event->acceptProposedAction();
}

void MainWindow::showGuide() {
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto* layout = new QVBoxLayout(dialog);
    auto* browser = new GuideBrowser;
    browser->setObjectName(QStringLiteral("guide"));
    browser->setOpenExternalLinks(true);
    layout->addWidget(browser);
    // docs/app.md (or its translation) and its screenshots are compiled in (ui/CMakeLists.txt);
    // opened again in the new language when the language changes.
    onLanguageChange(dialog, [dialog, browser] {
        dialog->setWindowTitle(tr("Gradscope guide"));
        const QUrl guide = guideUrl();
        if (browser->source() != guide) browser->setSource(guide, QTextDocument::MarkdownResource);
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    const QRect screen = this->screen()->availableGeometry();
    dialog->resize(std::min(900, screen.width() * 9 / 10), std::min(800, screen.height() * 9 / 10));
    dialog->show();
}

void MainWindow::downloadMnist() {
    if (m_mnistDownload) return; // one at a time: its dialog is on screen
    auto* download = new MnistDownload(QString::fromStdString(defaultDataDir()), this);
    m_mnistDownload = download;
    auto* dialog = new QProgressDialog(this);
    dialog->setObjectName(QStringLiteral("mnistDownload"));
    dialog->setRange(0, 0);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setMinimumDuration(0);
    // What the dialog says, from the stage it is at (kept in its properties), in the language
    // in effect: now, at each stage and when the language changes.
    const auto say = [dialog] {
        const QString stage = dialog->property("stage").toString();
        if (stage == QLatin1String("installing")) {
            dialog->setLabelText(tr("Checking the SHA-256 sums and installing…"));
            return;
        }
        dialog->setCancelButtonText(tr("Cancel"));
        if (stage == QLatin1String("downloading"))
            dialog->setLabelText(tr("Downloading %1: %2 MB")
                                     .arg(dialog->property("file").toString())
                                     .arg(dialog->property("megabytes").toDouble(), 0, 'f', 1));
        else
            dialog->setLabelText(tr("Downloading MNIST (about 11 MB)…"));
    };
    onLanguageChange(dialog, [dialog, say] {
        dialog->setWindowTitle(tr("Download MNIST"));
        say();
    });
    connect(download, &MnistDownload::progress, dialog,
            [dialog, say](qint64 received, qint64 total, const QString& file) {
                dialog->setProperty("stage", QStringLiteral("downloading"));
                dialog->setProperty("file", file);
                dialog->setProperty("megabytes", double(received) / 1e6);
                say();
                dialog->setMaximum(total > 0 ? 1000 : 0);
                if (total > 0) dialog->setValue(int(1000 * received / total));
            });
    connect(download, &MnistDownload::installing, dialog, [dialog, say] {
        dialog->setProperty("stage", QStringLiteral("installing"));
        say();
        dialog->setCancelButton(nullptr); // a moment's work, written file by file atomically
        dialog->setMaximum(0);
    });
    connect(dialog, &QProgressDialog::canceled, download, &MnistDownload::cancel);
    connect(download, &MnistDownload::finished, this,
            [this, dialog, download](bool ok, const QString& message) {
                dialog->deleteLater();
                download->deleteLater();
                const QString preset = ok ? std::exchange(m_presetAwaitingMnist, {}) : QString();
                // (message: the download's, in the language it was made in.)
                if (ok && !preset.isEmpty()) {
                    loadPreset(preset); // the preset that asked for it, said once it is on screen
                    m_loadNotice = [message, preset] {
                        return message + QLatin1Char(' ') + tr("%1 is loaded.").arg(preset);
                    };
                } else if (ok) {
                    showBar(Bar::Notice, [message] {
                        return message + QLatin1Char(' ') +
                               tr("Open an MNIST preset (File › Open preset: mnist-mlp, "
                                  "mnist-cnn) to train on it.");
                    });
                } else {
                    showBanner(message);
                }
                emit mnistDownloaded(ok, message);
            });
    dialog->show();
    download->start();
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About Gradscope"),
        tr("<h3>Gradscope %1</h3>"
           "<p>Learn backpropagation by watching it happen: build a network, train it with "
           "Gradscope's own reverse-mode autodiff engine, and step through the backward pass "
           "one node at a time.</p>"
           "<p>Gradients and optimizer updates are checked against PyTorch.</p>"
           "<p>Built with Qt %2 and Eigen.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::setPresenterMode(bool on) {
    if (on == m_presenter) return;
    m_presenter = on;
    m_lessons->setTeacherControlsShown(!on);
    {
        const QSignalBlocker block(m_presenterAction);
        m_presenterAction->setChecked(on);
    }
    if (on) {
        m_scaleBeforePresenter = m_textScale;
        m_stateBeforePresenter = saveState(kStateVersion);
        setControlsHidden(true);
        if (m_textScale < 150) setTextScale(150);
        showFullScreen();
        // The views at the bottom take a third of the height, the network and the output the
        // rest (they took half, and a 720-pixel projector cut the network's labels). Once the
        // window has its full-screen size.
        QTimer::singleShot(0, this, [this] {
            if (!m_presenter) return;
            QList<QDockWidget*> bottom;
            for (const QString& name : {QStringLiteral("charts"), QStringLiteral("graph")})
                if (QDockWidget* d = m_registry.dock(name)) bottom.append(d);
            resizeDocks(bottom, QList<int>(bottom.size(), height() / 3), Qt::Vertical);
        });
        showStatus(
            [] {
                return tr("Presenter mode: F11 leaves it, Ctrl+H shows the controls, Ctrl++ and "
                          "Ctrl+− change the text size");
            },
            6000);
    } else {
        setTextScale(m_scaleBeforePresenter);
        setControlsHidden(false);
        showNormal();
        restoreState(m_stateBeforePresenter, kStateVersion); // the docks' sizes, as before
    }
}

void MainWindow::setControlsHidden(bool hidden) {
    if (hidden == m_controlsHidden) return;
    m_controlsHidden = hidden;
    {
        const QSignalBlocker block(m_hideControlsAction);
        m_hideControlsAction->setChecked(hidden);
    }
    // The Playground's "hide controls": what sets training up goes, what shows it stays, and
    // the docks' title bars fold away (the tabs still name the views).
    for (const QString& name : {QStringLiteral("data"), QStringLiteral("builder")})
        if (QDockWidget* d = m_registry.dock(name)) d->setVisible(!hidden);
    m_optimizerBar->setVisible(!hidden);
    for (const ViewEntry& v : m_registry.views())
        if (v.dock)
            if (auto* title = qobject_cast<DockTitleBar*>(v.dock->titleBarWidget()))
                title->setFolded(hidden);
}

void MainWindow::setTextScale(int percent) {
    m_textScale = std::clamp(percent, 100, 250);
    QFont font = m_baseFont;
    if (m_baseFont.pointSizeF() > 0)
        font.setPointSizeF(m_baseFont.pointSizeF() * m_textScale / 100.0);
    else
        font.setPixelSize(m_baseFont.pixelSize() * m_textScale / 100);
    QApplication::setFont(font);
    // Qt tells the widgets only once its event loop runs; the scale restored at start-up (and
    // the tests) come before that, so the windows are told here too.
    QEvent changed(QEvent::ApplicationFontChange);
    for (QWidget* w : QApplication::topLevelWidgets())
        QApplication::sendEvent(w, &changed);
    if (!m_presenter) QSettings().setValue(kTextScaleKey, m_textScale); // the user's own choice
}

void MainWindow::enlargeView(const QString& name) {
    if (name == m_enlarged) return;
    if (!m_enlarged.isEmpty()) {
        // Back to every view as it was: the centre first, so that the docks take back their
        // old sizes beside it rather than the room the centre left.
        m_centre->show();
        m_network->parentWidget()->show();
        m_output->parentWidget()->show();
        restoreState(m_stateBeforeEnlarge, kStateVersion);
        m_enlarged.clear();
        if (m_controlsHidden) {
            m_controlsHidden = false;
            setControlsHidden(true);
        }
    }
    const ViewEntry* v = m_registry.find(name);
    if (!v) return;
    m_stateBeforeEnlarge = saveState(kStateVersion);
    m_enlarged = name;
    for (const ViewEntry& other : m_registry.views())
        if (other.dock && other.dock != v->dock) other.dock->hide();
    if (v->dock) {
        // With the centre hidden, the dock area takes the whole window.
        m_centre->hide();
        v->dock->show();
        v->dock->raise();
    } else {
        m_centre->show();
        m_network->parentWidget()->setVisible(v->widget == m_network);
        m_output->parentWidget()->setVisible(v->widget == m_output);
    }
    showStatus(
        [title = v->titleText] {
            return tr("%1 alone: Esc shows every view again").arg(viewTitle(title));
        },
        5000);
}

} // namespace gs::ui
