#include "ui/promotiondialog.h"

#include "model/tables/displaytext.h"
#include "ui/promotionoutcome.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gantry::ui {

namespace {

using State = model::GuardCheck::State;

// Plans quote the workspace and registries: shown escaped (the protected-stage confirmation
// compares what was typed with this same text).
QString text(const std::string& value)
{
    return model::displayText(value);
}

QString text(model::Guard guard)
{
    const std::string_view name = model::toString(guard);
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

QLabel* selectableLabel(const QString& objectName)
{
    auto* label = new QLabel;
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::PlainText); // plans quote the workspace and registries: never rich text
    label->setWordWrap(true);
    return label;
}

QStyle::StandardPixmap iconFor(State state)
{
    switch (state) {
    case State::Passed:
        return QStyle::SP_DialogApplyButton;
    case State::Overridden:
        return QStyle::SP_MessageBoxWarning;
    case State::Refused:
        break;
    }
    return QStyle::SP_MessageBoxCritical;
}

} // namespace

PromotionDialog::PromotionDialog(model::PromotionPlan plan, QWidget* parent)
    : QDialog(parent)
    , m_plan(std::move(plan))
{
    setWindowTitle(tr("Promote %1").arg(text(m_plan.tag)));
    buildLayout();
    showPlan();
}

void PromotionDialog::buildLayout()
{
    m_verdict = selectableLabel(QStringLiteral("verdictLabel"));
    m_verdict->setTextFormat(Qt::PlainText);
    m_pipeline = selectableLabel(QStringLiteral("pipelineLabel"));
    m_source = selectableLabel(QStringLiteral("sourceLabel"));
    m_destination = selectableLabel(QStringLiteral("destinationLabel"));
    m_digest = selectableLabel(QStringLiteral("digestLabel"));
    m_destinationBefore = selectableLabel(QStringLiteral("destinationBeforeLabel"));
    m_stable = selectableLabel(QStringLiteral("stableLabel"));
    m_retention = selectableLabel(QStringLiteral("retentionLabel"));
    m_form = new QFormLayout;
    m_form->addRow(tr("Pipeline:"), m_pipeline);
    m_form->addRow(tr("Source:"), m_source);
    m_form->addRow(tr("Destination:"), m_destination);
    m_form->addRow(tr("Digest:"), m_digest);
    m_form->addRow(tr("Destination before:"), m_destinationBefore);
    m_form->addRow(tr("-stable:"), m_stable);
    m_form->addRow(tr("Retention:"), m_retention);

    m_guards = new QTreeWidget;
    m_guards->setObjectName(QStringLiteral("guardList"));
    m_guards->setHeaderLabels({ tr("Guard"), tr("Result"), tr("Detail") });
    m_guards->setRootIsDecorated(false);
    m_guards->setWordWrap(true);
    m_guards->header()->setStretchLastSection(true);

    m_command = new QLineEdit;
    m_command->setObjectName(QStringLiteral("commandEdit"));
    m_command->setReadOnly(true);
    auto* copy = new QPushButton(tr("Copy"));
    copy->setObjectName(QStringLiteral("copyCommandButton"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_command->text()); });
    auto* commandRow = new QHBoxLayout;
    commandRow->addWidget(new QLabel(tr("Same from a shell:")));
    commandRow->addWidget(m_command, 1);
    commandRow->addWidget(copy);

    m_force = new QCheckBox(tr("Force (recorded in the journal)"));
    m_force->setObjectName(QStringLiteral("forceCheck"));
    connect(m_force, &QCheckBox::toggled, this, [this](bool force) {
        // Disabled until the new plan arrives: what Promote runs must be what the dialog shows.
        m_force->setEnabled(false);
        m_promote->setEnabled(false);
        Q_EMIT forceRequested(force);
    });

    m_confirmLabel = new QLabel;
    m_confirmLabel->setTextFormat(Qt::PlainText);
    m_confirmTag = new QLineEdit;
    m_confirmTag->setObjectName(QStringLiteral("confirmTagEdit"));
    connect(m_confirmTag, &QLineEdit::textChanged, this, &PromotionDialog::updatePromoteButton);

    auto* buttons = new QDialogButtonBox;
    m_promote = buttons->addButton(tr("Promote"), QDialogButtonBox::AcceptRole);
    m_promote->setObjectName(QStringLiteral("promoteButton"));
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_verdict);
    layout->addLayout(m_form);
    layout->addWidget(m_guards, 1);
    layout->addLayout(commandRow);
    layout->addWidget(m_force);
    layout->addWidget(m_confirmLabel);
    layout->addWidget(m_confirmTag);
    layout->addWidget(buttons);
    resize(760, 520);
}

void PromotionDialog::setPlan(model::PromotionPlan plan)
{
    m_plan = std::move(plan);
    showPlan();
}

void PromotionDialog::showPlan()
{
    const auto* refusal = m_plan.refusal();
    QString verdict;
    QString colour;
    if (refusal) {
        verdict = tr("Refused by %1: %2\nWay out: %3")
                      .arg(text(refusal->guard), text(refusal->detail), text(refusal->wayOut));
        colour = QStringLiteral("#b00020");
    } else if (m_plan.nothingToDo()) {
        verdict = m_plan.toStage.empty()
            ? tr("Nothing to do: %1 is in %2, the last stage").arg(text(m_plan.tag), text(m_plan.fromStage))
            : tr("Nothing to do: %1 already has %2 at this digest").arg(text(m_plan.toStage), text(m_plan.tag));
    } else if (m_plan.forced()) {
        verdict = tr("Forced: guards are overridden, and the journal records it");
        colour = QStringLiteral("#a15c00");
    } else {
        verdict = tr("Every guard passed: %1 goes from %2 to %3")
                      .arg(text(m_plan.tag), text(m_plan.fromStage), text(m_plan.toStage));
    }
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("color: %1; font-weight: bold").arg(colour));

    m_pipeline->setText(tr("%1, tag %2").arg(text(m_plan.pipeline), text(m_plan.tag)));
    const bool hasSource = !m_plan.digest.str().empty();
    m_source->setText(hasSource ? tr("%1 (%2)").arg(text(m_plan.source.toString()), text(m_plan.fromStage)) : tr("—"));
    m_destination->setText(m_plan.toStage.empty() ? tr("—")
                                                  : tr("%1 (%2%3)")
                                                        .arg(text(m_plan.destination.toString()), text(m_plan.toStage),
                                                            m_plan.toProtected ? tr(", protected") : QString()));
    m_digest->setText(hasSource ? text(m_plan.digest.str()) : tr("—"));
    if (!m_plan.destinationBefore)
        m_destinationBefore->setText(tr("no such tag there"));
    else if (*m_plan.destinationBefore == m_plan.digest)
        m_destinationBefore->setText(tr("%1 (the same: nothing to copy)").arg(text(m_plan.destinationBefore->str())));
    else
        m_destinationBefore->setText(tr("%1 (another image)").arg(text(m_plan.destinationBefore->str())));
    m_stable->setText(stableOutcome(m_plan));
    m_retention->setText(retentionOutcome(m_plan));
    fillGuards();
    m_command->setText(text(m_plan.command()));
    m_command->setCursorPosition(0);

    const QSignalBlocker blocker(m_force);
    m_force->setVisible(m_plan.forceable() || m_plan.forced());
    m_force->setChecked(m_plan.forced());
    m_force->setEnabled(true);

    const bool writes = !refusal && !m_plan.nothingToDo();
    const bool confirms = writes && m_plan.toProtected;
    m_confirmLabel->setText(tr("%1 is protected: type %2 to promote").arg(text(m_plan.toStage), text(m_plan.tag)));
    m_confirmLabel->setVisible(confirms);
    m_confirmTag->setVisible(confirms);
    m_promote->setText(tr("Promote to %1").arg(text(m_plan.toStage)));
    m_promote->setVisible(!m_plan.nothingToDo());
    m_cancel->setText(m_plan.nothingToDo() && !refusal ? tr("Close") : tr("Cancel"));
    updatePromoteButton();
}

void PromotionDialog::fillGuards()
{
    m_guards->clear();
    for (const auto& guard : m_plan.guards) {
        auto* item = new QTreeWidgetItem(m_guards,
            { text(guard.guard), text(std::string(model::toString(guard.state))),
                guard.wayOut.empty() ? text(guard.detail)
                                     : tr("%1\nWay out: %2").arg(text(guard.detail), text(guard.wayOut)) });
        item->setIcon(0, style()->standardIcon(iconFor(guard.state)));
        item->setToolTip(2, item->text(2));
    }
    m_guards->resizeColumnToContents(0);
    m_guards->resizeColumnToContents(1);
}

void PromotionDialog::updatePromoteButton()
{
    const bool writes = !m_plan.refusal() && !m_plan.nothingToDo();
    const bool confirmed = !m_plan.toProtected || m_confirmTag->text() == text(m_plan.tag);
    m_promote->setEnabled(writes && confirmed);
}

} // namespace gantry::ui
