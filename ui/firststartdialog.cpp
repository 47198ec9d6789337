#include "ui/firststartdialog.h"

#include "model/tables/displaytext.h"
#include "model/workspace/workspacewriter.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace gantry::ui {

namespace {

// One checked row per found item; the row's index in the draft rides along in Qt::UserRole.
QListWidget* checkableList(const QString& objectName, const QStringList& texts, const QString& emptyText)
{
    auto* list = new QListWidget;
    list->setObjectName(objectName);
    for (qsizetype i = 0; i < texts.size(); ++i) {
        auto* item = new QListWidgetItem(texts[i], list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        item->setData(Qt::UserRole, static_cast<int>(i));
    }
    if (texts.isEmpty()) {
        auto* item = new QListWidgetItem(emptyText, list);
        item->setFlags(Qt::NoItemFlags);
    }
    return list;
}

// The draft's entries whose rows are checked, in the draft's order.
template<typename T> std::vector<T> checkedOf(const std::vector<T>& all, const QListWidget& list)
{
    std::vector<T> chosen;
    for (int row = 0; row < list.count(); ++row) {
        const QListWidgetItem* item = list.item(row);
        const QVariant index = item->data(Qt::UserRole);
        if (index.isValid() && item->checkState() == Qt::Checked)
            chosen.push_back(all.at(static_cast<std::size_t>(index.toInt())));
    }
    return chosen;
}

} // namespace

FirstStartDialog::FirstStartDialog(model::WorkspaceImport found, const QString& defaultPath, QWidget* parent)
    : QDialog(parent)
    , m_draft(std::move(found.workspace))
{
    setWindowTitle(tr("Welcome to Gantry"));
    QStringList registryTexts;
    for (const auto& registry : m_draft.registries)
        registryTexts << model::displayText(registry.host);
    QStringList clusterTexts;
    for (const auto& cluster : m_draft.clusters) {
        QString text = model::displayText(cluster.name) + QStringLiteral("  ") + model::displayText(cluster.server);
        if (!cluster.site.empty())
            text += tr("  (site %1)").arg(model::displayText(cluster.site));
        clusterTexts << text;
    }
    m_registries = checkableList(QStringLiteral("registries"), registryTexts,
        tr("None: no registry in Docker's config.json or containers' auth.json"));
    m_clusters = checkableList(QStringLiteral("clusters"), clusterTexts, tr("None: no context in kubeconfig"));

    auto* intro = new QLabel(tr("There is no workspace yet. Gantry found these registries you have logged in to "
                                "and these Kubernetes clusters. Keep the ones it should watch; credentials stay "
                                "where they are and are never copied into the workspace."));
    intro->setWordWrap(true);
    QStringList problems;
    for (const auto& problem : found.problems)
        problems << model::displayLines(QString::fromStdString(problem));
    auto* problemLabel = new QLabel(problems.join(QLatin1Char('\n')));
    problemLabel->setTextFormat(Qt::PlainText); // problems quote files: never rich text
    problemLabel->setWordWrap(true);
    problemLabel->setVisible(!problems.isEmpty());

    m_path = new QLineEdit(defaultPath);
    m_path->setObjectName(QStringLiteral("path"));
    auto* browseButton = new QPushButton(tr("Browse…"));
    connect(browseButton, &QPushButton::clicked, this, &FirstStartDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();

    auto* buttons = new QDialogButtonBox;
    QPushButton* saveButton = buttons->addButton(tr("Save"), QDialogButtonBox::AcceptRole);
    saveButton->setObjectName(QStringLiteral("save"));
    saveButton->setDefault(true);
    QPushButton* skipButton = buttons->addButton(tr("Skip"), QDialogButtonBox::RejectRole);
    skipButton->setObjectName(QStringLiteral("skip"));
    connect(saveButton, &QPushButton::clicked, this, &FirstStartDialog::save);
    connect(skipButton, &QPushButton::clicked, this, &FirstStartDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("Registries:"), m_registries);
    form->addRow(tr("Clusters:"), m_clusters);
    form->addRow(tr("Save to:"), pathRow);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(problemLabel);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

model::Workspace FirstStartDialog::chosenWorkspace() const
{
    model::Workspace chosen = m_draft;
    chosen.registries = checkedOf(m_draft.registries, *m_registries);
    chosen.clusters = checkedOf(m_draft.clusters, *m_clusters);
    return chosen;
}

void FirstStartDialog::save()
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        m_error->setText(tr("Say where to save the workspace."));
        m_error->show();
        return;
    }
    if (const auto saved = model::saveWorkspace(chosenWorkspace(), path.toStdString()); !saved) {
        m_error->setText(QString::fromStdString(saved.error().message));
        m_error->show();
        return;
    }
    m_savedPath = path;
    accept();
}

void FirstStartDialog::browse()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Save the workspace"), m_path->text(), tr("Gantry workspace (*.json)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

} // namespace gantry::ui
