// MainWindow's file handling: recent files, open, templates, import and export, save,
// the unsaved-changes question and recovery of autosaved work.
#include "gui/window/MainWindow.h"

#include "gui/canvas/DesignView.h"
#include "gui/document/DefaultDesign.h"
#include "gui/document/DesignDocument.h"
#include "gui/window/Autosaver.h"
#include "gui/window/DesignFiles.h"
#include "gui/window/RecoveryBanner.h"
#include "gui/window/WelcomePage.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

namespace sb::gui {

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = DesignFiles::recentFiles();
    for (const QString& path : files) {
        QAction* a = m_recentMenu->addAction(QFileInfo(path).fileName());
        a->setToolTip(path);
        a->setEnabled(QFileInfo::exists(path));
        connect(a, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openFile(path);
        });
    }
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
}

// ---- files ---------------------------------------------------------------------------

bool MainWindow::openFile(const QString& path, bool quiet) {
    if (!m_files->open(path)) {
        if (!quiet)
            QMessageBox::warning(this, tr("Cannot open the file"), m_files->lastError());
        DesignFiles::removeRecentFile(path);
        return false;
    }
    afterLoad(QFileInfo(path).fileName());
    if (const QStringList damage = m_files->openedDamage(); !damage.isEmpty() && !quiet) {
        // Not exec(): the window (and a test driving it) goes on while it shows.
        auto* box = new QMessageBox(
            QMessageBox::Warning, tr("The file is damaged"),
            tr("%1 opened, but part of it is damaged:\n\n%2\n\nEverything else was recovered.")
                .arg(QFileInfo(path).fileName(), damage.join(QStringLiteral("\n"))),
            QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("damagedFileMessage"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    return true;
}

void MainWindow::afterLoad(const QString& what) {
    showWelcome(false);
    m_pasteCount = 0;
    m_welcome->refresh();
    m_view->showDesign();
    const int errors = m_files->openedWithErrors();
    statusBar()->showMessage(
        errors == 0 ? tr("Opened %1").arg(what)
                    : tr("Opened %1, which has %n problem(s) to fix", "", errors).arg(what),
        8000);
}

void MainWindow::loadDefaultDesign() {
    if (m_files->loadText(defaultDesignJson(), tr("the example design")))
        afterLoad(tr("the example design"));
}

void MainWindow::showWelcome(bool show) {
    if (show)
        m_welcome->refresh();
    m_pages->setCurrentIndex(show ? 1 : 0);
}

void MainWindow::newDesign() {
    if (!maybeSave())
        return;
    m_document->reset({});
    m_document->setFilePath({});
    showWelcome(false);
    m_view->setZoom(1);
    m_view->centerOn(0, 0);
}

void MainWindow::openTemplate(const QString& resourcePath) {
    if (!maybeSave())
        return;
    QFile file(resourcePath);
    if (!file.open(QIODevice::ReadOnly) ||
        !m_files->loadText(file.readAll(), QFileInfo(resourcePath).fileName())) {
        QMessageBox::warning(this, tr("Cannot open the template"), m_files->lastError());
        return;
    }
    afterLoad(QFileInfo(resourcePath).baseName());
}

void MainWindow::openWithDialog() {
    if (!maybeSave())
        return;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open"), {}, DesignFiles::openFilter());
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::importWithDialog() {
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a JSON design"), {},
                                                      tr("Designs (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (!m_files->importJson(path)) {
        QMessageBox::warning(this, tr("Cannot import the design"), m_files->lastError());
        return;
    }
    afterLoad(QFileInfo(path).fileName());
}

void MainWindow::exportWithDialog() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export as a JSON design"), {},
                                                tr("Designs (*.json)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    if (!m_files->exportJson(path))
        QMessageBox::warning(this, tr("Cannot export the design"), m_files->lastError());
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

bool MainWindow::save() {
    if (m_document->filePath().isEmpty() || !DesignFiles::isDesignFile(m_document->filePath()))
        return saveAs();
    if (!m_files->save()) {
        QMessageBox::warning(this, tr("Cannot save"), m_files->lastError());
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(m_document->filePath()), 5000);
    return true;
}

bool MainWindow::saveAs() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save as"), m_document->filePath(),
                                                DesignFiles::saveFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".") + QLatin1String(DesignFiles::kWorkspaceSuffix);
    if (!m_files->saveAs(path)) {
        QMessageBox::warning(this, tr("Cannot save"), m_files->lastError());
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

bool MainWindow::maybeSave() {
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("“%1” has changes that are not saved. Save them first?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::offerRecovery(const QList<Autosaver::Leftover>& leftovers) {
    m_recoveryBanner->offer(leftovers);
}

bool MainWindow::recover(const Autosaver::Leftover& leftover) {
    QString error;
    std::optional<design::Design> design = Autosaver::load(leftover, m_catalog, &error);
    if (!design) {
        QMessageBox::warning(this, tr("Cannot recover"), error);
        return false;
    }
    m_document->reset(std::move(*design));
    m_document->setFilePath(leftover.originalPath);
    m_document->setSaved(false);
    Autosaver::remove(leftover);
    m_autosaver->saveNow();
    showWelcome(false);
    m_view->showDesign();
    statusBar()->showMessage(tr("Recovered the unsaved work; save it to keep it."), 8000);
    return true;
}

} // namespace sb::gui
