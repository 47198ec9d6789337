#include "ui/promotionoutcome.h"

#include "model/tables/displaytext.h"

#include <QCoreApplication>
#include <QStringList>

namespace gantry::ui {

namespace {

// Plans quote the workspace and registries: shown escaped.
QString text(const std::string& value)
{
    return model::displayText(value);
}

QString tr(const char* source)
{
    return QCoreApplication::translate("PromotionOutcome", source);
}

} // namespace

QString stableOutcome(const model::PromotionPlan& plan)
{
    switch (plan.stable) {
    case model::StableStep::Write:
        return tr("will write %1 at %2").arg(text(plan.stableTag), text(plan.digest.shortForm()));
    case model::StableStep::AlreadyThere:
        return tr("%1 is already there at the same digest").arg(text(plan.stableTag));
    case model::StableStep::Conflict:
        if (const auto* guard = plan.check(model::Guard::Stable))
            return tr("refused, even with force: %1").arg(text(guard->detail));
        return tr("refused: %1 points at another image").arg(text(plan.stableTag));
    case model::StableStep::None:
        break;
    }
    if (const auto* guard = plan.check(model::Guard::Stable))
        return tr("none: %1").arg(text(guard->detail));
    return plan.toStage.empty() ? tr("none") : tr("none: %1 writes no -stable tags").arg(text(plan.toStage));
}

QString retentionOutcome(const model::PromotionPlan& plan)
{
    if (!plan.retention)
        return tr("unknown: the destination is not in the workspace");
    const auto& retention = *plan.retention;
    if (!retention.policy)
        return tr("%1 has no retention policy: kept until deleted by hand").arg(text(plan.toStage));
    const QString policyName = tr("policy %1 of %2").arg(text(*retention.policy), text(plan.toStage));
    if (retention.keptBy.empty()) {
        QStringList tags;
        for (const auto& tag : retention.tags)
            tags << text(tag);
        return tr("%1: no rule keeps %2, the registry deletes it at its next run")
            .arg(policyName, tags.join(QStringLiteral(", ")));
    }
    QStringList keptBy;
    for (const auto& rule : retention.keptBy)
        keptBy << text(rule.description);
    return tr("%1: kept by %2").arg(policyName, keptBy.join(tr("; or ")));
}

} // namespace gantry::ui
