#include "ui/tagspage.h"

#include "model/dashboard/dashboard.h"
#include "model/tables/tagfilterproxy.h"
#include "model/tables/tagtablemodel.h"
#include "ui/severitydelegate.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QVBoxLayout>

namespace gantry::ui {

namespace {

using model::ReleaseClass;
using model::TagTableModel;

struct ClassChoice
{
    const char* label;
    std::set<ReleaseClass> classes;
};

const std::vector<ClassChoice>& classChoices()
{
    static const std::vector<ClassChoice> choices { { QT_TRANSLATE_NOOP("TagsPage", "All classes"), {} },
        { QT_TRANSLATE_NOOP("TagsPage", "Releases (final, patch)"), { ReleaseClass::Final, ReleaseClass::Patch } },
        { QT_TRANSLATE_NOOP("TagsPage", "Final"), { ReleaseClass::Final } },
        { QT_TRANSLATE_NOOP("TagsPage", "Patch"), { ReleaseClass::Patch } },
        { QT_TRANSLATE_NOOP("TagsPage", "Pre-release"), { ReleaseClass::PreRelease } },
        { QT_TRANSLATE_NOOP("TagsPage", "Stable"), { ReleaseClass::Stable } },
        { QT_TRANSLATE_NOOP("TagsPage", "Floating"), { ReleaseClass::Floating } },
        { QT_TRANSLATE_NOOP("TagsPage", "Other"), { ReleaseClass::Other } } };
    return choices;
}

} // namespace

TagsPage::TagsPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new model::TagTableModel(this))
    , m_proxy(new model::TagFilterProxy(this))
    , m_view(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("tagTable"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new SeverityDelegate(SeverityDelegate::Style::Fill, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(TagTableModel::Tag, Qt::DescendingOrder); // newest release first
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Uniform rows: with 100,000 of them, measuring each row's height would cost more than the filter.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createFilterBar());
    layout->addWidget(m_view);
    createActions();

    connect(m_view, &QTableView::customContextMenuRequested, this, &TagsPage::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &TagsPage::updateActions);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &TagsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TagsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &TagsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TagsPage::updateCount);
    updateCount();
    updateActions();
}

TagsPage::~TagsPage() = default;

QWidget* TagsPage::createFilterBar()
{
    auto* bar = new QWidget(this);
    m_filter = new QLineEdit(bar);
    m_filter->setObjectName(QStringLiteral("tagFilter"));
    m_filter->setPlaceholderText(tr("Filter by repository, tag or digest"));
    m_filter->setClearButtonEnabled(true);
    m_regex = new QCheckBox(tr("Regular expression"), bar);
    m_regex->setObjectName(QStringLiteral("tagFilterRegex"));
    m_classes = new QComboBox(bar);
    m_classes->setObjectName(QStringLiteral("tagClassFilter"));
    for (const ClassChoice& choice : classChoices())
        m_classes->addItem(tr(choice.label));
    m_filterError = new QLabel(bar);
    m_filterError->setObjectName(QStringLiteral("tagFilterError"));
    m_filterError->setTextFormat(Qt::PlainText); // quotes the pattern typed
    m_filterError->setStyleSheet(QStringLiteral("color: #c62828"));
    m_filterError->hide();
    m_count = new QLabel(bar);
    m_count->setObjectName(QStringLiteral("tagCount"));

    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter, 1);
    layout->addWidget(m_regex);
    layout->addWidget(m_classes);
    layout->addWidget(m_filterError);
    layout->addWidget(m_count);

    connect(m_filter, &QLineEdit::textChanged, this, &TagsPage::applyFilter);
    connect(m_regex, &QCheckBox::toggled, this, &TagsPage::applyFilter);
    connect(m_classes, &QComboBox::currentIndexChanged, this, &TagsPage::applyFilter);
    return bar;
}

void TagsPage::createActions()
{
    m_copyDigest = new QAction(tr("Copy digest"), this);
    m_copyDigest->setObjectName(QStringLiteral("copyDigest"));
    m_copyDigest->setShortcut(QKeySequence::Copy);
    m_copyDigest->setShortcutContext(Qt::WidgetShortcut);
    m_copyDigestReference = new QAction(tr("Copy reference by digest"), this);
    m_copyDigestReference->setObjectName(QStringLiteral("copyDigestReference"));
    m_copyTagReference = new QAction(tr("Copy reference by tag"), this);
    m_copyTagReference->setObjectName(QStringLiteral("copyTagReference"));
    m_applyStable = new QAction(tr("Apply -stable…"), this);
    m_applyStable->setObjectName(QStringLiteral("applyStable"));
    m_view->addActions({ m_copyDigest, m_copyDigestReference, m_copyTagReference, m_applyStable });

    const auto copying = [this](QAction* action, QString (model::TagTableModel::*text)(int) const) {
        connect(action, &QAction::triggered, this, [this, text] {
            if (const int row = currentSourceRow(); row >= 0)
                copyToClipboard((m_model->*text)(row));
        });
    };
    copying(m_copyDigest, &model::TagTableModel::digest);
    copying(m_copyDigestReference, &model::TagTableModel::digestReference);
    copying(m_copyTagReference, &model::TagTableModel::tagReference);
    connect(m_applyStable, &QAction::triggered, this, &TagsPage::confirmApplyStable);
}

void TagsPage::setSnapshot(const model::DashboardSnapshot& snapshot)
{
    m_model->setSnapshot(snapshot);
    updateActions();
}

QByteArray TagsPage::saveState() const
{
    return m_view->horizontalHeader()->saveState();
}

bool TagsPage::restoreState(const QByteArray& state)
{
    return m_view->horizontalHeader()->restoreState(state);
}

void TagsPage::applyFilter()
{
    m_proxy->setRegularExpression(m_regex->isChecked());
    m_proxy->setFilterText(m_filter->text());
    m_proxy->setReleaseClasses(
        classChoices()[static_cast<std::size_t>(std::max(0, m_classes->currentIndex()))].classes);
    m_filterError->setText(m_proxy->filterError());
    m_filterError->setVisible(!m_proxy->filterError().isEmpty());
}

void TagsPage::showContextMenu(const QPoint& position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    updateActions();
    QMenu menu(this);
    menu.addActions({ m_copyDigest, m_copyDigestReference, m_copyTagReference });
    menu.addSeparator();
    menu.addAction(m_applyStable);
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void TagsPage::updateActions()
{
    const int row = currentSourceRow();
    for (QAction* action : { m_copyDigest, m_copyDigestReference, m_copyTagReference })
        action->setEnabled(row >= 0);
    const std::optional<QString> stable = row >= 0 ? m_model->missingStableTag(row) : std::nullopt;
    m_applyStable->setEnabled(stable.has_value());
    m_applyStable->setText(stable ? tr("Apply %1…").arg(*stable) : tr("Apply -stable…"));
}

void TagsPage::updateCount()
{
    m_count->setText(tr("%L1 of %L2 tags").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

int TagsPage::currentSourceRow() const
{
    const QModelIndex current = m_proxy->mapToSource(m_view->currentIndex());
    return current.isValid() ? current.row() : -1;
}

void TagsPage::copyToClipboard(const QString& text)
{
    QApplication::clipboard()->setText(text);
}

void TagsPage::confirmApplyStable()
{
    const int row = currentSourceRow();
    const std::optional<QString> stable = row >= 0 ? m_model->missingStableTag(row) : std::nullopt;
    if (!stable)
        return;
    const QString reference = m_model->tagReference(row);
    const QString question = tr("Write the tag %1:%2?\n\nIt will point at %3, the digest of %4.")
                                 .arg(m_model->repository(row), *stable, m_model->digest(row), reference);
    QMessageBox box(QMessageBox::Question, tr("Apply -stable"), question, QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("applyStableConfirmation"));
    box.setDefaultButton(QMessageBox::Cancel);
    if (box.exec() == QMessageBox::Yes)
        Q_EMIT applyStableRequested(reference);
}

TagsPage::TagsPage(model::Dashboard& dashboard, QWidget* parent)
    : TagsPage(parent)
{
    connect(&dashboard, &model::Dashboard::snapshotChanged, this,
        [this, &dashboard] { setSnapshot(dashboard.snapshot()); });
    connect(this, &TagsPage::applyStableRequested, &dashboard,
        [&dashboard](const QString& reference) { dashboard.applyStable(reference.toStdString()); });
    setSnapshot(dashboard.snapshot());
}

} // namespace gantry::ui
