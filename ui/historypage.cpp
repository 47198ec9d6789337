#include "ui/historypage.h"

#include "model/dashboard/retargetcandidates.h"
#include "model/journal/journalexport.h"
#include "model/tables/displaytext.h"
#include "model/tables/journalfilterproxy.h"
#include "model/tables/journaltablemodel.h"
#include "ui/historyfilterbar.h"
#include "ui/severitydelegate.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace gantry::ui {

namespace {

std::vector<std::string> pipelineNames(const model::Workspace& workspace)
{
    std::vector<std::string> names;
    for (const auto& pipeline : workspace.pipelines)
        names.push_back(pipeline.name);
    return names;
}

} // namespace

HistoryPage::HistoryPage(model::Dashboard& dashboard, QWidget* parent)
    : QWidget(parent)
    , m_dashboard(dashboard)
    , m_model(new model::JournalTableModel(this))
    , m_proxy(new model::JournalFilterProxy(this))
    , m_table(new QTableView(this))
    , m_pointBack(new QPushButton(tr("Point it back here…"), this))
    , m_retargetStatus(new QLabel(this))
    , m_verify(new QPushButton(tr("Verify chain"), this))
    , m_chainStatus(new QLabel(this))
{
    // They quote tags and errors from outside: never guessed to be rich text.
    m_retargetStatus->setTextFormat(Qt::PlainText);
    m_chainStatus->setTextFormat(Qt::PlainText);
    m_proxy->setSourceModel(m_model);
    m_table->setObjectName(QStringLiteral("journalTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new SeverityDelegate(SeverityDelegate::Style::Text, m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(model::JournalTableModel::Time, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_pointBack->setObjectName(QStringLiteral("pointBackButton"));
    m_pointBack->setEnabled(false);
    m_retargetStatus->setObjectName(QStringLiteral("retargetStatus"));
    m_verify->setObjectName(QStringLiteral("verifyButton"));
    m_chainStatus->setObjectName(QStringLiteral("chainStatus"));
    m_chainStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    exportButton->setObjectName(QStringLiteral("exportButton"));

    auto* actions = new QHBoxLayout;
    actions->addWidget(m_pointBack);
    actions->addWidget(m_retargetStatus, 1);
    actions->addWidget(m_verify);
    actions->addWidget(m_chainStatus, 1);
    actions->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new HistoryFilterBar(*m_proxy, pipelineNames(dashboard.workspace()), this));
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);

    connect(exportButton, &QPushButton::clicked, this, &HistoryPage::chooseExportFile);
    connect(m_verify, &QPushButton::clicked, this, &HistoryPage::verifyChain);
    connect(m_pointBack, &QPushButton::clicked, this, [this] { pointBackHere(currentRow()); });
    connect(m_table, &QTableView::customContextMenuRequested, this, &HistoryPage::showContextMenu);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HistoryPage::updatePointBackButton);
    connect(
        &dashboard, &model::Dashboard::snapshotChanged, this, [this] { setSnapshot(m_dashboard.sharedSnapshot()); });
    connect(&dashboard, &model::Dashboard::actionFinished, this, &HistoryPage::showActionOutcome);
    setSnapshot(dashboard.sharedSnapshot());
}

void HistoryPage::setSnapshot(model::SharedSnapshot snapshot)
{
    m_model->setEntries(snapshot->journal);
    m_snapshot = std::move(snapshot);
    updatePointBackButton();
}

registry::Status HistoryPage::exportCsv(const QString& path) const
{
    std::vector<model::JournalEntry> rows;
    rows.reserve(static_cast<std::size_t>(m_proxy->rowCount()));
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        rows.push_back(m_model->entry(m_proxy->mapToSource(m_proxy->index(row, 0)).row()));
    const auto csv = model::journalToCsv(rows, model::CsvCells::SpreadsheetSafe);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(csv.data(), static_cast<qint64>(csv.size())) != static_cast<qint64>(csv.size()) || !file.commit())
        return registry::fail(registry::ErrorKind::Io,
            "Cannot write " + path.toStdString() + ": " + file.errorString().toStdString()
                + ". Choose a folder you may write to.");
    return {};
}

std::optional<model::RetargetRequest> HistoryPage::retargetForRow(int row) const
{
    if (row < 0 || row >= m_proxy->rowCount())
        return std::nullopt;
    const auto& entry = m_model->entry(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    return model::retargetFor(entry, m_dashboard.workspace(), *m_snapshot);
}

QString HistoryPage::retargetQuestion(const model::RetargetRequest& request) const
{
    const auto* now = model::findTag(*m_snapshot, request.pipeline, request.stage, request.tag);
    const auto from = now ? model::shortDigest(now->digest) : tr("nothing (the tag is gone)");
    return tr("Point the floating tag %1 in %2 back at an earlier artifact?\n\n%3 → %4")
        .arg(QString::fromStdString(request.tag), QString::fromStdString(request.stage), from,
            model::shortDigest(request.digest));
}

void HistoryPage::chooseExportFile()
{
    const auto path = QFileDialog::getSaveFileName(
        this, tr("Export the journal"), QStringLiteral("journal.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const auto written = exportCsv(path); !written)
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(written.error().message));
}

void HistoryPage::verifyChain()
{
    m_verify->setEnabled(false);
    m_chainStatus->setText(tr("checking…"));
    m_verifyRequest = m_dashboard.verifyJournal();
}

void HistoryPage::pointBackHere(int row)
{
    const auto request = retargetForRow(row);
    if (!request || m_retargetRequest)
        return;
    const auto answer = QMessageBox::question(this, tr("Point it back here"), retargetQuestion(*request),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_retargetStatus->setText(tr("moving %1…").arg(QString::fromStdString(request->tag)));
    m_retargetRequest = m_dashboard.retarget(*request);
}

void HistoryPage::showActionOutcome(quint64 request, const model::ActionOutcome& outcome)
{
    const bool ok = outcome.status.has_value();
    const auto text = QString::fromStdString(ok ? outcome.summary : outcome.status.error().message);
    if (request == m_verifyRequest) {
        m_verifyRequest.reset();
        m_verify->setEnabled(true);
        m_chainStatus->setText(ok ? text : tr("chain broken: %1").arg(text));
    } else if (request == m_retargetRequest) {
        m_retargetRequest.reset();
        m_retargetStatus->setText(ok ? text : tr("not moved: %1").arg(text));
        updatePointBackButton();
    }
}

void HistoryPage::showContextMenu(const QPoint& position)
{
    const auto row = m_table->indexAt(position).row();
    if (row < 0)
        return;
    QMenu menu(this);
    auto* pointBack = menu.addAction(tr("Point it back here…"));
    pointBack->setEnabled(retargetForRow(row).has_value());
    if (menu.exec(m_table->viewport()->mapToGlobal(position)) == pointBack)
        pointBackHere(row);
}

void HistoryPage::updatePointBackButton()
{
    m_pointBack->setEnabled(!m_retargetRequest && retargetForRow(currentRow()).has_value());
}

int HistoryPage::currentRow() const
{
    const auto current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

} // namespace gantry::ui
