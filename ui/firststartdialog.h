#pragma once

#include "model/workspace/workspaceimport.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;

namespace gantry::ui {

/// Offered on the first start, when there is no workspace file: shows the registries and clusters
/// found in Docker's and containers' credential files and in kubeconfig, each checkable, and saves
/// the checked ones as a new workspace. Accepted once the file is written (savedPath()); Skip rejects.
class FirstStartDialog final : public QDialog
{
    Q_OBJECT
public:
    /// `found` comes from model::importWorkspace; `defaultPath` is where the workspace is looked for
    /// (model::defaultWorkspacePath()).
    FirstStartDialog(model::WorkspaceImport found, const QString& defaultPath, QWidget* parent = nullptr);

    /// The draft with only the checked registries and clusters.
    model::Workspace chosenWorkspace() const;
    /// The file written by Save; empty before.
    QString savedPath() const { return m_savedPath; }

private:
    void save();
    void browse();

    model::Workspace m_draft;
    QListWidget* m_registries = nullptr;
    QListWidget* m_clusters = nullptr;
    QLineEdit* m_path = nullptr;
    QLabel* m_error = nullptr;
    QString m_savedPath;
};

} // namespace gantry::ui
