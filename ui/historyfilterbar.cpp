#include "ui/historyfilterbar.h"

#include "model/journal/journalentry.h"
#include "model/tables/journalfilterproxy.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <array>

namespace gantry::ui {

namespace {

using Kind = model::JournalFilter::Kind;
constexpr int KindRole = Qt::UserRole + 1;

// The earliest date stands for "no bound": a QDateEdit cannot be empty.
const QDate unbounded(2000, 1, 1);

QDateEdit* dateBound(QWidget* parent, const QString& name)
{
    auto* edit = new QDateEdit(unbounded, parent);
    edit->setObjectName(name);
    edit->setMinimumDate(unbounded);
    edit->setSpecialValueText(HistoryFilterBar::tr("any"));
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setCalendarPopup(true);
    return edit;
}

void addActionChoices(QComboBox& combo)
{
    combo.addItem(HistoryFilterBar::tr("All entries"), QString());
    combo.setItemData(0, static_cast<int>(Kind::Both), KindRole);
    combo.addItem(HistoryFilterBar::tr("Gantry's actions"), QString());
    combo.setItemData(1, static_cast<int>(Kind::ActionsOnly), KindRole);
    combo.addItem(HistoryFilterBar::tr("Observed tag movements"), QString());
    combo.setItemData(2, static_cast<int>(Kind::ObservationsOnly), KindRole);
    combo.insertSeparator(combo.count());
    namespace journal = model::journal;
    for (const auto action : std::array { journal::promote, journal::stable, journal::retarget, journal::copy,
             journal::remove, journal::appeared, journal::moved, journal::disappeared }) {
        const auto word = QString::fromUtf8(action.data(), static_cast<qsizetype>(action.size()));
        combo.addItem(word, word);
        combo.setItemData(combo.count() - 1, static_cast<int>(Kind::Both), KindRole);
    }
}

} // namespace

HistoryFilterBar::HistoryFilterBar(
    model::JournalFilterProxy& proxy, const std::vector<std::string>& pipelines, QWidget* parent)
    : QWidget(parent)
    , m_proxy(proxy)
    , m_pipeline(new QComboBox(this))
    , m_tag(new QLineEdit(this))
    , m_action(new QComboBox(this))
    , m_from(dateBound(this, QStringLiteral("fromDate")))
    , m_to(dateBound(this, QStringLiteral("toDate")))
{
    m_pipeline->setObjectName(QStringLiteral("pipelineFilter"));
    m_pipeline->addItem(tr("All pipelines"), QString());
    for (const auto& name : pipelines)
        m_pipeline->addItem(QString::fromStdString(name), QString::fromStdString(name));
    m_tag->setObjectName(QStringLiteral("tagFilter"));
    m_tag->setPlaceholderText(tr("Tag contains…"));
    m_tag->setClearButtonEnabled(true);
    m_action->setObjectName(QStringLiteral("actionFilter"));
    addActionChoices(*m_action);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pipeline);
    layout->addWidget(m_tag, 1);
    layout->addWidget(m_action);
    layout->addWidget(new QLabel(tr("From"), this));
    layout->addWidget(m_from);
    layout->addWidget(new QLabel(tr("to"), this));
    layout->addWidget(m_to);

    connect(m_pipeline, &QComboBox::currentIndexChanged, this, &HistoryFilterBar::applyToProxy);
    connect(m_tag, &QLineEdit::textChanged, this, &HistoryFilterBar::applyToProxy);
    connect(m_action, &QComboBox::currentIndexChanged, this, &HistoryFilterBar::applyToProxy);
    connect(m_from, &QDateEdit::dateChanged, this, &HistoryFilterBar::applyToProxy);
    connect(m_to, &QDateEdit::dateChanged, this, &HistoryFilterBar::applyToProxy);
}

void HistoryFilterBar::applyToProxy()
{
    const auto action = m_action->currentData().toString();
    // Whole local days: from the start of the first to the start of the day after the last.
    m_proxy.setFilter(model::JournalFilter { .pipeline = m_pipeline->currentData().toString(),
        .tagContains = m_tag->text().trimmed(),
        .actions = action.isEmpty() ? QSet<QString>() : QSet<QString> { action },
        .from = m_from->date() == unbounded ? QDateTime() : m_from->date().startOfDay(),
        .until = m_to->date() == unbounded ? QDateTime() : m_to->date().addDays(1).startOfDay(),
        .kind = static_cast<Kind>(m_action->currentData(KindRole).toInt()) });
}

} // namespace gantry::ui
