#pragma once

#include "model/dashboard/dashboardsnapshot.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace gantry::model {
class Dashboard;
class TagFilterProxy;
class TagTableModel;
} // namespace gantry::model

namespace gantry::ui {

/// The Tags page: every tag of every stage, filtered by text (substring or regular expression) and
/// release class, sorted on raw values; a context menu copies digests and references and applies -stable.
class TagsPage final : public QWidget
{
    Q_OBJECT
public:
    /// Shows what setSnapshot() hands it; Apply -stable only emits applyStableRequested.
    explicit TagsPage(QWidget* parent = nullptr);
    /// Follows `dashboard`'s snapshots and sends Apply -stable to it; the outcome arrives as the dashboard's
    /// actionFinished.
    explicit TagsPage(model::Dashboard& dashboard, QWidget* parent = nullptr);
    ~TagsPage() override;

    QString pageName() const { return QStringLiteral("tags"); }
    void setSnapshot(const model::DashboardSnapshot& snapshot);
    /// The table header's columns, widths and sort order, for QSettings.
    QByteArray saveState() const;
    bool restoreState(const QByteArray& state);

Q_SIGNALS:
    /// The user confirmed writing `<tag>-stable` next to `reference` (`host/repo:2.2.4`).
    void applyStableRequested(const QString& reference);

private:
    QWidget* createFilterBar();
    void createActions();
    void applyFilter();
    void showContextMenu(const QPoint& position);
    void updateActions();
    void updateCount();
    int currentSourceRow() const;
    void copyToClipboard(const QString& text);
    void confirmApplyStable();

    model::TagTableModel* m_model = nullptr;
    model::TagFilterProxy* m_proxy = nullptr;
    QLineEdit* m_filter = nullptr;
    QCheckBox* m_regex = nullptr;
    QComboBox* m_classes = nullptr;
    QLabel* m_filterError = nullptr;
    QLabel* m_count = nullptr;
    QTableView* m_view = nullptr;
    QAction* m_copyDigest = nullptr;
    QAction* m_copyDigestReference = nullptr;
    QAction* m_copyTagReference = nullptr;
    QAction* m_applyStable = nullptr;
};

} // namespace gantry::ui
