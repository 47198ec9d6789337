#include "ui/pipelinespage.h"

#include "model/tables/pipelinematrixmodel.h"
#include "ui/promotiondialog.h"
#include "ui/severitydelegate.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

namespace gantry::ui {

namespace {

const QString headerKey = QStringLiteral("pipelines/header");
const QString pipelineKey = QStringLiteral("pipelines/current");

QString text(const std::string& value)
{
    return QString::fromStdString(value);
}

} // namespace

PipelinesPage::PipelinesPage(model::Dashboard& dashboard, QWidget* parent)
    : QWidget(parent)
    , m_dashboard(dashboard)
    , m_model(new model::PipelineMatrixModel(this))
{
    m_pipelines = new QComboBox;
    m_pipelines->setObjectName(QStringLiteral("pipelineCombo"));
    for (const auto& pipeline : m_dashboard.workspace().pipelines)
        m_pipelines->addItem(text(pipeline.name));

    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("matrixView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new SeverityDelegate(SeverityDelegate::Style::Fill, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->horizontalHeader()->setDefaultSectionSize(240);
    m_view->horizontalHeader()->setStretchLastSection(true);

    m_promoteAction = new QAction(tr("Promote"), this);
    m_promoteAction->setObjectName(QStringLiteral("promoteAction"));
    m_promoteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_promoteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_promoteAction, &QAction::triggered, this, &PipelinesPage::promoteSelected);
    addAction(m_promoteAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addAction(m_promoteAction);
    // Enter (and double-click) on a row asks for the same pre-flight dialog: nothing is written before it.
    connect(m_view, &QTableView::activated, this, &PipelinesPage::promoteSelected);

    m_promoteButton = new QPushButton;
    m_promoteButton->setObjectName(QStringLiteral("promoteRowButton"));
    connect(m_promoteButton, &QPushButton::clicked, m_promoteAction, &QAction::trigger);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("promotionStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setTextFormat(Qt::PlainText); // outcomes quote registries: never rich text
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("promotionProgress"));
    m_progress->setMaximumWidth(200);
    m_progress->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Pipeline:")));
    top->addWidget(m_pipelines);
    top->addStretch(1);
    top->addWidget(m_status);
    top->addWidget(m_progress);
    top->addWidget(m_promoteButton);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    connect(m_pipelines, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        m_model->setPipeline(name.toStdString());
        updatePromoteAction();
    });
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PipelinesPage::updatePromoteAction);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &PipelinesPage::updatePromoteAction);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PipelinesPage::updatePromoteAction);
    connect(&m_dashboard, &model::Dashboard::snapshotChanged, this, &PipelinesPage::takeSnapshot);
    connect(&m_dashboard, &model::Dashboard::planned, this, &PipelinesPage::takePlan);
    connect(&m_dashboard, &model::Dashboard::progress, this, &PipelinesPage::showProgress);
    connect(&m_dashboard, &model::Dashboard::actionFinished, this, &PipelinesPage::finishPromotion);

    const QString remembered = QSettings().value(pipelineKey).toString();
    if (m_pipelines->findText(remembered) >= 0)
        m_pipelines->setCurrentText(remembered);
    m_model->setPipeline(m_pipelines->currentText().toStdString());
    takeSnapshot();
}

PipelinesPage::~PipelinesPage()
{
    QSettings settings;
    if (m_headerRestored)
        settings.setValue(headerKey, m_view->horizontalHeader()->saveState());
    settings.setValue(pipelineKey, currentPipeline());
}

QString PipelinesPage::currentPipeline() const
{
    return m_pipelines->currentText();
}

void PipelinesPage::selectPipeline(const QString& name)
{
    m_pipelines->setCurrentText(name);
}

void PipelinesPage::takeSnapshot()
{
    m_model->setSnapshot(m_dashboard.sharedSnapshot());
    // The header has sections only once a snapshot gave the pipeline its stages.
    if (!m_headerRestored && m_model->columnCount() > 0) {
        m_view->horizontalHeader()->restoreState(QSettings().value(headerKey).toByteArray());
        m_headerRestored = true;
    }
    // The newest version is where a release manager starts: Promote works from the first key press.
    if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, 0));
    updatePromoteAction();
}

int PipelinesPage::selectedRow() const
{
    const auto current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void PipelinesPage::updatePromoteAction()
{
    const int row = selectedRow();
    const auto next = m_model->nextStageFor(row);
    const bool busy = m_planRequest != 0 || m_actionRequest != 0;
    QString label = tr("Promote");
    if (next)
        label = tr("Promote %1 to %2").arg(text(m_model->tagAt(row)), text(*next));
    else if (row >= 0)
        label = tr("%1 is in the last stage").arg(text(m_model->tagAt(row)));
    m_promoteAction->setText(label);
    m_promoteAction->setEnabled(next && !busy);
    m_promoteButton->setText(label);
    m_promoteButton->setEnabled(m_promoteAction->isEnabled());
}

void PipelinesPage::promoteSelected()
{
    const int row = selectedRow();
    if (!m_promoteAction->isEnabled() || !m_model->nextStageFor(row))
        return;
    m_requestPipeline = m_model->pipeline();
    m_request = model::PromotionRequest { m_model->tagAt(row), {}, {}, false };
    m_planRequest = m_dashboard.planPromotion(m_requestPipeline, m_request);
    showStatus(tr("Checking %1…").arg(text(m_request.tag)), false);
    updatePromoteAction();
}

void PipelinesPage::takePlan(quint64 request, const model::PlanOutcome& outcome)
{
    if (request != m_planRequest)
        return;
    m_planRequest = 0;
    showStatus({}, false);
    updatePromoteAction();
    if (!outcome.plan) {
        if (m_dialog)
            m_dialog->reject();
        // The user just asked: a message box answers them, but without blocking the refreshes.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot plan the promotion"),
            tr("%1 could not be checked: %2").arg(text(m_request.tag), text(outcome.plan.error().message)),
            QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("planErrorBox"));
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    if (m_dialog)
        m_dialog->setPlan(*outcome.plan);
    else
        openDialog(*outcome.plan);
}

void PipelinesPage::openDialog(const model::PromotionPlan& plan)
{
    m_dialog = new PromotionDialog(plan, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &PromotionDialog::forceRequested, this, [this](bool force) {
        m_request.force = force;
        m_planRequest = m_dashboard.planPromotion(m_requestPipeline, m_request);
    });
    connect(m_dialog, &QDialog::accepted, this, [this] { runPlan(m_dialog->plan()); });
    // A re-plan still on its way when the dialog closes must not open it again.
    connect(m_dialog, &QDialog::finished, this, [this] {
        m_planRequest = 0;
        updatePromoteAction();
    });
    m_dialog->open();
    Q_EMIT dialogOpened(m_dialog);
}

void PipelinesPage::runPlan(const model::PromotionPlan& plan)
{
    m_running = plan;
    m_actionRequest = m_dashboard.promote(plan);
    m_model->markPromoting(plan.tag, plan.toStage);
    showStatus(tr("Promoting %1 to %2…").arg(text(plan.tag), text(plan.toStage)), false);
    m_progress->setRange(0, 0);
    m_progress->show();
    updatePromoteAction();
}

void PipelinesPage::showProgress(const QString& what, qint64 done, qint64 total)
{
    if (m_actionRequest == 0)
        return;
    m_progress->setToolTip(what);
    m_progress->setRange(0, total > 0 ? 1000 : 0);
    if (total > 0)
        m_progress->setValue(static_cast<int>(done * 1000 / total));
}

void PipelinesPage::finishPromotion(quint64 request, const model::ActionOutcome& outcome)
{
    if (request != m_actionRequest)
        return;
    m_actionRequest = 0;
    m_progress->hide();
    // On success the mark stays until the refresh after the write shows the tag there.
    if (!outcome.status && m_running)
        m_model->clearPromoting(m_running->tag, m_running->toStage);
    m_running.reset();
    const QString message
        = outcome.status ? text(outcome.summary) : tr("Promotion failed: %1").arg(text(outcome.status.error().message));
    showStatus(message, !outcome.status);
    updatePromoteAction();
    Q_EMIT promotionFinished(outcome, message);
}

void PipelinesPage::showStatus(const QString& message, bool failed)
{
    m_status->setText(message);
    m_status->setStyleSheet(failed ? QStringLiteral("color: #b00020") : QString());
}

} // namespace gantry::ui
